import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTrx } from '../context.js';
import type { CalendarRevisionsTable, DeadlinePausesTable, DeadlinesTable } from '../db/schema.js';

/** Kysely queries of the legal-day calendar and the deadlines counted on it; no rules here. */

export type RevisionRow = Selectable<CalendarRevisionsTable>;
export type DeadlineRow = Selectable<DeadlinesTable>;
export type PauseRow = Selectable<DeadlinePausesTable>;

// ---- Revisions ----------------------------------------------------------------------------------

export async function maxApprovedRevision(db: DbOrTrx): Promise<number> {
  const r = await db.selectFrom('calendar_revisions').select((eb) => eb.fn.max('revision').as('max')).where('status', '=', 'approved').executeTakeFirst();
  return r?.max == null ? 0 : Number(r.max);
}

/** The next revision number: one above every number ever assigned. */
export async function nextRevisionNumber(db: DbOrTrx): Promise<number> {
  const r = await db.selectFrom('calendar_revisions').select((eb) => eb.fn.max('revision').as('max')).executeTakeFirst();
  return (r?.max == null ? 0 : Number(r.max)) + 1;
}

export function approvedRevisions(db: DbOrTrx): Promise<RevisionRow[]> {
  return db.selectFrom('calendar_revisions').selectAll().where('status', '=', 'approved').orderBy('revision').execute();
}

export function listRevisions(db: DbOrTrx, status?: string): Promise<RevisionRow[]> {
  let q = db.selectFrom('calendar_revisions').selectAll();
  if (status) q = q.where('status', '=', status);
  return q.orderBy('proposed_at', 'desc').orderBy('id').limit(500).execute();
}

export function findRevision(db: DbOrTrx, id: string): Promise<RevisionRow | undefined> {
  return db.selectFrom('calendar_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRevision(db: DbOrTrx, row: Insertable<CalendarRevisionsTable>): Promise<void> {
  await db.insertInto('calendar_revisions').values(row).execute();
}

/** Decide a proposal; false when it was no longer proposed (decided meanwhile). */
export async function decideRevision(db: DbOrTrx, id: string, patch: Updateable<CalendarRevisionsTable>): Promise<boolean> {
  const r = await db.updateTable('calendar_revisions').set(patch).where('id', '=', id).where('status', '=', 'proposed').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- Deadlines ----------------------------------------------------------------------------------

export async function insertDeadline(db: DbOrTrx, row: Insertable<DeadlinesTable>): Promise<void> {
  await db.insertInto('deadlines').values(row).execute();
}

export function findDeadline(db: DbOrTrx, id: string): Promise<DeadlineRow | undefined> {
  return db.selectFrom('deadlines').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Update unless someone changed the row since `updatedAt` was read (false then). */
export async function updateDeadline(db: DbOrTrx, id: string, updatedAt: string, patch: Updateable<DeadlinesTable>): Promise<boolean> {
  const r = await db.updateTable('deadlines').set(patch).where('id', '=', id).where('updated_at', '=', updatedAt).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function deadlinesOfSubjects(db: DbOrTrx, subjectType: string, subjectIds: readonly string[]): Promise<DeadlineRow[]> {
  if (subjectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deadlines')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', [...subjectIds])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function countUnclosedDeadlines(db: DbOrTrx): Promise<number> {
  const r = await db.selectFrom('deadlines').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['open', 'paused']).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Open and paused deadlines in id order after `after` (keyset pages for recomputation). */
export function unclosedDeadlinesAfter(db: DbOrTrx, after: string | null, limit: number): Promise<DeadlineRow[]> {
  // `status || ''` keeps SQLite off the (status, due_date) index, which would sort every open
  // deadline for each page; walking the primary key in id order and filtering stays linear.
  let q = db.selectFrom('deadlines').selectAll().where(sql<string>`${sql.ref('status')} || ''`, 'in', ['open', 'paused']);
  if (after !== null) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
}

/** Record the revision an unchanged due date was checked against (one statement per batch). */
export async function stampRevision(db: DbOrTrx, ids: readonly string[], revision: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('deadlines').set({ calendar_revision: revision }).where('id', 'in', [...ids]).where('calendar_revision', '<>', revision).execute();
}

// ---- Pauses -------------------------------------------------------------------------------------

export function pausesOf(db: DbOrTrx, deadlineIds: readonly string[]): Promise<PauseRow[]> {
  if (deadlineIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('deadline_pauses').selectAll().where('deadline_id', 'in', [...deadlineIds]).orderBy('from_date').orderBy('created_at').execute();
}

export async function insertPause(db: DbOrTrx, row: Insertable<DeadlinePausesTable>): Promise<void> {
  await db.insertInto('deadline_pauses').values(row).execute();
}

export async function endPause(db: DbOrTrx, pauseId: string, to: string): Promise<void> {
  await db.updateTable('deadline_pauses').set({ to_date: to }).where('id', '=', pauseId).where('to_date', 'is', null).execute();
}
