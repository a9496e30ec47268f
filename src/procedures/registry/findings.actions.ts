import { assertCan, divisionPrefix, listScope } from '../../platform/access/access.js';
import type { Ctx } from '../../platform/context.js';
import { getDivision } from '../../platform/jurisdictions/divisions.js';
import { findCategory } from './catalogue.js';
import { loadCatalogueInForce } from './catalogue.actions.js';
import { countFindingRows, countOpenBy, listFindings, type FindingFilter } from './findings.repository.js';
import { requireSignedIn } from './registry.access.js';
import { presentFinding } from './registry.present.js';
import { paging } from './sites.actions.js';

/** Findings in the caller's scope: officers their jurisdiction, a unit its own sites. */

export interface FindingListQuery {
  division?: string;
  article?: string;
  category?: string;
  status?: 'open' | 'resolved';
  siteId?: string;
  page?: string;
  pageSize?: string;
}

export async function listFindingsFor(ctx: Ctx, q: FindingListQuery) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'registry.read');
  const scope = listScope(ctx.actor, 'registry.read');
  const filter: FindingFilter = {
    divisionPrefix: q.division ? divisionPrefix(q.division) : undefined,
    article: q.article,
    categoryCode: q.category,
    status: q.status ?? 'open',
    siteId: q.siteId,
  };
  const p = paging(q);
  const [rows, total] = await Promise.all([listFindings(ctx.db, scope, filter, p), countFindingRows(ctx.db, scope, filter)]);
  return { items: rows.map((r) => presentFinding(r)), total, page: p.page, pageSize: p.pageSize };
}

/**
 * Open findings counted by division, article or category. By division, the province counts per
 * city and everyone else per county (override with `level`).
 */
export async function countFindingsFor(ctx: Ctx, q: { by: 'division' | 'article' | 'category'; level?: 'city' | 'county' }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'registry.read');
  const scope = listScope(ctx.actor, 'registry.read');
  if (q.by === 'division') {
    const level = q.level ?? (scope.kind === 'all' ? 'city' : 'county');
    const rows = await countOpenBy(ctx.db, scope, level);
    return rows
      .map((r) => {
        const code = level === 'city' ? `${r.key}00` : r.key;
        const d = getDivision(code);
        return { key: code, label: d?.name ?? code, labelEn: d?.nameEn ?? d?.name ?? code, open: r.open };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  }
  if (q.by === 'article') {
    const rows = await countOpenBy(ctx.db, scope, 'article');
    return rows
      .map((r) => ({ key: r.key, label: `第${r.key}条`, labelEn: `Art. ${r.key}`, open: r.open }))
      .sort((a, b) => Number.parseInt(a.key, 10) - Number.parseInt(b.key, 10));
  }
  const catalogue = await loadCatalogueInForce(ctx.db, ctx.clock.today());
  const rows = await countOpenBy(ctx.db, scope, 'category');
  return rows
    .map((r) => {
      const c = catalogue ? findCategory(catalogue, r.key) : undefined;
      return { key: r.key, label: c?.zh ?? (r.key ? r.key : '公共区域'), labelEn: c?.en ?? (r.key ? r.key : 'Public areas'), open: r.open };
    })
    .sort((a, b) => (Number(a.key) || 99) - (Number(b.key) || 99));
}
