import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool } from 'kysely';
import type { ListScope } from '../../platform/access/access.js';
import type { DbOrTrx } from '../../platform/context.js';
import type { Database, RetentionReportsTable } from '../../platform/db/schema.js';
import type { AlertStatus } from './retention.rules.js';
import { inDivision } from '../../platform/db/division-filter.js';

/** Kysely queries for the retention watchdog (art. 20): `db | trx` first, rows out, no business `if`s. */

/** Bound-parameter headroom: SQLite allows 32,766 and PostgreSQL 65,535 per statement. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---- Reports ------------------------------------------------------------------------------------

export interface ReportTarget {
  id: string;
  device_code: string | null;
  device_kind: string;
  site_id: string;
  last_report_at: string | null;
  site_unit_id: string | null;
  system_status: string;
}

/** Devices with these codes, with what a report needs to decide (owner unit, latest report). */
export async function findDevicesByCodes(db: DbOrTrx, codes: readonly string[]): Promise<ReportTarget[]> {
  const out: ReportTarget[] = [];
  for (const part of chunks([...new Set(codes)])) {
    const rows = await db
      .selectFrom('devices')
      .innerJoin('sites', 'sites.id', 'devices.site_id')
      .innerJoin('systems', 'systems.id', 'devices.system_id')
      .select([
        'devices.id',
        'devices.device_code',
        'devices.device_kind',
        'devices.site_id',
        'devices.last_report_at',
        'sites.unit_id as site_unit_id',
        'systems.status as system_status',
      ])
      .where('devices.device_code', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

/** `device_id|reported_at` of reports already stored, to make a repeated batch idempotent. */
export async function findStoredReportKeys(db: DbOrTrx, deviceIds: readonly string[], reportedAts: readonly string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  const times = [...new Set(reportedAts)];
  for (const ids of chunks([...new Set(deviceIds)], 250)) {
    for (const ats of chunks(times, 250)) {
      const rows = await db
        .selectFrom('retention_reports')
        .select(['device_id', 'reported_at'])
        .where('device_id', 'in', ids)
        .where('reported_at', 'in', ats)
        .execute();
      for (const r of rows) keys.add(`${r.device_id}|${r.reported_at}`);
    }
  }
  return keys;
}

export async function insertReports(db: DbOrTrx, rows: readonly Insertable<RetentionReportsTable>[]): Promise<void> {
  for (const part of chunks(rows, 200)) await db.insertInto('retention_reports').values(part).execute();
}

/**
 * Denormalise a report onto its device as the latest — only if it is newer than the one there
 * (reports may arrive out of order). Neither `version` nor `updated_at` changes: a VMS report is
 * not an edit of the registration, and must not make a unit user's edit fail with CONFLICT.
 * Returns whether the device changed.
 */
export async function setLatestReport(
  db: DbOrTrx,
  deviceId: string,
  latest: { reportedAt: string; retainedDays: number; oldestRecordingAt: string },
): Promise<boolean> {
  const res = await db
    .updateTable('devices')
    .set({ last_report_at: latest.reportedAt, reported_recording_days: latest.retainedDays, oldest_recording_at: latest.oldestRecordingAt })
    .where('id', '=', deviceId)
    .where((eb) => eb.or([eb('last_report_at', 'is', null), eb('last_report_at', '<', latest.reportedAt)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

// ---- A site's proof -----------------------------------------------------------------------------

export function findSiteForRetention(db: DbOrTrx, id: string) {
  return db
    .selectFrom('sites')
    .select(['id', 'name', 'site_type', 'division_code', 'unit_id', 'anti_terror_target'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Cameras of a site in service (systems not decommissioned), in registration order. */
export function findSiteCameras(db: DbOrTrx, siteId: string) {
  return db
    .selectFrom('devices')
    .innerJoin('systems', 'systems.id', 'devices.system_id')
    .select([
      'devices.id',
      'devices.device_code',
      'devices.name',
      'devices.system_id',
      'devices.retention_days',
      'devices.last_report_at',
      'devices.reported_recording_days',
      'devices.oldest_recording_at',
    ])
    .where('devices.site_id', '=', siteId)
    .where('devices.device_kind', '=', 'camera')
    .where('systems.status', '!=', 'decommissioned')
    .orderBy('devices.created_at')
    .orderBy('devices.id')
    .execute();
}

/** The latest `perDevice` reports of each device, newest first (a window query on both dialects). */
export async function findRecentReports(db: DbOrTrx, deviceIds: readonly string[], perDevice: number) {
  const out: { device_id: string; reported_at: string; received_at: string; oldest_recording_at: string; recording_days: number }[] = [];
  for (const ids of chunks(deviceIds)) {
    const ranked = db
      .selectFrom('retention_reports')
      .select((eb) => [
        'device_id',
        'reported_at',
        'received_at',
        'oldest_recording_at',
        'recording_days',
        eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('device_id').orderBy('reported_at', 'desc').orderBy('id', 'desc')).as('rn'),
      ])
      .where('device_id', 'in', ids)
      .as('ranked');
    const rows = await db
      .selectFrom(ranked)
      .select(['device_id', 'reported_at', 'received_at', 'oldest_recording_at', 'recording_days'])
      .where('rn', '<=', perDevice)
      .orderBy('device_id')
      .orderBy('reported_at', 'desc')
      .execute();
    out.push(...rows.map((r) => ({ ...r, recording_days: Number(r.recording_days) })));
  }
  return out;
}

// ---- Alerts -------------------------------------------------------------------------------------

export interface AlertQuery {
  scope: ListScope;
  /** Division prefix from the `division` filter (intersected with the scope). */
  divisionPrefix?: string;
  statuses: readonly AlertStatus[];
  minDays: number;
  antiTerrorMinDays: number;
  /** ISO instant: a last report before it is stale. */
  staleCutoff: string;
  limit: number;
  offset: number;
}

type AlertEb = ExpressionBuilder<Database & { d: Database['devices']; s: Database['sites'] }, 'd' | 's'>;

/**
 * The SQL mirror of `evaluateCamera` (retention.rules.ts): the same statuses with the same
 * precedence, so paging and counting happen in the database. The route test checks that both
 * agree. Thresholds are integers from the settings, inlined as literals so that PostgreSQL types
 * the CASE as an integer.
 */
function statusPredicates(eb: AlertEb, q: AlertQuery): Record<AlertStatus, Expression<SqlBool>> {
  const required = sql<number>`case when ${eb.ref('s.anti_terror_target')} = 1 then ${sql.lit(Math.trunc(q.antiTerrorMinDays))} else ${sql.lit(Math.trunc(q.minDays))} end`;
  const reported = eb.and([eb('d.last_report_at', 'is not', null), eb('d.reported_recording_days', 'is not', null)]);
  const below = eb.and([reported, eb('d.reported_recording_days', '<', required)]);
  return {
    never_reported: eb.or([eb('d.last_report_at', 'is', null), eb('d.reported_recording_days', 'is', null)]),
    below_minimum: below,
    stale: eb.and([reported, eb('d.reported_recording_days', '>=', required), eb('d.last_report_at', '<', q.staleCutoff)]),
  };
}

function alertBase(db: DbOrTrx, q: AlertQuery) {
  let query = db
    .selectFrom('devices as d')
    .innerJoin('sites as s', 's.id', 'd.site_id')
    .innerJoin('systems as y', 'y.id', 'd.system_id')
    .where('d.device_kind', '=', 'camera')
    .where('y.status', '!=', 'decommissioned')
    .where((eb) => {
      const p = statusPredicates(eb as unknown as AlertEb, q);
      return eb.or(q.statuses.map((st) => p[st]));
    });
  const scope = q.scope;
  if (scope.kind === 'division') query = query.where(inDivision('s.division_code', scope.prefix));
  if (scope.kind === 'unit') query = query.where('s.unit_id', '=', scope.unitId);
  if (scope.kind === 'company' || scope.kind === 'none') query = query.where(sql.lit(1), '=', 0);
  if (q.divisionPrefix) query = query.where(inDivision('s.division_code', q.divisionPrefix));
  return query;
}

export async function countAlerts(db: DbOrTrx, q: AlertQuery): Promise<number> {
  const row = await alertBase(db, q).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Worst first: breaches by how far below, then stale by longest silence, then never reported. */
export function listAlerts(db: DbOrTrx, q: AlertQuery) {
  return alertBase(db, q)
    .select((eb) => {
      const p = statusPredicates(eb as unknown as AlertEb, q);
      const required = sql<number>`case when ${eb.ref('s.anti_terror_target')} = 1 then ${sql.lit(Math.trunc(q.antiTerrorMinDays))} else ${sql.lit(Math.trunc(q.minDays))} end`;
      return [
        'd.id',
        'd.device_code',
        'd.name',
        'd.retention_days',
        'd.last_report_at',
        'd.reported_recording_days',
        'd.oldest_recording_at',
        's.id as site_id',
        's.name as site_name',
        's.division_code',
        's.anti_terror_target',
        eb.case().when(p.below_minimum).then(sql.lit(0)).when(p.stale).then(sql.lit(1)).else(sql.lit(2)).end().as('rank'),
        eb.case().when(p.below_minimum).then(sql<number>`${eb.ref('d.reported_recording_days')} - ${required}`).else(sql.lit(0)).end().as('margin'),
      ];
    })
    .orderBy('rank')
    .orderBy('margin')
    .orderBy('d.last_report_at')
    .orderBy('d.created_at')
    .orderBy('d.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}
