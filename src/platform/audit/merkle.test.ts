import { describe, it, expect } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import type { HashAlg } from '../crypto/hash.js';
import { TEST_DIALECTS, openTestDb } from '../db/testing.js';
import { appendLedger } from './ledger.js';
import {
  consistencyProof,
  consistencyProofFrom,
  emptyRoot,
  inclusionProofFrom,
  nodeHash,
  inclusionProof,
  leafHash,
  rootOf,
  treeAccumulator,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
import { ledgerRoot } from './ledger-tree.js';

const h = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// RFC 6962 reference leaves and roots (certificate-transparency / transparency-dev/merkle testdata).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(h);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// Inclusion proofs: 0-based leaf index, tree size, path.
const INCLUSION: [number, number, string[]][] = [
  [0, 8, [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ]],
  [5, 8, [
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  ]],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 8, [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ]],
  [6, 8, [
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]],
  [2, 5, [
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  ]],
  [6, 7, [
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]],
];
const SOME_HASH = h('abacaba000000000000000000000000000000000000000000060061e00123456');
const EMPTY = h(ROOTS[0]);
const root = (n: number) => h(ROOTS[n]);
const flip = (b: Uint8Array, mask: number) => {
  const c = Uint8Array.from(b);
  c[0] ^= mask;
  return c;
};

/** Mutations of a valid inclusion proof, each of which must be rejected (as transparency-dev's). */
function corruptInclusion(index: number, size: number, proof: Uint8Array[], rt: Uint8Array, leaf: Uint8Array) {
  const probes: [string, number, number, Uint8Array, Uint8Array[], Uint8Array][] = [
    ['index - 1', index - 1, size, leaf, proof, rt],
    ['index + 1', index + 1, size, leaf, proof, rt],
    ['index ^ 2', index ^ 2, size, leaf, proof, rt],
    ['size * 2', index, size * 2, leaf, proof, rt],
    ['size / 2', index, Math.floor(size / 2), leaf, proof, rt],
    ['wrong leaf', index, size, new TextEncoder().encode('WrongLeaf'), proof, rt],
    ['empty root', index, size, leaf, proof, EMPTY],
    ['random root', index, size, leaf, proof, SOME_HASH],
    ['trailing garbage', index, size, leaf, [...proof, new Uint8Array(0)], rt],
    ['trailing root', index, size, leaf, [...proof, rt], rt],
    ['preceding garbage', index, size, leaf, [new Uint8Array(0), ...proof], rt],
    ['preceding root', index, size, leaf, [rt, ...proof], rt],
  ];
  proof.forEach((_, i) =>
    probes.push([`proof[${i}] bit 3`, index, size, leaf, proof.map((p, j) => (j === i ? flip(p, 8) : p)), rt]),
  );
  if (proof.length > 0) probes.push(['removed component', index, size, leaf, proof.slice(0, -1), rt]);
  if (proof.length > 1) probes.push(['inserted component', index, size, leaf, [proof[0], SOME_HASH, ...proof.slice(1)], rt]);
  return probes;
}

function corruptConsistency(m: number, n: number, r1: Uint8Array, r2: Uint8Array, proof: Uint8Array[]) {
  const wrong = new TextEncoder().encode('WrongRoot');
  const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
    ['m - 1', m - 1, n, r1, r2, proof],
    ['m + 1', m + 1, n, r1, r2, proof],
    ['m ^ 2', m ^ 2, n, r1, r2, proof],
    ['n * 2', m, n * 2, r1, r2, proof],
    ['n / 2', m, Math.floor(n / 2), r1, r2, proof],
    ['wrong root1', m, n, wrong, r2, proof],
    ['wrong root2', m, n, r1, wrong, proof],
    ['swapped roots', m, n, r2, r1, proof],
    ['empty proof', m, n, r1, r2, []],
    ['trailing garbage', m, n, r1, r2, [...proof, new Uint8Array(0)]],
    ['trailing root1', m, n, r1, r2, [...proof, r1]],
    ['trailing root2', m, n, r1, r2, [...proof, r2]],
    ['preceding garbage', m, n, r1, r2, [new Uint8Array(0), ...proof]],
    ['preceding root1', m, n, r1, r2, [r1, ...proof]],
    ['preceding root2', m, n, r1, r2, [r2, ...proof]],
    ['preceding proof[0]', m, n, r1, r2, [proof[0], ...proof]],
    ['truncated proof', m, n, r1, r2, proof.slice(0, -1)],
  ];
  proof.forEach((_, i) =>
    probes.push([`proof[${i}] bit 4`, m, n, r1, r2, proof.map((p, j) => (j === i ? flip(p, 16) : p))]),
  );
  return probes;
}

