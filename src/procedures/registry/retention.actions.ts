import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { assertCan, can, divisionPrefix, listScope } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { RetentionReportsTable } from '../../platform/db/schema.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../../platform/http/errors.js';
import { getDivision } from '../../platform/jurisdictions/divisions.js';
import { checkDeviceCode } from './deviceCode.js';
import { recomputeSiteFindings } from './findings.recompute.js';
import { canReadSite, requireSignedIn } from './registry.access.js';
import { registrySettings } from './registry.settings.js';
import {
  countAlerts,
  findDevicesByCodes,
  findRecentReports,
  findSiteCameras,
  findSiteForRetention,
  findStoredReportKeys,
  insertReports,
  listAlerts,
  setLatestReport,
} from './retention.repository.js';
import {
  ALERT_STATUSES,
  checkReport,
  evaluateCamera,
  RETENTION_ARTICLE,
  requiredRetentionDays,
  staleCutoff,
  type AlertStatus,
  type CameraRetentionEvaluation,
  type CheckedReport,
  type RetentionReportInput,
} from './retention.rules.js';

/** Reports shown per camera as evidence on a site's retention page. */
export const EVIDENCE_REPORTS_PER_CAMERA = 10;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

export interface RetentionReportItemInput extends RetentionReportInput {
  deviceCode: string;
}

export interface RejectedReport {
  index: number;
  deviceCode: string;
  code: ErrorCode;
  zh: string;
  en: string;
  article?: string;
}

const rejection = (index: number, deviceCode: string, code: ErrorCode, article?: string): RejectedReport => ({
  index,
  deviceCode,
  code,
  zh: ERROR_CODES[code].zh,
  en: ERROR_CODES[code].en,
  ...(article ? { article } : {}),
});

/**
 * @article 20 — a VMS (with a unit user's API token) reports per camera how much footage it
 * holds. Each item stands or falls alone: a malformed, unbelievable, unknown or foreign item is
 * listed in `rejected` and the rest is stored. In one transaction: the new reports are stored as
 * evidence, the latest of each camera is denormalised onto the device, the findings of every site
 * whose cameras changed are recomputed (the art. 20 finding opens or resolves), and one ledger
 * entry records the batch.
 *
 * One ledger entry per batch, not per camera: a province's VMSs report hundreds of thousands of
 * cameras a day; an entry per camera would multiply the hash chain (each append serialises on
 * its head) for no extra proof. The reports themselves are the evidence, in `retention_reports`;
 * the entry's `after_digest` is the digest of exactly the reports stored, so the batch cannot be
 * altered later without breaking the chain, and its counts say what happened. Finding changes
 * get their own entries (`finding.opened` / `finding.resolved`) from the recompute.
 *
 * A camera of another unit answers like an unknown code (`RETENTION_DEVICE_UNKNOWN`): a token
 * must not reveal which codes other units have registered.
 */
