import { randomUUID } from 'node:crypto';
import { assertCan, divisionPrefix, listScope } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { requireCatalogue } from './catalogue.actions.js';
import { recomputeSiteFindings } from './findings.recompute.js';
import { authoriseSiteCreate, canReadSite, requireSignedIn } from './registry.access.js';
import { presentSiteDetail, presentSiteSummary } from './registry.present.js';
import { validateSite, type SiteValue } from './registry.validate.js';
import { changeSite, checkVersion, loadSiteParts, valid, type SiteDetail } from './registry.workflow.js';
import { countSites, findSite, insertSite, listSites, updateSite, type SiteFilter } from './sites.repository.js';

/** Sites: key units (art. 9) and key public areas (art. 7). */

function columnsOf(v: SiteValue, catalogueVersion: number) {
  return {
    name: v.name,
    division_code: v.divisionCode,
    address: v.address,
    category_code: v.categoryCode,
    kind_code: v.kindCode,
    catalogue_version: v.siteType === 'key_unit' ? catalogueVersion : null,
    responsible_party: v.responsibleParty,
    responsible_basis: v.responsibleBasis,
    area_kind: v.areaKind,
    builder_level: v.builderLevel,
    user_police_unit_id: v.userPoliceUnitId,
    anti_terror_target: v.antiTerrorTarget ? 1 : 0,
  };
}

const articleOf = (siteType: unknown) => (siteType === 'public_area' ? '7' : '9');

export async function registerSite(ctx: Ctx, input: Record<string, unknown>): Promise<SiteDetail> {
  requireSignedIn(ctx.actor);
  const { unitId } = authoriseSiteCreate(ctx.actor, String(input.siteType ?? ''), String(input.divisionCode ?? ''));
  const catalogue = await requireCatalogue(ctx.db, ctx.clock.today());
  const v = valid(validateSite(input, catalogue), articleOf(input.siteType));
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = { id, site_type: v.siteType, unit_id: unitId, ...columnsOf(v, catalogue.version), open_findings: 0, version: 1, created_at: now, updated_at: now };
    await insertSite(trx, row);
    await audit(ctx, trx, { action: 'site.registered', objectType: 'site', objectId: id, after: row, article: articleOf(v.siteType), detail: { siteType: v.siteType } });
    await recomputeSiteFindings(ctx, trx, id);
  });
  return presentSiteDetail(await loadSiteParts(ctx, ctx.db, id), ctx.actor);
}

export async function updateSiteDetails(ctx: Ctx, id: string, input: Record<string, unknown> & { version: number }): Promise<SiteDetail> {
  return changeSite(ctx, id, async (trx, site) => {
    if (input.siteType !== site.site_type) throw new AppError('SITE_TYPE_FIXED', undefined, { article: articleOf(site.site_type) });
    const catalogue = await requireCatalogue(trx, ctx.clock.today());
    const v = valid(validateSite(input, catalogue), articleOf(site.site_type));
    const version = checkVersion(input.version, site.version);
    // A public area may only move within the officer's jurisdiction.
    if (site.site_type === 'public_area') assertCan(ctx.actor, 'registry.public_area.maintain', { divisionCode: v.divisionCode });
    const patch = { ...columnsOf(v, catalogue.version), updated_at: ctx.clock.now().toISOString() };
    if ((await updateSite(trx, id, version, patch)) !== 1) throw new AppError('CONFLICT');
    return { action: 'site.updated', objectType: 'site', objectId: id, before: site, after: { ...site, ...patch }, article: articleOf(site.site_type) };
  });
}

/**
 * One site with its systems, devices and open findings. An officer reading a key unit is recorded
 * (`record.read`): the responsible party may be a natural person (PIPL access record). A unit
 * reading its own site, and anyone reading a public area (no personal data), is not.
 */
export async function getSiteDetail(ctx: Ctx, id: string): Promise<SiteDetail> {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'registry.read');
  const site = await findSite(ctx.db, id);
  if (!site || !canReadSite(ctx.actor, site)) throw new AppError('NOT_FOUND');
  const parts = await loadSiteParts(ctx, ctx.db, id);
  if (site.site_type === 'key_unit' && ctx.actor.role !== 'unit_user') {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, { action: 'record.read', objectType: 'site', objectId: id, detail: { view: 'site_detail' } }),
    );
  }
  return presentSiteDetail(parts, ctx.actor);
}

export interface SiteListQuery {
  siteType?: string;
  division?: string;
  category?: string;
  q?: string;
  hasFindings?: string;
  article?: string;
  page?: string;
  pageSize?: string;
}

export function paging(q: { page?: string; pageSize?: string }, defaultSize = 50) {
  const page = Math.max(1, Number(q.page ?? 1) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(q.pageSize ?? defaultSize) || defaultSize));
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

export async function listSitesFor(ctx: Ctx, q: SiteListQuery) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'registry.read');
  const scope = listScope(ctx.actor, 'registry.read');
  const filter: SiteFilter = {
    siteType: q.siteType,
    divisionPrefix: q.division ? divisionPrefix(q.division) : undefined,
    categoryCode: q.category,
    q: q.q?.trim() || undefined,
    hasFindings: q.hasFindings === undefined ? undefined : q.hasFindings === 'true',
    article: q.article,
  };
  const p = paging(q);
  const [rows, total] = await Promise.all([listSites(ctx.db, scope, filter, p), countSites(ctx.db, scope, filter)]);
  return { items: rows.map(presentSiteSummary), total, page: p.page, pageSize: p.pageSize };
}
