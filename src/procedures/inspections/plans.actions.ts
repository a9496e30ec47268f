import { randomBytes, randomUUID } from 'node:crypto';
import { assertCan } from '../../platform/access/access.js';
import { OFFICER_ROLES } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { isCalendarDate } from '../../platform/calendar/dates.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { divisionPrefix } from '../../platform/access/access.js';
import { getPoliceUnit, unitJurisdiction } from '../../platform/jurisdictions/police-units.js';
import { findSite } from '../registry/sites.repository.js';
import { paging } from '../registry/sites.actions.js';
import { retryOnUniqueViolation } from '../projects/projects.workflow.js';
import { canSeePlan, requireSignedIn, supervisionScope } from './inspections.access.js';
import { inspectionNumberPrefix, insertNewInspection, namesOf } from './inspections.actions.js';
import { presentInspectionSummary, presentPlan } from './inspections.present.js';
import {
  candidateOfficerIds,
  candidateSiteIds,
  countPlans,
  findPlan,
  insertPlan,
  inspectionsOfPlan,
  listPlans,
  lockPlan,
  nextInspectionSeq,
  updatePlan,
  type PlanRow,
} from './inspections.repository.js';
import { candidatesDigest, drawAlgName, hashOfDrawAlg, reproduceDraw, sameDraw, sortedIds, type DrawnTarget } from './inspections.rules.js';

/** Inspection plans and the 双随机 draw (art. 29): random targets, random inspectors, a recorded seed. */

export interface PlanFilters {
  categoryCode?: string;
  siteType?: 'key_unit' | 'public_area';
  hasOpenFindings?: boolean;
}

export interface CreatePlanInput {
  title: string;
  filters?: PlanFilters;
  targetCount: number;
  inspectorsPerTarget?: number;
  periodFrom: string;
  periodTo: string;
}

/** @article 29 — a plan of the officer's own bureau over its area (territorial management). */
export async function createPlan(ctx: Ctx, input: CreatePlanInput) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'inspection.plan');
  const unit = ctx.actor.policeUnitId ? getPoliceUnit(ctx.actor.policeUnitId) : undefined;
  if (!unit || !OFFICER_ROLES.includes(ctx.actor.role)) throw new AppError('FORBIDDEN');
  const title = input.title.trim();
  if (!title) throw refuse('INSPECTION_INPUT_INVALID', '29', { field: 'title' });
  if (!isCalendarDate(input.periodFrom) || !isCalendarDate(input.periodTo) || input.periodTo < input.periodFrom) {
    throw refuse('INSPECTION_INPUT_INVALID', '29', { field: 'period' });
  }
  const filters: PlanFilters = {};
  if (input.filters?.categoryCode) filters.categoryCode = input.filters.categoryCode;
  if (input.filters?.siteType) filters.siteType = input.filters.siteType;
  if (input.filters?.hasOpenFindings) filters.hasOpenFindings = true;
  const now = ctx.clock.now().toISOString();
  const row: PlanRow = {
    id: randomUUID(),
    title,
    kind: 'random',
    police_unit_id: unit.id,
    division_code: unitJurisdiction(unit),
    status: 'draft',
    filters: JSON.stringify(filters),
    target_count: input.targetCount,
    inspectors_per_target: input.inspectorsPerTarget ?? 2,
    period_from: input.periodFrom,
    period_to: input.periodTo,
    draw_seed: null,
    draw_alg: null,
    candidate_site_ids: null,
    candidate_officer_ids: null,
    candidate_sites_digest: null,
    candidate_officers_digest: null,
    draw_result: null,
    drawn_at: null,
    drawn_by: null,
    created_by: ctx.actor.userId!,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertPlan(trx, row);
    await audit(ctx, trx, { action: 'inspection.plan_created', objectType: 'inspection_plan', objectId: row.id, article: '29', after: row });
  });
  return getPlanDetail(ctx, row.id);
}

