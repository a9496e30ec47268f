import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { makeResidentId } from '../../platform/identifiers/resident-id.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';

// What requesters and approvers are told, on both databases: the scoped camera lookup (and its ledgered read),
// the steps each actor may take on a request (`actions`), the approvers' "waiting for me" queue, the requester
// named on the request, and the register filtered by organisation and by entry ids.

const TODAY = '2026-03-02';
const WINDOW = { windowFrom: '2026-03-01T08:00:00+08:00', windowTo: '2026-03-01T10:00:00+08:00' };
const ID1 = makeResidentId('44010619850101001');
const ID2 = makeResidentId('44010619870202002');
const one = [{ name: '张警官', idNumber: ID1, workCertificateNo: 'GA-001' }];
const two = [...one, { name: '李执法', idNumber: ID2, workCertificateNo: 'GA-002' }];

for (const dialect of TEST_DIALECTS) {
  describe(`access lookups, actions and queues on ${dialect}`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};
    const cam: Record<string, { id: string; code: string; siteId: string }> = {};
    const unitA = randomUUID();
    const unitB = randomUUID();
    let unitToken = '';

    const create = (who: string, body: Record<string, unknown>) => s[who].post('/api/access/requests', { ...WINDOW, purpose: '案件调查', officials: one, ...body });
    const view = async (who: string, id: string) => {
      const res = await s[who].get(`/api/access/requests/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const cameras = async (who: string, query = '') => {
      const res = await s[who].get(`/api/access/cameras${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { truncated: boolean; items: { id: string; siteId: string; siteName: string; siteType: string; divisionCode: string; divisionName: string | null }[] };
    };
    const waiting = async (who: string, extra = '') => {
      const res = await s[who].get(`/api/access/requests?waitingFor=me${extra}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; truncated: boolean; items: { id: string; actions: string[]; missing: { code: string }[] }[] };
    };
    const lookups = async () =>
      Number((await h.db.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'access.cameras_looked_up').executeTakeFirst())?.n ?? 0);

    beforeAll(async () => {
      h = await openHarness(dialect, TODAY, { JIFANG_KEYS_DIR: mkdtempSync(join(tmpdir(), 'jf-access-lookup-keys-')) });
      await h.addOfficers([['th.chief', 'county_officer', 'PSB-440106']]);
      const now = h.clock.now().toISOString();
      const db = h.db.db;
      await db.insertInto('units').values([
        { id: unitA, name: '天河银行网点', division_code: '440106', category: '4', created_at: now },
        { id: unitB, name: '越秀商场', division_code: '440104', category: '4', created_at: now },
      ]).execute();
      await db.insertInto('departments').values([
        { id: 'dept-admin', name: '天河区市场监督管理局', kind: 'administrative', division_code: '440106', level: 'county', created_at: now },
        { id: 'dept-emergency', name: '广州市应急管理局', kind: 'emergency', division_code: '440100', level: 'city', created_at: now },
      ]).execute();
      for (const [username, role, extra] of [
        ['unit.a', 'unit_user', { unitId: unitA }],
        ['unit.b', 'unit_user', { unitId: unitB }],
        ['dept.admin', 'department_user', {}],
        ['dept.emergency', 'department_user', {}],
        ['sup', 'supervisor', {}],
        ['co', 'company_user', {}],
      ] as const) await h.addUser({ username, role, ...extra });
      await db.updateTable('users').set({ department_id: 'dept-admin', display_name: '王执法' }).where('username', '=', 'dept.admin').execute();
      await db.updateTable('users').set({ department_id: 'dept-emergency' }).where('username', '=', 'dept.emergency').execute();
      await db.updateTable('users').set({ in_charge: 1 }).where('username', '=', 'th.chief').execute();
      let serial = 1;
      for (const site of [
        { key: 'bank', type: 'key_unit', unit: unitA, division: '440106', builder: null },
        { key: 'mall', type: 'key_unit', unit: unitB, division: '440104', builder: null },
        { key: 'square', type: 'public_area', unit: null, division: '440106', builder: 'county' },
      ]) {
        const siteId = randomUUID();
        const systemId = randomUUID();
        await db.insertInto('sites').values({ id: siteId, site_type: site.type, name: `${site.key}场所`, division_code: site.division, address: '某路 1 号', unit_id: site.unit, category_code: site.unit ? '4' : null, kind_code: site.unit ? 'bank_branch' : null, area_kind: site.unit ? null : 'main_road', builder_level: site.builder, responsible_party: '张某', anti_terror_target: 0, open_findings: 0, version: 1, created_at: now, updated_at: now }).execute();
        await db.insertInto('systems').values({ id: systemId, site_id: siteId, system_type: 'video_surveillance', name: '视频监控系统', status: 'in_use', alarm_centre_interface: 1, version: 1, created_at: now, updated_at: now }).execute();
        for (const n of [1, 2]) {
          const id = randomUUID();
          const code = `${site.division}00001310${String(serial++).padStart(6, '0')}`;
          await db.insertInto('devices').values({ id, site_id: siteId, system_id: systemId, device_kind: 'camera', name: `${site.key}摄像机${n}`, device_code: code, placement: 'inside_unit', audio_capture: 0, signage: 1, retention_days: 30, version: 1, created_at: now, updated_at: now }).execute();
          cam[`${site.key}${n}`] = { id, code, siteId };
        }
        // Not a camera: never offered.
        await db.insertInto('devices').values({ id: randomUUID(), site_id: siteId, system_id: systemId, device_kind: 'equipment', name: `${site.key}录像机`, device_code: null, placement: null, audio_capture: 0, signage: 0, version: 1, created_at: now, updated_at: now }).execute();
      }
      for (const u of ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'th.chief', 'sz.officer', 'unit.a', 'unit.b', 'dept.admin', 'dept.emergency', 'sup', 'co']) s[u] = await h.login(u);
      const tok = await s['unit.a'].post('/api/auth/tokens', { name: 'VMS' });
      unitToken = tok.json().token;
    });
    afterAll(() => h.close());

    // ---- The camera lookup ----------------------------------------------------------------------

    it('a department finds the cameras of its own area, with only what a request needs', async () => {
      const before = await lookups();
      const all = await cameras('dept.admin');
      expect(all.items.map((c) => c.id).sort()).toEqual([cam.bank1.id, cam.bank2.id, cam.square1.id, cam.square2.id].sort());
      expect(Object.keys(all.items[0]).sort()).toEqual(['deviceCode', 'divisionCode', 'divisionName', 'id', 'name', 'siteId', 'siteName', 'siteType']);
      expect(JSON.stringify(all)).not.toContain('张某');
      expect(all.items.find((c) => c.id === cam.bank1.id)).toMatchObject({ siteName: 'bank场所', siteType: 'key_unit', divisionCode: '440106', divisionName: '天河区' });
      // Shown key units' cameras: a recorded read naming the sites.
      expect(await lookups()).toBe(before + 1);
      const entry = await h.db.db.selectFrom('ledger_entries').selectAll().where('action', '=', 'access.cameras_looked_up').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(entry.detail).toContain(cam.bank1.siteId);
      // Only public-area cameras shown: nothing recorded.
      expect((await cameras('dept.admin', `?q=${encodeURIComponent('square')}`)).items).toHaveLength(2);
      expect(await lookups()).toBe(before + 1);
      expect((await cameras('dept.admin', `?siteId=${cam.square1.siteId}`)).items.map((c) => c.id).sort()).toEqual([cam.square1.id, cam.square2.id].sort());
      expect((await cameras('dept.admin', `?q=${encodeURIComponent(cam.bank2.code)}`)).items.map((c) => c.id)).toEqual([cam.bank2.id]);
      // Another district's site is not in a district department's area; LIKE wildcards match literally.
      expect((await cameras('dept.admin', `?siteId=${cam.mall1.siteId}`)).items).toEqual([]);
      expect((await cameras('dept.admin', '?q=%25')).items).toEqual([]);
      expect((await cameras('dept.admin', '?limit=1')).truncated).toBe(true);
      // A city's department: the whole city.
      expect((await cameras('dept.emergency')).items).toHaveLength(6);
    });

    it('officers their jurisdiction, units their own sites; others are refused', async () => {
      expect((await cameras('gz.tianhe.officer')).items).toHaveLength(4);
      expect((await cameras('gz.officer')).items).toHaveLength(6);
      expect((await cameras('sz.officer')).items).toEqual([]);
      expect((await cameras('unit.a')).items.map((c) => c.id).sort()).toEqual([cam.bank1.id, cam.bank2.id].sort());
      expect((await cameras('unit.b', `?siteId=${cam.bank1.siteId}`)).items).toEqual([]);
      const before = await lookups();
      await cameras('gz.tianhe.officer');
      await cameras('unit.a');
      expect(await lookups()).toBe(before);
      for (const who of ['sup', 'co']) expect((await s[who].get('/api/access/cameras')).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'GET', url: '/api/access/cameras' })).statusCode).toBe(401);
      expect((await s['dept.admin'].get('/api/access/cameras?limit=0')).statusCode).toBe(400);
    });

    it('the province lists officers with their person-in-charge mark; nobody else does', async () => {
      const res = await s['gd.officer'].get('/api/access/officers?q=chief');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items).toEqual([expect.objectContaining({ username: 'th.chief', policeUnitId: 'PSB-440106', inCharge: true, role: 'county_officer' })]);
      expect((await s['gd.officer'].get('/api/access/officers')).json().items.map((u: { username: string }) => u.username)).toContain('gz.tianhe.officer');
      for (const who of ['gz.officer', 'dept.admin', 'sup']) expect((await s[who].get('/api/access/officers')).statusCode).toBe(403);
    });

    // ---- Actions and the queue ------------------------------------------------------------------

    it('the request names its requester and says what each actor may do now', async () => {
      const res = await create('dept.admin', {
        cameraIds: [cam.square1.id],
        action: 'copy',
        officials: two,
        legalBasis: '穗天市监立〔2026〕1号',
        copyDestination: '案卷',
        confidentialityUndertaking: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      const mine = await view('dept.admin', id);
      expect(mine.requester).toEqual({ name: '王执法', organisation: '天河区市场监督管理局', isMe: true });
      expect(mine.actions).toEqual(['withdraw']);
      // Art. 26(3): the approval of a county-or-higher public security organ where the system is.
      const officer = await view('gz.tianhe.officer', id);
      expect(officer.requester.isMe).toBe(false);
      expect(officer.actions).toEqual(['approve', 'refuse']);
      expect((await view('gz.officer', id)).actions).toEqual(['approve', 'refuse']);
      expect((await s['sz.officer'].get(`/api/access/requests/${id}`)).statusCode).toBe(404);
      expect((await view('sup', id)).actions).toEqual([]);

      // Art. 26(1): a police copy needs the person in charge — the chief is waited for, his officer is not.
      const police = (await create('gz.officer', { cameraIds: [cam.bank1.id], action: 'copy', legalBasis: '穗公刑〔2026〕9号', copyDestination: '卷宗' })).json().id;
      expect((await view('th.chief', police)).actions).toEqual(['approve', 'refuse']);
      expect((await view('gz.tianhe.officer', police)).actions).toEqual([]);
      expect((await view('unit.a', police)).actions).toEqual([]);
      expect((await view('gz.officer', police)).actions).toEqual(['withdraw']);

      const chiefQueue = await waiting('th.chief');
      expect(chiefQueue.items.map((r) => r.id).sort()).toEqual([id, police].sort());
      expect(chiefQueue.items.find((r) => r.id === police)).toMatchObject({ actions: ['approve', 'refuse'], missing: [expect.objectContaining({ code: 'BUREAU_HEAD_APPROVAL' })] });
      expect((await waiting('gz.tianhe.officer')).items.map((r) => r.id)).toEqual([id]);
      expect((await waiting('th.chief', '&requesterKind=public_security')).items.map((r) => r.id)).toEqual([police]);
      expect((await waiting('th.chief', '&status=granted')).total).toBe(0);
      expect((await waiting('sz.officer')).total).toBe(0);
      expect((await waiting('dept.admin')).total).toBe(0);
      expect((await s['th.chief'].get('/api/access/requests?waitingFor=you')).statusCode).toBe(400);

      // Approved → granted: the approving side may revoke, the requester withdraw; nobody waits any more.
      const approved = await s['th.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved', documentRef: '天公批〔2026〕1号' });
      expect(approved.json().status, approved.body).toBe('granted');
      expect((await view('th.chief', id)).actions).toEqual(['revoke']);
      expect((await view('dept.admin', id)).actions).toEqual(['withdraw']);
      expect((await waiting('gz.tianhe.officer')).total).toBe(0);
      const grantId = approved.json().grantId;
      expect((await s['th.chief'].post(`/api/access/grants/${grantId}/revoke`, { reasons: '案件撤销' })).statusCode).toBe(200);
      expect((await view('th.chief', id)).actions).toEqual([]);
      expect((await view('dept.admin', id)).actions).toEqual(['withdraw']);
    });

    it('a unit waits to consent to a citizen’s viewing (26(4)); a department may supplement what it lacks', async () => {
      const res = await create('unit.a', { cameraIds: [cam.bank2.id], action: 'view', onBehalfOfCitizen: true, urgentHeavyLoss: true, purpose: '车辆被盗' });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      expect((await view('unit.a', id)).actions).toEqual(['consent', 'refuse-consent', 'withdraw']);
      expect((await waiting('unit.a')).items.map((r) => r.id)).toEqual([id]);
      expect((await waiting('unit.b')).total).toBe(0);
      // Officers see it but a key unit's consent is the unit's.
      expect((await view('gz.tianhe.officer', id)).actions).toEqual([]);

      const lacking = (await create('dept.admin', { cameraIds: [cam.bank1.id], action: 'view', legalBasis: 'X' })).json().id;
      expect((await view('dept.admin', lacking)).actions).toEqual(['supplement', 'withdraw']);
    });

    // ---- The register: by organisation and by ids ---------------------------------------------

    it('the register filters by requesting organisation and by a capped list of entry ids; oversight links use them', async () => {
      const use = async (who: string, body: Record<string, unknown>) => {
        const r = (await create(who, body)).json();
        expect(r.status).toBe('granted');
        const file = (await s[who].get(`/api/access/grants/${r.grantId}`)).json();
        const reported = await h.app.inject({
          method: 'POST',
          url: `/api/access/grants/${r.grantId}/use`,
          headers: { authorization: `Bearer ${unitToken}` },
          payload: { event: 'viewing_started', at: h.clock.now().toISOString(), cameras: [cam.bank1.code], footageFrom: file.grant.window.from, footageTo: file.grant.window.to, officialsPresent: [file.grant.officials[0].id] },
        });
        expect(reported.statusCode, reported.body).toBe(201);
        return { entry: reported.json().registerEntryId as string, organisation: file.grant.organisation as string };
      };
      const police = await use('gz.officer', { cameraIds: [cam.bank1.id], action: 'view', legalBasis: '穗公刑〔2026〕10号' });
      const emergency = await use('dept.emergency', { cameraIds: [cam.bank1.id], action: 'view', emergencyReference: '天河路火灾' });
      const list = async (q: string) => {
        const res = await s['gz.tianhe.officer'].get(`/api/access/register?${q}`);
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items as { id: string }[]).map((e) => e.id);
      };
      expect(await list(`organisation=${encodeURIComponent(police.organisation)}`)).toEqual([police.entry]);
      expect(await list(`organisation=${encodeURIComponent('广州市应急管理')}`)).toEqual([]);
      expect(await list(`organisationContains=${encodeURIComponent('应急')}`)).toEqual([emergency.entry]);
      expect(await list('organisationContains=%25')).toEqual([]);
      expect((await list(`ids=${police.entry},${emergency.entry},${police.entry}`)).sort()).toEqual([police.entry, emergency.entry].sort());
      expect(await list(`ids=${randomUUID()}`)).toEqual([]);
      // Ids outside one's view stay hidden: Shenzhen sees none of Tianhe's.
      expect((await s['sz.officer'].get(`/api/access/register?ids=${police.entry}`)).json().items).toEqual([]);
      const many = Array.from({ length: 101 }, () => randomUUID()).join(',');
      const tooMany = await s['gz.tianhe.officer'].get(`/api/access/register?ids=${many}`);
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.json()).toMatchObject({ code: 'ACCESS_INPUT_INVALID', field: 'ids' });
      expect((await s['gz.tianhe.officer'].get('/api/access/register?ids=a,,b')).statusCode).toBe(400);
      expect((await s['gz.tianhe.officer'].get('/api/access/register?ids=%27%20or%201=1')).statusCode).toBe(400);

      const oversight = (await s['gd.officer'].get('/api/access/oversight')).json();
      const row = oversight.perOrganisation.find((o: { organisation: string }) => o.organisation === emergency.organisation);
      expect(row.registerLink).toBe(`/api/access/register?organisation=${encodeURIComponent(emergency.organisation)}`);
      const linked = await s['gd.officer'].get(row.registerLink);
      expect(linked.json().items.map((e: { id: string }) => e.id)).toEqual([emergency.entry]);
    });
  });
}
