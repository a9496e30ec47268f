import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { hasPermission } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import { systemClock } from '../../platform/clock.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { closeDeadline, deadlinesOf, openDeadline, presentDeadline } from '../../platform/calendar/deadlines.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { findSite } from '../registry/sites.repository.js';
import { paging } from '../registry/sites.actions.js';
import { retryOnUniqueViolation } from '../projects/projects.workflow.js';
import { canSeeOrder, requireSignedIn, supervisionScope } from './inspections.access.js';
import { loadVisibleInspection } from './inspections.actions.js';
import { presentOrder, presentOrderCore, timelineOf, type OrderItem, type OrderView } from './inspections.present.js';
import {
  countOrders,
  findInspection,
  findOrder,
  findPhoto,
  insertOrder,
  lapsableOrders,
  listOrders,
  lockInspection,
  lockOrder,
  nextOrderSeq,
  orderOfInspection,
  updateOrder,
  type OrderRow,
} from './inspections.repository.js';
import {
  DEFAULT_ORDER_DAY_KIND,
  DEFAULT_ORDER_DAYS,
  MAX_ORDER_DAYS,
  isArticleRef,
  orderDisplayNumber,
  orderNumber,
  rectificationFailed,
  type ChecklistEntry,
} from './inspections.rules.js';
import { isInspector, isOrderParty, ORDER_STEPS, type OrderVerb } from './inspections.states.js';

/**
 * Rectification orders (art. 29: "urge the relevant units to rectify within a time limit"): issued
 * after an inspection found hidden dangers, with a time limit on the legal-day calendar; the unit
 * reports its correction; the issuing bureau re-inspects. An order whose limit passes without a
 * report lapses (settle, hourly). `rectificationFailed` is the precondition of art. 32–34 fines.
 */

export { rectificationFailed };
export type { OrderView };

export const ORDER_SUBJECT = 'rectification_order';
export const ORDER_DEADLINE_KIND = 'rectification.correction';

/**
 * For other procedures (penalty cases): the order as it stands, unscoped (the caller checks its
 * own access), or undefined. `failed` in the result is `rectificationFailed(order, today)`.
 */
