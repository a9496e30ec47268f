import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { inDivision } from '../../platform/db/division-filter.js';
import { RETENTION_FINDING_RULES } from './oversight.rules.js';

/**
 * Reads of the oversight view. Every query takes the area: `prefix` null means the whole province
 * (province officers, a supervisor of the provincial department); otherwise the division subtree
 * of the supervised police unit, plus anything that unit owns (as `can()` allows).
 */
export interface Area {
  prefix: string | null;
  unitId: string | null;
}

/** IN lists are chunked: PostgreSQL and SQLite both cap bound parameters. */
const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function inArea<T extends keyof Database>(eb: ExpressionBuilder<Database, T>, divisionCol: string, unitCol: string | null, area: Area): Expression<SqlBool> {
  if (area.prefix === null) return sql<SqlBool>`1 = 1`;
  const byDivision = inDivision(divisionCol, area.prefix);
  if (!unitCol || !area.unitId) return byDivision;
  return eb.or([byDivision, eb(sql.ref(unitCol), '=', area.unitId)]);
}

/** Periods open past their due date, or closed late or lapsed, in the area; most overdue first. */
export async function overdueDeadlines(db: DbOrTrx, area: Area, q: { today: string; from?: string; limit: number }) {
  let query = db
    .selectFrom('deadlines')
    .selectAll()
    .where((eb) =>
      eb.and([
        inArea(eb, 'deadlines.division_code', 'deadlines.owner_unit_id', area),
        eb.or([
          eb.and([eb('status', '=', 'open'), eb('due_date', '<', q.today)]),
          eb.and([eb('status', '=', 'closed'), eb('outcome', 'in', ['late', 'lapsed'])]),
        ]),
      ]),
    );
  if (q.from) query = query.where('due_date', '>=', q.from);
  return query.orderBy('due_date').orderBy('id').limit(q.limit + 1).execute();
}

/** The human reference of each subject (project, order, case number; complaint tracking number). */
export async function subjectReferences(db: DbOrTrx, subjectType: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(ids)) {
    let rows: { id: string; ref: string }[] = [];
    if (subjectType === 'project') rows = await db.selectFrom('projects').select(['id', 'number as ref']).where('id', 'in', part).execute();
    else if (subjectType === 'rectification_order') rows = await db.selectFrom('rectification_orders').select(['id', 'number as ref']).where('id', 'in', part).execute();
    else if (subjectType === 'penalty_case') rows = await db.selectFrom('penalty_cases').select(['id', 'number as ref']).where('id', 'in', part).execute();
    else if (subjectType === 'complaint') rows = await db.selectFrom('complaints').select(['id', 'tracking_number as ref']).where('id', 'in', part).execute();
    else if (subjectType === 'qualification_application') {
      rows = await db
        .selectFrom('qualification_applications')
        .innerJoin('companies', 'companies.id', 'qualification_applications.company_id')
        .select(['qualification_applications.id as id', 'companies.name as ref'])
        .where('qualification_applications.id', 'in', part)
        .execute();
    }
    for (const r of rows) out.set(r.id, r.ref);
  }
  return out;
}

export interface LedgerRef {
  seq: number;
  at: string;
  action: string;
  article: string | null;
  object_type: string;
  object_id: string;
}

