import type { Ctx } from '../../platform/context.js';
import { clockDetail, startClock, stopClocks } from './qualification.clocks.js';
import { assertReasons, consolidateNotice } from './qualification.rules.js';
import { getApplicationDetail } from './read.actions.js';
import { runStep } from './qualification.workflow.js';

/**
 * Intake by the unit the materials go to first (the city bureau, or the province for records):
 * accept (受理), one consolidated notice of missing materials (一次性告知补正), or not accept
 * (不予受理) — Administrative Licensing Law art. 32.
 */
const LAW_32 = '行政许可法32';

export async function acceptApplication(ctx: Ctx, id: string, input: { version?: number } = {}) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'accept', input.version, async (trx, row) => {
    await stopClocks(ctx, trx, id, today);
    // Art. 42/43: decision (or, for I/II, the city's examination) within 20 working days of acceptance.
    const clock = await startClock(ctx, trx, row, 'accepted', today);
    return {
      patch: { accepted_on: today, due_date: null },
      event: { action: 'qualification.accepted', article: LAW_32, detail: clockDetail(clock) },
    };
  });
  return getApplicationDetail(ctx, id);
}

export async function issueNotice(ctx: Ctx, id: string, input: { missing: string[]; version?: number }) {
  const items = consolidateNotice(input.missing);
  const today = ctx.clock.today();
  await runStep(ctx, id, 'notice', input.version, async (trx) => {
    // The notice answers the 5-day period; none runs while the applicant supplements (their turn).
    await stopClocks(ctx, trx, id, today);
    return {
      patch: { missing_notice: JSON.stringify(items), due_date: null },
      event: { action: 'qualification.notice_issued', article: LAW_32, detail: { items: items.length } },
    };
  });
  return getApplicationDetail(ctx, id);
}

export async function rejectApplication(ctx: Ctx, id: string, input: { reasons: string; version?: number }) {
  const reasons = assertReasons(false, input.reasons);
  const today = ctx.clock.today();
  await runStep(ctx, id, 'reject', input.version, async (trx) => {
    await stopClocks(ctx, trx, id, today);
    return {
      patch: { reasons, decided_at: ctx.clock.now().toISOString(), decided_by: ctx.actor.userId, due_date: null },
      event: { action: 'qualification.not_accepted', article: LAW_32 },
    };
  });
  return getApplicationDetail(ctx, id);
}
