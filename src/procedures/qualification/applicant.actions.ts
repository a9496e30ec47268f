import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { clockDetail, startClock, stopClocks } from './qualification.clocks.js';
import { getApplicationDetail } from './read.actions.js';
import { runStep } from './qualification.workflow.js';

/** The applicant's own steps on an open application: supplement after the notice, or withdraw. */
export const MAX_MATERIALS = 50;

type Material = { name: string; ref: string };

/** Supplemented materials join the file; one with the same name replaces the earlier one. */
export function mergeMaterials(existing: readonly Material[], added: readonly Material[]): Material[] {
  const byName = new Map(existing.map((m) => [m.name, m]));
  for (const m of added) byName.set(m.name, m);
  return [...byName.values()];
}

export async function supplementApplication(ctx: Ctx, id: string, input: { materials: Material[]; version?: number }) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'supplement', input.version, async (trx, row) => {
    const materials = mergeMaterials(JSON.parse(row.materials) as Material[], input.materials);
    if (materials.length > MAX_MATERIALS) {
      throw new AppError('VALIDATION_FAILED', { zh: `材料总数不得超过 ${MAX_MATERIALS} 项`, en: `At most ${MAX_MATERIALS} materials per application` });
    }
    // Back to intake: a new 5-working-day period runs from the day the materials arrived.
    await stopClocks(ctx, trx, id, today);
    const clock = await startClock(ctx, trx, row, 'received', today);
    return {
      patch: { materials: JSON.stringify(materials), due_date: null },
      event: { action: 'qualification.supplemented', article: '行政许可法32', detail: { added: input.materials.length, ...clockDetail(clock) } },
    };
  });
  return getApplicationDetail(ctx, id);
}

export async function withdrawApplication(ctx: Ctx, id: string, input: { version?: number } = {}) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'withdraw', input.version, async (trx) => {
    // Ended by the applicant: the running period is cancelled, not met or missed.
    await stopClocks(ctx, trx, id, today, 'cancelled');
    return {
      patch: { due_date: null },
      // Withdrawal is the applicant's choice, not a rule's: no article applies.
      event: { action: 'qualification.withdrawn', article: null },
    };
  });
  return getApplicationDetail(ctx, id);
}
