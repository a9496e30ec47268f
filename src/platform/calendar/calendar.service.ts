import type { DbOrTrx } from '../context.js';
import { approvedRevisions, maxApprovedRevision, type RevisionRow } from './calendar.repository.js';
import { buildCalendar, type ApprovedRevision, type LegalCalendar } from './legal-days.js';

/** The days of a revision row: JSON `{ off, work }` (written only by `calendar.actions.ts`). */
export function revisionDays(row: Pick<RevisionRow, 'days'>): { off: string[]; work: string[] } {
  const d = JSON.parse(row.days) as { off?: string[]; work?: string[] };
  return { off: d.off ?? [], work: d.work ?? [] };
}

export function toApprovedRevision(row: RevisionRow): ApprovedRevision {
  return { revision: Number(row.revision), year: Number(row.year), divisionCode: row.division_code, ...revisionDays(row) };
}

/**
 * Cached per database (the `cacheKey`, normally the `Kysely` instance) and keyed by the highest
 * approved revision: approved rows never change, so one cheap `max()` per call tells whether the
 * cached calendar is still current — an approval is seen at once, by every process, on both DBs.
 */
const cache = new WeakMap<object, LegalCalendar>();

/**
 * The legal calendar in force. Pass a transaction as `db` when inside one (SQLite has a single
 * connection) and the root connection as `cacheKey` so the cache is shared.
 */
export async function loadCalendar(db: DbOrTrx, cacheKey: object = db): Promise<LegalCalendar> {
  const revision = await maxApprovedRevision(db);
  const cached = cache.get(cacheKey);
  if (cached && cached.revision === revision) return cached;
  const rows = revision === 0 ? [] : await approvedRevisions(db);
  const cal = buildCalendar(rows.map(toApprovedRevision));
  // Only what a committed read saw is cached: a transaction may yet roll its approval back.
  if (!db.isTransaction) cache.set(cacheKey, cal);
  return cal;
}
