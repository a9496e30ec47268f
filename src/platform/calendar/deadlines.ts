import { randomUUID } from 'node:crypto';
import { audit } from '../audit/audit.js';
import type { Ctx, DbOrTrx } from '../context.js';
import { AppError } from '../http/errors.js';
import {
  countUnclosedDeadlines,
  deadlinesOfSubjects,
  endPause,
  findDeadline,
  insertDeadline,
  insertPause,
  pausesOf,
  stampRevision,
  unclosedDeadlinesAfter,
  updateDeadline,
  type DeadlineRow,
  type PauseRow,
} from './calendar.repository.js';
import { loadCalendar } from './calendar.service.js';
import { isCalendarDate, daysBetween } from './dates.js';
import { computeDue, workingDaysBetween, type DayKind, type DueResult, type LegalCalendar } from './legal-days.js';

/**
 * Deadlines a procedure must keep, counted on the legal calendar. Every function works inside the
 * caller's transaction except `recomputeOpenDeadlines`, which commits its own batches. The stored
 * due date of a paused deadline is the one it had when the clock stopped; the live projection
 * ("if the clock restarted today") is computed by `presentDeadline`.
 */

export type DeadlineCtx = Pick<Ctx, 'db' | 'actor' | 'clock' | 'config'>;
export type PauseReason = 'supplement' | 'suspension' | 'testing' | 'expert_review' | 'hearing';
export const PAUSE_REASONS: readonly PauseReason[] = ['supplement', 'suspension', 'testing', 'expert_review', 'hearing'];
export type DeadlineStatus = 'open' | 'paused' | 'closed';
export type DeadlineOutcome = 'met' | 'late' | 'lapsed' | 'cancelled';

export interface PauseView {
  id: string;
  reason: PauseReason;
  article: string;
  from: string;
  to: string | null;
  note: string | null;
}

export interface DeadlineView {
  id: string;
  subjectType: string;
  subjectId: string;
  kind: string;
  article: string;
  divisionCode: string;
  ownerUnitId: string | null;
  dayKind: DayKind;
  days: number;
  startDate: string;
  dueDate: string;
  provisional: boolean;
  calendarRevision: number;
  status: DeadlineStatus;
  outcome: DeadlineOutcome | null;
  closedOn: string | null;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  pauses: PauseView[];
}

export type OpenDeadlineInput = Pick<
  DeadlineView,
  'subjectType' | 'subjectId' | 'kind' | 'article' | 'divisionCode' | 'ownerUnitId' | 'dayKind' | 'days' | 'startDate'
>;

function toView(row: DeadlineRow, pauses: readonly PauseRow[]): DeadlineView {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    kind: row.kind,
    article: row.article,
    divisionCode: row.division_code,
    ownerUnitId: row.owner_unit_id,
    dayKind: row.day_kind as DayKind,
    days: Number(row.days),
    startDate: row.start_date,
    dueDate: row.due_date,
    provisional: Number(row.provisional) === 1,
    calendarRevision: Number(row.calendar_revision),
    status: row.status as DeadlineStatus,
    outcome: row.outcome as DeadlineOutcome | null,
    closedOn: row.closed_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    pauses: pauses.map((p) => ({ id: p.id, reason: p.reason as PauseReason, article: p.article, from: p.from_date, to: p.to_date, note: p.note })),
  };
}

/** The due date of a period with its pauses, an open pause taken to end on `asOf`. */
function dueWith(cal: LegalCalendar, d: Pick<DeadlineView, 'startDate' | 'days' | 'dayKind' | 'divisionCode'>, pauses: readonly PauseView[], asOf?: string): DueResult {
  return computeDue(cal, {
    start: d.startDate,
    days: d.days,
    dayKind: d.dayKind,
    divisionCode: d.divisionCode,
    pauses: pauses.map((p) => ({ from: p.from, to: p.to })),
    ...(asOf ? { asOf } : {}),
  });
}

/**
 * The due date to store: an open pause counts as ending where it began, so a paused deadline's
 * stored date does not drift day by day (and a recompute only changes it when the calendar does).
 */
