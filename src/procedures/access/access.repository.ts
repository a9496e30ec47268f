import { sql, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, type Expression } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import { inDivision } from '../../platform/db/division-filter.js';
import type {
  AccessApprovalsTable,
  AccessConsentsTable,
  AccessGrantRevocationsTable,
  AccessGrantsTable,
  AccessOfficialsTable,
  AccessRegisterTable,
  AccessRequestsTable,
  AccessUnmaskEventsTable,
  AccessUseReportsTable,
  Database,
  DepartmentsTable,
} from '../../platform/db/schema.js';

/** Kysely queries of the information-access procedure: `db | trx` first, rows out, no business `if`s. */

export type RequestRow = Selectable<AccessRequestsTable>;
export type OfficialRow = Selectable<AccessOfficialsTable>;
export type ApprovalRow = Selectable<AccessApprovalsTable>;
export type ConsentRow = Selectable<AccessConsentsTable>;
export type GrantRow = Selectable<AccessGrantsTable>;
export type RegisterRow = Selectable<AccessRegisterTable>;

// ---- Who is asking ----------------------------------------------------------------------------

export interface UserAccessInfo {
  department_id: string | null;
  in_charge: number | null;
  display_name: string;
  department_name: string | null;
  department_kind: string | null;
  department_level: string | null;
  department_division: string | null;
}

