import { PostgresAdapter, sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { ListScope } from '../../platform/access/access.js';
import type { DbOrTrx } from '../../platform/context.js';
import type { Database, QualificationApplicationsTable, QualificationLevelsTable } from '../../platform/db/schema.js';
import { inDivision } from '../../platform/db/division-filter.js';

/** Kysely queries for the qualification procedure: `db | trx` first, rows out, no business `if`s. */

type WithCompany = ExpressionBuilder<Database, 'companies' | 'qualification_applications'>;

// ---- Levels ---------------------------------------------------------------------------------

export function findLevels(db: DbOrTrx) {
  return db.selectFrom('qualification_levels').selectAll().orderBy('level').execute();
}

export function findLevel(db: DbOrTrx, level: string) {
  return db.selectFrom('qualification_levels').selectAll().where('level', '=', level).executeTakeFirst();
}

export async function updateLevel(db: DbOrTrx, level: string, patch: Updateable<QualificationLevelsTable>): Promise<void> {
  await db.updateTable('qualification_levels').set(patch).where('level', '=', level).execute();
}

export async function insertLevelIfAbsent(db: DbOrTrx, row: Insertable<QualificationLevelsTable>): Promise<void> {
  await db.insertInto('qualification_levels').values(row).onConflict((oc) => oc.column('level').doNothing()).execute();
}

// ---- Companies --------------------------------------------------------------------------------

export function findCompany(db: DbOrTrx, id: string) {
  return db.selectFrom('companies').select(['id', 'name', 'division_code', 'origin']).where('id', '=', id).executeTakeFirst();
}

/**
 * Serialise decisions about one company (PostgreSQL row lock until commit). SQLite transactions
 * are already serialised by the connection, so there is nothing to do there.
 */
export async function lockCompany(trx: DbOrTrx, id: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx.selectFrom('companies').select('id').where('id', '=', id).forUpdate().execute();
  }
}

// ---- Applications ---------------------------------------------------------------------------

const APP_WITH_COMPANY = [
  'qualification_applications.id',
  'qualification_applications.company_id',
  'qualification_applications.kind',
  'qualification_applications.target_level',
  'qualification_applications.certificate_id',
  'qualification_applications.status',
  'qualification_applications.deciding_unit_id',
  'qualification_applications.examining_unit_id',
  'qualification_applications.extension_days',
  'qualification_applications.materials',
  'qualification_applications.checklist',
  'qualification_applications.missing_notice',
  'qualification_applications.opinion',
  'qualification_applications.reasons',
  'qualification_applications.submitted_at',
  'qualification_applications.submitted_on',
  'qualification_applications.accepted_on',
  'qualification_applications.due_date',
  'qualification_applications.decided_at',
  'qualification_applications.decided_by',
  'qualification_applications.issued_certificate_id',
  'qualification_applications.version',
  'qualification_applications.updated_at',
  'companies.name as company_name',
  'companies.division_code as company_division_code',
  'companies.origin as company_origin',
] as const;

