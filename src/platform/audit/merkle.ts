import { hashBytes, type HashAlg } from '../crypto/hash.js';

/**
 * RFC 6962 / RFC 9162 Merkle tree with the hash as a parameter (SM3 in production, SHA-256 to
 * check against the published vectors). Written here because the npm packages either omit the
 * 0x00/0x01 domain prefixes or produce consistency proofs other verifiers reject.
 * Sizes and indices are JS numbers; the arithmetic avoids 32-bit bit operators so it stays exact
 * up to 2^53 leaves. Pure (no database): the offline proof checker builds on it; the stored tree
 * over the ledger lives in ledger-tree.ts.
 */

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/** H(0x00 || d): leaves can never be confused with interior nodes (second-preimage defence). */
export function leafHash(alg: HashAlg, data: Uint8Array): Uint8Array {
  return hashBytes(alg, concat(LEAF, data));
}

export function nodeHash(alg: HashAlg, left: Uint8Array, right: Uint8Array): Uint8Array {
  return hashBytes(alg, concat(NODE, left, right));
}

/** MTH({}) = H(""). */
export function emptyRoot(alg: HashAlg): Uint8Array {
  return hashBytes(alg, new Uint8Array(0));
}

/** k: the largest power of two strictly below n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);
const isPowerOfTwo = (x: number): boolean => x > 0 && x === 2 ** Math.round(Math.log2(x));

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** MTH over already-hashed leaves hashes[lo, hi). */
function subtreeRoot(alg: HashAlg, hashes: Uint8Array[], lo: number, hi: number): Uint8Array {
  const n = hi - lo;
  if (n === 0) return emptyRoot(alg);
  if (n === 1) return hashes[lo];
  const k = splitPoint(n);
  return nodeHash(alg, subtreeRoot(alg, hashes, lo, lo + k), subtreeRoot(alg, hashes, lo + k, hi));
}

export function rootOf(alg: HashAlg, leaves: Uint8Array[]): Uint8Array {
  return subtreeRoot(alg, leaves.map((d) => leafHash(alg, d)), 0, leaves.length);
}

/** RFC 6962 §2.1.1 PATH(m, D[n]): sibling hashes from the leaf up. */
export function inclusionProof(alg: HashAlg, leaves: Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError('leaf index out of range');
  const hashes = leaves.map((d) => leafHash(alg, d));
  const path = (m: number, lo: number, hi: number): Uint8Array[] => {
    if (hi - lo <= 1) return [];
    const k = splitPoint(hi - lo);
    return m < k
      ? [...path(m, lo, lo + k), subtreeRoot(alg, hashes, lo + k, hi)]
      : [...path(m - k, lo + k, hi), subtreeRoot(alg, hashes, lo, lo + k)];
  };
  return path(index, 0, hashes.length);
}