/** Ledger entries about any of `targets` (object type → ids), oldest first. */
export async function ledgerAbout(db: DbOrTrx, targets: ReadonlyMap<string, readonly string[]>): Promise<LedgerRef[]> {
  const out: LedgerRef[] = [];
  for (const [objectType, ids] of targets) {
    for (const part of chunks([...new Set(ids)])) {
      const rows = await db
        .selectFrom('ledger_entries')
        .select(['seq', 'at', 'action', 'article', 'object_type', 'object_id'])
        .where('object_type', '=', objectType)
        .where('object_id', 'in', part)
        .execute();
      for (const r of rows) out.push({ ...r, seq: Number(r.seq) });
    }
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/** Open retention findings of the area raised before `cutoff`, with their site. */
export async function staleRetentionFindings(db: DbOrTrx, area: Area, cutoff: string) {
  return db
    .selectFrom('findings')
    .innerJoin('sites', 'sites.id', 'findings.site_id')
    .select([
      'findings.id as finding_id',
      'findings.rule',
      'findings.article',
      'findings.penalty_article',
      'findings.subject_type',
      'findings.subject_id',
      'findings.opened_at',
      'sites.id as site_id',
      'sites.name as site_name',
      'sites.division_code',
      'sites.unit_id',
    ])
    .where('findings.resolved_at', 'is', null)
    .where('findings.rule', 'in', [...RETENTION_FINDING_RULES])
    .where('findings.opened_at', '<=', cutoff)
    .where((eb) => inArea(eb, 'findings.division_code', null, area))
    .orderBy('findings.opened_at')
    .execute();
}

/** Cameras of the area whose last report is older than `lastReportBefore` (proof lapsed and left so). */
export async function staleCameras(db: DbOrTrx, area: Area, lastReportBefore: string) {
  return db
    .selectFrom('devices')
    .innerJoin('sites', 'sites.id', 'devices.site_id')
    .select([
      'devices.id as device_id',
      'devices.name as device_name',
      'devices.last_report_at',
      'devices.reported_recording_days',
      'sites.id as site_id',
      'sites.name as site_name',
      'sites.division_code',
      'sites.unit_id',
    ])
    .where('devices.device_kind', '=', 'camera')
    .where('devices.last_report_at', 'is not', null)
    .where('devices.last_report_at', '<', lastReportBefore)
    .where((eb) => inArea(eb, 'sites.division_code', null, area))
    .orderBy('devices.last_report_at')
    .execute();
}

/** The latest inspection opened for each site (art. 29), whatever its status. */
export async function latestInspections(db: DbOrTrx, siteIds: readonly string[]) {
  const out = new Map<string, { id: string; number: string; created_at: string; status: string }>();
  for (const part of chunks(siteIds)) {
    const rows = await db
      .selectFrom('inspections')
      .select(['id', 'number', 'site_id', 'created_at', 'status'])
      .where('site_id', 'in', part)
      .orderBy('created_at')
      .execute();
    for (const r of rows) out.set(r.site_id, { id: r.id, number: r.number, created_at: r.created_at, status: r.status });
  }
  return out;
}

/** The latest retention report entry of each unit (the VMS's own reports are ledgered per unit). */
export async function latestRetentionReports(db: DbOrTrx, unitIds: readonly string[]): Promise<Map<string, LedgerRef>> {
  const out = new Map<string, LedgerRef>();
  for (const part of chunks(unitIds)) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['seq', 'at', 'action', 'article', 'object_type', 'object_id'])
      .where('object_type', '=', 'unit')
      .where('object_id', 'in', part)
      .where('action', '=', 'retention.reported')
      .orderBy('seq')
      .execute();
    for (const r of rows) out.set(r.object_id, { ...r, seq: Number(r.seq) });
  }
  return out;
}

export async function ledgerEntryBySeq(db: DbOrTrx, seq: number) {
  const row = await db.selectFrom('ledger_entries').selectAll().where('seq', '=', seq).executeTakeFirst();
  return row ? { ...row, seq: Number(row.seq) } : undefined;
}

/** Where an object sits, for the scope of a ledger entry: its division(s) and owning police unit(s). */
export async function objectPlaces(db: DbOrTrx, objectType: string, objectId: string): Promise<{ divisionCode: string | null; unitId: string | null }[]> {
  const one = (r: { division_code: string | null; unit_id?: string | null } | undefined) => (r ? [{ divisionCode: r.division_code, unitId: r.unit_id ?? null }] : []);
  switch (objectType) {
    case 'deadline':
      return one(await db.selectFrom('deadlines').select(['division_code', 'owner_unit_id as unit_id']).where('id', '=', objectId).executeTakeFirst());
    case 'finding':
      return one(await db.selectFrom('findings').select('division_code').where('id', '=', objectId).executeTakeFirst());
    case 'site':
      return one(await db.selectFrom('sites').select('division_code').where('id', '=', objectId).executeTakeFirst());
    case 'unit':
      return one(await db.selectFrom('units').select('division_code').where('id', '=', objectId).executeTakeFirst());
    case 'inspection':
      return one(await db.selectFrom('inspections').select(['division_code', 'police_unit_id as unit_id']).where('id', '=', objectId).executeTakeFirst());
    default: {
      // A procedure's subject: wherever its periods are (each deadline row names division and owner).
      const rows = await db
        .selectFrom('deadlines')
        .select(['division_code', 'owner_unit_id'])
        .where('subject_type', '=', objectType)
        .where('subject_id', '=', objectId)
        .execute();
      return rows.map((r) => ({ divisionCode: r.division_code, unitId: r.owner_unit_id }));
    }
  }
}

export async function userNames(db: DbOrTrx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { username: string; display_name: string; police_unit_id: string | null }>();
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'police_unit_id']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
