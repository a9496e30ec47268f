import { randomUUID } from 'node:crypto';
import { assertCan, can, hasPermission } from '../../platform/access/access.js';
import { OFFICER_ROLES } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { openFindingsOfSites } from '../registry/findings.repository.js';
import { findSite, type SiteRow } from '../registry/sites.repository.js';
import { paging } from '../registry/sites.actions.js';
import { retryOnUniqueViolation } from '../projects/projects.workflow.js';
import { canSeeInspection, requireSignedIn, supervisionScope } from './inspections.access.js';
import { presentInspection, presentInspectionSummary, timelineOf, type Names } from './inspections.present.js';
import {
  countInspections,
  findInspection,
  listInspections,
  lockInspection,
  nextInspectionSeq,
  orderOfInspection,
  photosOfInspection,
  updateInspection,
  insertInspection,
  usersByIds,
  type InspectionRow,
} from './inspections.repository.js';
import { checklistComplete, isArticleRef, prefillChecklist, type ChecklistEntry, type ChecklistItemNo, type ItemResult } from './inspections.rules.js';
import { isInspector, type ReasonKind } from './inspections.states.js';

/** Inspections (art. 29): targeted ones, the checklist, completion; reads. */

export async function namesOf(db: DbOrTrx, ids: Iterable<string>): Promise<Names> {
  const rows = await usersByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

function inspectorIdsOf(rows: readonly Pick<InspectionRow, 'inspector_ids'>[]): string[] {
  return rows.flatMap((r) => JSON.parse(r.inspector_ids) as string[]);
}

export function inspectionNumberPrefix(policeUnitId: string, year: number): string {
  const unit = getPoliceUnit(policeUnitId);
  return `JC-${unit?.divisionCode ?? policeUnitId.replace(/[^A-Za-z0-9]/g, '')}-${year}-`;
}

export interface NewInspection {
  planId: string | null;
  kind: 'random' | 'targeted';
  reasonKind: ReasonKind;
  reasonId: string | null;
  reasonNote: string | null;
  site: Pick<SiteRow, 'id' | 'division_code' | 'unit_id'>;
  policeUnitId: string;
  inspectorIds: string[];
  /** Sequence number within the unit's year (the caller allocates a run of them for a draw). */
  seq: number;
}

/**
 * Insert one inspection with its checklist pre-filled from the site's open registry findings
 * (art. 29), and its ledger entry, in the caller's transaction.
 */
export async function insertNewInspection(ctx: Ctx, trx: DbOrTrx, n: NewInspection): Promise<string> {
  const findings = await openFindingsOfSites(trx, [n.site.id]);
  const checklist = prefillChecklist(findings.map((f) => ({ id: f.id, rule: f.rule, article: f.article, detail: f.detail })));
  const now = ctx.clock.now().toISOString();
  const year = Number(ctx.clock.today().slice(0, 4));
  const id = randomUUID();
  const row = {
    id,
    number: `${inspectionNumberPrefix(n.policeUnitId, year)}${String(n.seq).padStart(4, '0')}`,
    plan_id: n.planId,
    kind: n.kind,
    reason_kind: n.reasonKind,
    reason_id: n.reasonId,
    reason_note: n.reasonNote,
    site_id: n.site.id,
    division_code: n.site.division_code,
    unit_id: n.site.unit_id,
    police_unit_id: n.policeUnitId,
    inspector_ids: JSON.stringify(n.inspectorIds),
    status: 'planned',
    checklist: JSON.stringify(checklist),
    summary: null,
    completed_on: null,
    completed_by: null,
    created_by: ctx.actor.userId ?? 'system',
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await insertInspection(trx, row);
  await audit(ctx, trx, {
    action: 'inspection.created',
    objectType: 'inspection',
    objectId: id,
    article: '29',
    after: { status: 'planned', siteId: n.site.id, inspectorIds: n.inspectorIds },
    detail: {
      number: row.number,
      planId: n.planId,
      kind: n.kind,
      reasonKind: n.reasonKind,
      reasonId: n.reasonId,
      siteId: n.site.id,
      inspectorIds: n.inspectorIds,
      prefilledFindings: findings.map((f) => f.id),
    },
  });
  return id;
}

export interface TargetedInput {
  siteId: string;
  reason: { kind: 'complaint' | 'finding' | 'officer'; id?: string | null; note?: string | null };
  /** Further inspectors of the same bureau; the acting officer is always one. */
  inspectorIds?: string[];
}

/**
 * @article 29 — a targeted inspection after a complaint (art. 30), a registry finding, or on the
 * officer's own initiative, by an officer whose area contains the site. Exported for the
 * complaints procedure.
 */
export async function createTargetedInspection(ctx: Ctx, input: TargetedInput): Promise<InspectionDetail> {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'inspection.plan');
  const policeUnitId = ctx.actor.policeUnitId;
  if (!policeUnitId || !OFFICER_ROLES.includes(ctx.actor.role)) throw new AppError('FORBIDDEN');
  const note = input.reason.note?.trim() || null;
  const reasonId = input.reason.id?.trim() || null;
  if ((input.reason.kind === 'complaint' || input.reason.kind === 'finding') && !reasonId) {
    throw refuse('INSPECTION_INPUT_INVALID', '29', { field: 'reason.id' });
  }
  if (input.reason.kind === 'officer' && !note) throw refuse('INSPECTION_INPUT_INVALID', '29', { field: 'reason.note' });
  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      const site = await findSite(trx, input.siteId);
      // A site outside the officer's area does not exist for them.
      if (!site || !can(ctx.actor, 'inspection.plan', { divisionCode: site.division_code })) throw new AppError('NOT_FOUND');
      if (input.reason.kind === 'finding') {
        const f = await trx.selectFrom('findings').select(['id', 'site_id']).where('id', '=', reasonId!).executeTakeFirst();
        if (!f || f.site_id !== site.id) throw refuse('INSPECTION_INPUT_INVALID', '29', { field: 'reason.id' });
      }
      const others = [...new Set((input.inspectorIds ?? []).filter((i) => i !== ctx.actor.userId))];
      if (others.length) {
        const rows = await usersByIds(trx, others);
        const ok = rows.filter((r) => r.police_unit_id === policeUnitId && OFFICER_ROLES.includes(r.role as never) && r.status === 'active');
        if (ok.length !== others.length) throw refuse('INSPECTION_INPUT_INVALID', '29', { field: 'inspectorIds' });
      }
      const year = Number(ctx.clock.today().slice(0, 4));
      const seq = await nextInspectionSeq(trx, inspectionNumberPrefix(policeUnitId, year));
      return insertNewInspection(ctx, trx, {
        planId: null,
        kind: 'targeted',
        reasonKind: input.reason.kind,
        reasonId,
        reasonNote: note,
        site,
        policeUnitId,
        inspectorIds: [ctx.actor.userId!, ...others],
        seq,
      });
    }),
  );
  return getInspectionDetail(ctx, id);
}

