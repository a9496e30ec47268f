import { PostgresAdapter, sql, type ExpressionBuilder, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { ListScope } from '../../platform/access/access.js';
import type { DbOrTrx } from '../../platform/context.js';
import type { Database, SitesTable } from '../../platform/db/schema.js';
import { inDivision } from '../../platform/db/division-filter.js';

/** Kysely queries for sites: `db | trx` first, rows out, no business `if`s. */

export function findSite(db: DbOrTrx, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}
export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSite>>>;

/** Serialise changes to one site (PostgreSQL row lock until commit; SQLite transactions are already serial). */
export async function lockSite(trx: DbOrTrx, id: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx.selectFrom('sites').select('id').where('id', '=', id).forUpdate().execute();
  }
}

export async function insertSite(db: DbOrTrx, row: Insertable<SitesTable>): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

/** Optimistic concurrency: writes only if the row still has `version`; returns rows changed (0 or 1). */
export async function updateSite(db: DbOrTrx, id: string, version: number, patch: Updateable<SitesTable>): Promise<number> {
  const r = await db.updateTable('sites').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function setOpenFindings(db: DbOrTrx, id: string, n: number): Promise<void> {
  await db.updateTable('sites').set({ open_findings: n }).where('id', '=', id).execute();
}

/** Keyset page of sites for batch work (recompute), in id order. */
export function sitesAfter(db: DbOrTrx, afterId: string | null, limit: number) {
  let q = db.selectFrom('sites').selectAll().orderBy('id').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return q.execute();
}

export async function countAllSites(db: DbOrTrx): Promise<number> {
  const r = await db.selectFrom('sites').select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface SiteFilter {
  siteType?: string;
  divisionPrefix?: string;
  categoryCode?: string;
  q?: string;
  hasFindings?: boolean;
  article?: string;
}

type SitesEb = ExpressionBuilder<Database, 'sites'>;

export function siteScope(eb: SitesEb, scope: ListScope) {
  switch (scope.kind) {
    case 'all':
      return eb.val(1).$castTo<boolean>();
    case 'division':
      return inDivision('sites.division_code', scope.prefix);
    case 'unit':
      return eb('sites.unit_id', '=', scope.unitId);
    default:
      return eb.val(0).$castTo<boolean>();
  }
}

/** `like` with the user's text taken literally. */
export const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The site list's filters, shared by the list, its counts and the export. */
export function applySiteFilters<O>(
  q: SelectQueryBuilder<Database, 'sites', O>,
  scope: ListScope,
  f: SiteFilter & { siteId?: string },
): SelectQueryBuilder<Database, 'sites', O> {
  q = q.where((eb) => siteScope(eb, scope));
  if (f.siteType) q = q.where('sites.site_type', '=', f.siteType);
  if (f.divisionPrefix) q = q.where(inDivision('sites.division_code', f.divisionPrefix));
  if (f.categoryCode) q = q.where('sites.category_code', '=', f.categoryCode);
  if (f.q) q = q.where(sql<boolean>`sites.name like ${likeLiteral(f.q)} escape '\\'`);
  if (f.siteId) q = q.where('sites.id', '=', f.siteId);
  if (f.hasFindings === true) q = q.where('sites.open_findings', '>', 0);
  if (f.hasFindings === false) q = q.where('sites.open_findings', '=', 0);
  if (f.article) {
    const article = f.article;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('findings')
          .select('findings.id')
          .whereRef('findings.site_id', '=', 'sites.id')
          .where('findings.resolved_at', 'is', null)
          .where('findings.article', '=', article),
      ),
    );
  }
  return q;
}

function filtered(db: DbOrTrx, scope: ListScope, f: SiteFilter) {
  return applySiteFilters(db.selectFrom('sites'), scope, f);
}

export function listSites(db: DbOrTrx, scope: ListScope, f: SiteFilter, page: { limit: number; offset: number }) {
  return filtered(db, scope, f)
    .select([
      'sites.id',
      'sites.site_type',
      'sites.name',
      'sites.division_code',
      'sites.category_code',
      'sites.kind_code',
      'sites.open_findings',
      'sites.anti_terror_target',
      'sites.unit_id',
    ])
    .orderBy('sites.name')
    .orderBy('sites.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countSites(db: DbOrTrx, scope: ListScope, f: SiteFilter): Promise<number> {
  const r = await filtered(db, scope, f).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