async function loadVisiblePlan(ctx: Pick<Ctx, 'actor'>, db: Ctx['db'] | Parameters<typeof findPlan>[0], id: string): Promise<PlanRow> {
  requireSignedIn(ctx.actor);
  const row = await findPlan(db, id);
  if (!row || !canSeePlan(ctx.actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * @article 29 — the 双随机 draw, once per plan, by an officer of the plan's bureau: a fresh 32-byte
 * seed from the operating system, the candidate targets (sites in the area with the plan's
 * filters) and inspectors (the bureau's active officers) as sorted id lists with their digests,
 * the result from `reproduceDraw`; the inspections are created with it, and the ledger entry
 * carries the seed and both digests so the draw can be reproduced and audited.
 */
export async function drawPlan(ctx: Ctx, id: string, input: { version?: number } = {}) {
  await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await loadVisiblePlan(ctx, trx, id);
      await lockPlan(trx, id);
      const plan = (await findPlan(trx, id))!;
      assertCan(ctx.actor, 'inspection.plan');
      if (ctx.actor.policeUnitId !== plan.police_unit_id) throw new AppError('FORBIDDEN');
      if (plan.status !== 'draft' || plan.kind !== 'random') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: '29', extra: { from: plan.status } });
      const version = Number(plan.version);
      if (input.version !== undefined && input.version !== version) throw new AppError('CONFLICT');
      const filters = JSON.parse(plan.filters) as PlanFilters;
      const siteIds = sortedIds(await candidateSiteIds(trx, { prefix: divisionPrefix(plan.division_code), ...filters }));
      const officerIds = sortedIds(await candidateOfficerIds(trx, plan.police_unit_id));
      if (siteIds.length === 0 || officerIds.length === 0) {
        throw refuse('INSPECTION_NO_CANDIDATES', '29', { candidateSites: siteIds.length, candidateOfficers: officerIds.length });
      }
      const alg = ctx.config.ledgerHash;
      const seed = randomBytes(32).toString('hex');
      const perTarget = Math.min(Number(plan.inspectors_per_target), officerIds.length);
      const result = reproduceDraw({ seed, alg, siteIds, officerIds, targetCount: Number(plan.target_count), inspectorsPerTarget: perTarget });
      const sitesDigest = candidatesDigest(siteIds, alg);
      const officersDigest = candidatesDigest(officerIds, alg);
      const now = ctx.clock.now().toISOString();
      const year = Number(ctx.clock.today().slice(0, 4));
      let seq = await nextInspectionSeq(trx, inspectionNumberPrefix(plan.police_unit_id, year));
      for (const t of result) {
        const site = (await findSite(trx, t.siteId))!;
        await insertNewInspection(ctx, trx, {
          planId: plan.id,
          kind: 'random',
          reasonKind: 'draw',
          reasonId: plan.id,
          reasonNote: null,
          site,
          policeUnitId: plan.police_unit_id,
          inspectorIds: t.inspectorIds,
          seq: seq++,
        });
      }
      const patch = {
        status: 'drawn',
        draw_seed: seed,
        draw_alg: drawAlgName(alg),
        // The perTarget actually used is the stored one unless there were fewer officers: keep the used value.
        inspectors_per_target: perTarget,
        candidate_site_ids: JSON.stringify(siteIds),
        candidate_officer_ids: JSON.stringify(officerIds),
        candidate_sites_digest: sitesDigest,
        candidate_officers_digest: officersDigest,
        draw_result: JSON.stringify(result),
        drawn_at: now,
        drawn_by: ctx.actor.userId,
        updated_at: now,
      };
      if ((await updatePlan(trx, id, version, patch)) !== 1) throw new AppError('CONFLICT');
      await audit(ctx, trx, {
        action: 'inspection.drawn',
        objectType: 'inspection_plan',
        objectId: id,
        article: '29',
        before: { status: plan.status, version },
        after: { status: 'drawn', version: version + 1 },
        detail: {
          seed,
          alg: drawAlgName(alg),
          candidateSites: siteIds.length,
          candidateOfficers: officerIds.length,
          sitesDigest,
          officersDigest,
          targetCount: Number(plan.target_count),
          inspectorsPerTarget: perTarget,
          result,
        },
      });
    }),
  );
  return getPlanDetail(ctx, id);
}

