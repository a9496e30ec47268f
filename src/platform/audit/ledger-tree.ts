import type { Kysely } from 'kysely';
import type { DbOrTrx } from '../context.js';
import { isHashAlg, type HashAlg } from '../crypto/hash.js';
import type { Database } from '../db/schema.js';
import { ledgerHead, type LedgerRow } from './ledger.js';
import {
  consistencyProofFrom,
  emptyRoot,
  inclusionProofFrom,
  leafHash,
  nodeHash,
  treeAccumulator,
  type RangeHash,
} from './merkle.js';
import { entryFault, type LedgerFault } from './verify.js';

/**
 * The RFC 6962 tree over the ledger, kept in the database (migration 0007).
 *
 * Leaf i is entry #(i+1); its leaf data are the 32 raw bytes of that entry's `entry_hash`, so
 * leaf hash = H(0x00 ‖ entry_hash). The entry hash already covers every column through the
 * entry's canonical encoding (`entryBytes`), and an offline checker recomputes it from the entry,
 * then the leaf, then the root.
 *
 * Building the tree is incremental and streaming: the row in `ledger_tree` holds the compact
 * range (≤ 64 hashes) at the current size; new entries are read a page at a time, checked to
 * link to the chain (the tree never extends over a broken entry) and folded in. Completed perfect
 * subtrees at levels that are multiples of NODE_STRIDE are stored, which makes any subtree hash,
 * and so any inclusion or consistency proof, a few dozen indexed reads at any size.
 */

export const NODE_STRIDE = 4;

export class LedgerTreeError extends Error {
  constructor(
    readonly seq: number,
    readonly reason: LedgerFault | 'missing_node',
  ) {
    super(`ledger tree cannot extend over entry #${seq}: ${reason}`);
  }
}

export interface TreeState {
  alg: HashAlg | null;
  size: number;
  lastEntryHash: string;
  range: Uint8Array[];
}

const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

type TreeRow = { alg: string | null; size: number | string; last_entry_hash: string; compact_range: string };

function stateOf(row: TreeRow): TreeState {
  return {
    alg: isHashAlg(row.alg) ? row.alg : null,
    size: Number(row.size),
    lastEntryHash: row.last_entry_hash,
    range: (JSON.parse(row.compact_range) as string[]).map(fromHex),
  };
}

export async function readTree(db: DbOrTrx): Promise<TreeState> {
  return stateOf(await db.selectFrom('ledger_tree').selectAll().where('id', '=', 1).executeTakeFirstOrThrow());
}

export function treeRoot(state: TreeState): Uint8Array {
  const alg = state.alg ?? 'sm3';
  if (state.size === 0) return emptyRoot(alg);
  return treeAccumulator(alg, { size: state.size, range: state.range }).root();
}

export interface ExtendOptions {
  /** Hash for a tree that has no leaf yet; an existing tree keeps the algorithm it started with. */
  alg: HashAlg;
  /** Stop after this many new leaves (long catch-ups commit in chunks). */
  limit?: number;
  pageSize?: number;
}

/**
 * Adds the entries past the tree's size, up to the ledger head, inside the caller's transaction.
 * Locks the tree row first (the same no-op-UPDATE lock as the ledger head), so concurrent callers
 * queue and each sees the size the previous one left. Throws LedgerTreeError on an entry that
 * does not recompute or link: a checkpoint must never sign over a broken chain.
 */
export async function extendTree(trx: DbOrTrx, opts: ExtendOptions): Promise<TreeState> {
  if (!trx.isTransaction) throw new Error('extendTree must run inside a transaction');
  const locked = await trx
    .updateTable('ledger_tree')
    .set((eb) => ({ size: eb.ref('size') }))
    .where('id', '=', 1)
    .returning(['alg', 'size', 'last_entry_hash', 'compact_range'])
    .executeTakeFirstOrThrow();
  const state = stateOf(locked);
  const head = await ledgerHead(trx);
  const target = opts.limit === undefined ? head.seq : Math.min(head.seq, state.size + opts.limit);
  if (target <= state.size) return state;

  const alg = state.alg ?? opts.alg;
  const pending: { level: number; idx: number; hash: string }[] = [];
  const acc = treeAccumulator(alg, { size: state.size, range: state.range }, (level, idx, hash) => {
    if (level % NODE_STRIDE === 0) pending.push({ level, idx, hash: toHex(hash) });
  });
  const pageSize = opts.pageSize ?? 2000;
  let lastSeq = state.size;
  let lastHash = state.lastEntryHash;
  while (lastSeq < target) {
    const rows: LedgerRow[] = await trx
      .selectFrom('ledger_entries')
      .selectAll()
      .where('seq', '>', lastSeq)
      .where('seq', '<=', target)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) throw new LedgerTreeError(lastSeq + 1, 'seq_gap');
    for (const row of rows) {
      const fault = entryFault(row, lastSeq, lastHash);
      if (fault) throw new LedgerTreeError(fault === 'seq_gap' ? lastSeq + 1 : Number(row.seq), fault);
      acc.pushLeafHash(leafHash(alg, fromHex(row.entry_hash)));
      lastSeq = Number(row.seq);
      lastHash = row.entry_hash;
    }
    await flushNodes(trx, pending);
  }
  if (target === head.seq && lastHash !== head.entryHash) throw new LedgerTreeError(target, 'head_mismatch');

  const next: TreeState = { alg, size: lastSeq, lastEntryHash: lastHash, range: acc.range() };
  await trx
    .updateTable('ledger_tree')
    .set({ alg, size: next.size, last_entry_hash: lastHash, compact_range: JSON.stringify(next.range.map(toHex)) })
    .where('id', '=', 1)
    .execute();
  return next;
}

