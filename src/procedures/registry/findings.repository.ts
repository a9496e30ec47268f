import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { ListScope } from '../../platform/access/access.js';
import type { DbOrTrx } from '../../platform/context.js';
import type { Database, FindingsTable } from '../../platform/db/schema.js';
import { inDivision } from '../../platform/db/division-filter.js';

/** Kysely queries for findings: computed rows, one open per (rule, subject), resolved ones kept as history. */

export function openFindingsOfSites(db: DbOrTrx, siteIds: readonly string[]) {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('findings').selectAll().where('site_id', 'in', [...siteIds]).where('resolved_at', 'is', null).execute();
}
export type FindingRow = Awaited<ReturnType<typeof openFindingsOfSites>>[number];

export async function insertFindings(db: DbOrTrx, rows: Insertable<FindingsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('findings').values(rows).execute();
}

export async function resolveFindings(db: DbOrTrx, ids: readonly string[], at: string): Promise<void> {
  if (ids.length) await db.updateTable('findings').set({ resolved_at: at }).where('id', 'in', [...ids]).where('resolved_at', 'is', null).execute();
}

export async function updateFindingDetail(db: DbOrTrx, id: string, detail: string): Promise<void> {
  await db.updateTable('findings').set({ detail }).where('id', '=', id).execute();
}

/** Open findings follow their site when it moves division or category (lists and counts filter on them). */
export async function relocateOpenFindings(db: DbOrTrx, siteId: string, divisionCode: string, categoryCode: string | null): Promise<void> {
  await db
    .updateTable('findings')
    .set({ division_code: divisionCode, category_code: categoryCode })
    .where('site_id', '=', siteId)
    .where('resolved_at', 'is', null)
    .execute();
}

export interface FindingFilter {
  divisionPrefix?: string;
  article?: string;
  categoryCode?: string;
  status: 'open' | 'resolved';
  siteId?: string;
}

type Eb = ExpressionBuilder<Database, 'findings' | 'sites'>;

function scoped(eb: Eb, scope: ListScope) {
  switch (scope.kind) {
    case 'all':
      return eb.val(1).$castTo<boolean>();
    case 'division':
      return inDivision('findings.division_code', scope.prefix);
    case 'unit':
      return eb('sites.unit_id', '=', scope.unitId);
    default:
      return eb.val(0).$castTo<boolean>();
  }
}

function filtered(db: DbOrTrx, scope: ListScope, f: FindingFilter) {
  let q = db
    .selectFrom('findings')
    .innerJoin('sites', 'sites.id', 'findings.site_id')
    .where((eb) => scoped(eb, scope))
    .where('findings.resolved_at', f.status === 'open' ? 'is' : 'is not', null);
  if (f.divisionPrefix) q = q.where(inDivision('findings.division_code', f.divisionPrefix));
  if (f.article) q = q.where('findings.article', '=', f.article);
  if (f.categoryCode) q = q.where('findings.category_code', '=', f.categoryCode);
  if (f.siteId) q = q.where('findings.site_id', '=', f.siteId);
  return q;
}

export function listFindings(db: DbOrTrx, scope: ListScope, f: FindingFilter, page: { limit: number; offset: number }) {
  return filtered(db, scope, f)
    .select([
      'findings.id',
      'findings.site_id',
      'sites.name as site_name',
      'findings.subject_type',
      'findings.subject_id',
      'findings.rule',
      'findings.article',
      'findings.penalty_article',
      'findings.division_code',
      'findings.category_code',
      'findings.detail',
      'findings.opened_at',
      'findings.resolved_at',
    ])
    .orderBy(f.status === 'open' ? 'findings.opened_at' : 'findings.resolved_at', 'desc')
    .orderBy('findings.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
export type FindingListRow = Awaited<ReturnType<typeof listFindings>>[number];

export async function countFindingRows(db: DbOrTrx, scope: ListScope, f: FindingFilter): Promise<number> {
  const r = await filtered(db, scope, f).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open findings grouped by a key expression: `division4` (city), `division6` (county), `article`, `category`. */
export async function countOpenBy(db: DbOrTrx, scope: ListScope, by: 'city' | 'county' | 'article' | 'category') {
  const key =
    by === 'city'
      ? sql<string>`substr(findings.division_code, 1, 4)`
      : by === 'county'
        ? sql<string>`findings.division_code`
        : by === 'article'
          ? sql<string>`findings.article`
          : sql<string>`coalesce(findings.category_code, '')`;
  const rows = await filtered(db, scope, { status: 'open' })
    .select([key.as('key'), sql<number | string>`count(*)`.as('n')])
    .groupBy(key)
    .execute();
  return rows.map((r) => ({ key: String(r.key), open: Number(r.n) }));
}
