import SQLite from 'better-sqlite3';
import { openMigrated } from './support.js';

/**
 * The baseline of the ledger benches: better-sqlite3 on a freshly migrated file with the app's
 * pragmas (those connect() sets), inserting copies of real ledger rows with a prepared statement.
 */
export const LEDGER_COLUMNS = [
  'seq', 'at', 'actor_id', 'actor_role', 'action', 'object_type', 'object_id',
  'before_digest', 'after_digest', 'article', 'detail', 'alg', 'prev_hash', 'entry_hash',
] as const;

export type LedgerRow = Record<(typeof LEDGER_COLUMNS)[number], unknown>;

export async function openRawLedger(file: string): Promise<SQLite.Database> {
  await (await openMigrated(file)).close();
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  return raw;
}

/**
 * Inserts the next copy of `templates` (cycling, fresh seq each time), so the raw side writes the
 * same bytes as ours. Positional values are prepared up front: a call does nothing but bind and step.
 */
export function rawLedgerInserter(raw: SQLite.Database, templates: readonly LedgerRow[]): () => void {
  const insert = raw.prepare(`INSERT INTO ledger_entries (${LEDGER_COLUMNS.join(', ')}) VALUES (${LEDGER_COLUMNS.map(() => '?').join(', ')})`);
  const values = templates.map((t) => LEDGER_COLUMNS.slice(1).map((c) => t[c]));
  let seq = 0;
  return () => {
    insert.run(++seq, ...values[seq % values.length]);
  };
}