export async function reportRetention(ctx: Ctx, input: { reports: RetentionReportItemInput[] }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'retention.report');
  const now = ctx.clock.now();
  const receivedAt = now.toISOString();
  const rejected: RejectedReport[] = [];
  const checked: { index: number; deviceCode: string; report: CheckedReport }[] = [];
  input.reports.forEach((item, index) => {
    if (!checkDeviceCode(item.deviceCode).ok) return void rejected.push(rejection(index, item.deviceCode, 'DEVICE_CODE_INVALID'));
    const res = checkReport(item, now);
    if (!res.ok) return void rejected.push(rejection(index, item.deviceCode, res.code, RETENTION_ARTICLE));
    checked.push({ index, deviceCode: item.deviceCode, report: res.value });
  });

  return ctx.db.transaction().execute(async (trx) => {
    const devices = new Map((await findDevicesByCodes(trx, checked.map((c) => c.deviceCode))).map((d) => [d.device_code, d]));
    const mine = checked.flatMap((c) => {
      const device = devices.get(c.deviceCode);
      if (!device || device.device_kind !== 'camera' || !can(ctx.actor, 'retention.report', { unitId: device.site_unit_id })) {
        rejected.push(rejection(c.index, c.deviceCode, 'RETENTION_DEVICE_UNKNOWN'));
        return [];
      }
      return [{ ...c, device }];
    });

    // Idempotent: a VMS retrying a batch, or repeating a report within it, stores nothing twice.
    const stored = await findStoredReportKeys(trx, mine.map((m) => m.device.id), mine.map((m) => m.report.reportedAt));
    const fresh: typeof mine = [];
    for (const m of mine) {
      const key = `${m.device.id}|${m.report.reportedAt}`;
      if (stored.has(key)) continue;
      stored.add(key);
      fresh.push(m);
    }
    const duplicates = mine.length - fresh.length;
    const rows: Insertable<RetentionReportsTable>[] = fresh.map((m) => ({
      id: randomUUID(),
      device_id: m.device.id,
      oldest_recording_at: m.report.oldestRecordingAt,
      recording_days: m.report.recordingDays,
      reported_at: m.report.reportedAt,
      received_at: receivedAt,
      reporter_id: ctx.actor.userId,
    }));
    await insertReports(trx, rows);

    // The newest report of each camera becomes its latest, unless a newer one is already there.
    const latest = new Map<string, { siteId: string; report: CheckedReport }>();
    for (const m of fresh) {
      const cur = latest.get(m.device.id);
      if (!cur || cur.report.reportedAt < m.report.reportedAt) latest.set(m.device.id, { siteId: m.device.site_id, report: m.report });
    }
    const sites = new Set<string>();
    // Sorted, so concurrent batches lock devices (and then sites) in the same order.
    for (const [deviceId, { siteId, report }] of [...latest].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (await setLatestReport(trx, deviceId, report)) sites.add(siteId);
    }
    let opened = 0;
    let resolved = 0;
    for (const siteId of [...sites].sort()) {
      const r = await recomputeSiteFindings(ctx, trx, siteId);
      opened += r.opened;
      resolved += r.resolved;
    }

    if (rows.length > 0) {
      await audit(ctx, trx, {
        action: 'retention.reported',
        objectType: 'unit',
        objectId: ctx.actor.unitId ?? ctx.actor.userId ?? 'unknown',
        article: RETENTION_ARTICLE,
        after: rows.map((r) => ({ deviceId: r.device_id, reportedAt: r.reported_at, oldestRecordingAt: r.oldest_recording_at, recordingDays: r.recording_days })),
        detail: {
          accepted: mine.length,
          stored: rows.length,
          duplicates,
          rejected: rejected.length,
          cameras: latest.size,
          sites: sites.size,
          findingsOpened: opened,
          findingsResolved: resolved,
        },
      });
    }
    rejected.sort((a, b) => a.index - b.index);
    return { accepted: mine.length, duplicates, rejected };
  });
}

function present(
  row: { retention_days: number | null; last_report_at: string | null; reported_recording_days: number | null; oldest_recording_at: string | null },
  e: CameraRetentionEvaluation,
) {
  return {
    status: e.status,
    requiredDays: e.requiredDays,
    configuredDays: row.retention_days === null ? null : Number(row.retention_days),
    targetDays: e.targetDays,
    recordingDays: row.reported_recording_days === null ? null : Number(row.reported_recording_days),
    oldestRecordingAt: row.oldest_recording_at,
    lastReportAt: row.last_report_at,
    hoursSinceReport: e.hoursSinceReport,
    marginDays: e.marginDays,
    stale: e.stale,
    warnings: e.warnings,
  };
}

const facts = (
  antiTerrorTarget: boolean,
  row: { retention_days: number | null; last_report_at: string | null; reported_recording_days: number | null },
) => ({
  antiTerrorTarget,
  configuredDays: row.retention_days === null ? null : Number(row.retention_days),
  lastReportAt: row.last_report_at,
  recordingDays: row.reported_recording_days === null ? null : Number(row.reported_recording_days),
});

/**
 * @article 20 — the proof, per camera in service, that retention holds on a site: the legal floor,
 * the latest report, its status and margin, and the last reports as evidence. Visible to whoever
 * may read the site (its unit; officers of its jurisdiction); 404 otherwise.
 */