describe('RFC 6962 Merkle tree (SHA-256 reference vectors)', () => {
  it('computes the roots of the reference trees of sizes 0..8', () => {
    for (let n = 0; n <= 8; n++) expect(hex(rootOf('sha256', LEAVES.slice(0, n))), `size ${n}`).toBe(ROOTS[n]);
  });

  it('generates the reference inclusion proofs, which verify and resist corruption', () => {
    for (const [index, size, expected] of INCLUSION) {
      const proof = inclusionProof('sha256', LEAVES.slice(0, size), index);
      expect(proof.map(hex), `${index}/${size}`).toEqual(expected);
      const leaf = leafHash('sha256', LEAVES[index]);
      expect(verifyInclusion('sha256', leaf, index, size, proof, root(size))).toBe(true);
      for (const [desc, i, s, l, p, r] of corruptInclusion(index, size, proof, root(size), leaf)) {
        expect(verifyInclusion('sha256', l, i, s, p, r), `${index}/${size}: ${desc}`).toBe(false);
      }
    }
  });

  it('single leaf: empty proof, root equals leaf hash, wrong sizes refused', () => {
    const leaf = leafHash('sha256', new TextEncoder().encode('data'));
    expect(verifyInclusion('sha256', leaf, 0, 1, [], leaf)).toBe(true);
    expect(verifyInclusion('sha256', new Uint8Array(0), 0, 1, [], leaf)).toBe(false);
    expect(verifyInclusion('sha256', leaf, 0, 1, [], new Uint8Array(0))).toBe(false);
    expect(verifyInclusion('sha256', new Uint8Array(0), 0, 1, [], new Uint8Array(0))).toBe(false);
    for (const [index, size] of [[0, 0], [1, 0], [2, 1]]) {
      expect(verifyInclusion('sha256', SOME_HASH, index, size, [], EMPTY)).toBe(false);
    }
  });

  it('the store-backed generators give the reference proofs too', async () => {
    const memory = (leaves: Uint8Array[]) => async (lo: number, hi: number) => rootOf('sha256', leaves.slice(lo, hi));
    for (const [index, size, expected] of INCLUSION) {
      expect((await inclusionProofFrom(size, index, memory(LEAVES.slice(0, size)))).map(hex), `${index}/${size}`).toEqual(expected);
    }
    for (const [m, n, expected] of CONSISTENCY) {
      expect((await consistencyProofFrom(m, n, memory(LEAVES.slice(0, n)))).map(hex), `${m}→${n}`).toEqual(expected);
    }
    // transparency-dev testdata/consistency/0: sizes 1 → 1, no proof.
    expect(await consistencyProofFrom(1, 1, memory(LEAVES.slice(0, 1)))).toEqual([]);
    expect(verifyConsistency('sha256', 1, 1, root(1), root(1), [])).toBe(true);
    await expect(inclusionProofFrom(3, 3, memory(LEAVES))).rejects.toThrow(RangeError);
    await expect(consistencyProofFrom(4, 3, memory(LEAVES))).rejects.toThrow(RangeError);
  });

  it('generates the reference consistency proofs, which verify and resist corruption', () => {
    for (const [m, n, expected] of CONSISTENCY) {
      const proof = consistencyProof('sha256', LEAVES.slice(0, n), m);
      expect(proof.map(hex), `${m}→${n}`).toEqual(expected);
      expect(verifyConsistency('sha256', m, n, root(m), root(n), proof)).toBe(true);
      for (const [desc, m2, n2, r1, r2, p] of corruptConsistency(m, n, root(m), root(n), proof)) {
        expect(verifyConsistency('sha256', m2, n2, r1, r2, p), `${m}→${n}: ${desc}`).toBe(false);
      }
    }
  });

  it('handles the trivial consistency cases as RFC 9162 defines them', () => {
    const r1 = new TextEncoder().encode("don't care 1");
    const r2 = new TextEncoder().encode("don't care 2");
    expect(verifyConsistency('sha256', 0, 0, r1, r1, [])).toBe(true);
    expect(verifyConsistency('sha256', 0, 1, r1, r2, [])).toBe(true);
    expect(verifyConsistency('sha256', 1, 1, r2, r2, [])).toBe(true);
    expect(verifyConsistency('sha256', 0, 0, r1, r2, [])).toBe(false);
    expect(verifyConsistency('sha256', 1, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency('sha256', 1, 0, r1, r2, [])).toBe(false);
    expect(verifyConsistency('sha256', 2, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency('sha256', 1, 2, r1, r2, [])).toBe(false);
    expect(verifyConsistency('sha256', 0, 1, EMPTY, EMPTY, [EMPTY])).toBe(false);
    expect(verifyConsistency('sha256', 1, 1, EMPTY, EMPTY, [EMPTY])).toBe(false);
  });
});

for (const alg of ['sha256', 'sm3'] as HashAlg[]) {
  describe(`Merkle proofs round-trip for every size up to 33 (${alg})`, () => {
    const leaves = Array.from({ length: 33 }, (_, i) => new TextEncoder().encode(`leaf ${i}`));

    it('streaming accumulator equals the recursive root', () => {
      const acc = treeAccumulator(alg);
      expect(hex(acc.root())).toBe(hex(emptyRoot(alg)));
      for (let n = 1; n <= leaves.length; n++) {
        acc.pushLeafHash(leafHash(alg, leaves[n - 1]));
        expect(hex(acc.root()), `size ${n}`).toBe(hex(rootOf(alg, leaves.slice(0, n))));
      }
    });

    it('resumes from a stored compact range and reports each completed node', () => {
      const nodes = new Map<string, string>();
      const all = treeAccumulator(alg, undefined, (level, index, hash) => nodes.set(`${level}/${index}`, hex(hash)));
      for (const l of leaves) all.pushLeafHash(leafHash(alg, l));
      // Every reported node is the root of its perfect subtree.
      for (const [key, value] of nodes) {
        const [level, index] = key.split('/').map(Number);
        const width = 2 ** level;
        expect(value, key).toBe(hex(rootOf(alg, leaves.slice(index * width, (index + 1) * width))));
      }
      // n leaves complete n − popcount(n) interior nodes: 33 → 31.
      expect(nodes.size).toBe(31);
      for (let cut = 0; cut <= leaves.length; cut++) {
        const first = treeAccumulator(alg);
        leaves.slice(0, cut).forEach((l) => first.pushLeafHash(leafHash(alg, l)));
        const resumed = treeAccumulator(alg, { size: cut, range: first.range() });
        leaves.slice(cut).forEach((l) => resumed.pushLeafHash(leafHash(alg, l)));
        expect(hex(resumed.root()), `resumed at ${cut}`).toBe(hex(all.root()));
      }
      expect(() => treeAccumulator(alg, { size: 3, range: [emptyRoot(alg)] })).toThrow(RangeError);
    });

    it('store-backed proofs equal the in-memory ones for every size and index', async () => {
      const memory = (lo: number, hi: number) => Promise.resolve(rootOf(alg, leaves.slice(lo, hi)));
      for (let n = 1; n <= leaves.length; n++) {
        for (let i = 0; i < n; i++) {
          expect((await inclusionProofFrom(n, i, memory)).map(hex)).toEqual(inclusionProof(alg, leaves.slice(0, n), i).map(hex));
        }
        for (let m = 0; m <= n; m++) {
          expect((await consistencyProofFrom(m, n, memory)).map(hex)).toEqual(consistencyProof(alg, leaves.slice(0, n), m).map(hex));
        }
      }
      expect(hex(nodeHash(alg, leafHash(alg, leaves[0]), leafHash(alg, leaves[1])))).toBe(hex(rootOf(alg, leaves.slice(0, 2))));
    });

    it('every inclusion and consistency proof verifies, and only against its own tree', () => {
      const roots = Array.from({ length: leaves.length + 1 }, (_, n) => rootOf(alg, leaves.slice(0, n)));
      for (let n = 1; n <= leaves.length; n++) {
        const tree = leaves.slice(0, n);
        for (let i = 0; i < n; i++) {
          const proof = inclusionProof(alg, tree, i);
          const leaf = leafHash(alg, leaves[i]);
          expect(verifyInclusion(alg, leaf, i, n, proof, roots[n])).toBe(true);
          if (n > 1) expect(verifyInclusion(alg, leaf, (i + 1) % n, n, proof, roots[n])).toBe(false);
        }
        for (let m = 0; m <= n; m++) {
          const proof = consistencyProof(alg, tree, m);
          expect(verifyConsistency(alg, m, n, roots[m], roots[n], proof), `${m}→${n}`).toBe(true);
          if (m > 0 && m < n) {
            expect(verifyConsistency(alg, m, n, flip(roots[m], 1), roots[n], proof)).toBe(false);
            expect(verifyConsistency(alg, m, n, roots[m], flip(roots[n], 1), proof)).toBe(false);
          }
        }
      }
    });
  });
}

for (const dialect of TEST_DIALECTS) {
  describe(`ledgerRoot on ${dialect}`, () => {
    it('is the Merkle root over the raw bytes of the entry hashes, for the head or an earlier size', async () => {
      const { db, close } = await openTestDb(dialect);
      try {
        expect(await ledgerRoot(db, 'sm3')).toEqual({ size: 0, root: hex(emptyRoot('sm3')) });
        const hashes: Uint8Array[] = [];
        for (let i = 0; i < 7; i++) {
          const { entryHash } = await db.transaction().execute((trx) =>
            appendLedger(trx, { actor: SYSTEM_ACTOR, action: 'ledger.verified', objectType: 'ledger', objectId: 'x' }, { alg: 'sm3', now: new Date() }),
          );
          hashes.push(h(entryHash));
        }
        expect(await ledgerRoot(db, 'sm3', 7, 3)).toEqual({ size: 7, root: hex(rootOf('sm3', hashes)) });
        expect(await ledgerRoot(db, 'sm3')).toEqual({ size: 7, root: hex(rootOf('sm3', hashes)) });
        expect((await ledgerRoot(db, 'sm3', 5)).root).toBe(hex(rootOf('sm3', hashes.slice(0, 5))));
        await expect(ledgerRoot(db, 'sm3', 9)).rejects.toThrow(/fewer/);
      } finally {
        await close();
      }
    });
  });
}
