import { randomUUID } from 'node:crypto';
import { assertCan } from '../access/access.js';
import { audit } from '../audit/audit.js';
import type { Ctx, DbOrTrx } from '../context.js';
import { AppError } from '../http/errors.js';
import { decideRevision, findRevision, insertRevision, listRevisions, nextRevisionNumber, approvedRevisions, type RevisionRow } from './calendar.repository.js';
import { validateArrangement } from './calendar.rules.js';
import { loadCalendar, revisionDays } from './calendar.service.js';
import { recomputeOpenDeadlines } from './deadlines.js';
import { isCalendarDate } from './dates.js';
import { OFFICIAL_FIRST_YEAR, OFFICIAL_SOURCE, OFFICIAL_YEARS, PROVINCE_DIVISION, computeDue, type DayKind, type DueResult } from './legal-days.js';

/** Administrative Licensing Law art. 82: licensing periods are counted in working days. */
const ARTICLE = '行政许可法82';

export type YearStatus = 'official' | 'revised' | 'provisional';

export interface YearSummary {
  year: number;
  status: YearStatus;
  revision: number | null;
  source: string | null;
}

export interface YearDetail extends YearSummary {
  off: string[];
  work: string[];
  localOverrides: { divisionCode: string; off: string[]; work: string[]; revision: number | null }[];
}

export interface RevisionView {
  id: string;
  year: number;
  divisionCode: string;
  off: string[];
  work: string[];
  source: string;
  note: string | null;
  status: 'proposed' | 'approved' | 'rejected';
  revision: number | null;
  proposedBy: string;
  proposedByName: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

function requireSignedIn(ctx: Pick<Ctx, 'actor'>): void {
  if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED');
}

async function presentRevisions(db: DbOrTrx, rows: readonly RevisionRow[]): Promise<RevisionView[]> {
  const userIds = [...new Set(rows.flatMap((r) => [r.proposed_by, r.decided_by]).filter((x): x is string => !!x))];
  const names = new Map(
    userIds.length ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map((u) => [u.id, u.display_name]) : [],
  );
  return rows.map((r) => ({
    id: r.id,
    year: Number(r.year),
    divisionCode: r.division_code,
    ...revisionDays(r),
    source: r.source,
    note: r.note,
    status: r.status as RevisionView['status'],
    revision: r.revision === null ? null : Number(r.revision),
    proposedBy: r.proposed_by,
    proposedByName: names.get(r.proposed_by) ?? null,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by ? (names.get(r.decided_by) ?? null) : null,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
  }));
}

/** Per year: the province-wide revision in force (highest number) and the local ones by division. */
function inForce(rows: readonly RevisionRow[]) {
  const province = new Map<number, RevisionRow>();
  const local = new Map<number, Map<string, RevisionRow>>();
  for (const r of [...rows].sort((a, b) => Number(a.revision) - Number(b.revision))) {
    const year = Number(r.year);
    if (r.division_code === PROVINCE_DIVISION) province.set(year, r);
    else {
      if (!local.has(year)) local.set(year, new Map());
      local.get(year)!.set(r.division_code, r);
    }
  }
  return { province, local };
}

function summary(year: number, revised: RevisionRow | undefined): YearSummary {
  if (revised) return { year, status: 'revised', revision: Number(revised.revision), source: revised.source };
  if (OFFICIAL_YEARS.has(year)) return { year, status: 'official', revision: null, source: OFFICIAL_SOURCE };
  return { year, status: 'provisional', revision: null, source: null };
}

/** 2007 to next year (and any later year with an approved arrangement). */
export async function listYears(ctx: Pick<Ctx, 'db' | 'actor' | 'clock'>): Promise<YearSummary[]> {
  assertCan(ctx.actor, 'calendar.read');
  const { province } = inForce(await approvedRevisions(ctx.db));
  const last = Math.max(Number(ctx.clock.today().slice(0, 4)) + 1, ...province.keys());
  const out: YearSummary[] = [];
  for (let y = OFFICIAL_FIRST_YEAR; y <= last; y++) out.push(summary(y, province.get(y)));
  return out;
}

export async function getYear(ctx: Pick<Ctx, 'db' | 'actor'>, year: number): Promise<YearDetail> {
  assertCan(ctx.actor, 'calendar.read');
  const { province, local } = inForce(await approvedRevisions(ctx.db));
  const revised = province.get(year);
  const days = revised ? revisionDays(revised) : (OFFICIAL_YEARS.get(year) ?? { off: [], work: [] });
  return {
    ...summary(year, revised),
    off: [...days.off],
    work: [...days.work],
    localOverrides: [...(local.get(year)?.values() ?? [])]
      .sort((a, b) => a.division_code.localeCompare(b.division_code))
      .map((r) => ({ divisionCode: r.division_code, ...revisionDays(r), revision: Number(r.revision) })),
  };
}

export async function listRevisionsFor(ctx: Pick<Ctx, 'db' | 'actor'>, status?: 'proposed' | 'approved' | 'rejected'): Promise<RevisionView[]> {
  assertCan(ctx.actor, 'calendar.propose');
  return presentRevisions(ctx.db, await listRevisions(ctx.db, status));
}

export interface ProposeInput {
  year: number;
  divisionCode: string;
  off: string[];
  work: string[];
  source: string;
  note?: string;
}

/** A provincial administrator enters a year's arrangement (or a local override); another approves it. */
export async function proposeRevision(ctx: Ctx, input: ProposeInput): Promise<RevisionView> {
  requireSignedIn(ctx);
  assertCan(ctx.actor, 'calendar.propose');
  const problems = validateArrangement(input);
  if (problems.length) throw new AppError('CALENDAR_INVALID', undefined, { article: ARTICLE, extra: { errors: problems } });
  const id = randomUUID();
  const row = {
    id,
    revision: null,
    year: input.year,
    division_code: input.divisionCode,
    days: JSON.stringify({ off: [...input.off].sort(), work: [...input.work].sort() }),
    source: input.source.trim(),
    note: input.note?.trim() || null,
    status: 'proposed',
    proposed_by: ctx.actor.userId!,
    proposed_at: ctx.clock.now().toISOString(),
    decided_by: null,
    decided_at: null,
    decision_reason: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertRevision(trx, row);
    await audit(ctx, trx, {
      action: 'calendar.revision_proposed',
      objectType: 'calendar_revision',
      objectId: id,
      after: row,
      article: ARTICLE,
      detail: { year: input.year, divisionCode: input.divisionCode, off: input.off.length, work: input.work.length },
    });
  });
  return (await presentRevisions(ctx.db, [row]))[0]!;
}

