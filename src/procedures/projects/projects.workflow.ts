import type { Transaction, Updateable } from 'kysely';
import { divisionPrefix, hasPermission, withinJurisdiction } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { audit, type AuditEvent } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import type { Database, ProjectsTable } from '../../platform/db/schema.js';
import { closeDeadline, openDeadline, resumeDeadline } from '../../platform/calendar/deadlines.js';
import { AppError } from '../../platform/http/errors.js';
import { findProject, lockProject, pausedProjectIds, runningDeadline, runningDeadlines, updateProject, type ProjectRow, type ProjectScope } from './projects.repository.js';
import { companyMayUndertake } from '../qualification/certificates.actions.js';
import { assertEligible, type CompanyAnswer } from './projects.rules.js';
import { authoriseStep, type ProjectFacts, type ProjectStatus, type VerbName } from './projects.states.js';

/** Plumbing shared by the actions: who may see a project, one step in one transaction. */

export function requireSignedIn(actor: Actor): void {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
}

/**
 * Who sees a project: officers of the jurisdiction where the site is, and of the competent bureau
 * (which may be above it, art. 17); the key unit itself; the designing and building companies;
 * the testing institution designated on it. Deny by default.
 */
export function canSeeProject(actor: Actor, p: Pick<ProjectRow, 'division_code' | 'authority_unit_id' | 'unit_id' | 'designer_company_id' | 'builder_company_id' | 'testing_institution_id'>): boolean {
  if (!hasPermission(actor, 'project.read')) return false;
  switch (actor.role) {
    case 'province_officer':
      return true;
    case 'city_officer':
    case 'county_officer':
      return withinJurisdiction(actor, p.division_code) || (!!actor.policeUnitId && actor.policeUnitId === p.authority_unit_id);
    case 'unit_user':
      return !!actor.unitId && actor.unitId === p.unit_id;
    case 'company_user':
      return !!actor.companyId && (actor.companyId === p.designer_company_id || actor.companyId === p.builder_company_id);
    case 'testing_institution':
      return !!actor.institutionId && actor.institutionId === p.testing_institution_id;
    default:
      return false;
  }
}

