import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import { inDivision } from '../../platform/db/division-filter.js';
import type { ComplaintNoticesTable, ComplaintsTable } from '../../platform/db/schema.js';

/** Kysely queries of complaints and their notices; no rules here. */

export type ComplaintRow = Selectable<ComplaintsTable>;
export type NoticeRow = Selectable<ComplaintNoticesTable>;

export async function insertComplaint(db: DbOrTrx, row: Insertable<ComplaintsTable>): Promise<void> {
  await db.insertInto('complaints').values(row).execute();
}

/** Appends a notice with the next number of its complaint (the complaint row is locked by its versioned update). */
export async function insertNotice(db: DbOrTrx, row: Omit<Insertable<ComplaintNoticesTable>, 'seq'>): Promise<void> {
  const last = await db.selectFrom('complaint_notices').select((eb) => eb.fn.max('seq').as('seq')).where('complaint_id', '=', row.complaint_id).executeTakeFirst();
  await db.insertInto('complaint_notices').values({ ...row, seq: Number(last?.seq ?? 0) + 1 }).execute();
}

export function findComplaint(db: DbOrTrx, id: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByTracking(db: DbOrTrx, trackingNumber: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirst();
}

/** Optimistic write: false when the row changed meanwhile (its version moved on). */
export async function updateComplaint(db: DbOrTrx, id: string, version: number, patch: Updateable<ComplaintsTable>): Promise<boolean> {
  const res = await db
    .updateTable('complaints')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function noticesOf(db: DbOrTrx, complaintId: string): Promise<NoticeRow[]> {
  return db.selectFrom('complaint_notices').selectAll().where('complaint_id', '=', complaintId).orderBy('seq').execute();
}

export interface ListFilter {
  queue: 'bureau' | 'supervision';
  /** Division prefix of the actor's jurisdiction; null = the whole province. */
  prefix: string | null;
  /** Also complaints handled by this unit even where its division lies outside the prefix (after a transfer). */
  unitId?: string | null;
  onlyUnitId?: string | null;
  status?: string | null;
  limit: number;
}

export function listComplaints(db: DbOrTrx, f: ListFilter): Promise<ComplaintRow[]> {
  let q = db.selectFrom('complaints').selectAll().where('queue', '=', f.queue);
  if (f.onlyUnitId) q = q.where('handling_unit_id', '=', f.onlyUnitId);
  else if (f.prefix !== null) {
    const prefix = f.prefix;
    const unitId = f.unitId;
    q = unitId ? q.where((eb) => eb.or([inDivision('division_code', prefix), eb('handling_unit_id', '=', unitId)])) : q.where(inDivision('division_code', prefix));
  }
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(f.limit).execute();
}

/** Ledger entries about these complaints and their deadlines, oldest first (the oversight view's evidence). */
export function ledgerEntriesAbout(db: DbOrTrx, complaintIds: readonly string[], deadlineIds: readonly string[]) {
  if (complaintIds.length === 0 && deadlineIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ledger_entries')
    .select(['seq', 'at', 'action', 'actor_role', 'object_type', 'object_id', 'article', 'entry_hash'])
    .where((eb) =>
      eb.or([
        eb.and([eb('object_type', '=', 'complaint'), eb('object_id', 'in', complaintIds.length ? [...complaintIds] : [''])]),
        eb.and([eb('object_type', '=', 'deadline'), eb('object_id', 'in', deadlineIds.length ? [...deadlineIds] : [''])]),
      ]),
    )
    .orderBy('seq')
    .execute();
}