export async function getSiteRetention(ctx: Ctx, siteId: string) {
  requireSignedIn(ctx.actor);
  const site = await findSiteForRetention(ctx.db, siteId);
  if (!site || !canReadSite(ctx.actor, site)) throw new AppError('NOT_FOUND');
  const settings = registrySettings(ctx.config);
  const now = ctx.clock.now();
  const antiTerror = Number(site.anti_terror_target) === 1;
  const cameras = await findSiteCameras(ctx.db, siteId);
  const reports = await findRecentReports(ctx.db, cameras.map((c) => c.id), EVIDENCE_REPORTS_PER_CAMERA);
  const byDevice = new Map<string, typeof reports>();
  for (const r of reports) byDevice.set(r.device_id, [...(byDevice.get(r.device_id) ?? []), r]);
  const items = cameras.map((c) => {
    const e = evaluateCamera(facts(antiTerror, c), now, settings);
    return {
      deviceId: c.id,
      deviceCode: c.device_code,
      name: c.name,
      systemId: c.system_id,
      ...present(c, e),
      reports: (byDevice.get(c.id) ?? []).map((r) => {
        const span = checkReport({ reportedAt: r.reported_at, oldestRecordingAt: r.oldest_recording_at, recordingDays: r.recording_days }, new Date(r.reported_at));
        return {
          reportedAt: r.reported_at,
          receivedAt: r.received_at,
          oldestRecordingAt: r.oldest_recording_at,
          recordingDays: r.recording_days,
          retainedDays: span.ok ? span.value.retainedDays : 0,
        };
      }),
    };
  });
  const count = (s: string) => items.filter((i) => i.status === s).length;
  return {
    siteId: site.id,
    siteName: site.name,
    divisionCode: site.division_code,
    antiTerrorTarget: antiTerror,
    article: RETENTION_ARTICLE,
    requiredDays: requiredRetentionDays(antiTerror, settings),
    staleReportHours: settings.staleReportHours,
    evaluatedAt: now.toISOString(),
    holds: items.every((i) => i.status === 'ok'),
    counts: { total: items.length, ok: count('ok'), belowMinimum: count('below_minimum'), stale: count('stale'), neverReported: count('never_reported') },
    cameras: items,
  };
}

/**
 * @article 20 — cameras to act on, in the caller's jurisdiction (officers) or its own sites
 * (unit users), worst first. By default breaches and stale reports; `status` narrows to one,
 * and `never_reported` (cameras with no proof yet) is shown only when asked for: a newly
 * registered camera is expected to have none for a while.
 */
export async function listRetentionAlerts(ctx: Ctx, query: { division?: string; status?: AlertStatus; page?: string; pageSize?: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'registry.read');
  if (query.division && !getDivision(query.division)) throw new AppError('DIVISION_UNKNOWN');
  const settings = registrySettings(ctx.config);
  const now = ctx.clock.now();
  const page = query.page ? Number(query.page) : 1;
  const pageSize = Math.min(MAX_PAGE_SIZE, query.pageSize ? Number(query.pageSize) : DEFAULT_PAGE_SIZE);
  const statuses: AlertStatus[] = query.status ? [query.status] : ALERT_STATUSES.filter((s) => s !== 'never_reported');
  const q = {
    scope: listScope(ctx.actor, 'registry.read'),
    divisionPrefix: query.division ? divisionPrefix(query.division) : undefined,
    statuses,
    minDays: settings.minRetentionDays,
    antiTerrorMinDays: settings.antiTerrorMinRetentionDays,
    staleCutoff: staleCutoff(now, settings.staleReportHours).toISOString(),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const [total, rows] = await Promise.all([countAlerts(ctx.db, q), listAlerts(ctx.db, q)]);
  return {
    items: rows.map((r) => {
      const antiTerror = Number(r.anti_terror_target) === 1;
      return {
        deviceId: r.id,
        deviceCode: r.device_code,
        deviceName: r.name,
        siteId: r.site_id,
        siteName: r.site_name,
        divisionCode: r.division_code,
        divisionName: getDivision(r.division_code)?.name ?? r.division_code,
        antiTerrorTarget: antiTerror,
        article: RETENTION_ARTICLE,
        ...present(r, evaluateCamera(facts(antiTerror, r), now, settings)),
      };
    }),
    total,
    page,
    pageSize,
    staleReportHours: settings.staleReportHours,
    evaluatedAt: now.toISOString(),
  };
}