/** 404 for what the actor may not see. */
export async function loadVisibleInspection(ctx: Pick<Ctx, 'actor'>, db: DbOrTrx, id: string): Promise<InspectionRow> {
  requireSignedIn(ctx.actor);
  const row = await findInspection(db, id);
  if (!row || !canSeeInspection(ctx.actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

export async function getInspectionDetail(ctx: Ctx, id: string) {
  const row = await loadVisibleInspection(ctx, ctx.db, id);
  const site = (await findSite(ctx.db, row.site_id))!;
  const [photos, order, timeline] = await Promise.all([photosOfInspection(ctx.db, id), orderOfInspection(ctx.db, id), timelineOf(ctx.db, 'inspection', id)]);
  const names = await namesOf(ctx.db, inspectorIdsOf([row]));
  // The unit sees the inspection, not the internal reason behind a targeted one (a complaint's id).
  const forUnit = ctx.actor.role === 'unit_user';
  const shown = forUnit ? { ...row, reason_id: null } : row;
  return presentInspection({ ...shown, site_name: site.name, site_type: site.site_type }, ctx.actor, names, {
    photos,
    order: order ?? null,
    timeline: forUnit ? timeline.filter((t) => t.action !== 'inspection.created') : timeline,
    reasonNote: forUnit ? null : row.reason_note,
  });
}
export type InspectionDetail = Awaited<ReturnType<typeof getInspectionDetail>>;

export interface InspectionListQuery {
  status?: string;
  planId?: string;
  assigned?: string;
  page?: string;
  pageSize?: string;
}

export async function listInspectionsFor(ctx: Ctx, q: InspectionListQuery) {
  requireSignedIn(ctx.actor);
  const scope = supervisionScope(ctx.actor, 'inspection.read');
  const p = paging(q, 50);
  const f = {
    status: q.status,
    planId: q.planId,
    inspectorId: q.assigned === 'me' ? (ctx.actor.userId ?? undefined) : undefined,
    completedOnly: ctx.actor.role === 'unit_user',
  };
  const [rows, total] = await Promise.all([listInspections(ctx.db, scope, f, p), countInspections(ctx.db, scope, f)]);
  const names = await namesOf(ctx.db, inspectorIdsOf(rows));
  const forUnit = ctx.actor.role === 'unit_user';
  return { items: rows.map((r) => presentInspectionSummary(forUnit ? { ...r, reason_id: null } : r, names)), total, page: p.page, pageSize: p.pageSize };
}

/** One inspection step in one transaction: visible (404), by an inspector (403), not yet completed (409), versioned. */
async function inspectorStep(
  ctx: Ctx,
  id: string,
  expectedVersion: number | undefined,
  work: (trx: DbOrTrx, row: InspectionRow, checklist: ChecklistEntry[]) => Promise<{ patch: Parameters<typeof updateInspection>[3]; event: Omit<Parameters<typeof audit>[2], 'objectType' | 'objectId'> }>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadVisibleInspection(ctx, trx, id);
    await lockInspection(trx, id);
    const row = (await findInspection(trx, id))!;
    if (!isInspector(row, ctx.actor)) throw new AppError('FORBIDDEN');
    if (row.status === 'completed') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: '29', extra: { from: row.status } });
    const version = Number(row.version);
    if (expectedVersion !== undefined && expectedVersion !== version) throw new AppError('CONFLICT');
    const { patch, event } = await work(trx, row, JSON.parse(row.checklist) as ChecklistEntry[]);
    if ((await updateInspection(trx, id, version, { ...patch, updated_at: ctx.clock.now().toISOString() })) !== 1) throw new AppError('CONFLICT');
    await audit(ctx, trx, { ...event, objectType: 'inspection', objectId: id, article: event.article ?? '29' });
  });
}