/**
 * Four eyes: a second provincial administrator approves; the approval takes the next revision
 * number, then every open deadline is recomputed on the new calendar (batches, own transactions).
 */
export async function approveRevision(ctx: Ctx, id: string): Promise<{ revision: number; recomputed: { checked: number; changed: number } }> {
  requireSignedIn(ctx);
  assertCan(ctx.actor, 'calendar.approve');
  let revision = 0;
  try {
    revision = await ctx.db.transaction().execute(async (trx) => {
      const before = await findRevision(trx, id);
      if (!before) throw new AppError('NOT_FOUND');
      if (before.status !== 'proposed') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from: before.status } });
      if (before.proposed_by === ctx.actor.userId) throw new AppError('CALENDAR_FOUR_EYES', undefined, { article: ARTICLE });
      const number = await nextRevisionNumber(trx);
      const patch = { status: 'approved', revision: number, decided_by: ctx.actor.userId, decided_at: ctx.clock.now().toISOString() };
      if (!(await decideRevision(trx, id, patch))) throw new AppError('CONFLICT');
      await audit(ctx, trx, {
        action: 'calendar.revision_approved',
        objectType: 'calendar_revision',
        objectId: id,
        before,
        after: { ...before, ...patch },
        article: ARTICLE,
        detail: { year: Number(before.year), divisionCode: before.division_code, revision: number },
      });
      return number;
    });
  } catch (err) {
    // Two approvals at once may compute the same number: the unique index refuses the second.
    if (isUniqueViolation(err)) throw new AppError('CONFLICT');
    throw err;
  }
  const r = await recomputeOpenDeadlines(ctx);
  return { revision, recomputed: { checked: r.checked, changed: r.changed } };
}

export async function rejectRevision(ctx: Ctx, id: string, input: { reason: string }): Promise<RevisionView> {
  requireSignedIn(ctx);
  assertCan(ctx.actor, 'calendar.approve');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findRevision(trx, id);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.status !== 'proposed') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from: before.status } });
    const patch = { status: 'rejected', decided_by: ctx.actor.userId, decided_at: ctx.clock.now().toISOString(), decision_reason: input.reason.trim() };
    if (!(await decideRevision(trx, id, patch))) throw new AppError('CONFLICT');
    await audit(ctx, trx, {
      action: 'calendar.revision_rejected',
      objectType: 'calendar_revision',
      objectId: id,
      before,
      after: { ...before, ...patch },
      article: ARTICLE,
      detail: { year: Number(before.year), divisionCode: before.division_code },
    });
  });
  return (await presentRevisions(ctx.db, [(await findRevision(ctx.db, id))!]))[0]!;
}

/** The calculator: a due date on the calendar in force, as every procedure would compute it. */
export async function calculateDue(
  ctx: Pick<Ctx, 'db' | 'actor'>,
  input: { start: string; days: number; dayKind: DayKind; divisionCode?: string | null },
): Promise<DueResult> {
  assertCan(ctx.actor, 'calendar.read');
  if (!isCalendarDate(input.start)) throw new AppError('VALIDATION_FAILED', { zh: 'start 不是有效日期', en: 'start is not a valid date' });
  const cal = await loadCalendar(ctx.db);
  return computeDue(cal, { start: input.start, days: input.days, dayKind: input.dayKind, divisionCode: input.divisionCode ?? null });
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(e.message ?? ''));
}
