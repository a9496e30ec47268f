import { recomputeSiteFindings } from '../registry/findings.recompute.js';
import type { Transaction } from 'kysely';
import { pauseDeadline, resumeDeadline } from '../../platform/calendar/deadlines.js';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { documentsOfProject, runningDeadline } from './projects.repository.js';
import { assertReasons, consolidateNotice, schemeChecklist, type NoticeItem, type PauseReason } from './projects.rules.js';
import { DEADLINE_KINDS, projectSettings } from './projects.settings.js';
import { getProjectDetail } from './read.actions.js';
import { cancelProjectClocks, checkEligibility, closeProjectClock, openProjectClock, runStep, type ClockSpec } from './projects.workflow.js';

/**
 * Design-scheme review (art. 17) on the Administrative Licensing Law's clocks: receipt opens the
 * 5-working-day completeness clock (art. 32); the officer accepts — starting the review clock — or
 * sends the ONE notice listing everything missing (the clock stops until the supplement, which
 * starts a new completeness clock); the review may be paused (art. 45) and ends in approval or a
 * refusal with reasons (art. 38). Eligibility (art. 14(2), 16) is checked again at each decision.
 */
const LAW_32 = '行政许可法32';
const LAW_45 = '行政许可法45';

function clocks(ctx: Ctx): { completeness: ClockSpec; review: ClockSpec } {
  const s = projectSettings(ctx.config);
  return {
    completeness: { kind: DEADLINE_KINDS.completeness, article: LAW_32, days: s.completenessDays, dayKind: s.completenessDayKind },
    review: { kind: DEADLINE_KINDS.review, article: '17', days: s.schemeReviewDays, dayKind: s.schemeReviewDayKind },
  };
}

type V = { version?: number };

/** Submit the draft: companies eligible, the five classes checked (missing ones are the notice's business). */
export async function submitProject(ctx: Ctx, id: string, input: V = {}) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'submit', input.version, async (trx, row) => {
    await checkEligibility(trx, row, today);
    const checklist = schemeChecklist((await documentsOfProject(trx, id)).map((d) => d.doc_class));
    await openProjectClock(ctx, trx, row, clocks(ctx).completeness, today);
    return {
      patch: { received_on: today, round: Number(row.round) + 1 },
      event: {
        action: 'project.submitted',
        article: '17',
        detail: { round: Number(row.round) + 1, missing: checklist.filter((c) => !c.present).map((c) => c.docClass) },
      },
    };
  });
  return getProjectDetail(ctx, id);
}

/** The one consolidated notice (一次性告知): everything missing at once; the completeness clock stops. */
export async function issueNotice(ctx: Ctx, id: string, input: V & { missing: NoticeItem[]; note?: string }) {
  const items = consolidateNotice(input.missing);
  const note = input.note?.trim() || null;
  const today = ctx.clock.today();
  await runStep(ctx, id, 'notice', input.version, async (trx) => {
    await closeProjectClock(ctx, trx, id, DEADLINE_KINDS.completeness, today);
    return {
      patch: { notice_issued_on: today, missing_notice: JSON.stringify({ items, note }) },
      event: { action: 'project.notice_issued', article: LAW_32, detail: { items: items.length } },
    };
  });
  return getProjectDetail(ctx, id);
}

/** The applicant supplements: received again today, a new completeness clock (round + 1). */
export async function supplementProject(ctx: Ctx, id: string, input: V = {}) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'supplement', input.version, async (trx, row) => {
    await openProjectClock(ctx, trx, row, clocks(ctx).completeness, today);
    return {
      patch: { received_on: today, round: Number(row.round) + 1 },
      event: { action: 'project.supplemented', article: LAW_32, detail: { round: Number(row.round) + 1 } },
    };
  });
  return getProjectDetail(ctx, id);
}

/** Accept (受理): the completeness clock stops, the review clock (art. 17, 15 days) starts today. */
export async function acceptProject(ctx: Ctx, id: string, input: V = {}) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'accept', input.version, async (trx, row) => {
    await checkEligibility(trx, row, today);
    await closeProjectClock(ctx, trx, id, DEADLINE_KINDS.completeness, today);
    await openProjectClock(ctx, trx, row, clocks(ctx).review, today);
    return { patch: { accepted_on: today, deemed_accepted: 0 }, event: { action: 'project.scheme_accepted', article: LAW_32 } };
  });
  return getProjectDetail(ctx, id);
}

