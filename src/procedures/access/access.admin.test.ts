import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProofBundle } from '../../platform/audit/proof-check.js';
import { digestOf, type HashAlg } from '../../platform/crypto/hash.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { makeResidentId } from '../../platform/identifiers/resident-id.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { runCheckProof, runExportProof } from '../../cli/ledger-proof.js';
import { runLedgerVerify } from '../../cli/ledger-verify.js';
import { checkRegister } from './register.actions.js';

// Departments and persons in charge (administration), withdrawal and revocation, use reports for public-area
// grants by the using bureau, and what a register row altered by hand does to `ledger verify` and to proofs —
// through HTTP and the CLI on both databases.

const WINDOW = { windowFrom: '2026-03-01T08:00:00+08:00', windowTo: '2026-03-01T10:00:00+08:00' };
const ID1 = makeResidentId('44010619850101001');
const ID2 = makeResidentId('44010619870202002');
const PASSWORD = 'Dept-Passw0rd!';

function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  if (code) expect(res.json().code).toBe(code);
}

/** Progress output is not under test: a real stream that drops it. */
const quiet = () => new Writable({ write: (_c, _e, cb) => cb() });

function sink() {
  let text = '';
  return { write: (c: string | Uint8Array) => ((text += String(c)), true), text: () => text };
}