export interface DrawCheck {
  seed: string;
  alg: string;
  /** The stored candidate lists still hash to the digests stored with the draw. */
  sitesDigestMatches: boolean;
  officersDigestMatches: boolean;
  /** The digests and seed stored with the plan are those of the ledger entry made at the draw. */
  ledgerMatches: boolean;
  /** Running the draw again from the seed and the stored candidates gives the stored result. */
  reproduced: boolean;
  /** All of the above. */
  ok: boolean;
  result: DrawnTarget[];
}

/**
 * @article 29 — an auditor's check of a draw: recompute the candidate digests, compare them and the
 * seed with the ledger entry, and rerun the draw from the seed. A candidate list altered after the
 * draw no longer matches its digest; a digest altered with it no longer matches the ledger.
 */
export async function verifyDraw(ctx: Ctx, id: string): Promise<DrawCheck> {
  const plan = await loadVisiblePlan(ctx, ctx.db, id);
  if (plan.status !== 'drawn' || !plan.draw_seed || !plan.draw_alg) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: '29', extra: { from: plan.status } });
  const alg = hashOfDrawAlg(plan.draw_alg);
  if (!alg) throw new AppError('INTERNAL');
  const siteIds = JSON.parse(plan.candidate_site_ids ?? '[]') as string[];
  const officerIds = JSON.parse(plan.candidate_officer_ids ?? '[]') as string[];
  const stored = JSON.parse(plan.draw_result ?? '[]') as DrawnTarget[];
  const sitesDigestMatches = candidatesDigest(siteIds, alg) === plan.candidate_sites_digest;
  const officersDigestMatches = candidatesDigest(officerIds, alg) === plan.candidate_officers_digest;
  const entry = await ctx.db
    .selectFrom('ledger_entries')
    .select('detail')
    .where('object_type', '=', 'inspection_plan')
    .where('object_id', '=', id)
    .where('action', '=', 'inspection.drawn')
    .orderBy('seq')
    .executeTakeFirst();
  const detail = entry?.detail ? (JSON.parse(entry.detail) as Record<string, unknown>) : null;
  const ledgerMatches =
    !!detail &&
    detail.seed === plan.draw_seed &&
    detail.sitesDigest === plan.candidate_sites_digest &&
    detail.officersDigest === plan.candidate_officers_digest &&
    sameDraw(detail.result as DrawnTarget[], stored);
  const result = reproduceDraw({
    seed: plan.draw_seed,
    alg,
    siteIds,
    officerIds,
    targetCount: Number(plan.target_count),
    inspectorsPerTarget: Number(plan.inspectors_per_target),
  });
  const reproduced = sameDraw(result, stored);
  return {
    seed: plan.draw_seed,
    alg: plan.draw_alg,
    sitesDigestMatches,
    officersDigestMatches,
    ledgerMatches,
    reproduced,
    ok: sitesDigestMatches && officersDigestMatches && ledgerMatches && reproduced,
    result,
  };
}

export async function getPlanDetail(ctx: Ctx, id: string) {
  const plan = await loadVisiblePlan(ctx, ctx.db, id);
  const inspections = await inspectionsOfPlan(ctx.db, id);
  const result = JSON.parse(plan.draw_result ?? '[]') as DrawnTarget[];
  const names = await namesOf(ctx.db, [...inspections.flatMap((i) => JSON.parse(i.inspector_ids) as string[]), ...result.flatMap((t) => t.inspectorIds), ...(plan.drawn_by ? [plan.drawn_by] : [])]);
  return { ...presentPlan(plan, ctx.actor, names), inspections: inspections.map((i) => presentInspectionSummary(i, names)) };
}

export async function listPlansFor(ctx: Ctx, q: { page?: string; pageSize?: string }) {
  requireSignedIn(ctx.actor);
  const scope = ctx.actor.role === 'unit_user' ? ({ kind: 'none' } as const) : supervisionScope(ctx.actor, 'inspection.read');
  const p = paging(q, 50);
  const [rows, total] = await Promise.all([listPlans(ctx.db, scope, p), countPlans(ctx.db, scope)]);
  const names = await namesOf(ctx.db, rows.flatMap((r) => (r.drawn_by ? [r.drawn_by] : [])));
  return { items: rows.map((r) => presentPlan(r, ctx.actor, names)), total, page: p.page, pageSize: p.pageSize };
}