function storedDue(cal: LegalCalendar, d: Pick<DeadlineView, 'startDate' | 'days' | 'dayKind' | 'divisionCode'>, pauses: readonly PauseView[]): DueResult {
  const open = pauses.filter((p) => p.to === null).map((p) => p.from);
  return dueWith(cal, d, pauses, open.length ? open.sort()[open.length - 1] : undefined);
}

/** The columns a (re)computed due date sets. */
function duePatch(due: DueResult, now: string) {
  return { due_date: due.dueDate, provisional: due.provisional ? 1 : 0, calendar_revision: due.revision, updated_at: now };
}

/** Pause rows grouped by their deadline. */
function pausesByDeadline(pauses: readonly PauseRow[]): Map<string, PauseRow[]> {
  const byDeadline = new Map<string, PauseRow[]>();
  for (const p of pauses) {
    const list = byDeadline.get(p.deadline_id);
    if (list) list.push(p);
    else byDeadline.set(p.deadline_id, [p]);
  }
  return byDeadline;
}

function requireDate(value: string, field: string): void {
  if (!isCalendarDate(value)) throw new AppError('VALIDATION_FAILED', { zh: `${field} 不是有效日期`, en: `${field} is not a valid date` });
}

async function loadDeadline(trx: DbOrTrx, id: string): Promise<DeadlineView> {
  const row = await findDeadline(trx, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toView(row, await pausesOf(trx, [id]));
}

/** Start a period on the day after `startDate`; the due date records the calendar revision used. */
export async function openDeadline(ctx: DeadlineCtx, trx: DbOrTrx, input: OpenDeadlineInput): Promise<DeadlineView> {
  requireDate(input.startDate, 'startDate');
  const cal = await loadCalendar(trx, ctx.db);
  const due = computeDue(cal, { start: input.startDate, days: input.days, dayKind: input.dayKind, divisionCode: input.divisionCode });
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  await insertDeadline(trx, {
    id,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    kind: input.kind,
    article: input.article,
    division_code: input.divisionCode,
    owner_unit_id: input.ownerUnitId,
    day_kind: input.dayKind,
    days: input.days,
    start_date: input.startDate,
    due_date: due.dueDate,
    provisional: due.provisional ? 1 : 0,
    calendar_revision: due.revision,
    status: 'open',
    outcome: null,
    closed_on: null,
    created_at: now,
    updated_at: now,
  });
  return loadDeadline(trx, id);
}

/** Stop the clock from the day after `from` (licensing law art. 45; supplements, suspension). */
export async function pauseDeadline(
  ctx: DeadlineCtx,
  trx: DbOrTrx,
  deadlineId: string,
  input: { reason: PauseReason; article: string; from: string; note?: string | null },
): Promise<DeadlineView> {
  requireDate(input.from, 'from');
  if (!PAUSE_REASONS.includes(input.reason)) throw new AppError('VALIDATION_FAILED', { zh: '暂停原因无效', en: 'Unknown pause reason' });
  const d = await loadDeadline(trx, deadlineId);
  if (d.status !== 'open') throw new AppError('TRANSITION_NOT_ALLOWED');
  if (input.from < d.startDate) throw new AppError('VALIDATION_FAILED', { zh: '暂停不能早于期限起算日', en: 'A pause cannot begin before the period starts' });
  const now = ctx.clock.now().toISOString();
  await insertPause(trx, {
    id: randomUUID(),
    deadline_id: d.id,
    reason: input.reason,
    article: input.article,
    from_date: input.from,
    to_date: null,
    note: input.note ?? null,
    created_by: ctx.actor.userId,
    created_at: now,
  });
  if (!(await updateDeadline(trx, d.id, d.updatedAt, { status: 'paused', updated_at: now }))) throw new AppError('CONFLICT');
  const after = await loadDeadline(trx, d.id);
  await audit(ctx, trx, {
    action: 'deadline.paused',
    objectType: 'deadline',
    objectId: d.id,
    before: d,
    after,
    article: input.article,
    detail: { subjectType: d.subjectType, subjectId: d.subjectId, kind: d.kind, reason: input.reason, from: input.from, dueDate: d.dueDate },
  });
  return after;
}

/** Restart the clock: days after the pause's start up to and including `to` are not counted. */
export async function resumeDeadline(ctx: DeadlineCtx, trx: DbOrTrx, deadlineId: string, input: { to: string }): Promise<DeadlineView> {
  requireDate(input.to, 'to');
  const d = await loadDeadline(trx, deadlineId);
  const open = d.pauses.find((p) => p.to === null);
  if (d.status !== 'paused' || !open) throw new AppError('TRANSITION_NOT_ALLOWED');
  if (input.to < open.from) throw new AppError('VALIDATION_FAILED', { zh: '恢复日期不能早于暂停日期', en: 'The clock cannot restart before it stopped' });
  const cal = await loadCalendar(trx, ctx.db);
  const pauses = d.pauses.map((p) => (p.id === open.id ? { ...p, to: input.to } : p));
  const due = storedDue(cal, d, pauses);
  const now = ctx.clock.now().toISOString();
  await endPause(trx, open.id, input.to);
  const patch = { status: 'open', ...duePatch(due, now) };
  if (!(await updateDeadline(trx, d.id, d.updatedAt, patch))) throw new AppError('CONFLICT');
  const after = await loadDeadline(trx, d.id);
  await audit(ctx, trx, {
    action: 'deadline.resumed',
    objectType: 'deadline',
    objectId: d.id,
    before: d,
    after,
    article: open.article,
    detail: {
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      kind: d.kind,
      reason: open.reason,
      from: open.from,
      to: input.to,
      beforeDueDate: d.dueDate,
      afterDueDate: due.dueDate,
      pausedDays: due.pausedDays,
      revision: due.revision,
    },
  });
  return after;
}

/** End a period: met if acted on by the due date, else late (unless the caller names the outcome). */
export async function closeDeadline(
  ctx: DeadlineCtx,
  trx: DbOrTrx,
  deadlineId: string,
  input: { on: string; outcome?: DeadlineOutcome },
): Promise<DeadlineView> {
  requireDate(input.on, 'on');
  const d = await loadDeadline(trx, deadlineId);
  if (d.status === 'closed') throw new AppError('TRANSITION_NOT_ALLOWED');
  // A deadline closed while stopped (e.g. the application is withdrawn) ends its pause that day.
  const open = d.pauses.find((p) => p.to === null);
  if (open) await endPause(trx, open.id, input.on < open.from ? open.from : input.on);
  const outcome = input.outcome ?? (input.on <= d.dueDate ? 'met' : 'late');
  const now = ctx.clock.now().toISOString();
  if (!(await updateDeadline(trx, d.id, d.updatedAt, { status: 'closed', outcome, closed_on: input.on, updated_at: now }))) throw new AppError('CONFLICT');
  return loadDeadline(trx, d.id);
}

/** Deadlines of subjects with their pauses, newest first. */
export async function deadlinesOf(db: DbOrTrx, subjectType: string, subjectIds: readonly string[]): Promise<DeadlineView[]> {
  const rows = await deadlinesOfSubjects(db, subjectType, subjectIds);
  const byDeadline = pausesByDeadline(await pausesOf(db, rows.map((r) => r.id)));
  return rows.map((r) => toView(r, byDeadline.get(r.id) ?? []));
}

export interface RecomputeProgress {
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches: a stop never leaves a batch half written. */
  signal?: AbortSignal;
  batchSize?: number;
}

export interface RecomputeDeadlinesResult {
  checked: number;
  changed: number;
  /** True when the signal stopped the run before the end; a rerun finishes the rest. */
  stopped: boolean;
}

/**
 * Recompute every open or paused deadline on the calendar in force (after a revision is
 * approved): keyset pages in id order, one transaction per batch, a `deadline.recomputed` ledger
 * entry for each due date that changed (before/after and the revision), and the revision stamped
 * on the unchanged ones, since they were checked against it.
 */
export async function recomputeOpenDeadlines(ctx: DeadlineCtx, opts: RecomputeProgress = {}): Promise<RecomputeDeadlinesResult> {
  const batchSize = opts.batchSize ?? 500;
  const cal = await loadCalendar(ctx.db);
  const total = await countUnclosedDeadlines(ctx.db);
  const result: RecomputeDeadlinesResult = { checked: 0, changed: 0, stopped: false };
  let after: string | null = null;
  for (;;) {
    if (opts.signal?.aborted) {
      result.stopped = true;
      break;
    }
    const batch = await ctx.db.transaction().execute(async (trx) => {
      const rows = await unclosedDeadlinesAfter(trx, after, batchSize);
      const byDeadline = pausesByDeadline(await pausesOf(trx, rows.map((r) => r.id)));
      const now = ctx.clock.now().toISOString();
      const unchanged: string[] = [];
      let changed = 0;
      for (const [i, row] of rows.entries()) {
        // SQLite work is synchronous: yield now and then so a Ctrl-C is heard within milliseconds
        // (tsx gives a busy child 30 ms before it kills it) and the run can stop after this batch.
        if (i % 10 === 9) await new Promise<void>((resolve) => setImmediate(resolve));
        const d = toView(row, byDeadline.get(row.id) ?? []);
        const due = storedDue(cal, d, d.pauses);
        if (due.dueDate === d.dueDate && due.provisional === d.provisional) {
          unchanged.push(d.id);
          continue;
        }
        // Changed meanwhile by its procedure, which computed on the calendar in force: leave it.
        if (!(await updateDeadline(trx, d.id, d.updatedAt, duePatch(due, now)))) continue;
        changed++;
        await audit(ctx, trx, {
          action: 'deadline.recomputed',
          objectType: 'deadline',
          objectId: d.id,
          before: { dueDate: d.dueDate, provisional: d.provisional, calendarRevision: d.calendarRevision },
          after: { dueDate: due.dueDate, provisional: due.provisional, calendarRevision: due.revision },
          article: d.article,
          detail: {
            subjectType: d.subjectType,
            subjectId: d.subjectId,
            kind: d.kind,
            beforeDueDate: d.dueDate,
            afterDueDate: due.dueDate,
            beforeProvisional: d.provisional,
            afterProvisional: due.provisional,
            beforeRevision: d.calendarRevision,
            revision: due.revision,
          },
        });
      }
      await stampRevision(trx, unchanged, cal.revision);
      return { count: rows.length, changed, last: rows.at(-1)?.id ?? null };
    });
    if (batch.count === 0) break;
    result.checked += batch.count;
    result.changed += batch.changed;
    after = batch.last;
    opts.onProgress?.(result.checked, Math.max(total, result.checked));
  }
  return result;
}

export interface PresentedDeadline
  extends Pick<
    DeadlineView,
    'id' | 'kind' | 'article' | 'dayKind' | 'days' | 'startDate' | 'dueDate' | 'provisional' | 'calendarRevision' | 'status' | 'outcome' | 'closedOn'
  > {
  /** Working (or calendar) days from today to the due date; negative when overdue; null once closed. */
  daysLeft: number | null;
  overdue: boolean;
  paused: boolean;
  pauses: Omit<PauseView, 'id'>[];
}

/**
 * What a person sees. A paused deadline shows the due date it would have if the clock restarted
 * today (computed live on `cal`); open and closed ones show the stored date and its revision.
 */
export function presentDeadline(view: DeadlineView, today: string, cal: LegalCalendar): PresentedDeadline {
  let dueDate = view.dueDate;
  let provisional = view.provisional;
  let calendarRevision = view.calendarRevision;
  if (view.status === 'paused') {
    const live = dueWith(cal, view, view.pauses, today);
    ({ dueDate, provisional } = live);
    calendarRevision = live.revision;
  }
  const closed = view.status === 'closed';
  const daysLeft = closed
    ? null
    : view.dayKind === 'working'
      ? workingDaysBetween(cal, today, dueDate, view.divisionCode)
      : daysBetween(today, dueDate);
  return {
    id: view.id,
    kind: view.kind,
    article: view.article,
    dayKind: view.dayKind,
    days: view.days,
    startDate: view.startDate,
    dueDate,
    provisional,
    calendarRevision,
    status: view.status,
    outcome: view.outcome,
    closedOn: view.closedOn,
    daysLeft,
    overdue: !closed && today > dueDate,
    paused: view.status === 'paused',
    pauses: view.pauses.map((p) => ({ reason: p.reason, article: p.article, from: p.from, to: p.to, note: p.note })),
  };
}
