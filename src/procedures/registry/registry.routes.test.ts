import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedger } from '../../platform/audit/ledger.js';
import { verifyLedger } from '../../platform/audit/verify.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { makeUscc } from '../../platform/identifiers/uscc.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { ILLUSTRATIVE_CATEGORIES, seedRegistryCatalogue } from './catalogue.seed.js';
import { recomputeAllFindings } from './findings.recompute.js';
import { addUnit, cameraCode, del, registrySnapshot } from './registry.testing.js';

const TODAY = '2026-03-02';
const R = '/api/registry';

function expectProblem(res: LightMyRequestResponse, status: number, code: string, article?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ status, code });
  if (article) expect(body.article).toBe(article);
  return body;
}

const bankBranch = {
  siteType: 'key_unit',
  name: '某银行天河支行',
  divisionCode: '440106',
  address: '广州市天河区天河路 100 号',
  categoryCode: '4',
  kindCode: 'bank_branch',
  responsibleParty: '某银行股份有限公司广州分行',
  responsibleBasis: 'agreement',
  antiTerrorTarget: false,
};
const videoSystem = { systemType: 'video_surveillance', name: '营业厅视频监控', status: 'in_use', alarmCentreInterface: true, acceptedOn: '2025-12-01' };
const lobbyCamera = (serial: number) => ({ deviceKind: 'camera', name: `营业厅摄像机${serial}`, deviceCode: cameraCode('440106', serial), placement: 'inside_unit', retentionDays: 30, signage: true, audioCapture: false });