export interface RecordItemInput {
  result: Exclude<ItemResult, 'pending'>;
  observation?: string | null;
  article?: string | null;
  version?: number;
}

/** @article 29 — the inspector confirms one item: ok, a problem (with the violated article) or not applicable. */
export async function recordItem(ctx: Ctx, id: string, item: ChecklistItemNo, input: RecordItemInput) {
  const observation = input.observation?.trim() || null;
  const article = input.article?.trim() || null;
  if (article !== null && !isArticleRef(article)) throw refuse('INSPECTION_INPUT_INVALID', '29', { field: 'article' });
  await inspectorStep(ctx, id, input.version, async (_trx, row, checklist) => {
    const entry = checklist.find((e) => e.item === item);
    if (!entry) throw new AppError('NOT_FOUND');
    const chosenArticle = input.result === 'problem' ? (article ?? entry.article) : null;
    // A problem needs the article it violates (item (6) has no default) and a word on what was seen.
    if (input.result === 'problem' && (!chosenArticle || !observation)) {
      throw refuse('INSPECTION_INPUT_INVALID', '29', { field: chosenArticle ? 'observation' : 'article' });
    }
    const before = { result: entry.result, article: entry.article, observation: entry.observation };
    entry.result = input.result;
    entry.observation = observation;
    if (chosenArticle) entry.article = chosenArticle;
    entry.recordedAt = ctx.clock.now().toISOString();
    entry.recordedBy = ctx.actor.userId;
    return {
      patch: { checklist: JSON.stringify(checklist), status: row.status === 'planned' ? 'in_progress' : row.status },
      event: {
        action: 'inspection.item_recorded',
        before,
        after: { result: entry.result, article: entry.article, observation: entry.observation },
        detail: { item, result: entry.result, article: input.result === 'problem' ? entry.article : null },
      },
    };
  });
  return getInspectionDetail(ctx, id);
}

/** @article 29 — completion: every item confirmed; the date is the inspection's date. */
export async function completeInspection(ctx: Ctx, id: string, input: { summary?: string | null; version?: number }) {
  await inspectorStep(ctx, id, input.version, async (_trx, row, checklist) => {
    if (!checklistComplete(checklist)) {
      throw refuse('INSPECTION_CHECKLIST_INCOMPLETE', '29', { pending: checklist.filter((e) => e.result === 'pending').map((e) => e.item) });
    }
    const problems = checklist.filter((e) => e.result === 'problem').map((e) => ({ item: e.item, article: e.article }));
    return {
      patch: { status: 'completed', summary: input.summary?.trim() || null, completed_on: ctx.clock.today(), completed_by: ctx.actor.userId },
      event: { action: 'inspection.completed', before: { status: row.status }, after: { status: 'completed' }, detail: { problems, completedOn: ctx.clock.today() } },
    };
  });
  return getInspectionDetail(ctx, id);
}

/** For other procedures: does this actor have inspection rights at all (menus, links)? */
export const mayInspect = (ctx: Pick<Ctx, 'actor'>) => hasPermission(ctx.actor, 'inspection.conduct');
