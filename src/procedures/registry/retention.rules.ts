/**
 * Pure rules of the footage retention watchdog (art. 20): what a camera must keep, whether a
 * report from a VMS is believable, and what a camera's state is now. No I/O, no clock: the
 * caller passes `now` (from the injected clock) and the thresholds (from the registry settings).
 *
 * Art. 20: footage of public areas and key units is kept at least 30 days; of anti-terrorism key
 * targets at least 90 days. Art. 34(4) penalises a breach after an order to correct.
 */
import type { RegistrySettings } from './registry.settings.js';

export const RETENTION_ARTICLE = '20';
export const RETENTION_PENALTY_ARTICLE = '34(4)';

/** A VMS clock may run a little ahead of ours; beyond this a report "from the future" is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The registry settings the watchdog reads: 30 / 90 days (art. 20) and the stale-report hours. */
export type RetentionThresholds = Pick<RegistrySettings, 'minRetentionDays' | 'antiTerrorMinRetentionDays' | 'staleReportHours'>;

export type RetentionStatus = 'ok' | 'below_minimum' | 'stale' | 'never_reported';
export const RETENTION_STATUSES: readonly RetentionStatus[] = ['below_minimum', 'stale', 'never_reported', 'ok'];
/** Alert statuses, worst first: a known breach, then a lapsed proof, then no proof ever. */
export const ALERT_STATUSES = ['below_minimum', 'stale', 'never_reported'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Not findings: facts a unit should see next to the legal status.
 * - `below_configured`: at or above the legal floor but below the unit's own configured retention.
 * - `configured_below_minimum`: the unit configured its recorder for fewer days than the law requires.
 * - `stale_report`: the last report breached the minimum and the camera has since gone silent.
 */
export type RetentionWarning = 'below_configured' | 'configured_below_minimum' | 'stale_report';

/**
 * @article 20 — the legal floor for a camera: 90 days on an anti-terrorism key target, 30
 * otherwise. The unit's configured `retention_days` never lowers it, and does not raise the
 * legal requirement either (see `evaluateCamera`).
 */
export function requiredRetentionDays(antiTerrorTarget: boolean, t: RetentionThresholds): number {
  return antiTerrorTarget ? t.antiTerrorMinRetentionDays : t.minRetentionDays;
}

/** @article 20 — stale when the last report is older than `staleReportHours`; exactly N hours is still fresh. */
export function isStale(lastReportAt: Date, now: Date, staleHours: number): boolean {
  return now.getTime() - lastReportAt.getTime() > staleHours * HOUR_MS;
}

/** The instant before which a last report is stale (SQL mirror of `isStale`: `last_report_at < cutoff`). */
export function staleCutoff(now: Date, staleHours: number): Date {
  return new Date(now.getTime() - staleHours * HOUR_MS);
}

export interface CameraRetentionFacts {
  antiTerrorTarget: boolean;
  /** The unit's own recorder setting (`devices.retention_days`), if recorded. */
  configuredDays: number | null;
  /** Latest report, as denormalised on the device. */
  lastReportAt: string | null;
  /** Days of footage the latest report supports (`retainedDays` of that report). */
  recordingDays: number | null;
}

export interface CameraRetentionEvaluation {
  status: RetentionStatus;
  /** Legal floor (30/90). */
  requiredDays: number;
  /** What the unit aims for: the higher of the legal floor and its configured retention. */
  targetDays: number;
  /** `recordingDays - requiredDays`; negative below the minimum; null before any report. */
  marginDays: number | null;
  /** Whole hours since the last report; null before any report. */
  hoursSinceReport: number | null;
  stale: boolean;
  warnings: RetentionWarning[];
}

/**
 * @article 20 — one camera's state now.
 *
 * - `never_reported`: no report yet (no proof at all).
 * - `below_minimum`: the latest report holds fewer days than the legal floor — a breach of art. 20
 *   (the registry's finding opens on the same condition). This wins over staleness: the last
 *   known state is a breach, and silence does not cure it.
 * - `stale`: the latest report met the floor but is older than `staleReportHours`: the proof has lapsed.
 * - `ok`: fresh and at or above the floor.
 *
 * The configured retention is the unit's own setting: the legal minimum is the floor. A report at
 * or above the floor but below the configured value is a warning (`below_configured`), not a
 * finding — the law is met; the unit's recorder is not doing what the unit set it to do.
 */
export function evaluateCamera(f: CameraRetentionFacts, now: Date, t: RetentionThresholds): CameraRetentionEvaluation {
  const requiredDays = requiredRetentionDays(f.antiTerrorTarget, t);
  const targetDays = Math.max(requiredDays, f.configuredDays ?? 0);
  const warnings: RetentionWarning[] = [];
  if (f.configuredDays !== null && f.configuredDays < requiredDays) warnings.push('configured_below_minimum');
  if (f.lastReportAt === null || f.recordingDays === null) {
    return { status: 'never_reported', requiredDays, targetDays, marginDays: null, hoursSinceReport: null, stale: false, warnings };
  }
  const last = new Date(f.lastReportAt);
  const stale = isStale(last, now, t.staleReportHours);
  const marginDays = f.recordingDays - requiredDays;
  const hoursSinceReport = Math.max(0, Math.floor((now.getTime() - last.getTime()) / HOUR_MS));
  let status: RetentionStatus;
  if (marginDays < 0) {
    status = 'below_minimum';
    if (stale) warnings.push('stale_report');
  } else {
    status = stale ? 'stale' : 'ok';
    if (f.configuredDays !== null && f.recordingDays < f.configuredDays) warnings.push('below_configured');
  }
  return { status, requiredDays, targetDays, marginDays, hoursSinceReport, stale, warnings };
}

// ---- Reports ------------------------------------------------------------------------------------

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Strict ISO-8601 instant with an explicit offset (`Z` or `±hh:mm`). `Date` alone is too lenient
 * (it turns 30 February into 2 March), and a time without an offset is ambiguous between a VMS
 * in Shanghai and one in UTC. Returns null when the text is not a real instant.
 */
export function parseInstant(text: string): Date | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 14 || om > 59) return null;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(local - offsetMin * 60_000);
}

