import { PostgresAdapter, sql, type Insertable, type RawBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import { OFFICER_ROLES } from '../../platform/access/actor.js';
import type { DbOrTrx } from '../../platform/context.js';
import { inDivision } from '../../platform/db/division-filter.js';
import type {
  InspectionPhotosTable,
  InspectionPlansTable,
  InspectionsTable,
  RectificationOrdersTable,
} from '../../platform/db/schema.js';

/** Kysely queries of the inspections procedure only; no rules here. */

export type PlanRow = Selectable<InspectionPlansTable>;
export type InspectionRow = Selectable<InspectionsTable>;
export type OrderRow = Selectable<RectificationOrdersTable>;
export type PhotoRow = Selectable<InspectionPhotosTable>;

/** How a list is narrowed: officers their area or their own unit's records, a unit its own sites. */
export type SupervisionScope =
  | { kind: 'all' }
  | { kind: 'officer'; prefix: string; policeUnitId: string | null }
  | { kind: 'unit'; unitId: string }
  | { kind: 'none' };

/** The scope as a WHERE condition on `table` (its division_code, police_unit_id and unit_id columns). */
function scoped(table: 'inspection_plans' | 'inspections' | 'rectification_orders', scope: SupervisionScope): RawBuilder<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`1 = 1`;
    case 'officer':
      return scope.policeUnitId
        ? sql<SqlBool>`(${inDivision(`${table}.division_code`, scope.prefix)} or ${sql.ref(`${table}.police_unit_id`)} = ${scope.policeUnitId})`
        : inDivision(`${table}.division_code`, scope.prefix);
    case 'unit':
      return table === 'inspection_plans' ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(`${table}.unit_id`)} = ${scope.unitId}`;
    default:
      return sql<SqlBool>`1 = 0`;
  }
}

async function lock(trx: DbOrTrx, table: 'inspection_plans' | 'inspections' | 'rectification_orders', id: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx.selectFrom(table).select('id').where('id', '=', id).forUpdate().execute();
  }
}

// ---- Plans --------------------------------------------------------------------------------------------

export function findPlan(db: DbOrTrx, id: string) {
  return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}
export const lockPlan = (trx: DbOrTrx, id: string) => lock(trx, 'inspection_plans', id);

export async function insertPlan(db: DbOrTrx, row: Insertable<InspectionPlansTable>): Promise<void> {
  await db.insertInto('inspection_plans').values(row).execute();
}

export async function updatePlan(db: DbOrTrx, id: string, version: number, patch: Updateable<InspectionPlansTable>): Promise<number> {
  const r = await db
    .updateTable('inspection_plans')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listPlans(db: DbOrTrx, scope: SupervisionScope, page: { limit: number; offset: number }) {
  return db
    .selectFrom('inspection_plans')
    .selectAll()
    .where(scoped('inspection_plans', scope))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countPlans(db: DbOrTrx, scope: SupervisionScope): Promise<number> {
  const r = await db
    .selectFrom('inspection_plans')
    .select(sql<number | string>`count(*)`.as('n'))
    .where(scoped('inspection_plans', scope))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface CandidateFilter {
  prefix: string;
  categoryCode?: string;
  siteType?: string;
  hasOpenFindings?: boolean;
}

/** Candidate targets: the registry's sites in the area (with the plan's filters), ids only, sorted. */
export async function candidateSiteIds(db: DbOrTrx, f: CandidateFilter): Promise<string[]> {
  let q = db.selectFrom('sites').select('id').where(inDivision('sites.division_code', f.prefix));
  if (f.categoryCode) q = q.where('category_code', '=', f.categoryCode);
  if (f.siteType) q = q.where('site_type', '=', f.siteType);
  if (f.hasOpenFindings) q = q.where('open_findings', '>', 0);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Candidate inspectors: the active officers of the police unit, ids only, sorted. */
export async function candidateOfficerIds(db: DbOrTrx, policeUnitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('police_unit_id', '=', policeUnitId)
    .where('role', 'in', [...OFFICER_ROLES])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export function usersByIds(db: DbOrTrx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name', 'role', 'police_unit_id', 'status']).where('id', 'in', [...ids]).execute();
}

// ---- Inspections ----------------------------------------------------------------------------------------

export function findInspection(db: DbOrTrx, id: string) {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
}
export const lockInspection = (trx: DbOrTrx, id: string) => lock(trx, 'inspections', id);

export async function insertInspection(db: DbOrTrx, row: Insertable<InspectionsTable>): Promise<void> {
  await db.insertInto('inspections').values(row).execute();
}

export async function updateInspection(db: DbOrTrx, id: string, version: number, patch: Updateable<InspectionsTable>): Promise<number> {
  const r = await db
    .updateTable('inspections')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface InspectionFilter {
  status?: string;
  planId?: string;
  /** Only those this user is an inspector of. */
  inspectorId?: string;
  /** Unit users see an inspection once it is completed (an unannounced visit is not announced). */
  completedOnly?: boolean;
}

function inspectionQuery(db: DbOrTrx, scope: SupervisionScope, f: InspectionFilter) {
  let q = db
    .selectFrom('inspections')
    .innerJoin('sites', 'sites.id', 'inspections.site_id')
    .where(scoped('inspections', scope));
  if (f.status) q = q.where('inspections.status', '=', f.status);
  if (f.planId) q = q.where('inspections.plan_id', '=', f.planId);
  if (f.completedOnly) q = q.where('inspections.status', '=', 'completed');
  // inspector_ids is a JSON array of UUID-like ids: a quoted substring match is exact for them.
  if (f.inspectorId) q = q.where('inspections.inspector_ids', 'like', `%"${f.inspectorId.replace(/[\\%_"]/g, '')}"%`);
  return q;
}

