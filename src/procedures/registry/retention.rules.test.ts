import { describe, expect, it } from 'vitest';
import {
  checkReport,
  evaluateCamera,
  isStale,
  MAX_CLOCK_SKEW_MS,
  parseInstant,
  requiredRetentionDays,
  staleCutoff,
  statusRank,
  type CameraRetentionFacts,
  type RetentionThresholds,
} from './retention.rules.js';

const T: RetentionThresholds = { minRetentionDays: 30, antiTerrorMinRetentionDays: 90, staleReportHours: 48 };
const NOW = new Date('2026-03-02T01:00:00.000Z'); // 09:00 Shanghai
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const daysAgo = (d: number, from = NOW) => new Date(from.getTime() - d * 86_400_000).toISOString();
const camera = (over: Partial<CameraRetentionFacts>): CameraRetentionFacts => ({
  antiTerrorTarget: false,
  configuredDays: null,
  lastReportAt: hoursAgo(1),
  recordingDays: 30,
  ...over,
});

describe('art. 20 — the legal floor: 30 days, 90 on an anti-terrorism key target', () => {
  it.each([
    [false, 30],
    [true, 90],
  ] as const)('anti-terror target %s → %i days', (target, days) => expect(requiredRetentionDays(target, T)).toBe(days));
});

describe('art. 20 — a camera’s status from its latest report', () => {
  it.each([
    ['ordinary site, 20 days', false, 20, 'below_minimum', -10],
    ['ordinary site, 29 days', false, 29, 'below_minimum', -1],
    ['ordinary site, 30 days', false, 30, 'ok', 0],
    ['ordinary site, 31 days', false, 31, 'ok', 1],
    ['ordinary site, 0 days', false, 0, 'below_minimum', -30],
    ['anti-terror target, 30 days', true, 30, 'below_minimum', -60],
    ['anti-terror target, 89 days', true, 89, 'below_minimum', -1],
    ['anti-terror target, 90 days', true, 90, 'ok', 0],
    ['anti-terror target, 120 days', true, 120, 'ok', 30],
  ] as const)('%s → %s (margin %i)', (_n, antiTerrorTarget, recordingDays, status, margin) => {
    const e = evaluateCamera(camera({ antiTerrorTarget, recordingDays }), NOW, T);
    expect(e.status).toBe(status);
    expect(e.marginDays).toBe(margin);
    expect(e.requiredDays).toBe(antiTerrorTarget ? 90 : 30);
  });

  it('never reported: no proof, no margin', () => {
    const e = evaluateCamera(camera({ lastReportAt: null, recordingDays: null }), NOW, T);
    expect(e).toMatchObject({ status: 'never_reported', marginDays: null, hoursSinceReport: null, stale: false });
  });
});

describe('art. 20 — stale after the configured hours: exactly N hours is fresh, more is stale', () => {
  it.each([
    ['47 hours', 47, 'ok'],
    ['exactly 48 hours', 48, 'ok'],
    ['48 hours and a second', 48 + 1 / 3600, 'stale'],
    ['49 hours', 49, 'stale'],
    ['30 days', 720, 'stale'],
  ] as const)('last report %s ago → %s', (_n, hours, status) => {
    const e = evaluateCamera(camera({ lastReportAt: hoursAgo(hours) }), NOW, T);
    expect(e.status).toBe(status);
    expect(e.stale).toBe(status === 'stale');
  });

  it('uses the configured hours', () => {
    expect(evaluateCamera(camera({ lastReportAt: hoursAgo(25) }), NOW, { ...T, staleReportHours: 24 }).status).toBe('stale');
    expect(evaluateCamera(camera({ lastReportAt: hoursAgo(24) }), NOW, { ...T, staleReportHours: 24 }).status).toBe('ok');
  });

  it('a breach stays a breach when the camera goes silent (warning stale_report)', () => {
    const e = evaluateCamera(camera({ recordingDays: 20, lastReportAt: hoursAgo(100) }), NOW, T);
    expect(e).toMatchObject({ status: 'below_minimum', stale: true, hoursSinceReport: 100 });
    expect(e.warnings).toContain('stale_report');
  });

  it('isStale and staleCutoff agree at the boundary (the SQL filter is last_report_at < cutoff)', () => {
    for (const h of [47, 48, 49]) {
      const last = new Date(hoursAgo(h));
      expect(isStale(last, NOW, 48)).toBe(last < staleCutoff(NOW, 48));
    }
    expect(staleCutoff(NOW, 48).toISOString()).toBe(hoursAgo(48));
  });
});

describe('art. 20 — the configured retention is the unit’s own setting; the legal minimum is the floor', () => {
  it.each([
    ['configured 60, reports 45: law met, below own setting', false, 60, 45, 'ok', ['below_configured'], 60],
    ['configured 60, reports 60', false, 60, 60, 'ok', [], 60],
    ['configured 60, reports 29: a breach', false, 60, 29, 'below_minimum', [], 60],
    ['configured 15 (below the law), reports 30', false, 15, 30, 'ok', ['configured_below_minimum'], 30],
    ['configured 15, reports 15', false, 15, 15, 'below_minimum', ['configured_below_minimum'], 30],
    ['anti-terror, configured 30, reports 30', true, 30, 30, 'below_minimum', ['configured_below_minimum'], 90],
    ['anti-terror, configured 180, reports 90', true, 180, 90, 'ok', ['below_configured'], 180],
  ] as const)('%s', (_n, antiTerrorTarget, configuredDays, recordingDays, status, warnings, target) => {
    const e = evaluateCamera(camera({ antiTerrorTarget, configuredDays, recordingDays }), NOW, T);
    expect(e.status).toBe(status);
    expect(e.warnings).toEqual(warnings);
    expect(e.targetDays).toBe(target);
  });
});

