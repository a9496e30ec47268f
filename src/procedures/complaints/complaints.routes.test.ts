import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';

// Complaints and reports end to end through the HTTP API on a real database (art. 30, 39).
const ANON = {
  kind: 'report',
  subjectKind: 'place',
  subjectName: '某银行天河支行',
  divisionCode: '440106',
  content: '营业厅门口的摄像机已经坏了一个多月，一直没有修。',
};
const NAMED = {
  kind: 'complaint',
  subjectKind: 'company',
  subjectName: '某安防公司',
  divisionCode: '441900',
  certificateNumber: 'GD-JF-4419-2025-000001',
  content: '该公司施工的监控系统验收后无法正常使用，多次联系不予处理。',
  name: '张三丰',
  contact: '13800138000',
};
const OFFICIAL = {
  kind: 'complaint',
  subjectKind: 'official',
  subjectName: '天河分局某民警',
  divisionCode: '440106',
  content: '办理技防审批时要求我们必须使用指定品牌的摄像机。',
  name: '李四',
};

for (const dialect of TEST_DIALECTS) {
  describe(`complaints on ${dialect}`, () => {
    let h: Harness;
    let tianhe: Session;
    let gz: Session;
    let prov: Session;
    let dg: Session;
    let sup: Session;
    let unit: Session;

    const submit = (body: object, ip = '10.0.0.1') =>
      h.app.inject({ method: 'POST', url: '/api/public/complaints', payload: body, remoteAddress: ip });
    const status = (tracking: string, code?: string) =>
      h.app.inject({ method: 'GET', url: `/api/public/complaints/${tracking}`, headers: code ? { 'x-access-code': code } : {} });

    beforeAll(async () => {
      h = await openHarness(dialect, '2026-03-02', { JIFANG_COMPLAINT_SUBMISSIONS_PER_HOUR: '1000', JIFANG_KEYS_DIR: join(mkdtempSync(join(tmpdir(), 'jifang-complaints-')), 'keys') });
      await h.addOfficers([['dg.officer', 'city_officer', 'PSB-441900']]);
      await h.addUser({ username: 'gd.supervisor', role: 'supervisor', policeUnitId: 'PSB-440000' });
      const now = h.clock.now().toISOString();
      await h.db.db.insertInto('units').values({ id: 'unit-1', name: '某银行天河支行', division_code: '440106', category: '4', created_at: now }).execute();
      await h.addUser({ username: 'unit', role: 'unit_user', unitId: 'unit-1' });
      await signIn();
    });
    // Sessions expire when the clock jumps (idle time-out): sign in again after every move.
    async function signIn() {
      [tianhe, gz, prov, dg, sup, unit] = await Promise.all(
        ['gz.tianhe.officer', 'gz.officer', 'gd.officer', 'dg.officer', 'gd.supervisor', 'unit'].map((u) => h.login(u)),
      );
    }
    async function travel(iso: string) {
      h.clock.set(iso);
      await signIn();
    }
    afterAll(() => h.close());

    it('takes an anonymous report without sign-in; the status page needs the code', async () => {
      const res = await submit(ANON);
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.trackingNumber).toMatch(/^TS-2026-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(body.accessCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
      expect(body.authority).toEqual({ kind: 'bureau', unit: expect.objectContaining({ id: 'PSB-440106' }) });
      // 15 calendar days from the day after receipt (信访工作条例 art. 22 default).
      expect(body.acknowledgeDue).toBe('2026-03-17');

      expect((await status(body.trackingNumber)).statusCode).toBe(404);
      expect((await status(body.trackingNumber, 'AAAAA-BBBBB-CCCCC-DDDDD')).statusCode).toBe(404);
      expect((await status('TS-2026-0000-0000', body.accessCode)).statusCode).toBe(404);
      const ok = await status(body.trackingNumber, body.accessCode.toLowerCase().replace(/-/g, ' '));
      expect(ok.statusCode).toBe(200);
      const page = ok.json();
      expect(page).toMatchObject({ status: 'received', kind: 'report', acknowledgeDue: '2026-03-17', handleDue: null });
      expect(page.notices).toEqual([expect.objectContaining({ kind: 'received', delivery: 'status_page' })]);
      expect(JSON.stringify(page)).not.toContain(ANON.content);
      const viaBody = await h.app.inject({ method: 'POST', url: `/api/public/complaints/${body.trackingNumber}/status`, payload: { accessCode: body.accessCode } });
      expect(viaBody.statusCode).toBe(200);
      expect(viaBody.json().trackingNumber).toBe(body.trackingNumber);
      const stored = await h.db.db.selectFrom('complaints').selectAll().where('tracking_number', '=', body.trackingNumber).executeTakeFirstOrThrow();
      expect(stored.access_code_digest).not.toContain(body.accessCode);
      expect(stored.complainant_name).toBeNull();
    });

    it('stores a named complaint’s identity encrypted and routes Dongguan (no county level) to its city bureau', async () => {
      const res = await submit(NAMED);
      expect(res.statusCode).toBe(201);
      const { trackingNumber, accessCode, authority } = res.json();
      expect(authority.unit.id).toBe('PSB-441900');
      const row = await h.db.db.selectFrom('complaints').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirstOrThrow();
      expect(row.complainant_name).toMatch(/^v1:sm4-cbc-hmac-sm3:/);
      expect(row.complainant_name).not.toContain(NAMED.name);
      expect(row.complainant_contact).not.toContain(NAMED.contact);
      const page = (await status(trackingNumber, accessCode)).json();
      expect(page.notices[0].delivery).toBe('would_send');
      const ledger = await h.db.db.selectFrom('ledger_entries').select('detail').where('action', '=', 'complaint.submitted').execute();
      for (const e of ledger) {
        expect(e.detail).not.toContain(NAMED.name);
        expect(e.detail).not.toContain(NAMED.contact);
      }
      // In Dongguan's queue, not Tianhe's.
      const dgList = (await dg.get('/api/complaints')).json().items.map((i: { trackingNumber: string }) => i.trackingNumber);
      expect(dgList).toContain(trackingNumber);
      const thList = (await tianhe.get('/api/complaints')).json().items.map((i: { trackingNumber: string }) => i.trackingNumber);
      expect(thList).not.toContain(trackingNumber);
    });

    it('refuses a province-level or unknown division and incomplete content', async () => {
      expect((await submit({ ...ANON, divisionCode: '440000' })).json().code).toBe('COMPLAINT_INPUT_INVALID');
      expect((await submit({ ...ANON, divisionCode: '999999' })).json().code).toBe('DIVISION_UNKNOWN');
      expect((await submit({ ...ANON, content: '太短' })).json().code).toBe('COMPLAINT_INPUT_INVALID');
      expect((await submit({ ...ANON, extra: 1 })).statusCode).toBe(400);
    });

    it('sends complaints about officials to the supervisory organ only', async () => {
      const { trackingNumber } = (await submit(OFFICIAL)).json();
      const supList = (await sup.get('/api/complaints')).json().items;
      const mine = supList.find((i: { trackingNumber: string }) => i.trackingNumber === trackingNumber);
      expect(mine).toMatchObject({ queue: 'supervision', authority: { kind: 'supervision', unit: null } });
      for (const officer of [tianhe, gz, prov]) {
        const items = (await officer.get('/api/complaints')).json().items;
        expect(items.map((i: { trackingNumber: string }) => i.trackingNumber)).not.toContain(trackingNumber);
        expect((await officer.get(`/api/complaints/${mine.id}`)).statusCode).toBe(404);
        expect((await officer.post(`/api/complaints/${mine.id}/accept`, {})).statusCode).toBe(404);
      }
      const detail = (await sup.get(`/api/complaints/${mine.id}`)).json();
      expect(detail.allowedSteps).toEqual(['accept', 'reject']);
      expect(detail.canRevealIdentity).toBe(true);
      expect((await sup.post(`/api/complaints/${mine.id}/accept`, { version: detail.version })).json().status).toBe('accepted');
      const who = await sup.post(`/api/complaints/${mine.id}/identity`, { reason: '核实投诉内容' });
      expect(who.json()).toEqual({ anonymous: false, name: OFFICIAL.name, contact: null });
    });

    it('records a notice at each change and keeps the deadlines (accept → handling → transfer → accept → close)', async () => {
      const { trackingNumber, accessCode } = (await submit({ ...ANON, content: '商场停车场的监控录像只保存了十天左右。' })).json();
      const item = (await tianhe.get('/api/complaints?mine=true')).json().items.find((i: { trackingNumber: string }) => i.trackingNumber === trackingNumber);
      const id = item.id as string;
      expect(item.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['complaint.acknowledge']);
      // A bureau that sees (the city, superior) but does not handle cannot act.
      expect((await gz.post(`/api/complaints/${id}/accept`, {})).statusCode).toBe(403);
      expect((await tianhe.post(`/api/complaints/${id}/close`, { result: 'x' })).json().code).toBe('TRANSITION_NOT_ALLOWED');
      expect((await tianhe.post(`/api/complaints/${id}/accept`, { version: 99 })).json().code).toBe('CONFLICT');

      await travel('2026-03-04T02:00:00Z');
      let d = (await tianhe.post(`/api/complaints/${id}/accept`, {})).json();
      expect(d.status).toBe('accepted');
      const ack = d.deadlines.find((x: { kind: string }) => x.kind === 'complaint.acknowledge');
      expect(ack).toMatchObject({ status: 'closed', outcome: 'met', closedOn: '2026-03-04' });
      const handle = d.deadlines.find((x: { kind: string }) => x.kind === 'complaint.handle');
      expect(handle).toMatchObject({ status: 'open', startDate: '2026-03-04', days: 60, dayKind: 'calendar', dueDate: '2026-05-06' });
      d = (await tianhe.post(`/api/complaints/${id}/start`, {})).json();
      expect(d.status).toBe('handling');
      expect((await tianhe.post(`/api/complaints/${id}/transfer`, { toUnitId: 'PSB-440106', reasons: 'x' })).json().code).toBe('COMPLAINT_INPUT_INVALID');
      expect((await tianhe.post(`/api/complaints/${id}/transfer`, { toUnitId: 'PSB-440100', reasons: '  ' })).json().code).toBe('COMPLAINT_REASON_REQUIRED');
      d = (await tianhe.post(`/api/complaints/${id}/transfer`, { toUnitId: 'PSB-440100', reasons: '涉及市属场所，移交市局' })).json();
      expect(d).toMatchObject({ status: 'received', authority: { unit: { id: 'PSB-440100' } } });
      expect(d.deadlines.find((x: { kind: string }) => x.kind === 'complaint.handle')).toMatchObject({ status: 'closed', outcome: 'cancelled' });
      // Tianhe no longer acts; Guangzhou does.
      expect((await tianhe.get(`/api/complaints/${id}`)).json().allowedSteps).toEqual([]);
      expect((await gz.post(`/api/complaints/${id}/accept`, {})).json().status).toBe('accepted');
      expect((await gz.post(`/api/complaints/${id}/close`, { result: '   ' })).json().code).toBe('COMPLAINT_REASON_REQUIRED');
      d = (await gz.post(`/api/complaints/${id}/close`, { result: '已责令该单位限期整改，录像保存期限已恢复为三十日。' })).json();
      expect(d).toMatchObject({ status: 'closed', closedOn: '2026-03-04' });

      const page = (await status(trackingNumber, accessCode)).json();
      expect(page.notices.map((n: { kind: string }) => n.kind)).toEqual(['received', 'accepted', 'handling', 'transferred', 'accepted', 'closed']);
      expect(page.notices[3]).toMatchObject({ note: '涉及市属场所，移交市局', toUnit: { id: 'PSB-440100' } });
      expect(page.notices[5].note).toContain('限期整改');
      const actions = (await h.db.db.selectFrom('ledger_entries').select('action').where('object_id', '=', id).orderBy('seq').execute()).map((e) => e.action);
      expect(actions).toEqual(['complaint.submitted', 'complaint.accepted', 'complaint.handling', 'complaint.transferred', 'complaint.accepted', 'complaint.closed']);
      await travel('2026-03-02T02:00:00Z');
    });

    it('rejects with reasons and tells the complainant', async () => {
      const { trackingNumber, accessCode } = (await submit({ ...ANON, content: '这是一件不属于公安机关管辖的民事纠纷事项。' })).json();
      const id = (await tianhe.get('/api/complaints?status=received')).json().items.find((i: { trackingNumber: string }) => i.trackingNumber === trackingNumber).id;
      expect((await tianhe.post(`/api/complaints/${id}/reject`, {})).statusCode).toBe(400);
      expect((await tianhe.post(`/api/complaints/${id}/reject`, { reasons: '' })).json().code).toBe('COMPLAINT_REASON_REQUIRED');
      expect((await tianhe.post(`/api/complaints/${id}/reject`, { reasons: '属于民事纠纷，请通过诉讼途径解决' })).json().status).toBe('rejected');
      const page = (await status(trackingNumber, accessCode)).json();
      expect(page.notices.at(-1)).toMatchObject({ kind: 'rejected', status: 'rejected', note: '属于民事纠纷，请通过诉讼途径解决' });
    });

    it('shows the identity to the handling bureau only, as a ledgered read with a reason', async () => {
      const { trackingNumber } = (await submit({ ...NAMED, divisionCode: '440106' })).json();
      const id = (await tianhe.get('/api/complaints')).json().items.find((i: { trackingNumber: string }) => i.trackingNumber === trackingNumber).id;
      const detail = (await tianhe.get(`/api/complaints/${id}`)).json();
      expect(detail.anonymous).toBe(false);
      expect(JSON.stringify(detail)).not.toContain(NAMED.name);
      expect(detail.canRevealIdentity).toBe(true);
      expect((await gz.get(`/api/complaints/${id}`)).json().canRevealIdentity).toBe(false);
      expect((await gz.post(`/api/complaints/${id}/identity`, { reason: '查看' })).statusCode).toBe(403);
      expect((await unit.post(`/api/complaints/${id}/identity`, { reason: '查看' })).statusCode).toBe(403);
      expect((await sup.post(`/api/complaints/${id}/identity`, { reason: '查看' })).statusCode).toBe(404);
      expect((await h.app.inject({ method: 'POST', url: `/api/complaints/${id}/identity`, payload: { reason: 'x' } })).statusCode).toBe(401);
      const who = (await tianhe.post(`/api/complaints/${id}/identity`, { reason: '需要电话回访核实情况' })).json();
      expect(who).toEqual({ anonymous: false, name: NAMED.name, contact: NAMED.contact });
      const entry = await h.db.db.selectFrom('ledger_entries').selectAll().where('action', '=', 'complaint.identity_read').where('object_id', '=', id).executeTakeFirstOrThrow();
      expect(entry.detail).toContain('需要电话回访核实情况');
      expect(entry.detail).not.toContain(NAMED.name);
      expect(entry.detail).not.toContain(NAMED.contact);
    });

    it('shows the supervisory organ late and unattended complaints per bureau, with their ledger entries', async () => {
      const { trackingNumber } = (await submit({ ...ANON, content: '小区出入口的人脸识别设备存在安全隐患。' })).json();
      expect((await unit.get('/api/oversight/complaints')).statusCode).toBe(403);
      expect((await tianhe.get('/api/oversight/complaints')).statusCode).toBe(403);
      expect((await prov.get('/api/oversight/complaints')).statusCode).toBe(403);
      await travel('2026-03-20T02:00:00Z');
      const view = (await sup.get('/api/oversight/complaints')).json();
      expect(view.asOf).toBe('2026-03-20');
      const th = view.bureaus.find((b: { unit: { id: string } }) => b.unit.id === 'PSB-440106');
      const item = th.items.find((i: { trackingNumber: string }) => i.trackingNumber === trackingNumber);
      expect(item.findings).toEqual([{ kind: 'overdue', deadlineKind: 'complaint.acknowledge', dueDate: '2026-03-17', closedOn: null }]);
      expect(item.ledger.map((e: { action: string }) => e.action)).toContain('complaint.submitted');
      expect(view.aboutOfficials.length).toBeGreaterThan(0);
      // Accepted late: the finding becomes "late" and the acceptance entry is shown behind it.
      await tianhe.post(`/api/complaints/${item.id}/accept`, {});
      const after = (await sup.get('/api/oversight/complaints')).json();
      const again = after.bureaus.find((b: { unit: { id: string } }) => b.unit.id === 'PSB-440106').items.find((i: { id: string }) => i.id === item.id);
      expect(again.findings).toEqual([{ kind: 'late', deadlineKind: 'complaint.acknowledge', dueDate: '2026-03-17', closedOn: '2026-03-20' }]);
      expect(again.ledger.map((e: { action: string }) => e.action)).toEqual(['complaint.submitted', 'complaint.accepted']);
      expect(JSON.stringify(after)).not.toContain(NAMED.name);
      await travel('2026-03-02T02:00:00Z');
    });

    it('gives unit users and companies no route to complaints', async () => {
      expect((await unit.get('/api/complaints')).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'GET', url: '/api/complaints' })).statusCode).toBe(401);
    });

    it('limits public submissions per source address', async () => {
      const limited = await openHarness(dialect, '2026-03-02', { JIFANG_KEYS_DIR: join(mkdtempSync(join(tmpdir(), 'jifang-complaints-')), 'keys') });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await limited.app.inject({ method: 'POST', url: '/api/public/complaints', payload: ANON, remoteAddress: '10.9.9.9' });
          codes.push(res.statusCode);
        }
        expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
        const other = await limited.app.inject({ method: 'POST', url: '/api/public/complaints', payload: ANON, remoteAddress: '10.9.9.8' });
        expect(other.statusCode).toBe(201);
      } finally {
        await limited.close();
      }
    });
  });
}
