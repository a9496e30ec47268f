import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../platform/audit/verify.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { makeResidentId } from '../../platform/identifiers/resident-id.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { runGrant } from '../../cli/grant.js';
import { verifyGrantFile } from './grant-verify.js';
import { checkRegister } from './register.actions.js';

// Information access through HTTP on both databases: every row of the art. 26 matrix approved and refused
// with its article, the two-official rule, signed grants, use reports and flags, the append-only register,
// unmasking, oversight, scope (404) and roles (403).

const TODAY = '2026-03-02'; // 09:00 +08:00 = 01:00Z
const WINDOW = { windowFrom: '2026-03-01T08:00:00+08:00', windowTo: '2026-03-01T10:00:00+08:00' };
const ID1 = makeResidentId('44010619850101001');
const ID2 = makeResidentId('44010619870202002');
const ID3 = makeResidentId('44030419900303003');
const BAD_ID = ID1.slice(0, 17) + (ID1[17] === '0' ? '1' : '0');
const one = [{ name: '张警官', idNumber: ID1, workCertificateNo: 'GA-001' }];

function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  if (code) expect(res.json().code).toBe(code);
}

for (const dialect of TEST_DIALECTS) {
  describe(`information access routes on ${dialect} (art. 21(3), 23–27, 39)`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};
    const cam: Record<string, { id: string; code: string }> = {};
    let unitToken = '';
    const unitA = randomUUID();
    const unitB = randomUUID();

    const create = (who: string, body: Record<string, unknown>) => s[who].post('/api/access/requests', { ...WINDOW, purpose: '案件侦查', officials: one, ...body });
    const view = async (who: string, id: string) => {
      const res = await s[who].get(`/api/access/requests/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const missingCodes = (r: { evaluation: { missing: { code: string }[] } }) => r.evaluation.missing.map((m) => m.code);
    const use = (grantId: string, body: Record<string, unknown>, token = unitToken) =>
      h.app.inject({ method: 'POST', url: `/api/access/grants/${grantId}/use`, headers: { authorization: `Bearer ${token}` }, payload: body });

    beforeAll(async () => {
      h = await openHarness(dialect, TODAY, { JIFANG_KEYS_DIR: mkdtempSync(join(tmpdir(), 'jf-access-keys-')) });
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
        { id: 'dept-ss', name: '广州市国家安全局', kind: 'state_security', division_code: '440100', level: 'city', created_at: now },
      ]).execute();
      const users: [string, string, Record<string, string>][] = [
        ['unit.a', 'unit_user', { unitId: unitA }],
        ['unit.b', 'unit_user', { unitId: unitB }],
        ['dept.admin', 'department_user', {}],
        ['dept.emergency', 'department_user', {}],
        ['ss.officer', 'department_user', {}],
        ['ss.chief', 'department_user', {}],
        ['sup', 'supervisor', {}],
        ['co', 'company_user', {}],
      ];
      for (const [username, role, extra] of users) await h.addUser({ username, role, ...extra });
      const dept: Record<string, string> = { 'dept.admin': 'dept-admin', 'dept.emergency': 'dept-emergency', 'ss.officer': 'dept-ss', 'ss.chief': 'dept-ss' };
      for (const [username, id] of Object.entries(dept)) await db.updateTable('users').set({ department_id: id }).where('username', '=', username).execute();
      // The people in charge (负责人) of the Tianhe sub-bureau and the state security bureau.
      await db.updateTable('users').set({ in_charge: 1 }).where('username', 'in', ['th.chief', 'ss.chief']).execute();

      const sites = [
        { key: 'bank', type: 'key_unit', unit: unitA, division: '440106', builder: null },
        { key: 'mall', type: 'key_unit', unit: unitB, division: '440104', builder: null },
        { key: 'square', type: 'public_area', unit: null, division: '440106', builder: 'county' },
      ];
      let serial = 1;
      for (const site of sites) {
        const siteId = randomUUID();
        const systemId = randomUUID();
        await db.insertInto('sites').values({ id: siteId, site_type: site.type, name: `${site.key}场所`, division_code: site.division, address: '某路 1 号', unit_id: site.unit, category_code: site.unit ? '4' : null, kind_code: site.unit ? 'bank_branch' : null, area_kind: site.unit ? null : 'main_road', builder_level: site.builder, anti_terror_target: 0, open_findings: 0, version: 1, created_at: now, updated_at: now }).execute();
        await db.insertInto('systems').values({ id: systemId, site_id: siteId, system_type: 'video_surveillance', name: '视频监控系统', status: 'in_use', alarm_centre_interface: 1, version: 1, created_at: now, updated_at: now }).execute();
        for (const n of [1, 2]) {
          const id = randomUUID();
          const code = `${site.division}00001310${String(serial++).padStart(6, '0')}`;
          await db.insertInto('devices').values({ id, site_id: siteId, system_id: systemId, device_kind: 'camera', name: `${site.key}摄像机${n}`, device_code: code, placement: 'inside_unit', audio_capture: 0, signage: 1, version: 1, created_at: now, updated_at: now }).execute();
          cam[`${site.key}${n}`] = { id, code };
        }
      }
      for (const u of ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'th.chief', 'sz.officer', ...users.map((x) => x[0])]) s[u] = await h.login(u);
      const tok = await s['unit.a'].post('/api/auth/tokens', { name: 'VMS' });
      expect(tok.statusCode, tok.body).toBe(201);
      unitToken = tok.json().token;
    });
    afterAll(() => h.close());

    // ---- Row 26(1): public security ------------------------------------------------------------

    it('26(1) police view with a case number is granted at once, free of charge (art. 25)', async () => {
      const res = await create('gz.officer', { cameraIds: [cam.bank1.id], action: 'view', legalBasis: '穗公刑立字〔2026〕101号' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('granted');
      const r = await view('gz.officer', res.json().id);
      expect(r.evaluation.basis).toBe('26(1)');
      expect(r.freeOfCharge).toBe(true);
      expect(r.evaluation.duties.map((d: { code: string }) => d.code)).toContain('FREE_OF_CHARGE');
      expect(r.officials[0].idNumberMasked).toMatch(/^440\*{11}\d{3}[\dX]$/);
      expect(JSON.stringify(r)).not.toContain(ID1);
    });

    it('26(1) police view without a legal basis stays pending, missing LEGAL_BASIS 26(1)', async () => {
      const res = await create('gz.officer', { cameraIds: [cam.bank1.id], action: 'view' });
      expect(res.json().status).toBe('pending');
      const r = await view('gz.officer', res.json().id);
      expect(r.evaluation.missing).toEqual([expect.objectContaining({ code: 'LEGAL_BASIS', article: '26(1)' })]);
    });

    it('26(1) police copy needs the person in charge where the system is: an officer does not count, the chief does', async () => {
      const res = await create('sz.officer', { cameraIds: [cam.bank1.id, cam.bank2.id], action: 'copy', legalBasis: '深公刑〔2026〕7号', copyDestination: '深圳市公安局刑警支队' });
      const id = res.json().id;
      expect(res.json().status).toBe('pending');
      // Another city's bureau does not see it (404), and cannot approve it.
      expectProblem(await s['sz.officer'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' }), 403, 'APPROVER_IS_REQUESTER');
      const byOfficer = await s['gz.tianhe.officer'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved', documentRef: '天公批〔2026〕1号' });
      expect(byOfficer.json().status).toBe('pending');
      const r = await view('sz.officer', id);
      const cond = r.evaluation.missing.find((m: { code: string }) => m.code === 'BUREAU_HEAD_APPROVAL');
      expect(cond).toMatchObject({ article: '26(1)', defects: ['not_person_in_charge'] });
      const byChief = await s['th.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' });
      expect(byChief.json().status).toBe('granted');
      expect(byChief.json().grantId).toBeTruthy();
    });

    it('26(1) refused: a bureau refusal with reasons ends the request; without reasons it is refused as input', async () => {
      const res = await create('gz.officer', { cameraIds: [cam.bank1.id], action: 'retrieve', legalBasis: 'X', copyDestination: '市局' });
      const id = res.json().id;
      expectProblem(await s['th.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'refused' }), 422, 'REASONS_REQUIRED');
      // An officer whose approval would not count (not the person in charge, art. 26(1)) cannot end it by refusing.
      expectProblem(await s['gz.tianhe.officer'].post(`/api/access/requests/${id}/approvals`, { decision: 'refused', reasons: '不同意' }), 403, 'FORBIDDEN');
      const refused = await s['th.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'refused', reasons: '与案件无关' });
      expect(refused.json().status).toBe('refused');
      expectProblem(await s['th.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' }), 409, 'TRANSITION_NOT_ALLOWED');
    });

    it('26(1) state security copy: a police chief is the wrong organ, the state security bureau’s chief counts', async () => {
      const res = await create('ss.officer', { cameraIds: [cam.bank1.id], action: 'copy', legalBasis: '国安〔2026〕3号', copyDestination: '市国家安全局' });
      const id = res.json().id;
      await s['th.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' });
      const r = await view('ss.officer', id);
      expect(r.evaluation.missing[0]).toMatchObject({ code: 'BUREAU_HEAD_APPROVAL', defects: ['wrong_organ'] });
      expect(r.freeOfCharge).toBe(true);
      const ok = await s['ss.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' });
      expect(ok.json().status, ok.body).toBe('granted');
    });

    // ---- Row 26(2): emergency departments -------------------------------------------------------

    it('26(2) emergency copy with the emergency named is granted without approval; without it, EMERGENCY_REFERENCE 26(2)', async () => {
      const ok = await create('dept.emergency', { cameraIds: [cam.bank1.id], action: 'copy', emergencyReference: '天河区3·1火灾', copyDestination: '市应急局' });
      expect(ok.json().status, ok.body).toBe('granted');
      const r = await view('dept.emergency', ok.json().id);
      expect(r.evaluation.basis).toBe('26(2)');
      expect(r.freeOfCharge).toBe(false);
      const missing = await create('dept.emergency', { cameraIds: [cam.bank1.id], action: 'view' });
      expect(missing.json().status).toBe('pending');
      expect(missingCodes(await view('dept.emergency', missing.json().id))).toEqual(['EMERGENCY_REFERENCE']);
      // Nothing to approve in this row: an approval is not a step of it.
      expectProblem(await s['th.chief'].post(`/api/access/requests/${missing.json().id}/approvals`, { decision: 'approved' }), 409, 'TRANSITION_NOT_ALLOWED');
    });

    // ---- Row 26(3) + 27: other administrative departments ----------------------------------------

    it('26(3)/27 administrative department: county bureau approval, two officials, certificates, document, undertaking', async () => {
      const res = await create('dept.admin', { cameraIds: [cam.bank1.id], action: 'copy', legalBasis: '穗天市监立〔2026〕5号', copyDestination: '区市场监管局', confidentialityUndertaking: true });
      const id = res.json().id;
      let r = await view('dept.admin', id);
      expect(r.evaluation.basis).toBe('26(3)');
      expect(missingCodes(r)).toEqual(['COUNTY_BUREAU_APPROVAL', 'MIN_OFFICIALS', 'APPROVAL_DOCUMENT']);
      expect(r.evaluation.officialsRequired).toBe(2);
      // Another city's bureau: out of its jurisdiction, the request does not exist for it.
      expectProblem(await s['sz.officer'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' }), 404, 'NOT_FOUND');
      await s['gz.tianhe.officer'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved', documentRef: '天公信批〔2026〕9号' });
      r = await view('dept.admin', id);
      expect(r.evaluation.missing).toEqual([expect.objectContaining({ code: 'MIN_OFFICIALS', article: '27(1)' })]);
      expect(r.status).toBe('pending');
      // The same person twice does not make two officials.
      expectProblem(await s['dept.admin'].post(`/api/access/requests/${id}/supplement`, { officials: [{ name: '张警官', idNumber: ID1, workCertificateNo: 'X' }] }), 422, 'ACCESS_INPUT_INVALID');
      const added = await s['dept.admin'].post(`/api/access/requests/${id}/supplement`, { officials: [{ name: '李科员', idNumber: ID2, workCertificateNo: 'SJ-002' }] });
      expect(added.json().status, added.body).toBe('granted');
    });

    it('26(3) refused by the bureau, and viewing needs the approval too', async () => {
      const res = await create('dept.admin', { cameraIds: [cam.bank1.id], action: 'view', legalBasis: 'Y', officials: [...one, { name: '李科员', idNumber: ID2, workCertificateNo: 'SJ-002' }], confidentialityUndertaking: true });
      expect(res.json().status).toBe('pending');
      expect(missingCodes(await view('dept.admin', res.json().id))).toContain('COUNTY_BUREAU_APPROVAL');
      const refused = await s['gz.officer'].post(`/api/access/requests/${res.json().id}/approvals`, { decision: 'refused', reasons: '不属于执法需要' });
      expect(refused.json().status).toBe('refused');
    });

    // ---- Row 26(4): citizens -------------------------------------------------------------------

    it('26(4) a citizen views with the unit’s consent; refusal of consent ends it', async () => {
      const res = await create('unit.a', { onBehalfOfCitizen: true, organisation: '王某（个人）', cameraIds: [cam.bank2.id], action: 'view', urgentHeavyLoss: true, purpose: '钱包被盗' });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      const r = await view('unit.a', id);
      expect(r.evaluation.basis).toBe('26(4)');
      expect(missingCodes(r)).toEqual(['UNIT_CONSENT']);
      expect(r.evaluation.duties.map((d: { code: string }) => d.code)).toContain('NO_REPRINT');
      const ok = await s['unit.a'].post(`/api/access/requests/${id}/consent`, { decision: 'consented' });
      expect(ok.json().status).toBe('granted');
      const other = await create('unit.a', { onBehalfOfCitizen: true, cameraIds: [cam.bank2.id], action: 'view', urgentHeavyLoss: true });
      const no = await s['unit.a'].post(`/api/access/requests/${other.json().id}/consent`, { decision: 'refused', reasons: '非紧急' });
      expect(no.json().status).toBe('refused');
    });

    it('26(4) a citizen’s copy or retrieval of a key unit’s footage is refused citing art. 26(4), nothing stored', async () => {
      const before = await h.db.db.selectFrom('access_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      for (const action of ['copy', 'retrieve']) {
        const res = await create('unit.a', { onBehalfOfCitizen: true, cameraIds: [cam.bank2.id], action, urgentHeavyLoss: true, copyDestination: '本人' });
        expectProblem(res, 422, 'ACCESS_REFUSED');
        expect(res.json().article).toBe('26(4)');
        expect(res.json().missing[0].code).toBe('CITIZEN_COPY_PROHIBITED');
      }
      const after = await h.db.db.selectFrom('access_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('26(4) a public-area copy for a legal reason needs the builder government’s bureau, not a higher one', async () => {
      const res = await create('gz.tianhe.officer', { onBehalfOfCitizen: true, cameraIds: [cam.square1.id], action: 'copy', legalReasonForCopy: '交通事故诉讼举证', copyDestination: '天河区法院', purpose: '诉讼' });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      await s['gz.officer'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' });
      const r = await view('gz.tianhe.officer', id);
      expect(r.evaluation.missing[0]).toMatchObject({ code: 'BUILDER_BUREAU_APPROVAL', article: '26(4)', defects: ['not_builder_government'] });
      const ok = await s['th.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' });
      expect(ok.json().status).toBe('granted');
    });

    // ---- Input, scope, roles --------------------------------------------------------------------

    it('a wrong identity number is refused without echoing it; nothing is logged in the ledger', async () => {
      const res = await create('gz.officer', { cameraIds: [cam.bank1.id], action: 'view', legalBasis: 'Z', officials: [{ name: '错号', idNumber: BAD_ID }] });
      expectProblem(res, 422, 'RESIDENT_ID_INVALID');
      expect(res.json().reason).toBe('check_digit');
      expect(res.body).not.toContain(BAD_ID);
      const ledger = await h.db.db.selectFrom('ledger_entries').select('detail').execute();
      expect(JSON.stringify(ledger)).not.toContain(ID1.slice(6, 14));
    });

    it('out of scope is 404, wrong role is 403', async () => {
      const res = await create('gz.officer', { cameraIds: [cam.bank1.id], action: 'view', legalBasis: 'S' });
      const id = res.json().id;
      expectProblem(await s['sz.officer'].get(`/api/access/requests/${id}`), 404, 'NOT_FOUND');
      expectProblem(await s['unit.b'].get(`/api/access/requests/${id}`), 404, 'NOT_FOUND');
      expectProblem(await s['dept.admin'].get(`/api/access/requests/${id}`), 404, 'NOT_FOUND');
      expect((await s['unit.a'].get(`/api/access/requests/${id}`)).statusCode).toBe(200);
      expectProblem(await s.co.post('/api/access/requests', { cameraIds: [cam.bank1.id], action: 'view', ...WINDOW, purpose: 'x', officials: one }), 403, 'FORBIDDEN');
      expectProblem(await s['unit.a'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' }), 403, 'FORBIDDEN');
      expectProblem(await s['dept.admin'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved' }), 403, 'FORBIDDEN');
      expectProblem(await s['unit.a'].get('/api/access/oversight'), 403, 'FORBIDDEN');
      expectProblem(await s['unit.a'].post('/api/access/officials/x/unmask', { reason: '核查身份' }), 403, 'FORBIDDEN');
      // A unit registers citizens' requests only for its own cameras; another unit's camera looks unknown.
      expectProblem(await create('unit.b', { onBehalfOfCitizen: true, cameraIds: [cam.bank1.id], action: 'view', urgentHeavyLoss: true }), 422, 'ACCESS_INPUT_INVALID');
      // Lists are scoped.
      const list = (await s['unit.b'].get('/api/access/requests')).json();
      expect(list.items.every((i: { unitId: string }) => i.unitId === unitB)).toBe(true);
    });

    // ---- Grants, use, register, oversight -------------------------------------------------------

    it('a grant verifies offline with the published key; tampering or another key fails', async () => {
      const res = await create('gz.officer', { cameraIds: [cam.bank1.id, cam.bank2.id], action: 'view', legalBasis: 'G' });
      const file = (await s['gz.officer'].get(`/api/access/grants/${res.json().grantId}`)).json();
      const key = (await s['gz.officer'].get('/api/keys/signing')).json();
      expect(key.alg).toBe('sm2');
      expect(file.signature.alg).toBe('sm2');
      const ok = verifyGrantFile(file, { publicKey: key.publicKeyPem, now: h.clock.now() });
      expect(ok).toMatchObject({ ok: true, keyPinned: true, expired: false });
      if (ok.ok) expect(ok.grant.cameras.map((c) => c.deviceId).sort()).toEqual([cam.bank1.id, cam.bank2.id].sort());
      const tampered = structuredClone(file);
      tampered.grant.window.to = '2026-03-01T23:00:00.000Z';
      expect(verifyGrantFile(tampered, { publicKey: key.publicKeyPem })).toMatchObject({ ok: false, failure: 'signature' });
      const extraCamera = structuredClone(file);
      extraCamera.grant.cameras.push({ deviceId: cam.mall1.id, deviceCode: cam.mall1.code, name: 'x' });
      expect(verifyGrantFile(extraCamera, { publicKey: key.publicKeyPem }).ok).toBe(false);
      const otherKey = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEuyDasLpZ5VnGEVqUP6GeHxe3JdZ89gIb/ZMxfqW8GEXCEjvWyRu4TyI8gAnLPThUw0VkSk2sXFGxJ1VJcdpFqA==\n-----END PUBLIC KEY-----\n';
      expect(verifyGrantFile(file, { publicKey: otherKey })).toMatchObject({ ok: false });
      // The CLI: exit 0 for the file, 1 for the tampered one.
      const dir = mkdtempSync(join(tmpdir(), 'jf-grant-'));
      writeFileSync(join(dir, 'g.json'), JSON.stringify(file));
      writeFileSync(join(dir, 't.json'), JSON.stringify(tampered));
      writeFileSync(join(dir, 'k.pem'), key.publicKeyPem);
      const out: string[] = [];
      const w = { write: (x: string) => (out.push(x), true) };
      expect(runGrant(['verify', join(dir, 'g.json'), '--key', join(dir, 'k.pem')], w, w, h.clock.now())).toBe(0);
      expect(runGrant(['verify', join(dir, 't.json'), '--key', join(dir, 'k.pem')], w, w, h.clock.now())).toBe(1);
      expect(out.join('')).toContain('does NOT verify');
    });

    it('the VMS reports use: each report is a register entry and a ledger entry; use outside the grant is flagged', async () => {
      const res = await create('gz.officer', { cameraIds: [cam.bank1.id], action: 'view', legalBasis: 'U' });
      const grantId = res.json().grantId;
      const file = (await s['gz.officer'].get(`/api/access/grants/${grantId}`)).json();
      const officialId = file.grant.officials[0].id;
      const base = { at: '2026-03-02T00:30:00Z', cameras: [cam.bank1.code], footageFrom: '2026-03-01T00:00:00Z', footageTo: '2026-03-01T01:00:00Z', officialsPresent: [officialId] };
      const early = await use(grantId, { event: 'viewing_started', ...base });
      expect(early.statusCode, early.body).toBe(201);
      expect(early.json().flags).toEqual(['before_issue']);
      const inside = await use(grantId, { event: 'viewing_ended', ...base, at: h.clock.now().toISOString() });
      expect(inside.json().flags).toEqual([]);
      const outside = await use(grantId, {
        event: 'exported',
        ...base,
        at: h.clock.now().toISOString(),
        cameras: [cam.bank2.code],
        footageTo: '2026-03-01T05:00:00Z',
        fileDigest: 'a'.repeat(64),
      });
      expect(outside.json().flags.sort()).toEqual(['action_outside_grant', 'camera_outside_grant', 'period_outside_grant']);
      const ledger = await h.db.db.selectFrom('ledger_entries').selectAll().where('seq', '=', outside.json().ledgerSeq).executeTakeFirstOrThrow();
      expect(ledger.action).toBe('access.registered');
      expect(ledger.object_id).toBe(outside.json().registerEntryId);
      // Another unit's VMS cannot report on it; officers report only for public areas their bureau uses; a session
      // without the permission cannot either.
      const tokB = (await s['unit.b'].post('/api/auth/tokens', { name: 'VMS-B' })).json().token;
      expectProblem(await use(grantId, { event: 'viewing_started', ...base }, tokB), 404, 'NOT_FOUND');
      expectProblem(await s['gz.officer'].post(`/api/access/grants/${grantId}/use`, { event: 'viewing_started', ...base }), 404, 'NOT_FOUND');
      expectProblem(await s.sup.post(`/api/access/grants/${grantId}/use`, { event: 'viewing_started', ...base }), 403, 'FORBIDDEN');
      expectProblem(await use(grantId, { event: 'exported', ...base }), 422, 'ACCESS_INPUT_INVALID');
      // After expiry.
      h.clock.set('2026-03-06T09:00:00+08:00');
      try {
        const late = await use(grantId, { event: 'viewing_started', ...base, at: h.clock.now().toISOString() });
        expect(late.json().flags).toEqual(['after_expiry']);
      } finally {
        h.clock.set(TODAY);
      }
      // The register shows it, masked, and filters by flag.
      const reg = (await s['gz.officer'].get(`/api/access/register?requestId=${res.json().id}`)).json();
      expect(reg.total).toBe(4);
      expect(reg.items.every((e: { officials: { idNumberMasked: string }[] }) => e.officials.every((o) => o.idNumberMasked.includes('*')))).toBe(true);
      const flagged = (await s['gz.officer'].get(`/api/access/register?requestId=${res.json().id}&outsideGrant=true`)).json();
      expect(flagged.total).toBe(3);
      expect((await s['unit.b'].get(`/api/access/register?requestId=${res.json().id}`)).json().total).toBe(0);
    });

    it('use by one official where two are required is flagged', async () => {
      const res = await create('dept.admin', {
        cameraIds: [cam.bank1.id],
        action: 'view',
        legalBasis: 'T',
        confidentialityUndertaking: true,
        officials: [...one, { name: '李科员', idNumber: ID3, workCertificateNo: 'SJ-003' }],
      });
      const g = await s['gz.tianhe.officer'].post(`/api/access/requests/${res.json().id}/approvals`, { decision: 'approved', documentRef: '批〔2026〕2号' });
      const grantId = g.json().grantId;
      const file = (await s['dept.admin'].get(`/api/access/grants/${grantId}`)).json();
      expect(file.grant.officialsRequired).toBe(2);
      const base = { event: 'viewing_started', at: h.clock.now().toISOString(), cameras: [cam.bank1.code], footageFrom: WINDOW.windowFrom, footageTo: WINDOW.windowTo };
      expect((await use(grantId, { ...base, officialsPresent: [file.grant.officials[0].id] })).json().flags).toEqual(['single_official']);
      expect((await use(grantId, { ...base, officialsPresent: file.grant.officials.map((o: { id: string }) => o.id) })).json().flags).toEqual([]);
      expect((await use(grantId, { ...base, officialsPresent: [file.grant.officials[0].id, 'someone-else'] })).json().flags.sort()).toEqual(['single_official', 'unknown_official']);
    });

    it('the register is append-only in the database; corrections are new entries; rows match their ledger digests', async () => {
      const entry = await h.db.db.selectFrom('access_register').select('id').executeTakeFirstOrThrow();
      await expect(h.db.db.updateTable('access_register').set({ purpose: '改写' }).where('id', '=', entry.id).execute()).rejects.toThrow(/append-only/);
      await expect(h.db.db.deleteFrom('access_register').where('id', '=', entry.id).execute()).rejects.toThrow(/append-only/);
      await expect(h.db.db.deleteFrom('access_use_reports').execute()).rejects.toThrow(/append-only/);
      await expect(h.db.db.updateTable('access_unmask_events').set({ reason: 'x' }).execute()).resolves.toBeDefined(); // no rows yet: nothing to refuse
      const fixed = await s['unit.a'].post(`/api/access/register/${entry.id}/corrections`, { note: '摄像机编号登记有误' });
      expect(fixed.statusCode, fixed.body).toBe(201);
      const corr = (await s['unit.a'].get(`/api/access/register/${fixed.json().id}`)).json();
      expect(corr).toMatchObject({ kind: 'correction', correctsId: entry.id });
      expect(await checkRegister(h.db.db)).toMatchObject({ altered: [] });
      expect((await verifyLedger(h.db.db)).ok).toBe(true);
      if (dialect === 'sqlite') {
        // Someone with the database file drops the trigger and edits a row: the register check names it.
        await sql`DROP TRIGGER access_register_no_update`.execute(h.db.db);
        await h.db.db.updateTable('access_register').set({ purpose: '篡改' }).where('id', '=', entry.id).execute();
        expect((await checkRegister(h.db.db)).altered).toEqual([entry.id]);
        await h.db.db.updateTable('access_register').set({ purpose: (await h.db.db.selectFrom('access_register').select('purpose').where('id', '=', fixed.json().id).executeTakeFirstOrThrow()).purpose }).where('id', '=', entry.id).execute();
        await sql.raw(`CREATE TRIGGER access_register_no_update BEFORE UPDATE ON access_register BEGIN SELECT RAISE(ABORT, 'access_register is append-only'); END`).execute(h.db.db);
      }
    });

    it('unmasking needs the permission and a reason, and is itself registered', async () => {
      const res = await create('dept.admin', { cameraIds: [cam.bank1.id], action: 'view', legalBasis: 'M', officials: [{ name: '赵科员', idNumber: ID3, workCertificateNo: 'W' }] });
      const r = await view('dept.admin', res.json().id);
      const officialId = r.officials[0].id;
      expectProblem(await s['gz.officer'].post(`/api/access/officials/${officialId}/unmask`, { reason: '查' }), 422, 'REASONS_REQUIRED');
      expectProblem(await s['sz.officer'].post(`/api/access/officials/${officialId}/unmask`, { reason: '核实身份信息' }), 404, 'NOT_FOUND');
      const ok = await s['gz.officer'].post(`/api/access/officials/${officialId}/unmask`, { reason: '核实身份信息' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().idNumber).toBe(ID3);
      const entry = (await s.sup.get(`/api/access/register/${ok.json().registerEntryId}`)).json();
      expect(entry).toMatchObject({ kind: 'unmasked', purpose: '核实身份信息' });
      expect(JSON.stringify(entry)).not.toContain(ID3);
      const ev = await h.db.db.selectFrom('access_unmask_events').selectAll().where('official_id', '=', officialId).execute();
      expect(ev).toHaveLength(1);
      await expect(h.db.db.deleteFrom('access_unmask_events').execute()).rejects.toThrow(/append-only/);
      const ledger = await h.db.db.selectFrom('ledger_entries').selectAll().where('object_id', '=', ok.json().registerEntryId).executeTakeFirstOrThrow();
      expect(ledger.action).toBe('access.unmasked');
      expect(ledger.detail ?? '').not.toContain(ID3);
    });

    it('oversight per unit, organisation and official links flags to register entries (art. 39)', async () => {
      const res = await s.sup.get('/api/access/oversight');
      expect(res.statusCode, res.body).toBe(200);
      const o = res.json();
      const bank = o.perUnit.find((u: { unitId: string }) => u.unitId === unitA);
      expect(bank.outsideGrant).toBeGreaterThanOrEqual(3);
      expect(bank.singleOfficial).toBeGreaterThanOrEqual(1);
      expect(bank.unmasked).toBe(1);
      expect(bank.flaggedEntryIds.length).toBe(bank.outsideGrant + bank.singleOfficial - (await countBoth()));
      const linked = (await s.sup.get(`/api/access/register/${bank.flaggedEntryIds[0]}`)).json();
      expect(linked.flags.length).toBeGreaterThan(0);
      // One person (one identity number) across requests is one row, whatever name each request spelled.
      const zhao = o.perOfficial.find((p: { unmasked: number }) => p.unmasked === 1);
      expect(zhao.idNumberMasked).toBe(`${ID3.slice(0, 3)}${'*'.repeat(11)}${ID3.slice(-4)}`);
      expect(zhao.entries).toBeGreaterThan(1);
      expect(zhao.idNumberMasked).toContain('*');
      const viaLink = (await s.sup.get(zhao.registerLink)).json();
      expect(viaLink.items.some((e: { kind: string }) => e.kind === 'unmasked')).toBe(true);
      expect((await s['gd.officer'].get('/api/access/oversight')).statusCode).toBe(200);
      expectProblem(await s['gz.officer'].get('/api/access/oversight'), 403, 'FORBIDDEN');

      async function countBoth() {
        // Entries flagged both outside the grant and single-official are linked once.
        const rows = await h.db.db.selectFrom('access_register').select('flags').where('unit_id', '=', unitA).execute();
        return rows.filter((r) => r.flags.includes('single_official') && /outside_grant|before_issue|after_expiry/.test(r.flags)).length;
      }
    });

    it('the whole ledger still verifies', async () => {
      expect((await verifyLedger(h.db.db)).ok).toBe(true);
    });
  });
}
