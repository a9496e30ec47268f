import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { addDays } from '../../platform/calendar/dates.js';
import { computeDue } from '../../platform/calendar/legal-days.js';
import { fixedClock, type Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { actorOfUser } from '../../platform/identity/actor-of-user.js';
import { findUserByUsername } from '../../platform/identity/users.repository.js';
import { registerDevice } from '../registry/devices.actions.js';
import { completeInspection, createTargetedInspection, recordItem } from './inspections.actions.js';
import { createPlan, drawPlan } from './plans.actions.js';
import { issueRectificationOrder, settleRectificationOrders } from './rectification.actions.js';
import { DEFAULT_ORDER_DAYS } from './inspections.rules.js';

/**
 * Demo inspections (演示), made through the procedure's own actions on dates relative to the seeding
 * day (the lapsed order must be lapsed whenever the demo is started):
 * - unit.a registers a camera at its bank branch keeping footage only 15 days (art. 20 finding);
 * - about three weeks before seeding, gz.tianhe.officer inspected the branch (targeted, after that
 *   finding), confirmed item (4) as a problem and issued an order to correct within 10 working
 *   days; unit.a never reported, so the order is `lapsed` (the penalty journey starts from it);
 * - on the seeding day, a planned targeted inspection of the same branch for gz.tianhe.officer (the
 *   inspector's checklist journey) and a drawn 双随机 plan of the Tianhe bureau.
 */

export const DEMO_INSPECTION = {
  siteName: '某银行天河支行营业部（演示）',
  lapsedNote: '年度技防检查（演示）',
  openNote: '录像保存期限复查（演示）',
  planTitle: '2026 年天河区技防双随机抽查（演示）',
} as const;

export interface DemoInspectionsResult {
  lapsedOrderId: string;
  lapsedInspectionId: string;
  openInspectionId: string;
  planId: string;
}

/** The latest day ≤ today − 21 whose 10-working-day limit has already run out before today. */
async function issueDay(db: Kysely<Database>, today: string): Promise<string> {
  const cal = await loadCalendar(db);
  let day = addDays(today, -21);
  while (computeDue(cal, { start: day, days: DEFAULT_ORDER_DAYS, dayKind: 'working', divisionCode: '440106' }).dueDate >= today) day = addDays(day, -7);
  return day;
}

export async function seedDemoInspections(db: Kysely<Database>, clock: Clock, config: Config): Promise<DemoInspectionsResult | null> {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Ctx['log'];
  const today = clock.today();
  const past = fixedClock(await issueDay(db, today));
  const as = async (username: string, c: Clock): Promise<Ctx> => {
    const u = await findUserByUsername(db, username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return { db, actor: actorOfUser({ ...u, user_id: u.id }, null), clock: c, config, log };
  };
  const site = await db.selectFrom('sites').select(['id']).where('name', '=', DEMO_INSPECTION.siteName).executeTakeFirst();
  if (!site) return null;
  const video = await db.selectFrom('systems').select('id').where('site_id', '=', site.id).where('system_type', '=', 'video_surveillance').orderBy('created_at').executeTakeFirst();

  // ── a camera keeping 15 days (art. 20), registered by unit.a before the inspection ──
  const unit = await as('unit.a', past);
  if (video) {
    await registerDevice(unit, video.id, {
      deviceKind: 'camera',
      name: '营业厅全景摄像机（演示）',
      deviceCode: '44010600001320000301',
      placement: 'inside_unit',
      signage: true,
      retentionDays: 15,
    });
  }
  const finding = await db
    .selectFrom('findings')
    .select('id')
    .where('site_id', '=', site.id)
    .where('article', '=', '20')
    .where('resolved_at', 'is', null)
    .executeTakeFirst();

  // ── three weeks ago: inspected, ordered to correct within 10 working days, never reported ──
  const officerPast = await as('gz.tianhe.officer', past);
  const done = await createTargetedInspection(
    officerPast,
    finding ? { siteId: site.id, reason: { kind: 'finding', id: finding.id } } : { siteId: site.id, reason: { kind: 'officer', note: DEMO_INSPECTION.lapsedNote } },
  );
  await recordItem(officerPast, done.id, 4, { result: 'problem', article: '20', observation: '营业厅录像仅保存 15 日，少于 30 日（演示）' });
  for (const item of [1, 2, 3, 5, 6] as const) await recordItem(officerPast, done.id, item, { result: 'ok' });
  await completeInspection(officerPast, done.id, { summary: '录像保存期限不足 30 日，责令限期整改（演示）' });
  const order = await issueRectificationOrder(officerPast, done.id, { items: [{ item: 4 }], dayKind: 'working', days: DEFAULT_ORDER_DAYS });
  await settleRectificationOrders({ db, actor: SYSTEM_ACTOR, clock, config, log });

  // ── today: a planned inspection of the branch for the inspector's checklist, and a drawn plan ──
  const officer = await as('gz.tianhe.officer', clock);
  const open = await createTargetedInspection(officer, { siteId: site.id, reason: { kind: 'officer', note: DEMO_INSPECTION.openNote } });
  const plan = await createPlan(officer, {
    title: DEMO_INSPECTION.planTitle,
    targetCount: 2,
    inspectorsPerTarget: 1,
    periodFrom: today,
    periodTo: addDays(today, 30),
  });
  await drawPlan(officer, plan.id);
  return { lapsedOrderId: order.id, lapsedInspectionId: done.id, openInspectionId: open.id, planId: plan.id };
}
