import type { Kysely } from 'kysely';
import { addDays } from '../../platform/calendar/dates.js';
import { fixedClock, type Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { actorOfUser } from '../../platform/identity/actor-of-user.js';
import { findUserByUsername } from '../../platform/identity/users.repository.js';
import { decidePenalty, openCase, proposePenalty } from './cases.actions.js';
import { publishCase } from './credit.actions.js';
import { findCase } from './penalty.repository.js';

/**
 * Demo data (only `serve --demo`, into an empty database): one published decision so the public
 * 双公示 list is not empty — an art. 37 case against an individual who covered a camera (art. 23),
 * filed a month ago, decided after the period, published. It goes through the procedure's own
 * actions with past clocks, so its ledger and deadlines are real. unit.a's lapsed rectification order
 * (inspections.seed.ts) is left for the user: the journey files its case by hand.
 */
export async function seedDemoPenalties(db: Kysely<Database>, clock: Clock, config: Config): Promise<string | null> {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Ctx['log'];
  const u = await findUserByUsername(db, 'gz.tianhe.officer');
  const site = await db.selectFrom('sites').select(['id']).where('division_code', '=', '440106').orderBy('created_at').executeTakeFirst();
  if (!u || !site) return null;
  const actor = actorOfUser({ ...u, user_id: u.id }, null);
  const at = (daysAgo: number): Ctx => ({ db, actor, clock: fixedClock(addDays(clock.today(), -daysAgo)), config, log });

  const id = await openCase(at(30), {
    source: { kind: 'inspection' },
    siteId: site.id,
    violatedArticle: '23',
    facts: '当事人故意遮挡营业厅出入口摄像机镜头，致使该摄像机无法正常采集图像（演示数据）。',
    parties: [{ partyType: 'individual', name: '李演示' }],
  });
  const c = (await findCase(db, id))!;
  const party = await db.selectFrom('penalty_parties').select('id').where('case_id', '=', id).executeTakeFirstOrThrow();
  await proposePenalty(at(28), id, { version: Number(c.version), amounts: [{ partyId: party.id, fineYuan: 3_000 }] });
  await decidePenalty(at(14), id, { amounts: [{ partyId: party.id, fineYuan: 3_000 }], reasons: '当事人逾期未提出陈述、申辩和听证申请，违法事实清楚，证据确实充分。' });
  await publishCase(at(12), id, {});
  return id;
}
