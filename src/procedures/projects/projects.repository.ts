import { PostgresAdapter, sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import type { Database, ProjectsTable } from '../../platform/db/schema.js';
import { inDivision } from '../../platform/db/division-filter.js';

/** Kysely queries for projects: `db | trx` first, rows out, no business `if`s. */

/** How a project list is narrowed for an actor (see projects.workflow.ts `projectScope`). */
export type ProjectScope =
  | { kind: 'all' }
  | { kind: 'officer'; prefix: string; unitId: string | null }
  | { kind: 'unit'; unitId: string }
  | { kind: 'company'; companyId: string }
  | { kind: 'institution'; institutionId: string }
  | { kind: 'none' };

type ProjectsEb = ExpressionBuilder<Database, 'projects'>;

export function scopeFilter(eb: ProjectsEb, scope: ProjectScope) {
  switch (scope.kind) {
    case 'all':
      return eb.val(1).$castTo<boolean>();
    case 'officer': {
      const routed = scope.unitId ? [eb('projects.authority_unit_id', '=', scope.unitId)] : [];
      return eb.or([inDivision('projects.division_code', scope.prefix), ...routed]);
    }
    case 'unit':
      return eb('projects.unit_id', '=', scope.unitId);
    case 'company':
      return eb.or([eb('projects.designer_company_id', '=', scope.companyId), eb('projects.builder_company_id', '=', scope.companyId)]);
    case 'institution':
      return eb('projects.testing_institution_id', '=', scope.institutionId);
    default:
      return eb.val(0).$castTo<boolean>();
  }
}

const PROJECT_WITH_NAMES = [
  'projects.id',
  'projects.number',
  'projects.title',
  'projects.site_id',
  'projects.site_type',
  'projects.division_code',
  'projects.construction_unit_name',
  'projects.unit_id',
  'projects.builder_level',
  'projects.system_types',
  'projects.designer_company_id',
  'projects.builder_company_id',
  'projects.investment_yuan',
  'projects.level1_risk',
  'projects.scale_class',
  'projects.authority_unit_id',
  'projects.status',
  'projects.round',
  'projects.received_on',
  'projects.notice_issued_on',
  'projects.missing_notice',
  'projects.accepted_on',
  'projects.deemed_accepted',
  'projects.decided_on',
  'projects.decided_by',
  'projects.approval_number',
  'projects.reasons',
  'projects.construction_started_on',
  'projects.testing_institution_id',
  'projects.acceptance_applied_on',
  'projects.acceptance_decided_on',
  'projects.acceptance_number',
  'projects.acceptance_reasons',
  'projects.eligibility_flags',
  'projects.created_by',
  'projects.created_at',
  'projects.updated_at',
  'projects.version',
  'sites.name as site_name',
  'designer.name as designer_name',
  'designer.uscc as designer_uscc',
  'builder.name as builder_name',
  'builder.uscc as builder_uscc',
] as const;

function withNames(db: DbOrTrx) {
  return db
    .selectFrom('projects')
    .innerJoin('sites', 'sites.id', 'projects.site_id')
    .innerJoin('companies as designer', 'designer.id', 'projects.designer_company_id')
    .innerJoin('companies as builder', 'builder.id', 'projects.builder_company_id')
    .select(PROJECT_WITH_NAMES);
}

export function findProject(db: DbOrTrx, id: string) {
  return withNames(db).where('projects.id', '=', id).executeTakeFirst();
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;

/** Serialise steps on one project (PostgreSQL row lock until commit; SQLite transactions are already serial). */
export async function lockProject(trx: DbOrTrx, id: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx.selectFrom('projects').select('id').where('id', '=', id).forUpdate().execute();
  }
}

export async function insertProject(db: DbOrTrx, row: Insertable<ProjectsTable>): Promise<void> {
  await db.insertInto('projects').values(row).execute();
}

/** Optimistic concurrency: writes only if the row still has `version`; returns rows changed (0 or 1). */
export async function updateProject(db: DbOrTrx, id: string, version: number, patch: Updateable<ProjectsTable>): Promise<number> {
  const r = await db
    .updateTable('projects')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listProjects(db: DbOrTrx, scope: ProjectScope, f: { status?: string }, page: { limit: number; offset: number }) {
  let q = withNames(db).where((eb) => scopeFilter(eb, scope));
  if (f.status) q = q.where('projects.status', '=', f.status);
  return q.orderBy('projects.updated_at', 'desc').orderBy('projects.id').limit(page.limit).offset(page.offset).execute();
}

export async function countProjects(db: DbOrTrx, scope: ProjectScope, f: { status?: string }): Promise<number> {
  let q = db.selectFrom('projects').select(sql<number | string>`count(*)`.as('n')).where((eb) => scopeFilter(eb, scope));
  if (f.status) q = q.where('projects.status', '=', f.status);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The officer's queue: projects with a clock this unit must keep (open or paused), earliest due
 * date first. One row per running deadline (a project has at most one at a time).
 */
export function queueOf(db: DbOrTrx, unitId: string, limit: number) {
  return withNames(db)
    .innerJoin('deadlines', (j) =>
      j.onRef('deadlines.subject_id', '=', 'projects.id').on('deadlines.subject_type', '=', 'project').on('deadlines.status', 'in', ['open', 'paused']),
    )
    .select([
      'deadlines.id as deadline_id',
      'deadlines.kind as deadline_kind',
      'deadlines.due_date as deadline_due_date',
      'deadlines.status as deadline_status',
      'deadlines.provisional as deadline_provisional',
    ])
    .where('deadlines.owner_unit_id', '=', unitId)
    .orderBy('deadlines.due_date')
    .orderBy('projects.id')
    .limit(limit)
    .execute();
}

/** Projects (of these ids) whose review clock is stopped now: an open pause on a running deadline. */
export async function pausedProjectIds(db: DbOrTrx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('deadline_pauses')
    .innerJoin('deadlines', 'deadlines.id', 'deadline_pauses.deadline_id')
    .select('deadlines.subject_id')
    .where('deadlines.subject_type', '=', 'project')
    .where('deadlines.subject_id', 'in', [...ids])
    .where('deadlines.status', '!=', 'closed')
    .where('deadline_pauses.to_date', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.subject_id));
}

/** The running (open or paused) deadline of a kind on a project, if any. */
export function runningDeadline(db: DbOrTrx, projectId: string, kind: string) {
  return db
    .selectFrom('deadlines')
    .selectAll()
    .where('subject_type', '=', 'project')
    .where('subject_id', '=', projectId)
    .where('kind', '=', kind)
    .where('status', 'in', ['open', 'paused'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export function runningDeadlines(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom('deadlines')
    .selectAll()
    .where('subject_type', '=', 'project')
    .where('subject_id', '=', projectId)
    .where('status', 'in', ['open', 'paused'])
    .execute();
}

/** Highest number used with this prefix (numbers are allocated max + 1, retried on a clash). */
export async function maxNumberWithPrefix(db: DbOrTrx, prefix: string): Promise<string | null> {
  const r = await db
    .selectFrom('projects')
    .select(sql<string | null>`max(number)`.as('n'))
    // The prefix holds only letters, digits and '-': no LIKE wildcard to escape.
    .where('number', 'like', `${prefix}%`)
    .executeTakeFirst();
  return r?.n ?? null;
}

export async function linkSystem(db: DbOrTrx, projectId: string, systemId: string): Promise<void> {
  await db.insertInto('project_systems').values({ project_id: projectId, system_id: systemId }).execute();
}

export function systemsOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom('project_systems')
    .innerJoin('systems', 'systems.id', 'project_systems.system_id')
    .select(['systems.id', 'systems.system_type', 'systems.name', 'systems.status', 'systems.accepted_on', 'systems.authorisation_ref'])
    .where('project_systems.project_id', '=', projectId)
    .orderBy('systems.system_type')
    .orderBy('systems.id')
    .execute();
}

export function documentsOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom('project_documents')
    .select(['id', 'project_id', 'doc_class', 'round', 'file_name', 'media_type', 'size_bytes', 'digest', 'alg', 'uploaded_at'])
    .where('project_id', '=', projectId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export function testReportsOfProject(db: DbOrTrx, projectId: string) {
  return db
    .selectFrom('test_reports')
    .innerJoin('testing_institutions', 'testing_institutions.id', 'test_reports.institution_id')
    .select([
      'test_reports.id',
      'test_reports.institution_id',
      'testing_institutions.name as institution_name',
      'test_reports.report_number',
      'test_reports.tested_on',
      'test_reports.items',
      'test_reports.conclusion',
      'test_reports.document_id',
      'test_reports.submitted_at',
    ])
    .where('test_reports.project_id', '=', projectId)
    .orderBy('test_reports.submitted_at')
    .execute();
}

export function findInstitutionName(db: DbOrTrx, id: string) {
  return db.selectFrom('testing_institutions').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Submitted projects whose completeness clock ran out before `today` (deemed acceptance, 行政许可法32). */
export function lapsedCompleteness(db: DbOrTrx, today: string, kind: string, limit: number) {
  return db
    .selectFrom('projects')
    .innerJoin('deadlines', (j) =>
      j.onRef('deadlines.subject_id', '=', 'projects.id').on('deadlines.subject_type', '=', 'project').on('deadlines.kind', '=', kind),
    )
    .select(['projects.id', 'deadlines.id as deadline_id', 'deadlines.due_date'])
    .where('projects.status', '=', 'submitted')
    .where('deadlines.status', 'in', ['open', 'paused'])
    .where('deadlines.due_date', '<', today)
    .orderBy('projects.id')
    .limit(limit)
    .execute();
}

/** Keyset page of projects in the given statuses, for the eligibility sweep. */
export function projectsAfter(db: DbOrTrx, statuses: readonly string[], afterId: string | null, limit: number) {
  let q = db
    .selectFrom('projects')
    .select(['id', 'designer_company_id', 'builder_company_id', 'scale_class', 'eligibility_flags', 'version'])
    .where('status', 'in', [...statuses])
    .orderBy('id')
    .limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return q.execute();
}

export function findUnitName(db: DbOrTrx, id: string) {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findCompanyRef(db: DbOrTrx, id: string) {
  return db.selectFrom('companies').select(['id', 'name', 'uscc', 'origin']).where('id', '=', id).executeTakeFirst();
}

/** Ledger entries of the project and of its deadlines (pauses, recomputations), oldest first. */
export async function timelineEntries(db: DbOrTrx, projectId: string, deadlineIds: readonly string[]) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'at', 'action', 'actor_role', 'article', 'object_type'])
    .where((eb) =>
      eb.or([
        eb.and([eb('object_type', '=', 'project'), eb('object_id', '=', projectId)]),
        ...(deadlineIds.length > 0 ? [eb.and([eb('object_type', '=', 'deadline'), eb('object_id', 'in', [...deadlineIds])])] : []),
      ]),
    )
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
