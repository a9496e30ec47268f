import type { Selectable } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { DbOrTrx } from '../context.js';
import { canonicalJson, digestOf, hashHex, type HashAlg } from '../crypto/hash.js';
import type { LedgerEntriesTable } from '../db/schema.js';
import type { LedgerAction } from './events.js';

/**
 * The tamper-evident ledger: a hash chain in `ledger_entries`, its head in `ledger_head` (id 1).
 * Each entry's hash covers its own fields and the previous entry's hash, so changing, removing or
 * reordering any entry breaks every later link; the head pins the end so truncation shows too.
 */

/** `prev_hash` of entry #1, and the head of an empty ledger (set by migration 0002). */
export const GENESIS_HASH = '0'.repeat(64);

export type LedgerRow = Selectable<LedgerEntriesTable>;

/** Every column the entry hash covers: all of them except `entry_hash` itself. */
export type LedgerHashedFields = Omit<LedgerRow, 'entry_hash'>;

export interface LedgerEntryInput {
  actor: Actor;
  action: LedgerAction;
  objectType: string;
  objectId: string;
  /** State before/after the change. Only its digest is stored: the state may hold personal data. */
  before?: unknown;
  after?: unknown;
  /** The provision that applied, e.g. `15(2)`. */
  article?: string | null;
  /** Non-personal facts (outcome, related ids). `ip` is taken from the actor and overrides any given here. */
  detail?: Record<string, unknown>;
}

export interface AppendOptions {
  /** Algorithm for this entry's hash and digests; recorded in the entry, so it may change over time. */
  alg: HashAlg;
  now: Date;
}

/**
 * The exact bytes an entry hash is computed over: UTF-8 of the canonical JSON (sorted keys, no
 * whitespace) of every hashed column plus an encoding version `v`. Verification and benchmarks
 * must call this, never re-derive it. Changing it needs a new `v`, never an edit of version 1.
 */
export function entryBytes(row: LedgerHashedFields): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      v: 1,
      // PostgreSQL drivers may hand integers back as strings; the encoding fixes them as numbers.
      seq: Number(row.seq),
      at: row.at,
      actor_id: row.actor_id ?? null,
      actor_role: row.actor_role,
      action: row.action,
      object_type: row.object_type,
      object_id: row.object_id,
      before_digest: row.before_digest ?? null,
      after_digest: row.after_digest ?? null,
      article: row.article ?? null,
      detail: row.detail ?? null,
      alg: row.alg,
      prev_hash: row.prev_hash,
    }),
  );
}

/**
 * Appends one entry and moves the head.
 *
 * MUST run inside the caller's transaction, the same one that makes the state change, so that
 * the change and its entry commit or roll back together (refused otherwise). Call it last, just
 * before commit: it locks the head row until commit, and every append in the system queues behind
 * that lock, which is what keeps `seq` gap-free and the chain linear under concurrency.
 */
export async function appendLedger(
  trx: DbOrTrx,
  entry: LedgerEntryInput,
  opts: AppendOptions,
): Promise<{ seq: number; entryHash: string }> {
  if (!trx.isTransaction) {
    throw new Error('appendLedger must be called inside the transaction that makes the state change');
  }
  // A no-op UPDATE is the portable lock: a row lock on PostgreSQL (a waiter re-reads the row
  // once the holder commits), and on SQLite it takes the write lock up front, so a deferred
  // transaction cannot fail later when upgrading from a read lock.
  const head = await trx
    .updateTable('ledger_head')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', 1)
    .returning(['seq', 'entry_hash'])
    .executeTakeFirstOrThrow();

  const fields: LedgerHashedFields = {
    seq: Number(head.seq) + 1,
    at: opts.now.toISOString(),
    actor_id: entry.actor.userId ?? null,
    actor_role: entry.actor.role,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    before_digest: stateDigest(entry.before, opts.alg),
    after_digest: stateDigest(entry.after, opts.alg),
    article: entry.article ?? null,
    detail: detailText(entry),
    alg: opts.alg,
    prev_hash: head.entry_hash,
  };
  const entryHash = hashHex(opts.alg, entryBytes(fields));
  await trx.insertInto('ledger_entries').values({ ...fields, entry_hash: entryHash }).execute();
  await trx.updateTable('ledger_head').set({ seq: fields.seq, entry_hash: entryHash }).where('id', '=', 1).execute();
  return { seq: fields.seq, entryHash };
}

/** null/undefined mean "no state" (before a creation, after a deletion): no digest. */
function stateDigest(state: unknown, alg: HashAlg): string | null {
  return state === undefined || state === null ? null : digestOf(state, alg);
}

function detailText(entry: LedgerEntryInput): string | null {
  const detail: Record<string, unknown> = { ...entry.detail };
  if (entry.actor.ip) detail.ip = entry.actor.ip;
  return Object.keys(detail).length === 0 ? null : canonicalJson(detail);
}

/** One case's history (e.g. an application's), oldest first. */
export async function readLedger(
  db: DbOrTrx,
  target: { objectType: string; objectId: string },
): Promise<LedgerRow[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('object_type', '=', target.objectType)
    .where('object_id', '=', target.objectId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function ledgerHead(db: DbOrTrx): Promise<{ seq: number; entryHash: string }> {
  const head = await db.selectFrom('ledger_head').select(['seq', 'entry_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.seq), entryHash: head.entry_hash };
}
