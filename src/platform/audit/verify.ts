import type { DbOrTrx } from '../context.js';
import { hashHex, isHashAlg } from '../crypto/hash.js';
import { GENESIS_HASH, entryBytes, ledgerHead, type LedgerRow } from './ledger.js';

export type LedgerFault = 'hash_mismatch' | 'chain_break' | 'seq_gap' | 'head_mismatch';

export type VerifyResult =
  | { ok: true; entries: number; head: string }
  /** `entries`: how many entries checked out before the first bad one. */
  | { ok: false; entries: number; firstBad: { seq: number; reason: LedgerFault } };

export interface VerifyOptions {
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
  /** Aborting rejects with the signal's reason; nothing is written, so stopping is always safe. */
  signal?: AbortSignal;
}

/**
 * Re-walks the whole chain in seq order, a page at a time (keyset pagination: memory stays flat,
 * no long-held snapshot). Checks, per entry: no missing seq, the hash recomputed with the entry's
 * own algorithm, the link to the previous entry; and at the end, that the head points at the last.
 *
 * The head is read first and only entries up to it are walked, so appends made while verifying
 * neither race nor count; they are covered by the next run.
 */
export async function verifyLedger(db: DbOrTrx, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  const head = await ledgerHead(db);
  const total = head.seq;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  const fail = (seq: number, reason: LedgerFault): VerifyResult => ({ ok: false, entries: lastSeq, firstBad: { seq, reason } });

  opts.onProgress?.(0, total);
  while (lastSeq < total) {
    // better-sqlite3 answers synchronously, so without this the event loop would never turn:
    // no SIGINT, no other requests, until the whole ledger had been read.
    await new Promise((resolve) => setImmediate(resolve));
    opts.signal?.throwIfAborted();
    const rows: LedgerRow[] = await db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('seq', '>', lastSeq)
      .where('seq', '<=', total)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      const fault = entryFault(row, lastSeq, lastHash);
      if (fault) return fail(fault === 'seq_gap' ? lastSeq + 1 : seq, fault);
      lastSeq = seq;
      lastHash = row.entry_hash;
    }
    opts.onProgress?.(lastSeq, total);
  }
  // Entries the head claims but the table lacks: the tail was cut off.
  if (lastSeq !== total) return fail(lastSeq + 1, 'head_mismatch');
  if (lastHash !== head.entryHash) return fail(total, 'head_mismatch');

  // Entries past the head were written around appendLedger. Read the max before the head again:
  // a legitimate append commits its row and the head together, so the head can only be ahead.
  const max = await db.selectFrom('ledger_entries').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  const now = await ledgerHead(db);
  if (max?.seq != null && Number(max.seq) > now.seq) return fail(now.seq + 1, 'head_mismatch');

  return { ok: true, entries: total, head: lastHash };
}

/**
 * One link of the chain: the entry follows `prevSeq`, its hash recomputes with its own algorithm,
 * and it points at the previous entry's hash. Shared by `verifyLedger` and the Merkle tree, which
 * refuses to extend over an entry that fails here.
 */
export function entryFault(row: LedgerRow, prevSeq: number, prevHash: string): LedgerFault | null {
  if (Number(row.seq) !== prevSeq + 1) return 'seq_gap';
  // An unknown algorithm id is itself tampering: the entry cannot be re-hashed.
  if (!isHashAlg(row.alg) || hashHex(row.alg, entryBytes(row)) !== row.entry_hash) return 'hash_mismatch';
  if (row.prev_hash !== prevHash) return 'chain_break';
  return null;
}