describe('art. 20 — a report must be believable to stand as proof', () => {
  const at = NOW.toISOString();
  it.each([
    ['20 days, consistent', { recordingDays: 20, oldestRecordingAt: daysAgo(20), reportedAt: at }, 20],
    ['30 days, consistent', { recordingDays: 30, oldestRecordingAt: daysAgo(30), reportedAt: at }, 30],
    ['gaps: 20 recording days over 40 days counts 20', { recordingDays: 20, oldestRecordingAt: daysAgo(40), reportedAt: at }, 20],
    ['calendar-day counting: 31 days over 29.5 days counts 29', { recordingDays: 31, oldestRecordingAt: daysAgo(29.5), reportedAt: at }, 29],
    ['offset +08:00 normalised to UTC', { recordingDays: 30, oldestRecordingAt: '2026-01-31T09:00:00+08:00', reportedAt: '2026-03-02T09:00:00+08:00' }, 30],
  ] as const)('%s → %i retained days', (_n, r, retained) => {
    const res = checkReport(r, NOW);
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.value.retainedDays).toBe(retained);
      expect(res.value.reportedAt).toMatch(/Z$/);
      expect(res.value.recordingDays).toBe(r.recordingDays);
    }
  });

  it.each([
    ['claims 40 days, oldest 20 days back', { recordingDays: 40, oldestRecordingAt: daysAgo(20), reportedAt: at }, 'RETENTION_DAYS_INCONSISTENT'],
    ['claims 22 days, oldest exactly 20 days back', { recordingDays: 22, oldestRecordingAt: daysAgo(20), reportedAt: at }, 'RETENTION_DAYS_INCONSISTENT'],
    ['oldest recording after the report', { recordingDays: 0, oldestRecordingAt: hoursAgo(-1), reportedAt: at }, 'RETENTION_OLDEST_AFTER_REPORT'],
    ['30 February', { recordingDays: 1, oldestRecordingAt: '2026-02-30T00:00:00Z', reportedAt: at }, 'RETENTION_TIME_INVALID'],
    ['no offset', { recordingDays: 1, oldestRecordingAt: '2026-02-01T00:00:00', reportedAt: at }, 'RETENTION_TIME_INVALID'],
    ['a date only', { recordingDays: 1, oldestRecordingAt: '2026-02-01', reportedAt: at }, 'RETENTION_TIME_INVALID'],
    ['hour 24', { recordingDays: 1, oldestRecordingAt: '2026-02-01T24:00:00Z', reportedAt: at }, 'RETENTION_TIME_INVALID'],
  ] as const)('%s → %s', (_n, r, code) => expect(checkReport(r, NOW)).toEqual({ ok: false, code }));

  it('claims 21 days with the oldest exactly 20 days back: one calendar day of slack is consistent', () => {
    expect(checkReport({ recordingDays: 21, oldestRecordingAt: daysAgo(20), reportedAt: at }, NOW)).toMatchObject({ ok: true, value: { retainedDays: 20 } });
  });

  it('clock skew: exactly 5 minutes ahead is accepted, a millisecond more is refused', () => {
    const ahead = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    const report = (reportedAt: string) => ({ recordingDays: 30, oldestRecordingAt: daysAgo(31), reportedAt });
    expect(checkReport(report(ahead(MAX_CLOCK_SKEW_MS)), NOW).ok).toBe(true);
    expect(checkReport(report(ahead(MAX_CLOCK_SKEW_MS + 1)), NOW)).toEqual({ ok: false, code: 'RETENTION_REPORT_IN_FUTURE' });
    expect(checkReport(report(ahead(24 * 3_600_000)), NOW)).toEqual({ ok: false, code: 'RETENTION_REPORT_IN_FUTURE' });
  });
});

describe('strict instants', () => {
  it.each([
    ['2026-03-02T09:00:00+08:00', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T01:00Z', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T01:00:00.123456Z', '2026-03-02T01:00:00.123Z'],
    ['2024-02-29T00:00:00-05:30', '2024-02-29T05:30:00.000Z'],
  ])('%s → %s', (text, iso) => expect(parseInstant(text)?.toISOString()).toBe(iso));
  it.each(['2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-02 01:00:00Z', '2026-03-02T01:60:00Z', '2026-03-02T01:00:00+15:00', 'x'])(
    '%s is not an instant',
    (text) => expect(parseInstant(text)).toBeNull(),
  );
});

describe('worst first', () => {
  it('below minimum, then stale, then never reported, then ok', () => {
    const order = (['ok', 'never_reported', 'stale', 'below_minimum'] as const).slice().sort((a, b) => statusRank(a) - statusRank(b));
    expect(order).toEqual(['below_minimum', 'stale', 'never_reported', 'ok']);
  });
});
