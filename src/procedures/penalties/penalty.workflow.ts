import type { Transaction, Updateable } from 'kysely';
import { divisionPrefix, hasPermission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { audit, type AuditEvent } from '../../platform/audit/audit.js';
import { closeDeadline, deadlinesOf, openDeadline, type DeadlineView } from '../../platform/calendar/deadlines.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import type { Database, PenaltyCasesTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { findCase, lockCase, partiesOf, publicationsOf, updateCase, type CaseRow, type CaseScope, type PartyRow } from './penalty.repository.js';
import { authoriseStep, canSeeCase, type CaseFacts, type CaseStatus, type VerbName } from './penalty.states.js';

/** Plumbing shared by the case actions: who sees a case, its facts, one step in one transaction, its clocks. */

export function requireSignedIn(actor: Actor): void {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
}

export function caseScope(actor: Actor): CaseScope {
  if (!hasPermission(actor, 'case.read')) return { kind: 'none' };
  switch (actor.role) {
    case 'province_officer':
      return { kind: 'all' };
    case 'city_officer':
    case 'county_officer':
    case 'supervisor':
      return actor.jurisdictionCode ? { kind: 'officer', prefix: divisionPrefix(actor.jurisdictionCode), unitId: actor.policeUnitId ?? null } : { kind: 'none' };
    case 'unit_user':
      return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
    case 'company_user':
      return actor.companyId ? { kind: 'company', companyId: actor.companyId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

export type LoadedCase = CaseRow & CaseFacts & { parties: PartyRow[]; deadlines: DeadlineView[] };

/** The row plus what the state machine needs: the parties' units, whether the party's period is over, a pending publication. */
export async function factsOf(db: DbOrTrx, row: CaseRow, today: string): Promise<LoadedCase> {
  const parties = await partiesOf(db, [row.id]);
  const deadlines = await deadlinesOf(db, 'penalty_case', [row.id]);
  const statement = deadlines.find((d) => d.kind === 'penalty.statement');
  const periodOver = !!row.responded_on || (!!statement && (statement.status === 'closed' || today > statement.dueDate));
  const publications = row.decided_on ? await publicationsOf(db, row.id) : [];
  return {
    ...row,
    parties,
    deadlines,
    partyUnitIds: parties.map((p) => p.unit_id).filter((u): u is string => !!u),
    partyCompanyIds: parties.map((p) => p.company_id).filter((u): u is string => !!u),
    periodOver,
    publicationPending: publications.some((p) => p.status === 'pending'),
  };
}

/** 404 for a case the actor may not see (an id outside one's scope does not reveal that it exists). */
export async function loadVisibleCase(ctx: Pick<Ctx, 'actor' | 'clock'>, db: DbOrTrx, id: string): Promise<LoadedCase> {
  requireSignedIn(ctx.actor);
  const row = await findCase(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const facts = await factsOf(db, row, ctx.clock.today());
  if (!canSeeCase(ctx.actor, facts)) throw new AppError('NOT_FOUND');
  return facts;
}

export interface StepResult {
  patch: Updateable<PenaltyCasesTable>;
  event: Omit<AuditEvent, 'objectType' | 'objectId'>;
}

/**
 * One step, all or nothing: load (404 outside scope), authorise (403 / 409 / the procedure's own
 * codes), let `work` compute the change and make its side writes (parties, deadlines,
 * publications), write it only if the version is unchanged (409 CONFLICT), append the ledger entry.
 */
export async function runStep(
  ctx: Ctx,
  id: string,
  verb: VerbName,
  expectedVersion: number | undefined,
  work: (trx: Transaction<Database>, c: LoadedCase, to: CaseStatus) => Promise<StepResult>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadVisibleCase(ctx, trx, id);
    await lockCase(trx, id);
    const c = await factsOf(trx, (await findCase(trx, id))!, ctx.clock.today());
    const to = authoriseStep(verb, c, ctx.actor);
    const version = Number(c.version);
    if (expectedVersion !== undefined && expectedVersion !== version) throw new AppError('CONFLICT');
    const { patch, event } = await work(trx, c, to);
    const changed = await updateCase(trx, id, version, { ...patch, status: to, updated_at: ctx.clock.now().toISOString() });
    if (changed !== 1) throw new AppError('CONFLICT');
    await audit(ctx, trx, {
      ...event,
      objectType: 'penalty_case',
      objectId: id,
      before: { status: c.status, version },
      after: { status: to, version: version + 1, ...patch },
    });
  });
}

export interface ClockSpec {
  kind: string;
  article: string;
  dayKind: 'working' | 'calendar';
  days: number;
}

/** A clock on the case, owned by the handling bureau (its queue and the oversight view), counted from the day after `startDate`. */
export function openCaseClock(ctx: Ctx, trx: DbOrTrx, c: Pick<CaseRow, 'id' | 'division_code' | 'handling_unit_id'>, spec: ClockSpec, startDate: string) {
  return openDeadline(ctx, trx, {
    subjectType: 'penalty_case',
    subjectId: c.id,
    kind: spec.kind,
    article: spec.article,
    divisionCode: c.division_code,
    ownerUnitId: c.handling_unit_id,
    dayKind: spec.dayKind,
    days: spec.days,
    startDate,
  });
}

/** Stop the running clock(s) of `kind` on `on` (met / late by the due date unless an outcome is named). */
export async function closeCaseClock(ctx: Ctx, trx: DbOrTrx, caseId: string, kind: string, on: string, outcome?: 'met' | 'late' | 'cancelled'): Promise<void> {
  for (const d of await deadlinesOf(trx, 'penalty_case', [caseId])) {
    if (d.kind === kind && d.status !== 'closed') await closeDeadline(ctx, trx, d.id, { on, ...(outcome ? { outcome } : {}) });
  }
}

/** Close every running clock of the case (no penalty, closing). */
export async function closeAllCaseClocks(ctx: Ctx, trx: DbOrTrx, caseId: string, on: string, outcome: 'met' | 'cancelled'): Promise<void> {
  for (const d of await deadlinesOf(trx, 'penalty_case', [caseId])) {
    if (d.status !== 'closed') await closeDeadline(ctx, trx, d.id, { on, outcome: d.kind === 'penalty.decision' ? 'met' : outcome });
  }
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(e.message ?? ''));
}

/** Retry a whole transaction when two writers picked the same number (the loser rolled back entirely). */
export async function retryOnUniqueViolation<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