export function findApplication(db: DbOrTrx, id: string) {
  return db
    .selectFrom('qualification_applications')
    .innerJoin('companies', 'companies.id', 'qualification_applications.company_id')
    .select(APP_WITH_COMPANY)
    .where('qualification_applications.id', '=', id)
    .executeTakeFirst();
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** A list scope plus the units an officer acts for (applications routed to it from elsewhere). */
function appScope(eb: WithCompany, scope: ListScope, unitId: string | null) {
  const routed = unitId
    ? [eb('qualification_applications.deciding_unit_id', '=', unitId), eb('qualification_applications.examining_unit_id', '=', unitId)]
    : [];
  switch (scope.kind) {
    case 'all':
      return eb.val(1).$castTo<boolean>();
    case 'division':
      return eb.or([inDivision('companies.division_code', scope.prefix), ...routed]);
    case 'company':
      return eb('qualification_applications.company_id', '=', scope.companyId);
    default:
      return eb.val(0).$castTo<boolean>();
  }
}

/** Deadlines of this procedure are filed under this subject type (platform `deadlines` table). */
export const DEADLINE_SUBJECT = 'qualification_application';

/**
 * The queue: earliest due date first, undated (the applicant's turn, or closed) last. The due date
 * is the running deadline's (joined, so a calendar revision's recompute reorders the queue at
 * once); `due_date` on the row is only read for applications filed before deadlines existed.
 */
export function listApplications(db: DbOrTrx, scope: ListScope, unitId: string | null, filter: { status?: string; limit: number }) {
  let q = db
    .selectFrom('qualification_applications')
    .innerJoin('companies', 'companies.id', 'qualification_applications.company_id')
    // At most one running deadline per application: a step closes the old clock before it opens a new one.
    .leftJoin('deadlines', (j) =>
      j
        .onRef('deadlines.subject_id', '=', 'qualification_applications.id')
        .on('deadlines.subject_type', '=', DEADLINE_SUBJECT)
        .on('deadlines.status', 'in', ['open', 'paused']),
    )
    .select(APP_WITH_COMPANY)
    .where((eb) => appScope(eb, scope, unitId));
  if (filter.status) q = q.where('qualification_applications.status', '=', filter.status);
  const due = sql`coalesce(deadlines.due_date, qualification_applications.due_date)`;
  return q
    .orderBy(sql`case when ${due} is null then 1 else 0 end`)
    .orderBy(due)
    .orderBy('qualification_applications.submitted_at')
    .limit(filter.limit)
    .execute();
}

/** Ids of the application's running (open or paused) deadlines. */
export async function runningDeadlineIds(db: DbOrTrx, applicationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('deadlines')
    .select('id')
    .where('subject_type', '=', DEADLINE_SUBJECT)
    .where('subject_id', '=', applicationId)
    .where('status', 'in', ['open', 'paused'])
    .execute();
  return rows.map((r) => r.id);
}

/** The acceptance period's deadline kind (行政许可法32), as `clockAfter('received')` files it. */
export const ACCEPTANCE_KIND = 'qualification.acceptance';

/**
 * Submitted applications whose acceptance clock (行政许可法32) ran past its due date with neither
 * acceptance nor notice: the deemed-acceptance job's work list, in id order.
 */
export function lapsedAcceptance(db: DbOrTrx, today: string, limit: number) {
  return db
    .selectFrom('qualification_applications')
    .innerJoin('deadlines', (j) =>
      j
        .onRef('deadlines.subject_id', '=', 'qualification_applications.id')
        .on('deadlines.subject_type', '=', DEADLINE_SUBJECT)
        .on('deadlines.kind', '=', ACCEPTANCE_KIND),
    )
    .select(['qualification_applications.id', 'deadlines.id as deadline_id', 'deadlines.start_date', 'deadlines.due_date'])
    .where('qualification_applications.status', '=', 'submitted')
    .where('deadlines.status', 'in', ['open', 'paused'])
    .where('deadlines.due_date', '<', today)
    .orderBy('qualification_applications.id')
    .limit(limit)
    .execute();
}

export function openApplicationsOf(db: DbOrTrx, companyId: string, openStatuses: readonly string[]) {
  return db
    .selectFrom('qualification_applications')
    .select(['id', 'kind', 'certificate_id'])
    .where('company_id', '=', companyId)
    .where('status', 'in', [...openStatuses])
    .execute();
}

export async function insertApplication(db: DbOrTrx, row: Insertable<QualificationApplicationsTable>): Promise<void> {
  await db.insertInto('qualification_applications').values(row).execute();
}

/** Optimistic concurrency: writes only if the row still has `version`; returns rows changed (0 or 1). */
export async function updateApplication(
  db: DbOrTrx,
  id: string,
  version: number,
  patch: Updateable<QualificationApplicationsTable>,
): Promise<number> {
  const r = await db
    .updateTable('qualification_applications')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Days already granted by approved extensions of a certificate (art. 15: ≤ 90 in total). */
export async function approvedExtensionDays(db: DbOrTrx, certificateId: string): Promise<number> {
  const r = await db
    .selectFrom('qualification_applications')
    .select(sql<number | string | null>`sum(extension_days)`.as('days'))
    .where('certificate_id', '=', certificateId)
    .where('kind', '=', 'extension')
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(r?.days ?? 0);
}