export async function findRectificationOrder(db: DbOrTrx, id: string, today?: string): Promise<OrderView | undefined> {
  const row = await db
    .selectFrom('rectification_orders')
    .innerJoin('sites', 'sites.id', 'rectification_orders.site_id')
    .selectAll('rectification_orders')
    .select('sites.name as site_name')
    .where('rectification_orders.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return presentOrderCore(row, today ?? systemClock.today());
}

async function loadVisibleOrder(ctx: Pick<Ctx, 'actor'>, db: DbOrTrx, id: string): Promise<OrderRow> {
  requireSignedIn(ctx.actor);
  const row = await findOrder(db, id);
  if (!row || !canSeeOrder(ctx.actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

export interface IssueInput {
  items: { item: number; article?: string | null; problem?: string | null }[];
  dayKind?: 'working' | 'calendar';
  days?: number;
  version?: number;
}

/**
 * @article 29 — issue the order for the problems an inspection confirmed: each listed item must be
 * a checklist item marked as a problem; the article is the violated one (the item's, unless
 * given); the time limit runs from the day after issue, 10 working days by default.
 */
export async function issueRectificationOrder(ctx: Ctx, inspectionId: string, input: IssueInput) {
  requireSignedIn(ctx.actor);
  const dayKind = input.dayKind ?? DEFAULT_ORDER_DAY_KIND;
  const days = input.days ?? DEFAULT_ORDER_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_ORDER_DAYS) throw refuse('RECTIFICATION_INPUT_INVALID', '29', { field: 'days' });
  if (input.items.length === 0) throw refuse('RECTIFICATION_INPUT_INVALID', '29', { field: 'items' });
  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await loadVisibleInspection(ctx, trx, inspectionId);
      await lockInspection(trx, inspectionId);
      const ins = (await findInspection(trx, inspectionId))!;
      if (!hasPermission(ctx.actor, 'rectification.issue') || !(isInspector(ins, ctx.actor) || ctx.actor.policeUnitId === ins.police_unit_id)) {
        throw new AppError('FORBIDDEN');
      }
      if (ins.status !== 'completed') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: '29', extra: { from: ins.status } });
      if (input.version !== undefined && input.version !== Number(ins.version)) throw new AppError('CONFLICT');
      if (await orderOfInspection(trx, inspectionId)) throw refuse('RECTIFICATION_EXISTS', '29');
      if (!ins.unit_id) {
        // A public area has no unit with an inbox to report to (documented limitation).
        throw new AppError('RECTIFICATION_INPUT_INVALID', { zh: '公共区域没有可接收整改通知的单位', en: 'A public area has no unit to receive an order' }, { article: '29' });
      }
      const checklist = JSON.parse(ins.checklist) as ChecklistEntry[];
      const seen = new Set<number>();
      const items: OrderItem[] = input.items.map((it) => {
        const entry = checklist.find((e) => e.item === it.item);
        if (!entry || entry.result !== 'problem' || seen.has(it.item)) throw refuse('RECTIFICATION_INPUT_INVALID', '29', { field: 'items', item: it.item });
        seen.add(it.item);
        const article = it.article?.trim() || entry.article;
        const problem = it.problem?.trim() || entry.observation;
        if (!article || !isArticleRef(article) || !problem) throw refuse('RECTIFICATION_INPUT_INVALID', '29', { field: 'items', item: it.item });
        return { item: it.item, article, problem };
      });
      const today = ctx.clock.today();
      const year = Number(today.slice(0, 4));
      const seq = await nextOrderSeq(trx, ins.police_unit_id, year);
      const orderId = randomUUID();
      const deadline = await openDeadline(ctx, trx as Transaction<Database>, {
        subjectType: ORDER_SUBJECT,
        subjectId: orderId,
        kind: ORDER_DEADLINE_KIND,
        article: '29',
        divisionCode: ins.division_code,
        ownerUnitId: ins.police_unit_id,
        dayKind,
        days,
        startDate: today,
      });
      const now = ctx.clock.now().toISOString();
      const row: OrderRow = {
        id: orderId,
        number: orderNumber(ins.police_unit_id, year, seq),
        seq,
        year,
        inspection_id: ins.id,
        site_id: ins.site_id,
        unit_id: ins.unit_id,
        division_code: ins.division_code,
        police_unit_id: ins.police_unit_id,
        items: JSON.stringify(items),
        article: items[0]!.article,
        day_kind: dayKind,
        days,
        issued_on: today,
        due_date: deadline.dueDate,
        deadline_id: deadline.id,
        status: 'issued',
        report_note: null,
        report_photo_id: null,
        reported_on: null,
        reported_by: null,
        verified_on: null,
        verified_by: null,
        verification_note: null,
        lapsed_on: null,
        issued_by: ctx.actor.userId!,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await insertOrder(trx, row);
      await audit(ctx, trx, {
        action: 'rectification.issued',
        objectType: ORDER_SUBJECT,
        objectId: orderId,
        article: row.article,
        after: { status: 'issued', dueDate: row.due_date, items },
        detail: {
          number: row.number,
          displayNumber: orderDisplayNumber(row.police_unit_id, year, seq),
          inspectionId: ins.id,
          siteId: ins.site_id,
          unitId: ins.unit_id,
          articles: items.map((i) => i.article),
          dayKind,
          days,
          issuedOn: today,
          dueDate: deadline.dueDate,
          provisional: deadline.provisional,
          deadlineId: deadline.id,
        },
      });
      return orderId;
    }),
  );
  return getOrderDetail(ctx, id);
}

