import { assertCan } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { presentLevel } from './qualification.present.js';
import { findLevel, findLevels, updateLevel } from './qualification.repository.js';
import type { Level } from './qualification.rules.js';
import { requireSignedIn } from './qualification.workflow.js';

/** Art. 14: the province stipulates and publishes the business scope of each level. */
export async function listLevels(ctx: Pick<Ctx, 'db'>) {
  return (await findLevels(ctx.db)).map(presentLevel);
}

export interface LevelInput {
  scopeZh: string;
  scopeEn: string;
  projectScales: number[];
  promotionChecklist: { id: string; zh: string; en: string }[];
}

export async function updateLevelDefinition(ctx: Ctx, level: Level, input: LevelInput) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'qualification.levels.manage');
  const ids = input.promotionChecklist.map((i) => i.id);
  if (new Set(ids).size !== ids.length) {
    throw new AppError('VALIDATION_FAILED', { zh: '条件编号不得重复', en: 'Checklist item ids must be unique' });
  }
  const scales = [...new Set(input.projectScales)].sort();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findLevel(trx, level);
    if (!before) throw new AppError('NOT_FOUND');
    const patch = {
      scope_zh: input.scopeZh.trim(),
      scope_en: input.scopeEn.trim(),
      project_scales: JSON.stringify(scales),
      promotion_checklist: JSON.stringify(input.promotionChecklist),
      // Set by the province: no longer the illustrative seed.
      illustrative: 0,
      updated_at: ctx.clock.now().toISOString(),
      updated_by: ctx.actor.userId,
    };
    await updateLevel(trx, level, patch);
    await audit(ctx, trx, {
      action: 'qualification.level_updated',
      objectType: 'qualification_level',
      objectId: level,
      before,
      after: { ...before, ...patch },
      article: '14',
    });
  });
  return presentLevel((await findLevel(ctx.db, level))!);
}