export function listInspections(db: DbOrTrx, scope: SupervisionScope, f: InspectionFilter, page: { limit: number; offset: number }) {
  return inspectionQuery(db, scope, f)
    .selectAll('inspections')
    .select(['sites.name as site_name', 'sites.site_type as site_type'])
    .orderBy('inspections.created_at', 'desc')
    .orderBy('inspections.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countInspections(db: DbOrTrx, scope: SupervisionScope, f: InspectionFilter): Promise<number> {
  const r = await inspectionQuery(db, scope, f).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function inspectionsOfPlan(db: DbOrTrx, planId: string) {
  return db
    .selectFrom('inspections')
    .innerJoin('sites', 'sites.id', 'inspections.site_id')
    .selectAll('inspections')
    .select(['sites.name as site_name', 'sites.site_type as site_type'])
    .where('inspections.plan_id', '=', planId)
    .orderBy('inspections.number')
    .execute();
}

/** Next number of the unit's inspections in a year (the unique index settles a race). */
export async function nextInspectionSeq(db: DbOrTrx, prefix: string): Promise<number> {
  const r = await db
    .selectFrom('inspections')
    .select(sql<number | string>`count(*)`.as('n'))
    .where('number', '>=', prefix)
    .where('number', '<', `${prefix}:`)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

// ---- Photos -----------------------------------------------------------------------------------------------

export async function insertPhoto(db: DbOrTrx, row: Insertable<InspectionPhotosTable>): Promise<void> {
  await db.insertInto('inspection_photos').values(row).execute();
}

export function photosOfInspection(db: DbOrTrx, inspectionId: string) {
  return db.selectFrom('inspection_photos').selectAll().where('inspection_id', '=', inspectionId).orderBy('uploaded_at').orderBy('id').execute();
}

export function findPhoto(db: DbOrTrx, id: string) {
  return db.selectFrom('inspection_photos').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- Rectification orders -----------------------------------------------------------------------------------

export function findOrder(db: DbOrTrx, id: string) {
  return db.selectFrom('rectification_orders').selectAll().where('id', '=', id).executeTakeFirst();
}
export const lockOrder = (trx: DbOrTrx, id: string) => lock(trx, 'rectification_orders', id);

export function orderOfInspection(db: DbOrTrx, inspectionId: string) {
  return db.selectFrom('rectification_orders').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
}

export async function insertOrder(db: DbOrTrx, row: Insertable<RectificationOrdersTable>): Promise<void> {
  await db.insertInto('rectification_orders').values(row).execute();
}

export async function updateOrder(db: DbOrTrx, id: string, version: number, patch: Updateable<RectificationOrdersTable>): Promise<number> {
  const r = await db
    .updateTable('rectification_orders')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function nextOrderSeq(db: DbOrTrx, policeUnitId: string, year: number): Promise<number> {
  const r = await db
    .selectFrom('rectification_orders')
    .select(sql<number | string | null>`max(seq)`.as('m'))
    .where('police_unit_id', '=', policeUnitId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(r.m ?? 0) + 1;
}

export interface OrderFilter {
  status?: string;
  siteId?: string;
}

function orderQuery(db: DbOrTrx, scope: SupervisionScope, f: OrderFilter) {
  let q = db
    .selectFrom('rectification_orders')
    .innerJoin('sites', 'sites.id', 'rectification_orders.site_id')
    .where(scoped('rectification_orders', scope));
  if (f.status) q = q.where('rectification_orders.status', '=', f.status);
  if (f.siteId) q = q.where('rectification_orders.site_id', '=', f.siteId);
  return q;
}

export function listOrders(db: DbOrTrx, scope: SupervisionScope, f: OrderFilter, page: { limit: number; offset: number }) {
  return orderQuery(db, scope, f)
    .selectAll('rectification_orders')
    .select(['sites.name as site_name'])
    .orderBy('rectification_orders.issued_on', 'desc')
    .orderBy('rectification_orders.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countOrders(db: DbOrTrx, scope: SupervisionScope, f: OrderFilter): Promise<number> {
  const r = await orderQuery(db, scope, f).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Orders still waiting for a report whose due date is before `today`, in id order after `afterId`. */
export function lapsableOrders(db: DbOrTrx, today: string, afterId: string | null, limit: number) {
  let q = db.selectFrom('rectification_orders').selectAll().where('status', '=', 'issued').where('due_date', '<', today);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}
