import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readLedger } from '../../platform/audit/ledger.js';
import { verifyLedger } from '../../platform/audit/verify.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';

// Route tests of the footage retention watchdog (art. 20) on both databases. Sites, systems and
// devices are inserted directly: the watchdog only reads them.

const TODAY = '2026-03-02'; // the harness clock: 2026-03-02T09:00+08:00
const NOW = new Date('2026-03-02T01:00:00.000Z');
const REPORTS = '/api/registry/retention-reports';
const ALERTS = '/api/registry/retention/alerts';
const daysBefore = (iso: string, days: number) => new Date(new Date(iso).getTime() - days * 86_400_000).toISOString();
const hoursAfter = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();
/** GB/T 28181: division (6) + base unit (2) + industry (2) + type 131 camera + network + serial (6). */
const code = (division: string, serial: number) => `${division}0000131${0}${String(serial).padStart(6, '0')}`;
const report = (deviceCode: string, recordingDays: number, reportedAt = NOW.toISOString()) => ({
  deviceCode,
  recordingDays,
  oldestRecordingAt: daysBefore(reportedAt, recordingDays),
  reportedAt,
});

function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  if (code) expect(res.json().code).toBe(code);
}

for (const dialect of TEST_DIALECTS) {
  describe(`retention watchdog routes on ${dialect} (art. 20)`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};
    let tokenA = '';
    const ids = { unitA: randomUUID(), unitB: randomUUID(), siteA: '', siteTerror: '', siteB: '' };
    const dev: Record<string, { id: string; code: string }> = {};

    const bearer = (token: string, body: unknown) =>
      h.app.inject({ method: 'POST', url: REPORTS, headers: { authorization: `Bearer ${token}` }, payload: body as object });
    const counts = async () => ({
      reports: Number((await h.db.db.selectFrom('retention_reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
      ledger: Number((await h.db.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    });
    const device = (id: string) => h.db.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const openRetentionFindings = (deviceId: string) =>
      h.db.db.selectFrom('findings').selectAll().where('subject_id', '=', deviceId).where('article', '=', '20').where('resolved_at', 'is', null).execute();

    async function addSite(key: 'siteA' | 'siteTerror' | 'siteB', unitId: string, division: string, antiTerror: boolean) {
      const now = NOW.toISOString();
      const id = randomUUID();
      await h.db.db
        .insertInto('sites')
        .values({ id, site_type: 'key_unit', name: `${key}网点`, division_code: division, address: '某路 1 号', unit_id: unitId, category_code: '4', kind_code: 'bank_branch', anti_terror_target: antiTerror ? 1 : 0, open_findings: 0, version: 1, created_at: now, updated_at: now })
        .execute();
      const systemId = randomUUID();
      await h.db.db
        .insertInto('systems')
        .values({ id: systemId, site_id: id, system_type: 'video_surveillance', name: '视频监控系统', status: 'in_use', alarm_centre_interface: 1, accepted_on: '2026-01-05', version: 1, created_at: now, updated_at: now })
        .execute();
      ids[key] = id;
      return systemId;
    }
    async function addCamera(key: string, siteId: string, systemId: string, deviceCode: string, retentionDays: number | null = null) {
      // Registered one second apart, so registration order is well defined.
      const now = new Date(NOW.getTime() - 3_600_000 + Object.keys(dev).length * 1000).toISOString();
      const id = randomUUID();
      await h.db.db
        .insertInto('devices')
        .values({ id, site_id: siteId, system_id: systemId, device_kind: 'camera', name: `摄像机${key}`, device_code: deviceCode, placement: 'inside_unit', audio_capture: 0, signage: 1, retention_days: retentionDays, version: 1, created_at: now, updated_at: now })
        .execute();
      dev[key] = { id, code: deviceCode };
    }

    beforeAll(async () => {
      h = await openHarness(dialect, TODAY);
      const now = NOW.toISOString();
      await h.db.db
        .insertInto('units')
        .values([
          { id: ids.unitA, name: '天河某银行支行', division_code: '440106', category: '4', created_at: now },
          { id: ids.unitB, name: '南山某银行支行', division_code: '440305', category: '4', created_at: now },
        ])
        .execute();
      await h.addUser({ username: 'unit.a', role: 'unit_user', unitId: ids.unitA });
      await h.addUser({ username: 'unit.b', role: 'unit_user', unitId: ids.unitB });
      await h.addUser({ username: 'gz.tianhe.officer', role: 'county_officer', policeUnitId: 'PSB-440106' });
      await h.addUser({ username: 'sz.officer', role: 'city_officer', policeUnitId: 'PSB-440300' });
      await h.addUser({ username: 'gd.officer', role: 'province_officer', policeUnitId: 'PSB-440000' });

      const sysA = await addSite('siteA', ids.unitA, '440106', false);
      const sysT = await addSite('siteTerror', ids.unitA, '440106', true);
      const sysB = await addSite('siteB', ids.unitB, '440305', false);
      await addCamera('a20', ids.siteA, sysA, code('440106', 1));
      await addCamera('a30', ids.siteA, sysA, code('440106', 2), 60);
      await addCamera('t30', ids.siteTerror, sysT, code('440106', 3));
      await addCamera('t90', ids.siteTerror, sysT, code('440106', 4));
      await addCamera('b1', ids.siteB, sysB, code('440305', 1));

      const res = await (await h.login('unit.a')).post('/api/auth/tokens', { name: 'VMS agent' });
      expect(res.statusCode, res.body).toBe(201);
      tokenA = res.json().token;
      await signInAll();
    });
    // Sessions expire after 30 idle minutes of the fixed clock: a test that moves it signs in again.
    async function signInAll() {
      for (const u of ['unit.a', 'unit.b', 'gz.tianhe.officer', 'sz.officer', 'gd.officer']) s[u] = await h.login(u);
    }
    beforeEach(() => h.clock.set(NOW.toISOString()));
    afterAll(() => h.close());

    it('a unit’s VMS reports with its API token: 20 days and 30 on an anti-terror target are flagged, foreign and unknown codes rejected per item', async () => {
      const before = await counts();
      const res = await bearer(tokenA, {
        reports: [
          report(dev.a20.code, 20),
          report(dev.a30.code, 30),
          report(dev.t30.code, 30),
          report(dev.t90.code, 90),
          report(dev.b1.code, 45), // another unit's camera
          report(code('440106', 999), 45), // a valid code nobody registered
          report('4401060000131', 45), // malformed
          report(dev.a30.code, 30, hoursAfter(NOW.toISOString(), 1)), // from the future
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.accepted).toBe(4);
      expect(body.duplicates).toBe(0);
      expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
        [4, 'RETENTION_DEVICE_UNKNOWN'],
        [5, 'RETENTION_DEVICE_UNKNOWN'],
        [6, 'DEVICE_CODE_INVALID'],
        [7, 'RETENTION_REPORT_IN_FUTURE'],
      ]);
      expect(body.rejected[0]).toMatchObject({ deviceCode: dev.b1.code, zh: expect.any(String), en: expect.any(String) });

      const after = await counts();
      expect(after.reports - before.reports).toBe(4);
      expect(await device(dev.a20.id)).toMatchObject({ reported_recording_days: 20, last_report_at: NOW.toISOString(), oldest_recording_at: daysBefore(NOW.toISOString(), 20) });
      const b1 = await device(dev.b1.id);
      expect(b1.last_report_at).toBeNull();

      // One ledger entry for the batch, with counts, citing art. 20.
      const entries = await readLedger(h.db.db, { objectType: 'unit', objectId: ids.unitA });
      const reported = entries.filter((e) => e.action === 'retention.reported');
      expect(reported).toHaveLength(1);
      expect(reported[0]!.article).toBe('20');
      expect(reported[0]!.after_digest).toBeTruthy();
      expect(JSON.parse(reported[0]!.detail!)).toMatchObject({ accepted: 4, stored: 4, rejected: 4, cameras: 4, sites: 2 });

      // The art. 20 finding opens in the same transaction for 20 days, and for 30 on the anti-terror target.
      expect(await openRetentionFindings(dev.a20.id)).toHaveLength(1);
      expect(await openRetentionFindings(dev.t30.id)).toHaveLength(1);
      expect(await openRetentionFindings(dev.a30.id)).toHaveLength(0);
      expect(await openRetentionFindings(dev.t90.id)).toHaveLength(0);
      expect((await openRetentionFindings(dev.a20.id))[0]).toMatchObject({ penalty_article: '34(4)', site_id: ids.siteA });
      expect(await verifyLedger(h.db.db)).toMatchObject({ ok: true });
    });

    it('the site shows the proof per camera, with the last reports as evidence', async () => {
      const res = await s['unit.a'].get(`/api/registry/sites/${ids.siteA}/retention`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json();
      expect(body).toMatchObject({ siteId: ids.siteA, antiTerrorTarget: false, requiredDays: 30, article: '20', holds: false, staleReportHours: 48 });
      expect(body.counts).toEqual({ total: 2, ok: 1, belowMinimum: 1, stale: 0, neverReported: 0 });
      const a20 = body.cameras.find((c: { deviceId: string }) => c.deviceId === dev.a20.id);
      expect(a20).toMatchObject({ deviceCode: dev.a20.code, status: 'below_minimum', requiredDays: 30, recordingDays: 20, marginDays: -10, lastReportAt: NOW.toISOString() });
      expect(a20.reports).toEqual([
        { reportedAt: NOW.toISOString(), receivedAt: NOW.toISOString(), oldestRecordingAt: daysBefore(NOW.toISOString(), 20), recordingDays: 20, retainedDays: 20 },
      ]);
      const a30 = body.cameras.find((c: { deviceId: string }) => c.deviceId === dev.a30.id);
      // Configured 60: the law (30) is met, so only a warning.
      expect(a30).toMatchObject({ status: 'ok', marginDays: 0, configuredDays: 60, targetDays: 60, warnings: ['below_configured'] });

      const terror = (await s['gz.tianhe.officer'].get(`/api/registry/sites/${ids.siteTerror}/retention`)).json();
      expect(terror).toMatchObject({ antiTerrorTarget: true, requiredDays: 90, holds: false });
      expect(terror.cameras.map((c: { status: string; marginDays: number }) => [c.status, c.marginDays])).toEqual([
        ['below_minimum', -60],
        ['ok', 0],
      ]);
    });

    it('the site proof is 404 outside one’s scope and 401 anonymously', async () => {
      expectProblem(await s['sz.officer'].get(`/api/registry/sites/${ids.siteA}/retention`), 404, 'NOT_FOUND');
      expectProblem(await s['unit.b'].get(`/api/registry/sites/${ids.siteA}/retention`), 404, 'NOT_FOUND');
      expectProblem(await s['unit.a'].get(`/api/registry/sites/${randomUUID()}/retention`), 404, 'NOT_FOUND');
      expectProblem(await h.app.inject({ method: 'GET', url: `/api/registry/sites/${ids.siteA}/retention` }), 401, 'UNAUTHENTICATED');
    });

    it('alerts: worst first in the officer’s jurisdiction; Shenzhen does not see Guangzhou', async () => {
      const res = await s['gz.tianhe.officer'].get(ALERTS);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.items.map((i: { deviceId: string }) => i.deviceId)).toEqual([dev.t30.id, dev.a20.id]);
      expect(body.items[0]).toMatchObject({ status: 'below_minimum', marginDays: -60, requiredDays: 90, antiTerrorTarget: true, article: '20', divisionCode: '440106' });
      expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50, staleReportHours: 48 });

      const sz = (await s['sz.officer'].get(ALERTS)).json();
      expect(sz.items).toEqual([]);
      // Shenzhen's own never-reporting camera is there when asked for; Guangzhou's are not.
      const szNever = (await s['sz.officer'].get(`${ALERTS}?status=never_reported`)).json();
      expect(szNever.items.map((i: { deviceId: string }) => i.deviceId)).toEqual([dev.b1.id]);
      expect(szNever.items[0]).toMatchObject({ status: 'never_reported', marginDays: null, lastReportAt: null });

      const province = (await s['gd.officer'].get(`${ALERTS}?status=below_minimum`)).json();
      expect(province.total).toBe(2);
      expect((await s['gd.officer'].get(`${ALERTS}?division=440300`)).json().total).toBe(0);
      expect((await s['gd.officer'].get(`${ALERTS}?division=440100&pageSize=1&page=2`)).json()).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ deviceId: dev.a20.id }] });

      // A unit sees its own cameras only.
      expect((await s['unit.a'].get(ALERTS)).json().total).toBe(2);
      expect((await s['unit.b'].get(ALERTS)).json().total).toBe(0);
      expectProblem(await h.app.inject({ method: 'GET', url: ALERTS }), 401, 'UNAUTHENTICATED');
    });

    it('a camera silent for more than the stale hours is flagged stale: exactly 48 hours is fresh, 49 is stale', async () => {
      h.clock.set(hoursAfter(NOW.toISOString(), 48));
      await signInAll();
      const fresh = (await s['gz.tianhe.officer'].get(`${ALERTS}?status=stale`)).json();
      expect(fresh.items).toEqual([]);

      h.clock.set(hoursAfter(NOW.toISOString(), 49));
      await signInAll();
      const stale = (await s['gz.tianhe.officer'].get(`${ALERTS}?status=stale`)).json();
      expect(stale.items.map((i: { deviceId: string }) => i.deviceId).sort()).toEqual([dev.a30.id, dev.t90.id].sort());
      expect(stale.items[0]).toMatchObject({ status: 'stale', stale: true, hoursSinceReport: 49 });
      // Breaches stay breaches (with a warning), first in the default list.
      const all = (await s['gz.tianhe.officer'].get(ALERTS)).json();
      expect(all.items.map((i: { status: string }) => i.status)).toEqual(['below_minimum', 'below_minimum', 'stale', 'stale']);
      expect(all.items[0].warnings).toContain('stale_report');
      const proof = (await s['unit.a'].get(`/api/registry/sites/${ids.siteA}/retention`)).json();
      expect(proof.counts).toMatchObject({ belowMinimum: 1, stale: 1, ok: 0 });
    });

    it('a repeated batch stores nothing twice; an older report does not replace the latest; 31 days resolves the finding', async () => {
      const before = await counts();
      const again = await bearer(tokenA, { reports: [report(dev.a20.code, 20), report(dev.a20.code, 20)] });
      expect(again.json()).toMatchObject({ accepted: 2, duplicates: 2, rejected: [] });
      expect(await counts()).toEqual(before);

      const older = await bearer(tokenA, { reports: [report(dev.a20.code, 25, daysBefore(NOW.toISOString(), 1))] });
      expect(older.json()).toMatchObject({ accepted: 1, duplicates: 0 });
      expect((await device(dev.a20.id)).reported_recording_days).toBe(20);

      h.clock.set(hoursAfter(NOW.toISOString(), 2));
      await signInAll();
      const fixed = await bearer(tokenA, { reports: [report(dev.a20.code, 31, hoursAfter(NOW.toISOString(), 2))] });
      expect(fixed.json()).toMatchObject({ accepted: 1, rejected: [] });
      expect((await device(dev.a20.id)).reported_recording_days).toBe(31);
      expect(await openRetentionFindings(dev.a20.id)).toHaveLength(0);
      const alerts = (await s['gz.tianhe.officer'].get(ALERTS)).json();
      expect(alerts.items.map((i: { deviceId: string }) => i.deviceId)).toEqual([dev.t30.id]);
      const proof = (await s['unit.a'].get(`/api/registry/sites/${ids.siteA}/retention`)).json();
      const a20 = proof.cameras.find((c: { deviceId: string }) => c.deviceId === dev.a20.id);
      expect(a20.reports.map((r: { recordingDays: number }) => r.recordingDays)).toEqual([31, 20, 25]);
      expect(a20.status).toBe('ok');
    });

    it('only a unit user (session or token) may report; anonymous 401, officers 403, a bad token 401', async () => {
      const body = { reports: [report(dev.a20.code, 40)] };
      expectProblem(await h.app.inject({ method: 'POST', url: REPORTS, payload: body }), 401, 'UNAUTHENTICATED');
      expectProblem(await bearer('not-a-token', body), 401, 'UNAUTHENTICATED');
      expectProblem(await s['gz.tianhe.officer'].post(REPORTS, body), 403, 'FORBIDDEN');
      // Unit B's session cannot report unit A's camera.
      const b = await s['unit.b'].post(REPORTS, body);
      expect(b.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, code: 'RETENTION_DEVICE_UNKNOWN' }] });
    });

    it('bad input answers 4xx problem JSON and writes nothing', async () => {
      const before = await counts();
      const one = report(dev.a20.code, 40);
      const bad: unknown[] = [
        {},
        { reports: [] },
        { reports: 'x' },
        { reports: [{ ...one, recordingDays: '40' }] },
        { reports: [{ ...one, recordingDays: -1 }] },
        { reports: [{ ...one, recordingDays: 1.5 }] },
        { reports: [{ ...one, extra: 1 }] },
        { reports: [{ deviceCode: one.deviceCode }] },
        { reports: [{ ...one, reportedAt: 'yesterday' }] },
        { reports: [one], more: true },
        { reports: Array.from({ length: 1001 }, () => one) },
      ];
      for (const payload of bad) {
        const res = await bearer(tokenA, payload);
        expectProblem(res, 400, 'VALIDATION_FAILED');
      }
      expectProblem(await h.app.inject({ method: 'POST', url: REPORTS, headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' }, payload: '{' }), 400);
      expectProblem(await s['gd.officer'].get(`${ALERTS}?status=ok`), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gd.officer'].get(`${ALERTS}?page=0`), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gd.officer'].get(`${ALERTS}?division=44`), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gd.officer'].get(`${ALERTS}?division=999999`), 422, 'DIVISION_UNKNOWN');
      expect(await counts()).toEqual(before);
    });

    it('a batch of 1,000 is accepted in one call', async () => {
      const at = hoursAfter(NOW.toISOString(), -3);
      const reports = Array.from({ length: 1000 }, (_, i) => report(Object.values(dev)[i % 4]!.code, 30 + i, daysBefore(at, i / 1000)));
      const res = await bearer(tokenA, { reports });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ accepted: 1000, duplicates: 0, rejected: [] });
    });
  });
}