for (const dialect of TEST_DIALECTS) {
  describe(`information access administration, withdrawal, revocation, tampering on ${dialect}`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};
    const cam: Record<string, { id: string; code: string }> = {};
    const unitA = randomUUID();
    let deptId = '';
    const ids: Record<string, string> = {};
    const tmp = mkdtempSync(join(tmpdir(), 'jf-access-admin-'));

    const use = (grantId: string, token: string, body: Record<string, unknown> = {}) =>
      h.app.inject({
        method: 'POST',
        url: `/api/access/grants/${grantId}/use`,
        headers: { authorization: `Bearer ${token}` },
        payload: { event: 'exported', at: h.clock.now().toISOString(), cameras: [cam.square1.code], footageFrom: WINDOW.windowFrom, footageTo: WINDOW.windowTo, officialsPresent: [], fileDigest: 'ab'.repeat(32), ...body },
      });
    const tokenOf = async (who: string) => {
      const res = await s[who].post('/api/auth/tokens', { name: `VMS ${who}` });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().token as string;
    };

    beforeAll(async () => {
      h = await openHarness(dialect, '2026-03-02', { JIFANG_KEYS_DIR: join(tmp, 'keys') });
      await h.addOfficers([['th.chief', 'county_officer', 'PSB-440106']]);
      const now = h.clock.now().toISOString();
      const db = h.db.db;
      await db.insertInto('units').values({ id: unitA, name: '天河银行网点', division_code: '440106', category: '4', created_at: now }).execute();
      ids['unit.a'] = await h.addUser({ username: 'unit.a', role: 'unit_user', unitId: unitA });
      ids.co = await h.addUser({ username: 'co', role: 'company_user' });
      for (const u of ['th.chief', 'gz.tianhe.officer', 'gd.officer']) {
        ids[u] = (await db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
      }
      const sites = [
        { key: 'bank', type: 'key_unit', unit: unitA, builder: null, user: null },
        { key: 'square', type: 'public_area', unit: null, builder: 'county', user: 'PSB-440106' },
      ];
      let serial = 1;
      for (const site of sites) {
        const siteId = randomUUID();
        const systemId = randomUUID();
        await db.insertInto('sites').values({ id: siteId, site_type: site.type, name: `${site.key}场所`, division_code: '440106', address: '某路 1 号', unit_id: site.unit, category_code: site.unit ? '4' : null, kind_code: site.unit ? 'bank_branch' : null, area_kind: site.unit ? null : 'main_road', builder_level: site.builder, user_police_unit_id: site.user, anti_terror_target: 0, open_findings: 0, version: 1, created_at: now, updated_at: now }).execute();
        await db.insertInto('systems').values({ id: systemId, site_id: siteId, system_type: 'video_surveillance', name: '视频监控系统', status: 'in_use', alarm_centre_interface: 1, version: 1, created_at: now, updated_at: now }).execute();
        for (const n of [1, 2]) {
          const id = randomUUID();
          const code = `44010600001310${String(serial++).padStart(6, '0')}`;
          await db.insertInto('devices').values({ id, site_id: siteId, system_id: systemId, device_kind: 'camera', name: `${site.key}摄像机${n}`, device_code: code, placement: 'inside_unit', audio_capture: 0, signage: 1, version: 1, created_at: now, updated_at: now }).execute();
          cam[`${site.key}${n}`] = { id, code };
        }
      }
      for (const u of ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'th.chief', 'sz.officer', 'unit.a', 'co']) s[u] = await h.login(u);
    });
    afterAll(() => h.close());

    // ---- Departments, their users, persons in charge ------------------------------------------------

    it('the province registers a department (art. 26(3)) and its user; others may not', async () => {
      const body = { name: '天河区市场监督管理局', kind: 'administrative', divisionCode: '440106' };
      expectProblem(await s['gz.officer'].post('/api/access/departments', body), 403, 'FORBIDDEN');
      expectProblem(await s['gd.officer'].post('/api/access/departments', { ...body, divisionCode: '999999' }), 422, 'DIVISION_UNKNOWN');
      const res = await s['gd.officer'].post('/api/access/departments', body);
      expect(res.statusCode, res.body).toBe(201);
      deptId = res.json().id;
      expectProblem(await s['gd.officer'].post('/api/access/departments', body), 422, 'ACCESS_INPUT_INVALID');
      expectProblem(await s['gd.officer'].post(`/api/access/departments/${deptId}/users`, { username: 'dept.a', displayName: '王科员', password: 'weak' }), 422, 'WEAK_PASSWORD');
      expectProblem(await s['gd.officer'].post(`/api/access/departments/nope/users`, { username: 'dept.a', displayName: '王科员', password: PASSWORD }), 404, 'NOT_FOUND');
      const u = await s['gd.officer'].post(`/api/access/departments/${deptId}/users`, { username: 'dept.a', displayName: '王科员', password: PASSWORD });
      expect(u.statusCode, u.body).toBe(201);
      ids['dept.a'] = u.json().id;
      expectProblem(await s['gd.officer'].post(`/api/access/departments/${deptId}/users`, { username: 'dept.a', displayName: '另一人', password: PASSWORD }), 409, 'USERNAME_TAKEN');
      const list = (await s['gd.officer'].get('/api/access/departments')).json();
      expect(list.items).toEqual([expect.objectContaining({ id: deptId, kind: 'administrative', level: 'county', users: [expect.objectContaining({ username: 'dept.a', inCharge: false })] })]);
      const ledger = await h.db.db.selectFrom('ledger_entries').select(['action', 'article']).where('object_id', 'in', [deptId, ids['dept.a']]).orderBy('seq').execute();
      expect(ledger).toEqual([
        { action: 'access.department_registered', article: '26(3)' },
        { action: 'access.department_user_created', article: '26(3)' },
      ]);
      s['dept.a'] = await h.login('dept.a', PASSWORD);
      const me = await s['dept.a'].post('/api/access/requests', { ...WINDOW, cameraIds: [cam.bank1.id], action: 'view', purpose: '执法检查', officials: [{ name: '王科员', idNumber: ID1, workCertificateNo: 'SJ-1' }] });
      expect(me.statusCode, me.body).toBe(201);
      expect((await s['dept.a'].get(`/api/access/requests/${me.json().id}`)).json().evaluation.basis).toBe('26(3)');
    });

    it('the province names the person in charge (art. 26(1)), with reasons, ledgered; never oneself', async () => {
      expectProblem(await s['gz.officer'].post(`/api/access/users/${ids['th.chief']}/in-charge`, { inCharge: true, reasons: '任命文件' }), 403, 'FORBIDDEN');
      expectProblem(await s['gd.officer'].post(`/api/access/users/${ids['gd.officer']}/in-charge`, { inCharge: true, reasons: '任命文件' }), 403, 'FORBIDDEN');
      expectProblem(await s['gd.officer'].post(`/api/access/users/${ids.co}/in-charge`, { inCharge: true, reasons: '任命文件' }), 422, 'ACCESS_INPUT_INVALID');
      expectProblem(await s['gd.officer'].post(`/api/access/users/nope/in-charge`, { inCharge: true, reasons: '任命文件' }), 404, 'NOT_FOUND');
      // Before: the Tianhe officer's approval of a police copy does not count (not the person in charge).
      const req = await s['gz.officer'].post('/api/access/requests', { ...WINDOW, cameraIds: [cam.bank1.id], action: 'copy', purpose: '侦查', legalBasis: '穗公刑〔2026〕1号', copyDestination: '市局', officials: [{ name: '张警官', idNumber: ID1 }] });
      const first = await s['th.chief'].post(`/api/access/requests/${req.json().id}/approvals`, { decision: 'approved' });
      expect(first.json().status).toBe('pending');
      const set = await s['gd.officer'].post(`/api/access/users/${ids['th.chief']}/in-charge`, { inCharge: true, reasons: '天河分局局长任命（演示）' });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toEqual({ userId: ids['th.chief'], inCharge: true });
      const second = await s['th.chief'].post(`/api/access/requests/${req.json().id}/approvals`, { decision: 'approved' });
      expect(second.json().status).toBe('granted');
      const e = await h.db.db.selectFrom('ledger_entries').selectAll().where('action', '=', 'access.in_charge_set').executeTakeFirstOrThrow();
      expect(e).toMatchObject({ object_id: ids['th.chief'], article: '26(1)' });
      expect(e.detail ?? '').not.toContain('任命');
    });

    // ---- Withdrawal and revocation ------------------------------------------------------------------

    it('the requester withdraws a pending request; nothing further can happen to it', async () => {
      const res = await s['dept.a'].post('/api/access/requests', { ...WINDOW, cameraIds: [cam.bank2.id], action: 'view', purpose: '执法检查', legalBasis: '穗市监〔2026〕3号', officials: [{ name: '王科员', idNumber: ID1 }] });
      const id = res.json().id;
      expectProblem(await s['gz.tianhe.officer'].post(`/api/access/requests/${id}/withdraw`, {}), 403, 'FORBIDDEN');
      expectProblem(await s['gz.officer'].post(`/api/access/requests/${id}/withdraw`, {}), 403, 'FORBIDDEN');
      const w = await s['dept.a'].post(`/api/access/requests/${id}/withdraw`, { reasons: '案件已结' });
      expect(w.statusCode, w.body).toBe(200);
      expect(w.json()).toMatchObject({ status: 'withdrawn', grantId: null });
      expectProblem(await s['dept.a'].post(`/api/access/requests/${id}/withdraw`, {}), 409, 'TRANSITION_NOT_ALLOWED');
      expectProblem(await s['gz.tianhe.officer'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved', documentRef: 'x' }), 409, 'TRANSITION_NOT_ALLOWED');
      expect((await h.db.db.selectFrom('ledger_entries').select('action').where('object_id', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow()).action).toBe('access.withdrawn');
    });

    it('a public-area grant: the using bureau reports use with its token; a revoked grant’s later use is flagged', async () => {
      // An administrative department copies public-area footage, approved by the Tianhe sub-bureau (26(3), 27).
      const res = await s['dept.a'].post('/api/access/requests', {
        ...WINDOW,
        cameraIds: [cam.square1.id],
        action: 'copy',
        purpose: '执法取证',
        legalBasis: '穗天市监立〔2026〕9号',
        copyDestination: '天河区市场监督管理局案卷',
        confidentialityUndertaking: true,
        officials: [
          { name: '王科员', idNumber: ID1, workCertificateNo: 'SJ-1' },
          { name: '李科员', idNumber: ID2, workCertificateNo: 'SJ-2' },
        ],
      });
      const id = res.json().id;
      const ok = await s['th.chief'].post(`/api/access/requests/${id}/approvals`, { decision: 'approved', documentRef: '天公批〔2026〕5号' });
      expect(ok.json().status, ok.body).toBe('granted');
      const grantId = ok.json().grantId as string;
      const officials = (await s['dept.a'].get(`/api/access/grants/${grantId}`)).json().grant.officials.map((o: { id: string }) => o.id);
      // The unit user has nothing to do with a public area; another city's or the city bureau (not the using one) neither.
      expectProblem(await use(grantId, await tokenOf('unit.a'), { officialsPresent: officials }), 404, 'NOT_FOUND');
      expectProblem(await use(grantId, await tokenOf('gz.officer'), { officialsPresent: officials }), 404, 'NOT_FOUND');
      const tianhe = await tokenOf('gz.tianhe.officer');
      const reported = await use(grantId, tianhe, { officialsPresent: officials });
      expect(reported.statusCode, reported.body).toBe(201);
      expect(reported.json().flags).toEqual([]);

      // Revocation: by the approving side where the system is, with reasons, once.
      expectProblem(await s['sz.officer'].post(`/api/access/grants/${grantId}/revoke`, { reasons: '撤销' }), 404, 'NOT_FOUND');
      expectProblem(await s['unit.a'].post(`/api/access/grants/${grantId}/revoke`, { reasons: '撤销' }), 403, 'FORBIDDEN');
      expectProblem(await s['dept.a'].post(`/api/access/grants/${grantId}/revoke`, { reasons: '撤销' }), 403, 'FORBIDDEN');
      const rev = await s['gz.tianhe.officer'].post(`/api/access/grants/${grantId}/revoke`, { reasons: '批准文书有误' });
      expect(rev.statusCode, rev.body).toBe(200);
      expect(rev.json()).toMatchObject({ grantId, requestId: id, cause: 'revoked' });
      expectProblem(await s['gz.tianhe.officer'].post(`/api/access/grants/${grantId}/revoke`, { reasons: '再次' }), 409, 'TRANSITION_NOT_ALLOWED');
      const view = (await s['dept.a'].get(`/api/access/requests/${id}`)).json();
      expect(view.grant.revocation).toMatchObject({ cause: 'revoked', reasons: '批准文书有误' });
      const after = await use(grantId, tianhe, { officialsPresent: officials, at: new Date(Date.parse(rev.json().revokedAt) + 1000).toISOString() });
      expect(after.statusCode, after.body).toBe(201);
      expect(after.json().flags).toEqual(['after_revocation']);
      const flagged = (await s['gz.tianhe.officer'].get(`/api/access/register?flag=after_revocation`)).json();
      expect(flagged.items.map((e: { id: string }) => e.id)).toContain(after.json().registerEntryId);
      await expect(h.db.db.deleteFrom('access_grant_revocations').execute()).rejects.toThrow(/append-only/);
    });

    it('withdrawing a granted request revokes its grant (cause withdrawn)', async () => {
      const res = await s['gz.officer'].post('/api/access/requests', { ...WINDOW, cameraIds: [cam.square2.id], action: 'view', purpose: '侦查', legalBasis: '穗公刑〔2026〕2号', officials: [{ name: '张警官', idNumber: ID1 }] });
      expect(res.json().status).toBe('granted');
      const w = await s['gz.officer'].post(`/api/access/requests/${res.json().id}/withdraw`, {});
      expect(w.json()).toMatchObject({ status: 'withdrawn', grantId: res.json().grantId });
      const view = (await s['gz.officer'].get(`/api/access/requests/${res.json().id}`)).json();
      expect(view.grant.revocation).toMatchObject({ cause: 'withdrawn' });
      const later = await use(res.json().grantId, await tokenOf('gz.tianhe.officer'), { event: 'viewing_started', cameras: [cam.square2.code], fileDigest: undefined, at: new Date(Date.parse(view.grant.revocation.at) + 1000).toISOString() });
      expect(later.json().flags).toContain('after_revocation');
    });

    // ---- A register row altered by hand ---------------------------------------------------------

    it('ledger verify names an altered register row, and the row’s proof stops verifying (both from the route and the CLI)', async () => {
      const entry = await h.db.db.selectFrom('access_register').selectAll().where('kind', '=', 'exported').orderBy('at').executeTakeFirstOrThrow();
      // Intact: verify passes; the proof bundle (with the row) verifies offline, pinned to the published key.
      const out = sink();
      expect(await runLedgerVerify(h.db.db, out, { err: quiet() })).toBe(0);
      expect(out.text()).toMatch(/^ledger OK: \d+ entries, head [0-9a-f]{64}\nregister OK: \d+ entries match their ledger entries\n$/);
      const key = (await s['gz.tianhe.officer'].get('/api/keys/signing')).json().publicKeyPem as string;
      const proofRes = await s['gz.tianhe.officer'].get(`/api/access/register/${entry.id}/proof`);
      expect(proofRes.statusCode, proofRes.body).toBe(200);
      expect(proofRes.headers['content-disposition']).toContain('.proof.json');
      const intact = proofRes.json();
      expect(intact.record.fields.id).toBe(entry.id);
      expect(checkProofBundle(intact, { trustedPublicKey: key })).toMatchObject({ ok: true, seq: Number(entry.ledger_seq), keyPinned: true, record: { type: 'access_register', id: entry.id } });
      expectProblem(await s['sz.officer'].get(`/api/access/register/${entry.id}/proof`), 404, 'NOT_FOUND');
      const cliOut = sink();
      const cliErr = sink();
      expect(await runExportProof(h.db.db, h.config, h.clock.now(), [String(entry.ledger_seq)], cliOut, cliErr)).toBe(0);
      expect(cliErr.text()).toContain(`proof OK: access_register ${entry.id} matches entry #${entry.ledger_seq}`);

      // Someone with database access drops the trigger and rewrites the row.
      if (dialect === 'sqlite') await sql`DROP TRIGGER access_register_no_update`.execute(h.db.db);
      else await sql`DROP TRIGGER access_register_no_update ON access_register`.execute(h.db.db);
      await h.db.db.updateTable('access_register').set({ destination: '某私人邮箱' }).where('id', '=', entry.id).execute();

      const broken = sink();
      expect(await runLedgerVerify(h.db.db, broken, { err: quiet() })).toBe(1);
      expect(broken.text()).toContain('ledger OK');
      expect(broken.text()).toContain('register ALTERED: 1 of');
      expect(broken.text()).toContain(`register entry ${entry.id} (ledger entry #${entry.ledger_seq}): row changed since its ledger entry was written`);
      expect((await checkRegister(h.db.db)).faults).toEqual([{ id: entry.id, ledgerSeq: Number(entry.ledger_seq), reason: 'altered' }]);

      // The same entry's proof, exported now, carries the altered row and fails; so does the old one edited to match.
      const now = (await s['gz.tianhe.officer'].get(`/api/access/register/${entry.id}/proof`)).json();
      expect(checkProofBundle(now, { trustedPublicKey: key })).toMatchObject({ ok: false, failed: 'record' });
      const forged = structuredClone(intact);
      forged.record.fields.destination = '某私人邮箱';
      expect(checkProofBundle(forged)).toMatchObject({ ok: false, failed: 'record' });
      const file = join(tmp, `tampered-${dialect}.json`);
      const cli = sink();
      expect(await runExportProof(h.db.db, h.config, h.clock.now(), [String(entry.ledger_seq), '--out', file], sink(), cli)).toBe(1);
      expect(cli.text()).toContain('proof does NOT verify (record)');
      const check = sink();
      expect(runCheckProof([file], check, sink())).toBe(1);
      expect(check.text()).toMatch(/was altered/);

      // Covering the edit by rewriting the ledger entry's digest breaks the chain, and the entry's proof.
      if (dialect === 'sqlite') await sql`DROP TRIGGER ledger_no_update`.execute(h.db.db);
      else await sql`DROP TRIGGER ledger_no_update ON ledger_entries`.execute(h.db.db);
      await h.db.db.updateTable('ledger_entries').set({ after_digest: digestOf(now.record.fields, now.entry.alg as HashAlg) }).where('seq', '=', entry.ledger_seq).execute();
      const chain = sink();
      expect(await runLedgerVerify(h.db.db, chain, { err: quiet() })).toBe(1);
      expect(chain.text()).toContain(`ledger BROKEN at entry #${entry.ledger_seq}: hash_mismatch`);
      const relinked = sink();
      expect(await runExportProof(h.db.db, h.config, h.clock.now(), [String(entry.ledger_seq), '--out', file], sink(), relinked)).toBe(1);
      expect(relinked.text()).toContain('proof does NOT verify (entry)');
    });

    it('deleting a register row by hand is found too', async () => {
      const victim = await h.db.db.selectFrom('access_register').select(['id', 'ledger_seq']).where('kind', '=', 'viewing_started').executeTakeFirstOrThrow();
      if (dialect === 'sqlite') await sql`DROP TRIGGER IF EXISTS access_register_no_delete`.execute(h.db.db);
      // PostgreSQL: one trigger covers UPDATE OR DELETE and was dropped above.
      if (dialect === 'sqlite') await sql`DROP TRIGGER IF EXISTS access_register_officials_no_delete`.execute(h.db.db);
      else await sql`DROP TRIGGER IF EXISTS access_register_officials_no_update ON access_register_officials`.execute(h.db.db);
      await h.db.db.deleteFrom('access_register_officials').where('entry_id', '=', victim.id).execute();
      await h.db.db.deleteFrom('access_register').where('id', '=', victim.id).execute();
      const res = await checkRegister(h.db.db);
      expect(res.faults).toContainEqual({ id: victim.id, ledgerSeq: Number(victim.ledger_seq), reason: 'missing' });
      const out = sink();
      expect(await runLedgerVerify(h.db.db, out, { err: quiet() })).toBe(1);
      expect(out.text()).toContain(`register entry ${victim.id} (ledger entry #${victim.ledger_seq}): row deleted`);
    });
  });
}
