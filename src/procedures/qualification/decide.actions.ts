import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { decisionArticle, issueForApplication } from './certificate.issue.js';
import { clockDetail, startClock, stopClocks } from './qualification.clocks.js';
import { assertReasons } from './qualification.rules.js';
import { getApplicationDetail } from './read.actions.js';
import { retryOnUniqueViolation, runStep } from './qualification.workflow.js';

/**
 * Art. 14: the city bureau examines level I/II applications (初审) and forwards them with its
 * opinion; the deciding unit (city for III/IV, province for I/II and records) approves or refuses.
 */
export async function examineApplication(ctx: Ctx, id: string, input: { pass: boolean; opinion: string; version?: number }) {
  const opinion = input.opinion.trim();
  if (!opinion) throw new AppError('VALIDATION_FAILED', { zh: '请填写初审意见', en: 'The examination opinion is required' });
  const today = ctx.clock.today();
  await runStep(ctx, id, 'examine', input.version, async (trx, row) => {
    // A failed examination is still forwarded: the decision is the province's (art. 14).
    // The city's examination period ends; the province then has its own 20 working days (art. 42).
    await stopClocks(ctx, trx, id, today);
    const clock = await startClock(ctx, trx, row, 'examined', today);
    return {
      patch: { opinion, due_date: null },
      event: { action: 'qualification.examined', article: '14', detail: { pass: input.pass, ...clockDetail(clock) } },
    };
  });
  return getApplicationDetail(ctx, id);
}

/** Approve (issuing or endorsing the certificate in the same transaction) or refuse with reasons. */
export async function decideApplication(ctx: Ctx, id: string, input: { approve: boolean; reasons?: string | null; version?: number }) {
  const reasons = assertReasons(input.approve, input.reasons);
  const today = ctx.clock.today();
  await retryOnUniqueViolation(() =>
    runStep(ctx, id, input.approve ? 'approve' : 'refuse', input.version, async (trx, row) => {
      const certificateId = input.approve ? await issueForApplication(ctx, trx, row, today) : null;
      await stopClocks(ctx, trx, id, today);
      return {
        patch: {
          reasons,
          decided_at: ctx.clock.now().toISOString(),
          decided_by: ctx.actor.userId,
          due_date: null,
          issued_certificate_id: certificateId,
        },
        event: {
          action: input.approve ? 'qualification.approved' : 'qualification.refused',
          article: decisionArticle(row.kind),
          detail: certificateId ? { certificateId } : undefined,
        },
      };
    }),
  );
  return getApplicationDetail(ctx, id);
}