/** RFC 9162 §2.1.3.2. Lengths are checked so that empty or truncated hashes never "match". */
export function verifyInclusion(
  alg: HashAlg,
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  const len = emptyRoot(alg).length;
  if (!(index >= 0 && index < size) || leaf.length !== len || root.length !== len) return false;
  if (proof.some((p) => p.length !== len)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(alg, p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(alg, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(r, root);
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]): shows the first m leaves are unchanged in the size-n tree. */
export function consistencyProof(alg: HashAlg, leaves: Uint8Array[], m: number): Uint8Array[] {
  const n = leaves.length;
  if (!Number.isInteger(m) || m < 0 || m > n) throw new RangeError('old size out of range');
  if (m === 0 || m === n) return [];
  const hashes = leaves.map((d) => leafHash(alg, d));
  const subproof = (m: number, lo: number, hi: number, complete: boolean): Uint8Array[] => {
    if (m === hi - lo) return complete ? [] : [subtreeRoot(alg, hashes, lo, hi)];
    const k = splitPoint(hi - lo);
    return m <= k
      ? [...subproof(m, lo, lo + k, complete), subtreeRoot(alg, hashes, lo + k, hi)]
      : [...subproof(m - k, lo + k, hi, false), subtreeRoot(alg, hashes, lo, lo + k)];
  };
  return subproof(m, 0, n, true);
}

/** RFC 9162 §2.1.4.2, with the trivial cases (m = 0, m = n) handled as RFC 9162 defines the proofs. */
export function verifyConsistency(
  alg: HashAlg,
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
  proof: Uint8Array[],
): boolean {
  if (!(m >= 0 && m <= n)) return false;
  if (m === n) return proof.length === 0 && equal(rootM, rootN);
  if (m === 0) return proof.length === 0;
  const len = emptyRoot(alg).length;
  if (proof.length === 0 || rootM.length !== len || rootN.length !== len) return false;
  if (proof.some((p) => p.length !== len)) return false;

  const path = isPowerOfTwo(m) ? [rootM, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(alg, c, fr);
      sr = nodeHash(alg, c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(alg, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(fr, rootM) && equal(sr, rootN);
}

/**
 * Streaming MTH in O(log n) memory: keeps the roots of the perfect subtrees that make up the
 * leaves so far (a compact range), merging equal sizes as leaves arrive. May resume from a stored
 * compact range (`from`), and reports every interior node it completes (`onNode`: level >= 1,
 * index within that level) so that a caller can store them.
 */
export function treeAccumulator(
  alg: HashAlg,
  from?: { size: number; range: Uint8Array[] },
  onNode?: (level: number, index: number, hash: Uint8Array) => void,
) {
  const stack: { size: number; hash: Uint8Array }[] = from ? compactRangeSizes(from.size).map((size, i) => ({ size, hash: from.range[i] })) : [];
  if (from && stack.length !== from.range.length) throw new RangeError('compact range does not match its size');
  let size = from?.size ?? 0;
  return {
    pushLeafHash(hash: Uint8Array): void {
      let node = { size: 1, hash };
      let level = 0;
      while (stack.length > 0 && stack[stack.length - 1].size === node.size) {
        const left = stack.pop()!;
        node = { size: left.size * 2, hash: nodeHash(alg, left.hash, node.hash) };
        level += 1;
        // size + 1 leaves now; this node ends at the last of them.
        onNode?.(level, (size + 1) / node.size - 1, node.hash);
      }
      stack.push(node);
      size += 1;
    },
    get size(): number {
      return size;
    },
    /** The perfect subtrees' roots, left to right (their sizes are the binary digits of size). */
    range(): Uint8Array[] {
      return stack.map((s) => s.hash);
    },
    root(): Uint8Array {
      if (stack.length === 0) return emptyRoot(alg);
      let h = stack[stack.length - 1].hash;
      for (let i = stack.length - 2; i >= 0; i--) h = nodeHash(alg, stack[i].hash, h);
      return h;
    },
  };
}

/** Sizes of the perfect subtrees of a compact range over [0, n), largest first. */
export function compactRangeSizes(n: number): number[] {
  const sizes: number[] = [];
  let rest = n;
  while (rest > 0) {
    let p = 1;
    while (p * 2 <= rest) p *= 2;
    sizes.push(p);
    rest -= p;
  }
  return sizes;
}

/**
 * MTH of leaves [lo, hi), answered by whoever holds the tree (memory, stored nodes). Only ranges
 * that occur in RFC 6962's recursion are asked for: [lo, hi) with lo a multiple of the largest
 * power of two not above hi - lo.
 */
export type RangeHash = (lo: number, hi: number) => Promise<Uint8Array>;

/** RFC 6962 §2.1.1 PATH(m, D[n]) over any tree store: the same recursion as inclusionProof. */
export async function inclusionProofFrom(size: number, index: number, rangeHash: RangeHash): Promise<Uint8Array[]> {
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError('leaf index out of range');
  const out: Uint8Array[] = [];
  // Iterative top-down walk; siblings are collected root-first and returned leaf-first.
  let lo = 0;
  let hi = size;
  let m = index;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < k) {
      out.push(await rangeHash(lo + k, hi));
      hi = lo + k;
    } else {
      out.push(await rangeHash(lo, lo + k));
      lo += k;
      m -= k;
    }
  }
  return out.reverse();
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]) over any tree store: the same recursion as consistencyProof. */
export async function consistencyProofFrom(m: number, n: number, rangeHash: RangeHash): Promise<Uint8Array[]> {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || m > n) throw new RangeError('old size out of range');
  if (m === 0 || m === n) return [];
  const out: Uint8Array[] = [];
  let lo = 0;
  let hi = n;
  let rest = m;
  let complete = true;
  for (;;) {
    if (rest === hi - lo) {
      if (!complete) out.push(await rangeHash(lo, hi));
      break;
    }
    const k = splitPoint(hi - lo);
    if (rest <= k) {
      out.push(await rangeHash(lo + k, hi));
      hi = lo + k;
    } else {
      out.push(await rangeHash(lo, lo + k));
      lo += k;
      rest -= k;
      complete = false;
    }
  }
  return out.reverse();
}