/** Not accept (不予受理), with reasons. */
export async function notAcceptProject(ctx: Ctx, id: string, input: V & { reasons: string }) {
  const reasons = assertReasons(input.reasons);
  const today = ctx.clock.today();
  await runStep(ctx, id, 'not-accept', input.version, async (trx) => {
    await closeProjectClock(ctx, trx, id, DEADLINE_KINDS.completeness, today);
    return {
      patch: { reasons, decided_on: today, decided_by: ctx.actor.userId },
      event: { action: 'project.not_accepted', article: LAW_32 },
    };
  });
  return getProjectDetail(ctx, id);
}

async function reviewClock(trx: Transaction<Database>, id: string) {
  const d = await runningDeadline(trx, id, DEADLINE_KINDS.review);
  // The state machine only offers pause/resume while the scheme is under review, which has a clock.
  if (!d) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { reason: 'no review clock' } });
  return d;
}

/** Stop the review clock (行政许可法45: expert review, testing, hearing; or a suspension) from today. */
export async function pauseProject(ctx: Ctx, id: string, input: V & { reason: PauseReason; note?: string }) {
  const today = ctx.clock.today();
  const note = input.note?.trim() || undefined;
  await runStep(ctx, id, 'pause', input.version, async (trx) => {
    const d = await reviewClock(trx, id);
    await pauseDeadline(ctx, trx, d.id, { reason: input.reason, article: LAW_45, from: today, ...(note ? { note } : {}) });
    return { patch: {}, event: { action: 'project.review_paused', article: LAW_45, detail: { reason: input.reason, deadlineId: d.id } } };
  });
  return getProjectDetail(ctx, id);
}

/** Restart the review clock: the paused days are not counted and the due date moves on. */
export async function resumeProject(ctx: Ctx, id: string, input: V = {}) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'resume', input.version, async (trx) => {
    const d = await reviewClock(trx, id);
    await resumeDeadline(ctx, trx, d.id, { to: today });
    return { patch: {}, event: { action: 'project.review_resumed', article: LAW_45, detail: { deadlineId: d.id } } };
  });
  return getProjectDetail(ctx, id);
}

/** Approve the scheme (art. 17); the approval number defaults to the project number. */
export async function approveProject(ctx: Ctx, id: string, input: V & { approvalNumber?: string }) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'approve', input.version, async (trx, row) => {
    await checkEligibility(trx, row, today);
    await closeProjectClock(ctx, trx, id, DEADLINE_KINDS.review, today);
    const approvalNumber = input.approvalNumber?.trim() || row.number;
    if (row.construction_started_on) {
      // Construction was reported before approval (art. 17 → 36 finding): the site's findings are
      // computed from the project's status, so write it first and recompute in this transaction.
      await trx.updateTable('projects').set({ status: 'scheme_approved' }).where('id', '=', id).execute();
      await recomputeSiteFindings(ctx, trx, row.site_id);
    }
    return {
      patch: { decided_on: today, decided_by: ctx.actor.userId, approval_number: approvalNumber, reasons: null },
      event: { action: 'project.approved', article: '17', detail: { approvalNumber } },
    };
  });
  return getProjectDetail(ctx, id);
}

/** Refuse the scheme, with reasons (行政许可法38). */
export async function refuseProject(ctx: Ctx, id: string, input: V & { reasons: string }) {
  const reasons = assertReasons(input.reasons);
  const today = ctx.clock.today();
  await runStep(ctx, id, 'refuse', input.version, async (trx) => {
    await closeProjectClock(ctx, trx, id, DEADLINE_KINDS.review, today);
    return { patch: { decided_on: today, decided_by: ctx.actor.userId, reasons }, event: { action: 'project.refused', article: '17' } };
  });
  return getProjectDetail(ctx, id);
}

/** The applicant withdraws before acceptance; any running clock is cancelled, not missed. */
export async function withdrawProject(ctx: Ctx, id: string, input: V = {}) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'withdraw', input.version, async (trx) => {
    await cancelProjectClocks(ctx, trx, id, today);
    return { patch: {}, event: { action: 'project.withdrawn', article: LAW_32 } };
  });
  return getProjectDetail(ctx, id);
}