/** The same rule as a list filter. */
export function projectScope(actor: Actor): ProjectScope {
  if (!hasPermission(actor, 'project.read')) return { kind: 'none' };
  switch (actor.role) {
    case 'province_officer':
      return { kind: 'all' };
    case 'city_officer':
    case 'county_officer':
      return actor.jurisdictionCode
        ? { kind: 'officer', prefix: divisionPrefix(actor.jurisdictionCode), unitId: actor.policeUnitId ?? null }
        : { kind: 'none' };
    case 'unit_user':
      return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
    case 'company_user':
      return actor.companyId ? { kind: 'company', companyId: actor.companyId } : { kind: 'none' };
    case 'testing_institution':
      return actor.institutionId ? { kind: 'institution', institutionId: actor.institutionId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** 404 for what the actor may not see: an id outside one's scope does not reveal that it exists. */
export async function loadVisibleProject(ctx: Pick<Ctx, 'actor'>, db: DbOrTrx, id: string): Promise<ProjectRow> {
  requireSignedIn(ctx.actor);
  const row = await findProject(db, id);
  if (!row || !canSeeProject(ctx.actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

/** A row plus what the state machine needs beyond it (whether the review clock is stopped). */
export async function factsOf(db: DbOrTrx, row: ProjectRow): Promise<ProjectRow & ProjectFacts> {
  const paused = (await pausedProjectIds(db, [row.id])).has(row.id);
  return { ...row, paused };
}

export interface StepResult {
  patch: Updateable<ProjectsTable>;
  event: Omit<AuditEvent, 'objectType' | 'objectId'>;
}

/**
 * One step of the procedure, all or nothing: load the project (visible to the actor, else 404),
 * check the step is the actor's (403) and allowed in this state (409), let `work` compute the
 * change and make its side writes (deadlines, registry systems, documents), write it only if
 * nobody changed the row meanwhile (`version`, 409 CONFLICT) and append the ledger entry — in one
 * transaction, so a refusal at any point writes nothing.
 */
export async function runStep(
  ctx: Ctx,
  id: string,
  verb: VerbName,
  expectedVersion: number | undefined,
  work: (trx: Transaction<Database>, row: ProjectRow & ProjectFacts, to: ProjectStatus) => Promise<StepResult>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadVisibleProject(ctx, trx, id);
    await lockProject(trx, id);
    const row = await factsOf(trx, (await findProject(trx, id))!);
    const to = authoriseStep(verb, row, ctx.actor);
    const version = Number(row.version);
    if (expectedVersion !== undefined && expectedVersion !== version) throw new AppError('CONFLICT');
    const { patch, event } = await work(trx, row, to);
    const changed = await updateProject(trx, id, version, { ...patch, status: to, updated_at: ctx.clock.now().toISOString() });
    if (changed !== 1) throw new AppError('CONFLICT');
    await audit(ctx, trx, {
      ...event,
      objectType: 'project',
      objectId: id,
      before: { status: row.status, version },
      after: { status: to, version: version + 1, ...patch },
    });
  });
}

// ---- Eligibility (art. 14(2), 16) ------------------------------------------------------------------

type CompanyFacts = Pick<ProjectRow, 'designer_company_id' | 'builder_company_id' | 'scale_class'> &
  Partial<Pick<ProjectRow, 'designer_name' | 'builder_name'>>;

/** What `canUndertake` answers today for the designing and the building company of a project. */
export async function companyAnswers(db: DbOrTrx, p: CompanyFacts, today: string): Promise<CompanyAnswer[]> {
  const scale = Number(p.scale_class) as 1 | 2 | 3;
  const designer = await companyMayUndertake(db, p.designer_company_id, scale, today);
  const builder = await companyMayUndertake(db, p.builder_company_id, scale, today);
  return [
    { role: 'designer', companyId: p.designer_company_id, companyName: p.designer_name ?? p.designer_company_id, answer: designer },
    { role: 'builder', companyId: p.builder_company_id, companyName: p.builder_name ?? p.builder_company_id, answer: builder },
  ];
}

/** Refuse (PROJECT_COMPANY_NOT_ELIGIBLE, art. 14(2) or 16) unless both companies may undertake the project today. */
export async function checkEligibility(db: DbOrTrx, p: CompanyFacts, today: string): Promise<void> {
  assertEligible(await companyAnswers(db, p, today));
}

// ---- Clocks ---------------------------------------------------------------------------------------

export interface ClockSpec {
  kind: string;
  article: string;
  days: number;
  dayKind: 'working' | 'calendar';
}

/** Start a clock on the project, owned by the competent bureau (its officers' queue), counted from the day after `startDate`. */
export async function openProjectClock(
  ctx: Ctx,
  trx: DbOrTrx,
  p: Pick<ProjectRow, 'id' | 'division_code' | 'authority_unit_id'>,
  spec: ClockSpec,
  startDate: string,
) {
  return openDeadline(ctx, trx as Transaction<Database>, {
    subjectType: 'project',
    subjectId: p.id,
    kind: spec.kind,
    article: spec.article,
    divisionCode: p.division_code,
    ownerUnitId: p.authority_unit_id,
    dayKind: spec.dayKind,
    days: spec.days,
    startDate,
  });
}

/**
 * Stop the running clock of `kind` on `on` (met if on or before its due date, else late, unless an
 * outcome is given); an open pause is resumed first so the record shows when it ended. No clock: nothing to do.
 */
export async function closeProjectClock(
  ctx: Ctx,
  trx: DbOrTrx,
  projectId: string,
  kind: string,
  on: string,
  outcome?: 'met' | 'late' | 'lapsed' | 'cancelled',
): Promise<boolean> {
  const d = await runningDeadline(trx, projectId, kind);
  if (!d) return false;
  if ((await pausedProjectIds(trx, [projectId])).has(projectId)) await resumeDeadline(ctx, trx as Transaction<Database>, d.id, { to: on });
  await closeDeadline(ctx, trx as Transaction<Database>, d.id, { on, ...(outcome ? { outcome } : {}) });
  return true;
}

/** Close every running clock on the project (withdrawal): cancelled, not missed. */
export async function cancelProjectClocks(ctx: Ctx, trx: DbOrTrx, projectId: string, on: string): Promise<void> {
  for (const d of await runningDeadlines(trx, projectId)) {
    await closeDeadline(ctx, trx as Transaction<Database>, d.id, { on, outcome: 'cancelled' });
  }
}

/** True for a unique-constraint violation on both databases (PostgreSQL 23505, SQLite UNIQUE). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(e.message ?? ''));
}

/** Retry a whole transaction when two creations picked the same project number (the loser rolled back entirely). */
export async function retryOnUniqueViolation<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