/** One order step: visible (404), the actor's (403), allowed now (409), versioned (409). */
async function orderStep(
  ctx: Ctx,
  id: string,
  verb: OrderVerb,
  expectedVersion: number | undefined,
  work: (trx: DbOrTrx, row: OrderRow) => Promise<{ patch: Parameters<typeof updateOrder>[3]; action: 'rectification.reported' | 'rectification.corrected' | 'rectification.failed'; detail: Record<string, unknown> }>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadVisibleOrder(ctx, trx, id);
    await lockOrder(trx, id);
    const row = (await findOrder(trx, id))!;
    if (!isOrderParty(verb, row, ctx.actor)) throw new AppError('FORBIDDEN');
    if (!ORDER_STEPS[verb].from.includes(row.status as never)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: row.article, extra: { from: row.status } });
    const version = Number(row.version);
    if (expectedVersion !== undefined && expectedVersion !== version) throw new AppError('CONFLICT');
    const { patch, action, detail } = await work(trx, row);
    if ((await updateOrder(trx, id, version, { ...patch, updated_at: ctx.clock.now().toISOString() })) !== 1) throw new AppError('CONFLICT');
    await audit(ctx, trx, {
      action,
      objectType: ORDER_SUBJECT,
      objectId: id,
      article: row.article,
      before: { status: row.status, version },
      after: { status: patch.status, version: version + 1 },
      detail: { number: row.number, dueDate: row.due_date, ...detail },
    });
  });
}

/**
 * @article 29 — the unit reports its correction (a note, optionally a photo it uploaded to the
 * order). In time, the deadline closes as met; after a lapse the report is still recorded, late.
 */
export async function reportCorrection(ctx: Ctx, id: string, input: { note: string; photoId?: string | null; version?: number }) {
  const note = input.note.trim();
  if (!note) throw refuse('RECTIFICATION_INPUT_INVALID', '29', { field: 'note' });
  await orderStep(ctx, id, 'report', input.version, async (trx, row) => {
    const today = ctx.clock.today();
    if (input.photoId) {
      const photo = await findPhoto(trx, input.photoId);
      if (!photo || photo.order_id !== row.id || photo.purpose !== 'correction') throw refuse('RECTIFICATION_INPUT_INVALID', row.article, { field: 'photoId' });
    }
    const d = (await deadlinesOf(trx, ORDER_SUBJECT, [row.id])).find((x) => x.id === row.deadline_id);
    if (d && d.status !== 'closed') await closeDeadline(ctx, trx as Transaction<Database>, d.id, { on: today });
    return {
      patch: { status: 'reported', report_note: note, report_photo_id: input.photoId ?? null, reported_on: today, reported_by: ctx.actor.userId },
      action: 'rectification.reported',
      detail: { reportedOn: today, late: today > row.due_date, photoId: input.photoId ?? null },
    };
  });
  return getOrderDetail(ctx, id);
}

/**
 * @article 29 — the re-inspection: corrected (the order closes) or not corrected (failed: the
 * precondition of a fine under art. 32–34 holds).
 */
export async function verifyCorrection(ctx: Ctx, id: string, input: { corrected: boolean; note?: string | null; version?: number }) {
  const note = input.note?.trim() || null;
  if (!input.corrected && !note) throw refuse('RECTIFICATION_INPUT_INVALID', '29', { field: 'note' });
  await orderStep(ctx, id, 'verify', input.version, async (_trx, row) => {
    const today = ctx.clock.today();
    const status = input.corrected ? 'corrected' : 'failed';
    return {
      patch: { status, verified_on: today, verified_by: ctx.actor.userId, verification_note: note },
      action: input.corrected ? 'rectification.corrected' : 'rectification.failed',
      detail: { verifiedOn: today, reportedOn: row.reported_on, inTime: !!row.reported_on && row.reported_on <= row.due_date },
    };
  });
  return getOrderDetail(ctx, id);
}

export interface SettleResult {
  checked: number;
  lapsed: number;
}

/**
 * @article 29 — orders whose due date has passed with no report lapse (the day after the due
 * date; the deadline closes as lapsed on its due date). System actor, hourly (cli/scheduler.ts);
 * one transaction per order, so a stop loses nothing, and a rerun finds nothing new.
 */