for (const dialect of TEST_DIALECTS) {
  describe(`registry routes on ${dialect}`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};
    const unit: Record<string, string> = {};

    beforeAll(async () => {
      h = await openHarness(dialect, TODAY);
      await h.db.db.transaction().execute((trx) => seedRegistryCatalogue(trx, '2026-01-01T00:00:00.000Z'));
      unit.a = await addUnit(h.db, '某银行天河支行', '440106');
      unit.b = await addUnit(h.db, '某金店', '440106');
      await h.addOfficers([['gz.yuexiu.officer', 'county_officer', 'PSB-440104']]);
      await h.addUser({ username: 'unit.a', role: 'unit_user', unitId: unit.a });
      await h.addUser({ username: 'unit.b', role: 'unit_user', unitId: unit.b });
      const companyId = await h.addCompany({ uscc: makeUscc('91440106MA59DEMXA'), divisionCode: '440106' });
      await h.addUser({ username: 'company.a', role: 'company_user', companyId });
      for (const u of ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'gz.yuexiu.officer', 'sz.officer', 'unit.a', 'unit.b', 'company.a']) s[u] = await h.login(u);
    });
    afterAll(() => h.close());

    /** unit.a's bank branch with a video system; returns ids. */
    async function registerBranch(name = bankBranch.name) {
      const site = await s['unit.a'].post(`${R}/sites`, { ...bankBranch, name });
      expect(site.statusCode, site.body).toBe(201);
      const withSystem = await s['unit.a'].post(`${R}/sites/${site.json().id}/systems`, videoSystem);
      expect(withSystem.statusCode, withSystem.body).toBe(201);
      return { siteId: site.json().id as string, systemId: withSystem.json().systems[0].id as string, detail: withSystem.json() };
    }

    const findingsOf = async (who: string, query = 'article=10') => (await s[who].get(`${R}/findings?${query}`)).json().items as { id: string; siteId: string; article: string; penaltyArticle: string | null; resolvedAt: string | null }[];

    it('the done-when journey: a camera in a changing room → art. 10 finding, seen by the unit and the Tianhe and Guangzhou police, not Shenzhen; removing it resolves it', async () => {
      const created = await s['unit.a'].post(`${R}/sites`, bankBranch);
      expect(created.statusCode, created.body).toBe(201);
      const site = created.json();
      expect(site).toMatchObject({ siteType: 'key_unit', divisionName: '天河区', categoryCode: '4', kindCode: 'bank_branch', categoryName: '金融及贵重物品经营场所', catalogueVersion: 1, unitId: unit.a, actions: ['edit'], version: 1 });
      // Art. 9: category 4 requires (illustratively) intrusion alarm, video and access control — none yet.
      expect(site.findings.map((f: { rule: string; article: string; penaltyArticle: string }) => [f.rule, f.article, f.penaltyArticle]).sort()).toEqual([
        ['required_system_missing:access_control', '9', '33'],
        ['required_system_missing:intrusion_alarm', '9', '33'],
        ['required_system_missing:video_surveillance', '9', '33'],
      ]);
      expect(site.openFindings).toBe(3);

      const withSystem = await s['unit.a'].post(`${R}/sites/${site.id}/systems`, videoSystem);
      expect(withSystem.statusCode, withSystem.body).toBe(201);
      const systemId = withSystem.json().systems[0].id;
      expect(withSystem.json().openFindings).toBe(2);

      const lobby = await s['unit.a'].post(`${R}/systems/${systemId}/devices`, lobbyCamera(1));
      expect(lobby.statusCode, lobby.body).toBe(201);
      const changing = await s['unit.a'].post(`${R}/systems/${systemId}/devices`, {
        deviceKind: 'camera',
        name: '员工更衣室摄像机',
        deviceCode: cameraCode('440106', 2),
        placement: 'privacy',
        privacyKind: 'changing_room',
        retentionDays: 30,
        signage: false,
        audioCapture: false,
      });
      expect(changing.statusCode, changing.body).toBe(201);
      const detail = changing.json();
      const camera = detail.devices.find((d: { name: string }) => d.name === '员工更衣室摄像机');
      const art10 = detail.findings.find((f: { article: string }) => f.article === '10');
      expect(art10).toMatchObject({ subjectType: 'device', subjectId: camera.id, rule: 'privacy_capture', penaltyArticle: '32', siteName: '某银行天河支行', divisionCode: '440106', categoryCode: '4', resolvedAt: null });
      expect(art10.detail.zh).toContain('更衣室');
      expect(detail.openFindings).toBe(3);

      // Who sees it.
      for (const who of ['unit.a', 'gz.tianhe.officer', 'gz.officer', 'gd.officer']) {
        expect((await findingsOf(who)).map((f) => f.id), who).toContain(art10.id);
      }
      for (const who of ['sz.officer', 'unit.b', 'gz.yuexiu.officer']) {
        expect((await findingsOf(who)).map((f) => f.id), who).not.toContain(art10.id);
        expectProblem(await s[who].get(`${R}/sites/${site.id}`), 404, 'NOT_FOUND');
      }
      expect((await s['gz.tianhe.officer'].get(`${R}/findings?article=10&division=440106&category=4`)).json().items.map((f: { id: string }) => f.id)).toContain(art10.id);
      expect((await s['gz.officer'].get(`${R}/findings?article=10&division=440104`)).json().items).toEqual([]);
      const counts = (await s['gz.tianhe.officer'].get(`${R}/findings/counts?by=article`)).json();
      expect(counts).toContainEqual({ key: '10', label: '第10条', labelEn: 'Art. 10', open: 1 });
      expect((await s['gz.officer'].get(`${R}/findings/counts?by=division`)).json()).toContainEqual({ key: '440106', label: '天河区', labelEn: '天河区', open: 3 });
      expect((await s['gd.officer'].get(`${R}/findings/counts?by=division`)).json()).toContainEqual(expect.objectContaining({ key: '440100', label: '广州市', open: 3 }));
      expect((await s['gd.officer'].get(`${R}/findings/counts?by=category`)).json()).toContainEqual(expect.objectContaining({ key: '4', label: '金融及贵重物品经营场所', open: 3 }));
      expect((await s['sz.officer'].get(`${R}/findings/counts?by=article`)).json()).toEqual([]);
      const listed = (await s['gz.tianhe.officer'].get(`${R}/sites?article=10`)).json();
      expect(listed.items.map((i: { id: string }) => i.id)).toEqual([site.id]);
      expect((await s['sz.officer'].get(`${R}/sites`)).json()).toMatchObject({ items: [], total: 0 });

      // Removing the camera resolves the finding; the row stays as history.
      const removed = await del(h, s['unit.a'], `${R}/devices/${camera.id}`);
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json().findings.some((f: { article: string }) => f.article === '10')).toBe(false);
      expect(removed.json().openFindings).toBe(2);
      expect(removed.json().devices.map((d: { id: string }) => d.id)).not.toContain(camera.id);
      expect((await findingsOf('gz.tianhe.officer')).map((f) => f.id)).not.toContain(art10.id);
      const resolved = await findingsOf('unit.a', 'article=10&status=resolved');
      expect(resolved.find((f) => f.id === art10.id)?.resolvedAt).toBeTruthy();
      const ledger = await readLedger(h.db.db, { objectType: 'finding', objectId: art10.id });
      expect(ledger.map((e) => [e.action, e.article, e.actor_role])).toEqual([
        ['finding.opened', '10', 'unit_user'],
        ['finding.resolved', '10', 'unit_user'],
      ]);
      expect((await readLedger(h.db.db, { objectType: 'device', objectId: camera.id })).map((e) => e.action)).toEqual(['device.registered', 'device.removed']);
      expect((await verifyLedger(h.db.db)).ok).toBe(true);
    });

    it('an officer reading a key unit is recorded (record.read); the unit reading its own is not', async () => {
      const { siteId } = await registerBranch('读取记录测试支行');
      const before = (await readLedger(h.db.db, { objectType: 'site', objectId: siteId })).length;
      expect((await s['unit.a'].get(`${R}/sites/${siteId}`)).statusCode).toBe(200);
      const read = await s['gz.tianhe.officer'].get(`${R}/sites/${siteId}`);
      expect(read.statusCode).toBe(200);
      expect(read.json().actions).toEqual([]);
      expect(read.headers['cache-control']).toBe('no-store');
      const after = await readLedger(h.db.db, { objectType: 'site', objectId: siteId });
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ action: 'record.read', actor_role: 'county_officer' });
    });

    it('every write is in the ledger with its article; updates need the current version', async () => {
      const { siteId, systemId, detail } = await registerBranch('版本测试支行');
      const put = await s['unit.a'].put(`${R}/sites/${siteId}`, { ...bankBranch, name: '版本测试支行（新址）', antiTerrorTarget: true, version: detail.version });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ name: '版本测试支行（新址）', antiTerrorTarget: true, version: 2 });
      expectProblem(await s['unit.a'].put(`${R}/sites/${siteId}`, { ...bankBranch, version: 1 }), 409, 'CONFLICT');
      // Anti-terror target: a 30-day camera is now below 90 (art. 20).
      const cam = await s['unit.a'].post(`${R}/systems/${systemId}/devices`, lobbyCamera(50));
      const f20 = cam.json().findings.find((f: { article: string }) => f.article === '20');
      expect(f20).toMatchObject({ rule: 'retention_configured_below_minimum', penaltyArticle: '34(4)' });
      const camId = cam.json().devices[0].id;
      const fixed = await s['unit.a'].put(`${R}/devices/${camId}`, { ...lobbyCamera(50), retentionDays: 90, version: 1 });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(fixed.json().findings.some((f: { article: string }) => f.article === '20')).toBe(false);
      expect((await readLedger(h.db.db, { objectType: 'site', objectId: siteId })).map((e) => [e.action, e.article])).toEqual([
        ['site.registered', '9'],
        ['site.updated', '9'],
      ]);
      expect((await readLedger(h.db.db, { objectType: 'system', objectId: systemId })).map((e) => [e.action, e.article])).toEqual([['system.registered', '40']]);
      // Art. 19: in use without acceptance, then the status can only move forward.
      const sys = await s['unit.a'].put(`${R}/systems/${systemId}`, { ...videoSystem, acceptedOn: null, version: 1 });
      expect(sys.json().findings.find((f: { article: string }) => f.article === '19')).toMatchObject({ rule: 'in_use_without_acceptance', penaltyArticle: '36' });
      expectProblem(await s['unit.a'].put(`${R}/systems/${systemId}`, { ...videoSystem, status: 'accepted', version: 2 }), 409, 'SYSTEM_STATUS_BACKWARDS', '19');
      const off = await s['unit.a'].put(`${R}/systems/${systemId}`, { ...videoSystem, status: 'decommissioned', version: 2 });
      expect(off.statusCode, off.body).toBe(200);
      // Decommissioned systems count for nothing: the art. 19 finding resolves, art. 9 video is missing again.
      expect(off.json().findings.map((f: { article: string }) => f.article).sort()).toEqual(['9', '9', '9']);
      expectProblem(await s['unit.a'].post(`${R}/systems/${systemId}/devices`, lobbyCamera(51)), 409, 'SYSTEM_DECOMMISSIONED', '19');
      expectProblem(await s['unit.a'].put(`${R}/systems/${systemId}`, { ...videoSystem, status: 'decommissioned', version: 3 }), 409, 'SYSTEM_DECOMMISSIONED', '19');
    });

    it('art. 13: main equipment needs a current quality certificate', async () => {
      const { siteId } = await registerBranch('设备证书测试支行');
      const alarm = await s['unit.a'].post(`${R}/sites/${siteId}/systems`, { systemType: 'intrusion_alarm', name: '入侵报警', status: 'in_use', alarmCentreInterface: true, acceptedOn: '2025-12-01' });
      const alarmId = alarm.json().systems.find((x: { systemType: string }) => x.systemType === 'intrusion_alarm').id;
      const panel = { deviceKind: 'equipment', name: '报警主机', equipmentType: '报警控制主机', certificates: [{ certType: 'ccc', number: 'C-1', validTo: '2026-03-01' }] };
      const added = await s['unit.a'].post(`${R}/systems/${alarmId}/devices`, panel);
      expect(added.statusCode, added.body).toBe(201);
      const f13 = added.json().findings.find((f: { article: string }) => f.article === '13');
      expect(f13).toMatchObject({ rule: 'quality_certificate_missing', penaltyArticle: '34(3)' });
      const device = added.json().devices.find((d: { name: string }) => d.name === '报警主机');
      expect(device.certificates).toEqual([{ id: expect.any(String), certType: 'ccc', number: 'C-1', validTo: '2026-03-01' }]);
      const renewed = await s['unit.a'].put(`${R}/devices/${device.id}`, { ...panel, certificates: [{ certType: 'ccc', number: 'C-2', validTo: '2029-01-01' }], version: 1 });
      expect(renewed.json().findings.some((f: { article: string }) => f.article === '13')).toBe(false);
      const ledger = await readLedger(h.db.db, { objectType: 'finding', objectId: f13.id });
      expect(ledger.map((e) => [e.action, e.article])).toEqual([['finding.opened', '13'], ['finding.resolved', '13']]);
    });

    it('public areas (art. 7, 8, 11): officers of the jurisdiction register them; signage, authorisation and networking are checked', async () => {
      const area = { siteType: 'public_area', name: '天河路交叉口', divisionCode: '440106', address: '天河路与体育西路', areaKind: 'intersection', builderLevel: 'city', userPoliceUnitId: 'PSB-440106' };
      const created = await s['gz.tianhe.officer'].post(`${R}/sites`, area);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ siteType: 'public_area', unitId: null, userPoliceUnitName: '广州市公安局天河区分局', actions: ['edit'] });
      const sys = await s['gz.tianhe.officer'].post(`${R}/sites/${created.json().id}/systems`, { systemType: 'video_surveillance', name: '路口视频', status: 'in_use', alarmCentreInterface: false, acceptedOn: '2025-10-01' });
      expect(sys.json().findings.map((f: { article: string; penaltyArticle: string | null }) => [f.article, f.penaltyArticle]).sort()).toEqual([
        ['11', '34(1)'],
        ['8', '32'],
      ]);
      const cam = await s['gz.officer'].post(`${R}/systems/${sys.json().systems[0].id}/devices`, { deviceKind: 'camera', name: '东向', deviceCode: cameraCode('440106', 300), placement: 'public_area', retentionDays: 30, signage: false });
      expect(cam.statusCode, cam.body).toBe(201);
      expect(cam.json().findings.find((f: { article: string }) => f.article === '7')).toMatchObject({ rule: 'signage_missing', penaltyArticle: null });
      expectProblem(await s['sz.officer'].post(`${R}/systems/${sys.json().systems[0].id}/devices`, lobbyCamera(301)), 404, 'NOT_FOUND');
      expectProblem(await s['unit.a'].get(`${R}/sites/${created.json().id}`), 404, 'NOT_FOUND');
      expect((await s['gz.officer'].get(`${R}/sites?siteType=public_area`)).json().items.map((i: { id: string }) => i.id)).toContain(created.json().id);
      // Public areas hold no personal data: an officer's read is not recorded.
      const before = (await readLedger(h.db.db, { objectType: 'site', objectId: created.json().id })).length;
      await s['gd.officer'].get(`${R}/sites/${created.json().id}`);
      expect((await readLedger(h.db.db, { objectType: 'site', objectId: created.json().id })).length).toBe(before);
    });

    it('the site list filters by type, division, category, name and findings, paged', async () => {
      const all = (await s['gz.officer'].get(`${R}/sites?pageSize=2&page=1`)).json();
      expect(all.pageSize).toBe(2);
      expect(all.items.length).toBe(2);
      expect(all.total).toBeGreaterThan(2);
      const q = (await s['unit.a'].get(`${R}/sites?q=${encodeURIComponent('版本测试')}`)).json();
      expect(q.items.map((i: { name: string }) => i.name)).toEqual(['版本测试支行（新址）']);
      expect((await s['unit.a'].get(`${R}/sites?q=${encodeURIComponent('%')}`)).json().items).toEqual([]);
      expect((await s['unit.a'].get(`${R}/sites?siteType=public_area`)).json().items).toEqual([]);
      expect((await s['gz.officer'].get(`${R}/sites?category=4&division=440106&hasFindings=true`)).json().items.every((i: { categoryCode: string; openFindings: number }) => i.categoryCode === '4' && i.openFindings > 0)).toBe(true);
      expect((await s['unit.b'].get(`${R}/sites`)).json().total).toBe(0);
    });

    describe('refusals: each with its code, and nothing written', () => {
      let siteId = '';
      let systemId = '';
      let deviceId = '';
      beforeAll(async () => {
        ({ siteId, systemId } = await registerBranch('拒绝测试支行'));
        const cam = await s['unit.a'].post(`${R}/systems/${systemId}/devices`, lobbyCamera(900));
        deviceId = cam.json().devices[0].id;
      });

      type Call = [name: string, who: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: () => string, body: unknown, status: number, code: string, article?: string];
      const calls: Call[] = [
        ['anonymous list', null, 'GET', () => `${R}/sites`, undefined, 401, 'UNAUTHENTICATED'],
        ['anonymous register', null, 'POST', () => `${R}/sites`, bankBranch, 401, 'UNAUTHENTICATED'],
        ['company user list', 'company.a', 'GET', () => `${R}/sites`, undefined, 403, 'FORBIDDEN'],
        ['company user findings', 'company.a', 'GET', () => `${R}/findings`, undefined, 403, 'FORBIDDEN'],
        ['officer registers a key unit', 'gz.tianhe.officer', 'POST', () => `${R}/sites`, bankBranch, 403, 'FORBIDDEN'],
        ['unit registers a public area', 'unit.a', 'POST', () => `${R}/sites`, { siteType: 'public_area', name: 'x', divisionCode: '440106', address: 'x', areaKind: 'main_road', builderLevel: 'county', userPoliceUnitId: 'PSB-440106' }, 403, 'FORBIDDEN'],
        ['Tianhe officer registers a public area in Nanshan', 'gz.tianhe.officer', 'POST', () => `${R}/sites`, { siteType: 'public_area', name: 'x', divisionCode: '440305', address: 'x', areaKind: 'main_road', builderLevel: 'county', userPoliceUnitId: 'PSB-440305' }, 403, 'FORBIDDEN'],
        ['Tianhe officer edits a key unit it can see', 'gz.tianhe.officer', 'PUT', () => `${R}/sites/${siteId}`, { ...bankBranch, version: 1 }, 403, 'FORBIDDEN'],
        ['province officer edits a key unit', 'gd.officer', 'PUT', () => `${R}/sites/${siteId}`, { ...bankBranch, version: 1 }, 403, 'FORBIDDEN'],
        ['Shenzhen officer edits it', 'sz.officer', 'PUT', () => `${R}/sites/${siteId}`, { ...bankBranch, version: 1 }, 404, 'NOT_FOUND'],
        ['another unit edits it', 'unit.b', 'PUT', () => `${R}/sites/${siteId}`, { ...bankBranch, version: 1 }, 404, 'NOT_FOUND'],
        ['another unit adds a system', 'unit.b', 'POST', () => `${R}/sites/${siteId}/systems`, videoSystem, 404, 'NOT_FOUND'],
        ['another unit removes a device', 'unit.b', 'DELETE', () => `${R}/devices/${deviceId}`, undefined, 404, 'NOT_FOUND'],
        ['an officer removes a device', 'gz.officer', 'DELETE', () => `${R}/devices/${deviceId}`, undefined, 403, 'FORBIDDEN'],
        ['Yuexiu officer reads a Tianhe site', 'gz.yuexiu.officer', 'GET', () => `${R}/sites/${siteId}`, undefined, 404, 'NOT_FOUND'],
        ['unknown site', 'unit.a', 'GET', () => `${R}/sites/no-such-site`, undefined, 404, 'NOT_FOUND'],
        ['unknown device', 'unit.a', 'DELETE', () => `${R}/devices/no-such-device`, undefined, 404, 'NOT_FOUND'],
        ['key unit without responsible basis (art. 9)', 'unit.a', 'POST', () => `${R}/sites`, { ...bankBranch, responsibleBasis: undefined }, 422, 'REGISTRY_INPUT_INVALID', '9'],
        ['unknown category', 'unit.a', 'POST', () => `${R}/sites`, { ...bankBranch, categoryCode: '11' }, 422, 'REGISTRY_INPUT_INVALID', '9'],
        ['kind of another category', 'unit.a', 'POST', () => `${R}/sites`, { ...bankBranch, kindCode: 'school' }, 422, 'REGISTRY_INPUT_INVALID', '9'],
        ['division outside Guangdong', 'unit.a', 'POST', () => `${R}/sites`, { ...bankBranch, divisionCode: '110105' }, 422, 'REGISTRY_INPUT_INVALID', '9'],
        ['public-area field on a key unit', 'unit.a', 'POST', () => `${R}/sites`, { ...bankBranch, areaKind: 'main_road' }, 422, 'REGISTRY_INPUT_INVALID', '9'],
        ['public area without builder level (art. 7)', 'gz.tianhe.officer', 'POST', () => `${R}/sites`, { siteType: 'public_area', name: 'x', divisionCode: '440106', address: 'x', areaKind: 'main_road', userPoliceUnitId: 'PSB-440106' }, 422, 'REGISTRY_INPUT_INVALID', '7'],
        ['public area with an unknown police unit', 'gz.tianhe.officer', 'POST', () => `${R}/sites`, { siteType: 'public_area', name: 'x', divisionCode: '440106', address: 'x', areaKind: 'main_road', builderLevel: 'county', userPoliceUnitId: 'PSB-999999' }, 422, 'REGISTRY_INPUT_INVALID', '7'],
        ['blank name', 'unit.a', 'POST', () => `${R}/sites`, { ...bankBranch, name: '   ' }, 422, 'REGISTRY_INPUT_INVALID', '9'],
        ['unknown field', 'unit.a', 'POST', () => `${R}/sites`, { ...bankBranch, extra: 1 }, 400, 'VALIDATION_FAILED'],
        ['over-long name', 'unit.a', 'POST', () => `${R}/sites`, { ...bankBranch, name: '长'.repeat(201) }, 400, 'VALIDATION_FAILED'],
        ['changing the site type', 'unit.a', 'PUT', () => `${R}/sites/${siteId}`, { siteType: 'public_area', name: 'x', divisionCode: '440106', address: 'x', areaKind: 'main_road', builderLevel: 'county', userPoliceUnitId: 'PSB-440106', version: 1 }, 422, 'SITE_TYPE_FIXED', '9'],
        ['stale version', 'unit.a', 'PUT', () => `${R}/sites/${siteId}`, { ...bankBranch, version: 99 }, 409, 'CONFLICT'],
        ['PUT without version', 'unit.a', 'PUT', () => `${R}/sites/${siteId}`, bankBranch, 400, 'VALIDATION_FAILED'],
        ['accepted system without acceptance date', 'unit.a', 'POST', () => `${R}/sites/${siteId}/systems`, { ...videoSystem, status: 'accepted', acceptedOn: null }, 422, 'REGISTRY_INPUT_INVALID', '40'],
        ['acceptance date in the future', 'unit.a', 'POST', () => `${R}/sites/${siteId}/systems`, { ...videoSystem, acceptedOn: '2026-03-03' }, 422, 'REGISTRY_INPUT_INVALID', '40'],
        ['unknown system type', 'unit.a', 'POST', () => `${R}/sites/${siteId}/systems`, { ...videoSystem, systemType: 'laser_fence' }, 400, 'VALIDATION_FAILED'],
        ['19-digit device code', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, { ...lobbyCamera(901), deviceCode: '4401060000132000001' }, 422, 'DEVICE_CODE_INVALID'],
        ['device code outside the province', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, { ...lobbyCamera(901), deviceCode: cameraCode('110105', 1) }, 422, 'DEVICE_CODE_INVALID'],
        ['device code of a platform, not a device', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, { ...lobbyCamera(901), deviceCode: '44010600002000000001' }, 422, 'DEVICE_CODE_INVALID'],
        ['device code already registered', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, lobbyCamera(900), 409, 'DEVICE_CODE_TAKEN'],
        ['camera without retention days', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, { ...lobbyCamera(902), retentionDays: undefined }, 422, 'REGISTRY_INPUT_INVALID'],
        ['privacy placement without its kind', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, { ...lobbyCamera(903), placement: 'privacy' }, 422, 'REGISTRY_INPUT_INVALID'],
        ['equipment without its type', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, { deviceKind: 'equipment', name: '主机' }, 422, 'REGISTRY_INPUT_INVALID'],
        ['certificate with a bad date', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, { deviceKind: 'equipment', name: '主机', equipmentType: 'NVR', certificates: [{ certType: 'ccc', number: 'x', validTo: '2026-02-30' }] }, 422, 'REGISTRY_INPUT_INVALID'],
        ['negative retention', 'unit.a', 'POST', () => `${R}/systems/${systemId}/devices`, { ...lobbyCamera(904), retentionDays: -1 }, 400, 'VALIDATION_FAILED'],
        ['catalogue by a city officer', 'gz.officer', 'PUT', () => `${R}/catalogue`, { effectiveFrom: TODAY, categories: ILLUSTRATIVE_CATEGORIES, announcementZh: '公告', announcementEn: 'Notice' }, 403, 'FORBIDDEN'],
        ['catalogue with duplicate category codes', 'gd.officer', 'PUT', () => `${R}/catalogue`, { effectiveFrom: TODAY, categories: [ILLUSTRATIVE_CATEGORIES[0], ILLUSTRATIVE_CATEGORIES[0]], announcementZh: '公告', announcementEn: 'Notice' }, 422, 'CATALOGUE_INVALID', '9'],
        ['catalogue effective in the past', 'gd.officer', 'PUT', () => `${R}/catalogue`, { effectiveFrom: '2026-03-01', categories: ILLUSTRATIVE_CATEGORIES, announcementZh: '公告', announcementEn: 'Notice' }, 422, 'CATALOGUE_INVALID', '9'],
        ['catalogue anonymously', null, 'GET', () => `${R}/catalogue`, undefined, 401, 'UNAUTHENTICATED'],
      ];

      const cases = calls.map(([name, who, method, url, body, status, code, article]) => ({ name, who, method, url, body, status, code, article }));
      it.each(cases)('$name → $status $code', async ({ who, method, url, body, status, code, article }) => {
        const before = await registrySnapshot(h.db);
        const headers: Record<string, string> = who ? { cookie: `jf_session=${s[who].cookie}`, 'x-csrf-token': s[who].csrf } : {};
        const res = await h.app.inject({ method, url: url(), headers, ...(body === undefined ? {} : { payload: body as object }) });
        const problem = expectProblem(res, status, code, article);
        if (code === 'REGISTRY_INPUT_INVALID' || code === 'DEVICE_CODE_INVALID') {
          expect(problem.errors.length).toBeGreaterThan(0);
          for (const e of problem.errors) expect(e).toMatchObject({ field: expect.any(String), zh: expect.any(String), en: expect.any(String) });
        }
        expect(await registrySnapshot(h.db)).toEqual(before);
      });
    });

    it('art. 9(2): the province publishes a new catalogue version, announced publicly; the public sees nothing else', async () => {
      const current = await s['unit.a'].get(`${R}/catalogue`);
      expect(current.json()).toMatchObject({ version: 1, illustrative: true });
      expect(current.json().categories.map((c: { code: string }) => c.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      expect(current.json().categories[3].kinds.map((k: { code: string }) => k.code)).toEqual(expect.arrayContaining(['bank_branch', 'pawnshop', 'gold_jewellery']));
      const published = await s['gd.officer'].put(`${R}/catalogue`, { effectiveFrom: TODAY, categories: ILLUSTRATIVE_CATEGORIES, announcementZh: '调整技防重点单位范围的公告', announcementEn: 'Notice adjusting the scope of key units' });
      expect(published.statusCode, published.body).toBe(200);
      expect(published.json()).toMatchObject({ version: 2, effectiveFrom: TODAY, illustrative: false });
      expect((await s['unit.b'].get(`${R}/catalogue`)).json().version).toBe(2);
      const ledger = await readLedger(h.db.db, { objectType: 'registry_catalogue', objectId: '2' });
      expect(ledger.map((e) => [e.action, e.article])).toEqual([['registry.catalogue_published', '9']]);
      const pub = await h.app.inject({ method: 'GET', url: '/api/public/announcements' });
      expect(pub.statusCode).toBe(200);
      expect(pub.json().map((a: { version: number }) => a.version)).toEqual([2, 1]);
      expect(pub.json()[0]).toMatchObject({ announcementZh: '调整技防重点单位范围的公告', effectiveFrom: TODAY });
      for (const url of [`${R}/sites`, `${R}/findings`, `${R}/findings/counts?by=article`]) {
        expectProblem(await h.app.inject({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
      }
    });

    it('recomputeAllFindings: batches every site, catches changes made behind the API, reports progress', async () => {
      const { systemId } = await registerBranch('批量重算测试支行');
      const cam = await s['unit.a'].post(`${R}/systems/${systemId}/devices`, lobbyCamera(700));
      const camId = cam.json().devices[0].id;
      await h.db.db.updateTable('devices').set({ reported_recording_days: 20 }).where('id', '=', camId).execute();
      const progress: [number, number][] = [];
      const ctx = { actor: { userId: null, role: 'system' as const }, clock: h.clock, config: h.config };
      const r = await recomputeAllFindings(h.db.db, ctx, (done, total) => progress.push([done, total]), { batchSize: 3 });
      const sites = Number((await h.db.db.selectFrom('sites').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      expect(r).toMatchObject({ sites, opened: 1, resolved: 0 });
      expect(progress.at(-1)).toEqual([sites, sites]);
      expect(progress.length).toBe(Math.ceil(sites / 3));
      const open = await h.db.db.selectFrom('findings').selectAll().where('subject_id', '=', camId).where('resolved_at', 'is', null).execute();
      expect(open.map((f) => [f.rule, f.article, f.penalty_article])).toEqual([['retention_reported_below_minimum', '20', '34(4)']]);
      // Idempotent: nothing changes on a second pass; open_findings equals the open rows everywhere.
      expect(await recomputeAllFindings(h.db.db, ctx)).toMatchObject({ opened: 0, resolved: 0 });
      const mismatched = await h.db.db
        .selectFrom('sites')
        .select(['id', 'open_findings', (eb) => eb.selectFrom('findings').select(eb.fn.countAll<string>().as('n')).whereRef('findings.site_id', '=', 'sites.id').where('findings.resolved_at', 'is', null).as('actual')])
        .execute();
      for (const m of mismatched) expect(Number(m.open_findings), m.id).toBe(Number(m.actual));
    });
  });
}
