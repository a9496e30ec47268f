import type { Transaction, Updateable } from 'kysely';
import { can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { audit, type AuditEvent } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import type { Database, QualificationApplicationsTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { findApplication, lockCompany, updateApplication, type ApplicationRow } from './qualification.repository.js';
import { authoriseStep, type ApplicationStatus, type VerbName } from './qualification.states.js';

/** Plumbing shared by the actions: who is signed in, what they may see, one step in one transaction. */

export function requireSignedIn(actor: Actor): void {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
}

/** Officers see their jurisdiction and what is routed to their unit; a company sees its own. */
export function canSeeApplication(actor: Actor, row: ApplicationRow): boolean {
  return can(actor, 'qualification.read', {
    divisionCode: row.company_division_code,
    companyId: row.company_id,
    unitIds: [row.deciding_unit_id, row.examining_unit_id],
  });
}

/** 404 for what the actor may not see: an id outside one's scope does not reveal that it exists. */
export async function loadVisibleApplication(ctx: Pick<Ctx, 'actor'>, db: DbOrTrx, id: string) {
  requireSignedIn(ctx.actor);
  const row = await findApplication(db, id);
  if (!row || !canSeeApplication(ctx.actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

export interface StepResult {
  patch: Updateable<QualificationApplicationsTable>;
  event: Omit<AuditEvent, 'objectType' | 'objectId'>;
}

/**
 * One step of the procedure, all or nothing: load the application (visible to the actor), check
 * the step is the actor's and allowed in this state, let `work` compute the change (and make any
 * side writes, e.g. a certificate), write it only if nobody changed the row meanwhile (version),
 * and append the ledger entry — in one transaction, so a refusal at any point writes nothing.
 */
export async function runStep(
  ctx: Ctx,
  id: string,
  verb: VerbName,
  expectedVersion: number | undefined,
  work: (trx: Transaction<Database>, row: ApplicationRow, to: ApplicationStatus) => Promise<StepResult>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const seen = await loadVisibleApplication(ctx, trx, id);
    await lockCompany(trx, seen.company_id);
    const row = (await findApplication(trx, id))!;
    const to = authoriseStep(verb, row, ctx.actor);
    const version = Number(row.version);
    if (expectedVersion !== undefined && expectedVersion !== version) throw new AppError('CONFLICT');
    const { patch, event } = await work(trx, row, to);
    const changed = await updateApplication(trx, id, version, {
      ...patch,
      status: to,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (changed !== 1) throw new AppError('CONFLICT');
    await audit(ctx, trx, {
      ...event,
      objectType: 'qualification_application',
      objectId: id,
      before: { status: row.status, version },
      after: { status: to, version: version + 1, ...patch },
    });
  });
}

/** True for a unique-constraint violation on both databases (PostgreSQL 23505, SQLite UNIQUE). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e.message ?? ''));
}

/**
 * Retry a whole transaction when two concurrent issues picked the same certificate number: the
 * loser's transaction rolled back entirely, so running it again is safe.
 */
export async function retryOnUniqueViolation<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