export async function settleRectificationOrders(ctx: Ctx, opts: { signal?: AbortSignal } = {}): Promise<SettleResult> {
  const today = ctx.clock.today();
  const result: SettleResult = { checked: 0, lapsed: 0 };
  let after: string | null = null;
  for (;;) {
    if (opts.signal?.aborted) break;
    const batch = await lapsableOrders(ctx.db, today, after, 100);
    if (batch.length === 0) break;
    for (const o of batch) {
      if (opts.signal?.aborted) break;
      after = o.id;
      result.checked++;
      const done = await ctx.db.transaction().execute(async (trx) => {
        await lockOrder(trx, o.id);
        const row = await findOrder(trx, o.id);
        // Reported meanwhile: nothing to do.
        if (!row || row.status !== 'issued' || !(today > row.due_date)) return false;
        const version = Number(row.version);
        const d = (await deadlinesOf(trx, ORDER_SUBJECT, [row.id])).find((x) => x.id === row.deadline_id);
        if (d && d.status !== 'closed') await closeDeadline(ctx, trx as Transaction<Database>, d.id, { on: row.due_date, outcome: 'lapsed' });
        if ((await updateOrder(trx, row.id, version, { status: 'lapsed', lapsed_on: today, updated_at: ctx.clock.now().toISOString() })) !== 1) return false;
        await audit(ctx, trx, {
          action: 'rectification.lapsed',
          objectType: ORDER_SUBJECT,
          objectId: row.id,
          article: row.article,
          before: { status: 'issued', version },
          after: { status: 'lapsed', version: version + 1 },
          detail: { number: row.number, dueDate: row.due_date, lapsedOn: today },
        });
        return true;
      });
      if (done) result.lapsed++;
    }
  }
  return result;
}

export async function getOrderDetail(ctx: Ctx, id: string) {
  const row = await loadVisibleOrder(ctx, ctx.db, id);
  const site = await findSite(ctx.db, row.site_id);
  const today = ctx.clock.today();
  const [views, timeline, photos] = await Promise.all([
    deadlinesOf(ctx.db, ORDER_SUBJECT, [id]),
    timelineOf(ctx.db, ORDER_SUBJECT, id),
    ctx.db.selectFrom('inspection_photos').selectAll().where('order_id', '=', id).orderBy('uploaded_at').execute(),
  ]);
  const view = views.find((d) => d.id === row.deadline_id);
  const deadline = view ? presentDeadline(view, today, await loadCalendar(ctx.db)) : null;
  return presentOrder({ ...row, site_name: site?.name ?? '' }, ctx.actor, today, { deadline, timeline, photos });
}
export type OrderDetail = Awaited<ReturnType<typeof getOrderDetail>>;

export async function listOrdersFor(ctx: Ctx, q: { status?: string; siteId?: string; page?: string; pageSize?: string }) {
  requireSignedIn(ctx.actor);
  const scope = supervisionScope(ctx.actor, 'rectification.read');
  const p = paging(q, 50);
  const f = { status: q.status, siteId: q.siteId };
  const [rows, total] = await Promise.all([listOrders(ctx.db, scope, f, p), countOrders(ctx.db, scope, f)]);
  const today = ctx.clock.today();
  return { items: rows.map((r) => presentOrderCore(r, today)), total, page: p.page, pageSize: p.pageSize };
}

/** Visible order for the photo upload (unit: while it can still report). */
export async function orderForCorrectionPhoto(ctx: Ctx, db: DbOrTrx, id: string): Promise<OrderRow> {
  const row = await loadVisibleOrder(ctx, db, id);
  if (!isOrderParty('report', row, ctx.actor)) throw new AppError('FORBIDDEN');
  if (!ORDER_STEPS.report.from.includes(row.status as never)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: row.article, extra: { from: row.status } });
  return row;
}