export interface RetentionReportInput {
  oldestRecordingAt: string;
  recordingDays: number;
  reportedAt: string;
}

export interface CheckedReport {
  /** Normalised to UTC `toISOString()`, so stored instants compare as text on both databases. */
  reportedAt: string;
  oldestRecordingAt: string;
  /** As reported by the VMS (kept as evidence). */
  recordingDays: number;
  /** Whole days from the oldest recording to the time of the report. */
  spanDays: number;
  /** Days of footage both figures support: `min(recordingDays, spanDays)` — what art. 20 is judged on. */
  retainedDays: number;
}

export type ReportRejection =
  | 'RETENTION_TIME_INVALID'
  | 'RETENTION_REPORT_IN_FUTURE'
  | 'RETENTION_OLDEST_AFTER_REPORT'
  | 'RETENTION_DAYS_INCONSISTENT';

/**
 * @article 20 — whether a report can stand as proof, and what it proves.
 *
 * - Both instants must be real and carry an offset (`RETENTION_TIME_INVALID`).
 * - `reportedAt` may be at most `MAX_CLOCK_SKEW_MS` ahead of `now` (`RETENTION_REPORT_IN_FUTURE`):
 *   exactly 5 minutes ahead is accepted, one millisecond more is not.
 * - The oldest recording cannot be later than the report (`RETENTION_OLDEST_AFTER_REPORT`).
 * - `recordingDays` cannot exceed the days the oldest recording spans: a VMS counting calendar
 *   days touched may count a partial day at each end, so up to `ceil(span) + 1` is consistent;
 *   more is a report contradicting itself (`RETENTION_DAYS_INCONSISTENT`).
 * - What counts is the smaller of the two figures: 30 days since the oldest recording with 20 days
 *   of recordings (gaps, or a recorder that purged and restarted) does not prove 30 days; nor do
 *   30 claimed recording days when the oldest recording is 20 days old.
 */
export function checkReport(
  r: RetentionReportInput,
  now: Date,
  skewMs: number = MAX_CLOCK_SKEW_MS,
): { ok: true; value: CheckedReport } | { ok: false; code: ReportRejection } {
  const reported = parseInstant(r.reportedAt);
  const oldest = parseInstant(r.oldestRecordingAt);
  if (!reported || !oldest) return { ok: false, code: 'RETENTION_TIME_INVALID' };
  if (reported.getTime() > now.getTime() + skewMs) return { ok: false, code: 'RETENTION_REPORT_IN_FUTURE' };
  const spanMs = reported.getTime() - oldest.getTime();
  if (spanMs < 0) return { ok: false, code: 'RETENTION_OLDEST_AFTER_REPORT' };
  const spanDays = Math.floor(spanMs / DAY_MS);
  if (r.recordingDays > Math.ceil(spanMs / DAY_MS) + 1) return { ok: false, code: 'RETENTION_DAYS_INCONSISTENT' };
  return {
    ok: true,
    value: {
      reportedAt: reported.toISOString(),
      oldestRecordingAt: oldest.toISOString(),
      recordingDays: r.recordingDays,
      spanDays,
      retainedDays: Math.min(r.recordingDays, spanDays),
    },
  };
}

/** Rank for "worst first": a breach, then a lapsed proof, then no proof, then fine. */
export function statusRank(status: RetentionStatus): number {
  return RETENTION_STATUSES.indexOf(status);
}
