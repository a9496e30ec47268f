import type { Ctx } from '../../platform/context.js';
import { assertReasons, consolidateNotice, dueDate } from './qualification.rules.js';
import { qualificationSettings } from './qualification.settings.js';
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
  const { decisionDays } = qualificationSettings(ctx.config);
  await runStep(ctx, id, 'accept', input.version, async () => ({
    // Art. 42/43: decision (or, for I/II, the city's examination) within 20 days of acceptance.
    patch: { accepted_on: today, due_date: dueDate(today, decisionDays) },
    event: { action: 'qualification.accepted', article: LAW_32 },
  }));
  return getApplicationDetail(ctx, id);
}

export async function issueNotice(ctx: Ctx, id: string, input: { missing: string[]; version?: number }) {
  const items = consolidateNotice(input.missing);
  await runStep(ctx, id, 'notice', input.version, async () => ({
    // The clock stops while the applicant supplements: no due date on the officer's side.
    patch: { missing_notice: JSON.stringify(items), due_date: null },
    event: { action: 'qualification.notice_issued', article: LAW_32, detail: { items: items.length } },
  }));
  return getApplicationDetail(ctx, id);
}

export async function rejectApplication(ctx: Ctx, id: string, input: { reasons: string; version?: number }) {
  const reasons = assertReasons(false, input.reasons);
  await runStep(ctx, id, 'reject', input.version, async () => ({
    patch: { reasons, decided_at: ctx.clock.now().toISOString(), decided_by: ctx.actor.userId, due_date: null },
    event: { action: 'qualification.not_accepted', article: LAW_32 },
  }));
  return getApplicationDetail(ctx, id);
}