export async function findUserAccessInfo(db: DbOrTrx, userId: string): Promise<UserAccessInfo | undefined> {
  return db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select([
      'users.department_id',
      'users.in_charge',
      'users.display_name',
      'departments.name as department_name',
      'departments.kind as department_kind',
      'departments.level as department_level',
      'departments.division_code as department_division',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function findDepartment(db: DbOrTrx, id: string) {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- Cameras ------------------------------------------------------------------------------------

export interface CameraRow {
  id: string;
  device_code: string | null;
  name: string;
  device_kind: string;
  site_id: string;
  site_name: string;
  site_type: string;
  division_code: string;
  unit_id: string | null;
  builder_level: string | null;
  user_police_unit_id: string | null;
}

const cameraColumns = [
  'devices.id',
  'devices.device_code',
  'devices.name',
  'devices.device_kind',
  'devices.site_id',
  'sites.name as site_name',
  'sites.site_type',
  'sites.division_code',
  'sites.unit_id',
  'sites.builder_level',
  'sites.user_police_unit_id',
] as const;

export async function findCameras(db: DbOrTrx, ids: readonly string[]): Promise<CameraRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('devices').innerJoin('sites', 'sites.id', 'devices.site_id').select(cameraColumns).where('devices.id', 'in', [...ids]).execute();
}

export async function findRequestCameras(db: DbOrTrx, requestId: string): Promise<CameraRow[]> {
  return db
    .selectFrom('access_request_cameras')
    .innerJoin('devices', 'devices.id', 'access_request_cameras.device_id')
    .innerJoin('sites', 'sites.id', 'devices.site_id')
    .select(cameraColumns)
    .where('access_request_cameras.request_id', '=', requestId)
    .orderBy('devices.id')
    .execute();
}

// ---- Requests -----------------------------------------------------------------------------------

export async function insertRequest(
  db: DbOrTrx,
  row: Insertable<AccessRequestsTable>,
  cameraIds: readonly string[],
  officials: readonly Insertable<AccessOfficialsTable>[],
): Promise<void> {
  await db.insertInto('access_requests').values(row).execute();
  await db
    .insertInto('access_request_cameras')
    .values(cameraIds.map((device_id) => ({ request_id: row.id, device_id })))
    .execute();
  if (officials.length > 0) await db.insertInto('access_officials').values([...officials]).execute();
}

export async function insertOfficials(db: DbOrTrx, officials: readonly Insertable<AccessOfficialsTable>[]): Promise<void> {
  if (officials.length > 0) await db.insertInto('access_officials').values([...officials]).execute();
}

export async function findRequest(db: DbOrTrx, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Optimistic update: false when another writer changed the request meanwhile. */
export async function updateRequest(
  db: DbOrTrx,
  id: string,
  version: number,
  set: Partial<Pick<RequestRow, 'status' | 'refusal_reasons' | 'updated_at' | 'legal_basis' | 'emergency_reference' | 'confidentiality_undertaking' | 'unit_certification'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('access_requests')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function findOfficials(db: DbOrTrx, requestId: string): Promise<OfficialRow[]> {
  return db.selectFrom('access_officials').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
}

export async function findOfficial(db: DbOrTrx, id: string): Promise<OfficialRow | undefined> {
  return db.selectFrom('access_officials').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findApprovals(db: DbOrTrx, requestId: string): Promise<ApprovalRow[]> {
  return db.selectFrom('access_approvals').selectAll().where('request_id', '=', requestId).orderBy('at').orderBy('id').execute();
}

export async function insertApproval(db: DbOrTrx, row: Insertable<AccessApprovalsTable>): Promise<void> {
  await db.insertInto('access_approvals').values(row).execute();
}

export async function findConsents(db: DbOrTrx, requestId: string): Promise<ConsentRow[]> {
  return db.selectFrom('access_consents').selectAll().where('request_id', '=', requestId).orderBy('at').orderBy('id').execute();
}

export async function insertConsent(db: DbOrTrx, row: Insertable<AccessConsentsTable>): Promise<void> {
  await db.insertInto('access_consents').values(row).execute();
}

/** The requests an actor may see, as a disjunction built by the caller (see access.scope.ts). */
export interface RequestVisibility {
  all?: boolean;
  requesterUserId?: string;
  divisionPrefix?: string;
  unitId?: string;
  departmentId?: string;
  /** State security approvers: state security requests in this division subtree ('' = everywhere). */
  stateSecurityPrefix?: string;
}

function visibleRequests(v: RequestVisibility) {
  return (eb: ExpressionBuilder<Database, 'access_requests'>): Expression<SqlBool> => {
    if (v.all) return sql<SqlBool>`1 = 1`;
    const ors: Expression<SqlBool>[] = [];
    if (v.requesterUserId) ors.push(eb('access_requests.requester_user_id', '=', v.requesterUserId));
    if (v.divisionPrefix !== undefined) ors.push(inDivision('access_requests.division_code', v.divisionPrefix));
    if (v.unitId) ors.push(eb('access_requests.unit_id', '=', v.unitId));
    if (v.departmentId) ors.push(eb('access_requests.department_id', '=', v.departmentId));
    if (v.stateSecurityPrefix !== undefined) {
      ors.push(eb.and([eb('access_requests.requester_kind', '=', 'state_security'), inDivision('access_requests.division_code', v.stateSecurityPrefix)]));
    }
    return ors.length === 0 ? sql<SqlBool>`1 = 0` : eb.or(ors);
  };
}

export interface RequestFilters {
  status?: string;
  requesterKind?: string;
  divisionPrefix?: string;
  limit: number;
  offset: number;
}

export async function listRequests(db: DbOrTrx, v: RequestVisibility, f: RequestFilters) {
  let q = db.selectFrom('access_requests').where(visibleRequests(v));
  if (f.status) q = q.where('access_requests.status', '=', f.status);
  if (f.requesterKind) q = q.where('access_requests.requester_kind', '=', f.requesterKind);
  if (f.divisionPrefix) q = q.where(inDivision('access_requests.division_code', f.divisionPrefix));
  const total = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll('access_requests')
    .orderBy('access_requests.created_at', 'desc')
    .orderBy('access_requests.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total?.n ?? 0), rows };
}

// ---- Grants and use -------------------------------------------------------------------------------

export async function insertGrant(db: DbOrTrx, row: Insertable<AccessGrantsTable>): Promise<void> {
  await db.insertInto('access_grants').values(row).execute();
}

export async function findGrant(db: DbOrTrx, id: string): Promise<GrantRow | undefined> {
  return db.selectFrom('access_grants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findGrantOfRequest(db: DbOrTrx, requestId: string): Promise<GrantRow | undefined> {
  return db.selectFrom('access_grants').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export async function insertUseReport(db: DbOrTrx, row: Insertable<AccessUseReportsTable>): Promise<void> {
  await db.insertInto('access_use_reports').values(row).execute();
}

// ---- The register -------------------------------------------------------------------------------

export async function insertRegisterEntry(
  db: DbOrTrx,
  row: Insertable<AccessRegisterTable>,
  officials: readonly { official_id: string; id_number_index: string }[],
): Promise<void> {
  await db.insertInto('access_register').values(row).execute();
  if (officials.length > 0) {
    await db
      .insertInto('access_register_officials')
      .values(officials.map((o) => ({ entry_id: row.id, ...o })))
      .execute();
  }
}

export async function findRegisterEntry(db: DbOrTrx, id: string): Promise<RegisterRow | undefined> {
  return db.selectFrom('access_register').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Register visibility: everything, a division subtree, or one key unit's entries. */
export type RegisterVisibility = { kind: 'all' } | { kind: 'division'; prefix: string } | { kind: 'unit'; unitId: string };

export interface RegisterFilters {
  kind?: string;
  unitId?: string;
  requestId?: string;
  divisionPrefix?: string;
  from?: string;
  to?: string;
  flag?: string;
  /** Flags meaning "outside the grant": any of them. */
  anyFlags?: readonly string[];
  /** Blind index of an official's identity number. */
  officialIndex?: string;
  ids?: readonly string[];
  /** The requesting organisation exactly (oversight links) or any part of it (the register's search box). */
  organisation?: string;
  organisationContains?: string;
  limit: number;
  offset: number;
}

function registerQuery(db: DbOrTrx, v: RegisterVisibility, f: Omit<RegisterFilters, 'limit' | 'offset'>) {
  let q = db.selectFrom('access_register');
  if (v.kind === 'division') q = q.where(inDivision('access_register.division_code', v.prefix));
  if (v.kind === 'unit') q = q.where('access_register.unit_id', '=', v.unitId);
  if (f.kind) q = q.where('access_register.kind', '=', f.kind);
  if (f.unitId) q = q.where('access_register.unit_id', '=', f.unitId);
  if (f.requestId) q = q.where('access_register.request_id', '=', f.requestId);
  if (f.divisionPrefix) q = q.where(inDivision('access_register.division_code', f.divisionPrefix));
  if (f.from) q = q.where('access_register.at', '>=', f.from);
  if (f.to) q = q.where('access_register.at', '<', f.to);
  // Flags are a JSON array of known codes (no quotes inside codes), so a quoted substring match is exact.
  if (f.flag) q = q.where('access_register.flags', 'like', `%"${f.flag}"%`);
  if (f.anyFlags && f.anyFlags.length > 0) {
    const flags = f.anyFlags;
    q = q.where((eb) => eb.or(flags.map((fl) => eb('access_register.flags', 'like', `%"${fl}"%`))));
  }
  if (f.officialIndex) {
    const index = f.officialIndex;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('access_register_officials')
          .select('access_register_officials.entry_id')
          .whereRef('access_register_officials.entry_id', '=', 'access_register.id')
          .where('access_register_officials.id_number_index', '=', index),
      ),
    );
  }
  if (f.ids) q = q.where('access_register.id', 'in', f.ids.length > 0 ? [...f.ids] : ['']);
  if (f.organisation) q = q.where('access_register.organisation', '=', f.organisation);
  if (f.organisationContains) {
    const pattern = containing(f.organisationContains);
    q = q.where(sql<SqlBool>`lower(access_register.organisation) like lower(${pattern}) escape '\\'`);
  }
  return q;
}

export async function listRegister(db: DbOrTrx, v: RegisterVisibility, f: RegisterFilters) {
  const q = registerQuery(db, v, f);
  const total = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll('access_register')
    .orderBy('access_register.at', 'desc')
    .orderBy('access_register.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total?.n ?? 0), rows };
}

/** Officials (as in their requests) named on these register entries. */
export async function findRegisterOfficials(db: DbOrTrx, entryIds: readonly string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('access_register_officials')
    .innerJoin('access_officials', 'access_officials.id', 'access_register_officials.official_id')
    .select([
      'access_register_officials.entry_id',
      'access_officials.id',
      'access_officials.name',
      'access_officials.id_number_masked',
      'access_officials.work_certificate_no',
    ])
    .where('access_register_officials.entry_id', 'in', [...entryIds])
    .execute();
}

export async function insertUnmaskEvent(db: DbOrTrx, row: Insertable<AccessUnmaskEventsTable>): Promise<void> {
  await db.insertInto('access_unmask_events').values(row).execute();
}

// ---- Oversight (art. 39) ------------------------------------------------------------------------

/** Register entries (id, unit, kind, flags) in scope and period, for aggregation per unit and per official. */
export async function oversightEntries(db: DbOrTrx, v: RegisterVisibility, f: { from?: string; to?: string; limit: number }) {
  return registerQuery(db, v, f)
    .select(['access_register.id', 'access_register.unit_id', 'access_register.organisation', 'access_register.kind', 'access_register.flags', 'access_register.at'])
    .orderBy('access_register.at', 'desc')
    .limit(f.limit)
    .execute();
}

export async function oversightOfficials(db: DbOrTrx, entryIds: readonly string[]) {
  const out: { entry_id: string; official_id: string; id_number_index: string; name: string; id_number_masked: string }[] = [];
  for (let i = 0; i < entryIds.length; i += 500) {
    const part = entryIds.slice(i, i + 500);
    out.push(
      ...(await db
        .selectFrom('access_register_officials')
        .innerJoin('access_officials', 'access_officials.id', 'access_register_officials.official_id')
        .select([
          'access_register_officials.entry_id',
          'access_register_officials.official_id',
          'access_register_officials.id_number_index',
          'access_officials.name',
          'access_officials.id_number_masked',
        ])
        .where('access_register_officials.entry_id', 'in', part)
        .execute()),
    );
  }
  return out;
}

export async function unitNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- Revocation, withdrawal, the using bureau of a public area ------------------------------------

export type RevocationRow = Selectable<AccessGrantRevocationsTable>;

export async function findRevocation(db: DbOrTrx, grantId: string): Promise<RevocationRow | undefined> {
  return db.selectFrom('access_grant_revocations').selectAll().where('grant_id', '=', grantId).executeTakeFirst();
}

export async function insertRevocation(db: DbOrTrx, row: Insertable<AccessGrantRevocationsTable>): Promise<void> {
  await db.insertInto('access_grant_revocations').values(row).execute();
}

/** The police unit that uses a public-area system (its VMS is the police's), if recorded. */
export async function siteUserPoliceUnit(db: DbOrTrx, siteId: string): Promise<string | null> {
  const row = await db.selectFrom('sites').select('user_police_unit_id').where('id', '=', siteId).executeTakeFirst();
  return row?.user_police_unit_id ?? null;
}

// ---- Departments (administration) ----------------------------------------------------------------

export async function insertDepartment(db: DbOrTrx, row: Insertable<DepartmentsTable>): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function listDepartments(db: DbOrTrx) {
  return db.selectFrom('departments').selectAll().orderBy('division_code').orderBy('name').execute();
}

export async function departmentUsers(db: DbOrTrx, departmentIds: readonly string[]) {
  if (departmentIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'department_id', 'in_charge', 'status'])
    .where('department_id', 'in', [...departmentIds])
    .orderBy('username')
    .execute();
}

// ---- Camera lookup for requesters -----------------------------------------------------------------

/** Where a requester may look for cameras: a division subtree (departments, officers) or one key unit's sites. */
export type CameraLookupScope = { kind: 'division'; prefix: string } | { kind: 'unit'; unitId: string };

export interface CameraLookupRow {
  id: string;
  device_code: string | null;
  name: string;
  site_id: string;
  site_name: string;
  site_type: string;
  division_code: string;
  unit_id: string | null;
}

/** LIKE pattern matching anywhere, its wildcards escaped (used with `escape '\'`). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Cameras in scope, matching `q` in the camera's name or code or the site's name; only the columns a requester
 * needs to name them (no retention, placement, certificates or responsible party).
 */
export async function lookupCameras(db: DbOrTrx, scope: CameraLookupScope, f: { q?: string; siteId?: string; limit: number }): Promise<CameraLookupRow[]> {
  let query = db
    .selectFrom('devices')
    .innerJoin('sites', 'sites.id', 'devices.site_id')
    .select(['devices.id', 'devices.device_code', 'devices.name', 'devices.site_id', 'sites.name as site_name', 'sites.site_type', 'sites.division_code', 'sites.unit_id'])
    .where('devices.device_kind', '=', 'camera');
  query = scope.kind === 'unit' ? query.where('sites.unit_id', '=', scope.unitId) : query.where(inDivision('sites.division_code', scope.prefix));
  if (f.siteId) query = query.where('devices.site_id', '=', f.siteId);
  if (f.q) {
    const pattern = containing(f.q);
    query = query.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(devices.name) like lower(${pattern}) escape '\\'`,
        sql<SqlBool>`lower(coalesce(devices.device_code, '')) like lower(${pattern}) escape '\\'`,
        sql<SqlBool>`lower(sites.name) like lower(${pattern}) escape '\\'`,
      ]),
    );
  }
  return query.orderBy('sites.name').orderBy('devices.site_id').orderBy('devices.name').orderBy('devices.id').limit(f.limit).execute();
}

/** Candidates for an approver's or a unit's queue: pending requests in view, newest first. */
export async function pendingRequests(db: DbOrTrx, v: RequestVisibility, f: { requesterKind?: string; divisionPrefix?: string; limit: number }) {
  let q = db.selectFrom('access_requests').where(visibleRequests(v)).where('access_requests.status', '=', 'pending');
  if (f.requesterKind) q = q.where('access_requests.requester_kind', '=', f.requesterKind);
  if (f.divisionPrefix) q = q.where(inDivision('access_requests.division_code', f.divisionPrefix));
  return q.selectAll('access_requests').orderBy('access_requests.created_at', 'desc').orderBy('access_requests.id').limit(f.limit).execute();
}

export async function findUserNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Officer accounts (the person-in-charge mark of art. 26(1)), matching part of the account or name. */
export async function officerUsers(db: DbOrTrx, q: string | undefined, limit: number) {
  let query = db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'police_unit_id', 'role', 'in_charge', 'status'])
    .where('role', 'in', ['province_officer', 'city_officer', 'county_officer']);
  if (q) {
    const pattern = containing(q);
    query = query.where((eb) => eb.or([sql<SqlBool>`lower(username) like lower(${pattern}) escape '\\'`, sql<SqlBool>`lower(display_name) like lower(${pattern}) escape '\\'`]));
  }
  return query.orderBy('police_unit_id').orderBy('username').limit(limit).execute();
}