async function flushNodes(trx: DbOrTrx, pending: { level: number; idx: number; hash: string }[]): Promise<void> {
  // 3 parameters a row: 300 rows stay far below SQLite's and PostgreSQL's parameter limits.
  while (pending.length > 0) await trx.insertInto('ledger_tree_nodes').values(pending.splice(0, 300)).execute();
}

/**
 * Brings the tree up to the head in transactions of `chunk` entries, so that a first build over a
 * large existing ledger neither holds the tree lock for minutes nor loses all work on a failure.
 */
export async function catchUpTree(db: Kysely<Database>, alg: HashAlg, chunk = 50_000): Promise<TreeState> {
  for (;;) {
    const before = await readTree(db);
    const head = await ledgerHead(db);
    if (before.size >= head.seq) return before;
    await db.transaction().execute((trx) => extendTree(trx, { alg, limit: chunk }));
  }
}

const isPowerOfTwo = (n: number): boolean => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/**
 * MTH of leaves [lo, hi) from stored nodes and entries. Perfect subtrees at stored levels are one
 * row; other levels fold at most 2^(NODE_STRIDE-1) stored hashes (or entries, below level 4).
 * Valid for ranges inside the built tree (checkpoints never exceed it).
 */
export function storedRangeHash(db: DbOrTrx, alg: HashAlg): RangeHash {
  const perfect = async (level: number, index: number): Promise<Uint8Array> => {
    const base = level - (level % NODE_STRIDE);
    const count = 2 ** (level - base);
    const first = index * count;
    let hashes: Uint8Array[];
    if (base === 0) {
      const rows = await db
        .selectFrom('ledger_entries')
        .select('entry_hash')
        .where('seq', '>', first)
        .where('seq', '<=', first + count)
        .orderBy('seq')
        .execute();
      if (rows.length !== count) throw new LedgerTreeError(first + rows.length + 1, 'seq_gap');
      hashes = rows.map((r) => leafHash(alg, fromHex(r.entry_hash)));
    } else {
      const rows = await db
        .selectFrom('ledger_tree_nodes')
        .select('hash')
        .where('level', '=', base)
        .where('idx', '>=', first)
        .where('idx', '<', first + count)
        .orderBy('idx')
        .execute();
      if (rows.length !== count) throw new LedgerTreeError(first * 2 ** base + 1, 'missing_node');
      hashes = rows.map((r) => fromHex(r.hash));
    }
    while (hashes.length > 1) {
      const up: Uint8Array[] = [];
      for (let i = 0; i < hashes.length; i += 2) up.push(nodeHash(alg, hashes[i], hashes[i + 1]));
      hashes = up;
    }
    return hashes[0];
  };
  const range: RangeHash = async (lo, hi) => {
    const n = hi - lo;
    if (n <= 0) return emptyRoot(alg);
    if (isPowerOfTwo(n)) {
      if (lo % n !== 0) throw new RangeError(`unaligned subtree [${lo}, ${hi})`);
      return perfect(Math.round(Math.log2(n)), lo / n);
    }
    let k = 1;
    while (k * 2 < n) k *= 2;
    return nodeHash(alg, await range(lo, lo + k), await range(lo + k, hi));
  };
  return range;
}

/** Inclusion proof of entry #seq in the tree of `size` entries (a checkpoint's size). */
export async function ledgerInclusionProof(db: DbOrTrx, alg: HashAlg, seq: number, size: number): Promise<Uint8Array[]> {
  await assertBuilt(db, size);
  return inclusionProofFrom(size, seq - 1, storedRangeHash(db, alg));
}

/** Consistency proof between two tree sizes (two checkpoints), RFC 6962 §2.1.2. */
export async function ledgerConsistencyProof(db: DbOrTrx, alg: HashAlg, m: number, n: number): Promise<Uint8Array[]> {
  await assertBuilt(db, n);
  return consistencyProofFrom(m, n, storedRangeHash(db, alg));
}

/** Root of the first `size` entries from stored nodes (no full scan). */
export async function ledgerRootAt(db: DbOrTrx, alg: HashAlg, size: number): Promise<Uint8Array> {
  await assertBuilt(db, size);
  return storedRangeHash(db, alg)(0, size);
}

async function assertBuilt(db: DbOrTrx, size: number): Promise<void> {
  const tree = await readTree(db);
  if (!Number.isInteger(size) || size < 0 || size > tree.size) throw new RangeError(`the tree holds ${tree.size} entries, not ${size}`);
}

/**
 * Root over the ledger by streaming every entry (no stored nodes): the independent recomputation
 * the stored tree is checked against. Leaf i is the raw bytes of entry #(i+1)'s `entry_hash`.
 * `size` defaults to the current head; reads in seq order a page at a time.
 */
export async function ledgerRoot(
  db: DbOrTrx,
  alg: HashAlg,
  size?: number,
  batchSize = 5000,
): Promise<{ size: number; root: string }> {
  const target = size ?? (await ledgerHead(db)).seq;
  const acc = treeAccumulator(alg);
  let last = 0;
  while (last < target) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['seq', 'entry_hash'])
      .where('seq', '>', last)
      .where('seq', '<=', target)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      acc.pushLeafHash(leafHash(alg, fromHex(row.entry_hash)));
      last = Number(row.seq);
    }
  }
  if (acc.size !== target) throw new Error(`ledger has ${acc.size} entries, fewer than the requested size ${target}`);
  return { size: target, root: toHex(acc.root()) };
}

