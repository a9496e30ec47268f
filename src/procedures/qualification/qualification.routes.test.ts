import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { addDays, addYears } from '../../platform/calendar/dates.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { readLedger } from '../../platform/audit/ledger.js';
import { seedQualificationLevels } from './qualification.seed.js';
import { addCertificate, addCompany, snapshot } from './qualification.testing.js';

const TODAY = '2026-03-02';
const APPS = '/api/qualification/applications';
/** A certificate whose last day is `daysLeft` days from TODAY (2-year validity). */
const fromForDaysLeft = (daysLeft: number) => addYears(addDays(TODAY, daysLeft + 1), -2);

function expectProblem(res: LightMyRequestResponse, status: number, code: string, article?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ status, code });
  if (article) expect(body.article).toBe(article);
  return body;
}

for (const dialect of TEST_DIALECTS) {
  describe(`qualification routes on ${dialect}`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};
    const co: Record<string, string> = {};

    beforeAll(async () => {
      h = await openHarness(dialect, TODAY);
      await h.db.db.transaction().execute((trx) => seedQualificationLevels(trx, '2026-01-01T00:00:00.000Z'));
      await h.addOfficers();
      const companies = {
        a: ['440106', 'guangdong'], // Tianhe, Guangzhou: first application
        b: ['440305', 'guangdong'], // Nanshan, Shenzhen
        c: ['440104', 'guangdong'], // Yuexiu, Guangzhou: level III since 2025-01-10, promotion to II
        early: ['440106', 'guangdong'], // level IV one day short of a year
        p4: ['440106', 'guangdong'], // level IV for more than a year
        r31: ['440106', 'guangdong'], // 31 days before expiry
        r30: ['440106', 'guangdong'], // 30 days before expiry
        late: ['440106', 'guangdong'], // expired yesterday
        oop: ['430100', 'out_of_province'],
      } as const;
      for (const [key, [division, origin]] of Object.entries(companies)) {
        co[key] = await addCompany(h.db, division, origin, `${key}安防有限公司`);
        await h.addUser({ username: `company.${key}`, role: 'company_user', companyId: co[key] });
      }
      await h.addUser({ username: 'unit.a', role: 'unit_user' });
      await addCertificate(h.db, { companyId: co.c, level: 'III', validFrom: '2025-01-10' });
      await addCertificate(h.db, { companyId: co.early, level: 'IV', validFrom: '2025-03-03' });
      await addCertificate(h.db, { companyId: co.p4, level: 'IV', validFrom: '2024-06-01' });
      await addCertificate(h.db, { companyId: co.r31, level: 'IV', validFrom: fromForDaysLeft(31) });
      await addCertificate(h.db, { companyId: co.r30, level: 'IV', validFrom: fromForDaysLeft(30) });
      await addCertificate(h.db, { companyId: co.late, level: 'IV', validFrom: fromForDaysLeft(-1) });
      for (const u of ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'sz.officer', 'unit.a', ...Object.keys(companies).map((k) => `company.${k}`)]) {
        s[u] = await h.login(u);
      }
    });
    afterAll(() => h.close());

    it('art. 14: levels are public; only the province sets them, and it is in the ledger', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/qualification/levels' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toContain('public');
      expect(res.json().map((l: { level: string }) => l.level)).toEqual(['I', 'II', 'III', 'IV']);
      expect(res.json()[0]).toMatchObject({ illustrative: true, projectScales: [1, 2, 3] });
      const body = { scopeZh: '一级：各类技防工程', scopeEn: 'Level I: all projects', projectScales: [1, 2, 3], promotionChecklist: [{ id: 'I-x', zh: '条件', en: 'item' }] };
      expectProblem(await s['gz.officer'].put('/api/qualification/levels/I', body), 403, 'FORBIDDEN');
      expectProblem(await h.app.inject({ method: 'PUT', url: '/api/qualification/levels/I', payload: body }), 401, 'UNAUTHENTICATED');
      expectProblem(await s['gd.officer'].put('/api/qualification/levels/I', { ...body, projectScales: [4] }), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gd.officer'].put('/api/qualification/levels/V', body), 400, 'VALIDATION_FAILED');
      const ok = await s['gd.officer'].put('/api/qualification/levels/I', body);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ level: 'I', illustrative: false, scopeZh: '一级：各类技防工程' });
      const ledger = await readLedger(h.db.db, { objectType: 'qualification_level', objectId: 'I' });
      expect(ledger.map((e) => [e.action, e.article])).toEqual([['qualification.level_updated', '14']]);
    });

    it('a first application from submission to a certificate anyone can verify, scoped at every step', async () => {
      const created = await s['company.a'].post(APPS, { kind: 'first', targetLevel: 'IV', materials: [{ name: '营业执照', ref: 'doc-1' }] });
      expect(created.statusCode, created.body).toBe(201);
      const app = created.json();
      // 5 working days after Monday 2026-03-02 (Licensing Law art. 32, 82).
      expect(app).toMatchObject({ status: 'submitted', companyName: 'a安防有限公司', dueDate: '2026-03-09', dueDateProvisional: false, actions: ['withdraw'] });
      expect(app.deadline).toMatchObject({ kind: 'qualification.acceptance', dueDate: '2026-03-09', daysLeft: 5, overdue: false, paused: false, calendarRevision: 0 });
      const url = `${APPS}/${app.id}`;

      const listed = async (who: string) => (await s[who].get(APPS)).json().items.find((i: { id: string }) => i.id === app.id);
      expect((await listed('gz.officer')).actions).toEqual(['accept', 'notice', 'reject']);
      expect((await listed('gz.tianhe.officer')).actions).toEqual([]);
      expect((await listed('gd.officer')).actions).toEqual([]);
      expect(await listed('sz.officer')).toBeUndefined();
      expect(await listed('company.b')).toBeUndefined();

      expectProblem(await s['gz.tianhe.officer'].post(`${url}/accept`, {}), 403, 'FORBIDDEN');
      expectProblem(await s['sz.officer'].post(`${url}/accept`, {}), 404, 'NOT_FOUND');
      expectProblem(await s['sz.officer'].get(url), 404, 'NOT_FOUND');
      expectProblem(await s['company.b'].get(url), 404, 'NOT_FOUND');
      expectProblem(await h.app.inject({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
      expectProblem(await s['gd.officer'].post(`${url}/accept`, {}), 403, 'FORBIDDEN');
      expectProblem(await s['company.a'].post(`${url}/accept`, {}), 403, 'FORBIDDEN');

      const accepted = await s['gz.officer'].post(`${url}/accept`, {});
      expect(accepted.json()).toMatchObject({ status: 'accepted', dueDate: '2026-03-30', actions: ['approve', 'refuse'] });
      expect((await listed('gz.officer')).deadline).toMatchObject({ kind: 'qualification.decision', article: '行政许可法42', dueDate: '2026-03-30', daysLeft: 20 });
      expectProblem(await s['gz.officer'].post(`${url}/decide`, { approve: false, reasons: '  ' }), 422, 'REASONS_REQUIRED', '行政许可法38');
      const decided = await s['gz.officer'].post(`${url}/decide`, { approve: true, reasons: '' });
      expect(decided.statusCode, decided.body).toBe(200);
      const detail = decided.json();
      expect(detail).toMatchObject({ status: 'approved', dueDate: null, deadline: null, actions: [] });
      expect(detail.deadlines.map((d: { kind: string; outcome: string }) => [d.kind, d.outcome])).toEqual([
        ['qualification.decision', 'met'],
        ['qualification.acceptance', 'met'],
      ]);
      expect(detail.history.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'issue', 'approve']);
      expect(detail.history.at(-1)).toMatchObject({ actorRole: 'city_officer', article: '14' });

      const certs = (await s['company.a'].get('/api/qualification/certificates')).json().items;
      const cert = certs.find((c: { id: string }) => c.id === detail.certificateId);
      expect(cert).toMatchObject({ level: 'IV', validFrom: TODAY, validTo: '2028-03-01', status: 'valid', companyName: 'a安防有限公司' });
      expect((await s['company.b'].get('/api/qualification/certificates')).json().items).toEqual([]);
      expect((await s['sz.officer'].get('/api/qualification/certificates')).json().items.some((c: { id: string }) => c.id === cert.id)).toBe(false);

      const pdfUrl = `/api/qualification/certificates/${cert.id}/pdf`;
      const before = (await readLedger(h.db.db, { objectType: 'certificate', objectId: cert.id })).length;
      const pdf = await s['company.a'].get(pdfUrl);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${cert.number}.pdf"`);
      expect(pdf.headers['cache-control']).toBe('no-store');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      // The Chinese text is set in an embedded CJK font (a subset), not a fallback that prints boxes.
      expect(pdf.rawPayload.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+(WenQuanYiMicroHei|NotoSansCJK)/);
      const after = await readLedger(h.db.db, { objectType: 'certificate', objectId: cert.id });
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ action: 'certificate.read', actor_role: 'company_user' });
      expectProblem(await s['company.b'].get(pdfUrl), 404, 'CERTIFICATE_NOT_FOUND');
      expectProblem(await h.app.inject({ method: 'GET', url: pdfUrl }), 401, 'UNAUTHENTICATED');

      const pub = await h.app.inject({ method: 'GET', url: `/api/public/certificates/${cert.number}` });
      expect(pub.statusCode).toBe(200);
      expect(pub.json()).toEqual({ number: cert.number, companyName: 'a安防有限公司', kind: 'qualification', level: 'IV', validFrom: TODAY, validTo: '2028-03-01', status: 'valid' });
      const search = await h.app.inject({ method: 'GET', url: `/api/public/companies?name=${encodeURIComponent('a安防')}&level=IV&city=440100` });
      expect(search.json().items).toEqual([
        { companyId: co.a, companyName: 'a安防有限公司', level: 'IV', city: '440100', cityName: '广州市', certificateNumber: cert.number, validTo: '2028-03-01', status: 'valid' },
      ]);

      // art. 15: a company holding a current certificate renews or is promoted; no second first application.
      expectProblem(await s['company.a'].post(APPS, { kind: 'first', materials: [] }), 422, 'ALREADY_QUALIFIED', '15');
    });

    it('art. 14: level II — the city examines, only the province decides, only after examination', async () => {
      const checklist = { 'II-projects': true, 'II-engineers': true };
      const created = await s['company.c'].post(APPS, { kind: 'promotion', targetLevel: 'II', checklist, materials: [{ name: '业绩', ref: 'p' }] });
      expect(created.statusCode, created.body).toBe(201);
      const url = `${APPS}/${created.json().id}`;
      expect(created.json()).toMatchObject({ decidingUnit: { id: 'PSB-440000' }, examiningUnit: { id: 'PSB-440100' } });
      await s['gz.officer'].post(`${url}/accept`, {});
      expectProblem(await s['gz.officer'].post(`${url}/decide`, { approve: true, reasons: '' }), 403, 'FORBIDDEN');
      expectProblem(await s['gd.officer'].post(`${url}/decide`, { approve: true, reasons: '' }), 409, 'TRANSITION_NOT_ALLOWED');
      expectProblem(await s['gd.officer'].post(`${url}/examine`, { pass: true, opinion: '同意' }), 403, 'FORBIDDEN');
      const examined = await s['gz.officer'].post(`${url}/examine`, { pass: true, opinion: '经初审，符合二级条件' });
      expect(examined.json()).toMatchObject({ status: 'examined', examinationPassed: true, opinion: '经初审，符合二级条件', actions: [] });
      expect((await s['gd.officer'].get(url)).json().actions).toEqual(['approve', 'refuse']);
      const decided = await s['gd.officer'].post(`${url}/decide`, { approve: true, reasons: '符合条件' });
      expect(decided.json()).toMatchObject({ status: 'approved', reasons: '符合条件' });
      const ledger = await readLedger(h.db.db, { objectType: 'qualification_application', objectId: created.json().id });
      expect(ledger.map((e) => [e.action, e.article, e.actor_role])).toEqual([
        ['qualification.applied', '15', 'company_user'],
        ['qualification.accepted', '行政许可法32', 'city_officer'],
        ['qualification.examined', '14', 'city_officer'],
        ['qualification.approved', '14', 'province_officer'],
      ]);
      const certs = (await s['company.c'].get('/api/qualification/certificates')).json().items;
      expect(certs.map((c: { level: string; status: string }) => [c.level, c.status]).sort()).toEqual([['II', 'valid'], ['III', 'superseded']]);
    });

    it.each([
      ['company.b', { kind: 'first', targetLevel: 'III', materials: [] }, 422, 'FIRST_APPLICATION_LEVEL_IV_ONLY', '15'],
      ['company.early', { kind: 'promotion', targetLevel: 'III', checklist: { 'III-projects': true, 'III-staff': true }, materials: [] }, 422, 'PROMOTION_TOO_EARLY', '15'],
      ['company.early', { kind: 'promotion', targetLevel: 'II', materials: [] }, 422, 'PROMOTION_ONE_LEVEL_ONLY', '15'],
      ['company.r31', { kind: 'renewal', materials: [] }, 422, 'RENEWAL_WINDOW_NOT_OPEN', '15'],
      ['company.late', { kind: 'renewal', materials: [] }, 422, 'RENEWAL_WINDOW_CLOSED', '15'],
      ['company.late', { kind: 'extension', extensionDays: 30, materials: [] }, 422, 'RENEWAL_WINDOW_CLOSED', '15'],
      ['company.r30', { kind: 'extension', extensionDays: 91, materials: [] }, 422, 'EXTENSION_TOO_LONG', '15'],
      ['company.b', { kind: 'record', targetLevel: 'II', materials: [] }, 422, 'RECORD_FILING_OUT_OF_PROVINCE_ONLY', '16'],
      ['company.oop', { kind: 'first', materials: [] }, 422, 'OUT_OF_PROVINCE_NEEDS_RECORD', '16'],
      ['company.b', { kind: 'renewal', certificateId: 'no-such-certificate', materials: [] }, 404, 'CERTIFICATE_NOT_FOUND', undefined],
      ['company.b', { kind: 'promotion', targetLevel: 'III', materials: [] }, 422, 'CERTIFICATE_NOT_USABLE', '15'],
      ['gz.officer', { kind: 'first', materials: [] }, 403, 'FORBIDDEN', undefined],
      ['unit.a', { kind: 'first', materials: [] }, 403, 'FORBIDDEN', undefined],
    ] as const)('%s applying %j → %i %s (art. %s), nothing written', async (who, body, status, code, article) => {
      const before = await snapshot(h.db);
      expectProblem(await s[who].post(APPS, body), status, code, article);
      expect(await snapshot(h.db)).toEqual(before);
    });

    it('art. 15: promotion with an unmet checklist item names it', async () => {
      const res = await s['company.p4'].post(APPS, { kind: 'promotion', targetLevel: 'III', checklist: { 'III-projects': true, 'III-staff': false }, materials: [] });
      expect(expectProblem(res, 422, 'PROMOTION_REQUIREMENTS_UNMET', '15').missing).toEqual(['III-staff']);
      const ok = await s['company.p4'].post(APPS, { kind: 'promotion', targetLevel: 'III', checklist: { 'III-projects': true, 'III-staff': true }, materials: [] });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ decidingUnit: { id: 'PSB-440100' }, examiningUnit: null, checklist: { 'III-projects': true, 'III-staff': true } });
    });

    it('art. 15: renewal 30 days before expiry is accepted for filing; a second one is pending', async () => {
      const res = await s['company.r30'].post(APPS, { kind: 'renewal', materials: [{ name: '换证申请表', ref: 'r' }] });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ kind: 'renewal', targetLevel: 'IV', status: 'submitted' });
      expectProblem(await s['company.r30'].post(APPS, { kind: 'extension', extensionDays: 10, materials: [] }), 409, 'APPLICATION_PENDING');
      const url = `${APPS}/${res.json().id}`;
      expectProblem(await s['gz.officer'].post(`${url}/notice`, { missing: ['  ', ''] }), 422, 'NOTICE_EMPTY', '行政许可法32');
      expectProblem(await s['gz.officer'].post(`${url}/notice`, { missing: [] }), 422, 'NOTICE_EMPTY', '行政许可法32');
      const noticed = await s['gz.officer'].post(`${url}/notice`, { missing: ['原证书复印件', '人员社保证明'] });
      expect(noticed.json()).toMatchObject({ status: 'supplement_required', missingNotice: ['原证书复印件', '人员社保证明'], actions: [] });
      expect((await s['company.r30'].get(url)).json().actions).toEqual(['supplement', 'withdraw']);
      const back = await s['company.r30'].post(`${url}/supplement`, { materials: [{ name: '原证书复印件', ref: 'c' }] });
      expect(back.json()).toMatchObject({ status: 'submitted', dueDate: '2026-03-09' });
      const withdrawn = await s['company.r30'].post(`${url}/withdraw`, {});
      expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', actions: [] });
    });

    it('art. 16: an out-of-province record filing goes to the province', async () => {
      const res = await s['company.oop'].post(APPS, { kind: 'record', targetLevel: 'III', materials: [{ name: '原资质证书', ref: 'h' }] });
      expect(res.statusCode, res.body).toBe(201);
      const url = `${APPS}/${res.json().id}`;
      expectProblem(await s['gz.officer'].get(url), 404, 'NOT_FOUND');
      await s['gd.officer'].post(`${url}/accept`, {});
      const done = (await s['gd.officer'].post(`${url}/decide`, { approve: true })).json();
      expect(done.history.at(-1)).toMatchObject({ action: 'approve', article: '16' });
      const cert = (await s['company.oop'].get('/api/qualification/certificates')).json().items[0];
      expect(cert).toMatchObject({ kind: 'record', level: 'III', validTo: '2027-03-01' });
      expect(cert.number).toMatch(/^GD-JFBA-2026-\d{6}$/);
    });

    it('roles without qualification rights are refused; anonymous callers must sign in', async () => {
      expectProblem(await s['unit.a'].get(APPS), 403, 'FORBIDDEN');
      expectProblem(await s['unit.a'].get('/api/qualification/certificates'), 403, 'FORBIDDEN');
      expectProblem(await h.app.inject({ method: 'GET', url: APPS }), 401, 'UNAUTHENTICATED');
      expectProblem(await h.app.inject({ method: 'POST', url: APPS, payload: { kind: 'first', materials: [] } }), 401, 'UNAUTHENTICATED');
      expectProblem(await h.app.inject({ method: 'GET', url: '/api/qualification/certificates' }), 401, 'UNAUTHENTICATED');
    });

    it('bad input → 4xx problem JSON, never 500, and nothing written', async () => {
      const before = await snapshot(h.db);
      const raw = (payload: string, url = APPS) =>
        h.app.inject({ method: 'POST', url, payload, headers: { cookie: `jf_session=${s['company.b'].cookie}`, 'x-csrf-token': s['company.b'].csrf, 'content-type': 'application/json' } });
      expectProblem(await raw('{"kind": "first", "materials": ['), 400, 'MALFORMED_JSON');
      expectProblem(await raw(''), 400, 'MALFORMED_JSON');
      const long = 'x'.repeat(201);
      const many = Array.from({ length: 51 }, (_, i) => ({ name: `m${i}`, ref: 'r' }));
      for (const body of [
        { kind: 5, materials: [] },
        { kind: 'first' },
        { kind: 'upgrade', materials: [] },
        { kind: 'first', materials: [{ name: long, ref: 'r' }] },
        { kind: 'first', materials: many },
        { kind: 'first', materials: [], admin: true },
        { kind: 'extension', extensionDays: '30', materials: [] },
        { kind: 'extension', extensionDays: 1.5, materials: [] },
        { kind: 'first', targetLevel: 'V', materials: [] },
        { kind: 'promotion', targetLevel: 'III', checklist: { ['k'.repeat(65)]: true }, materials: [] },
        { kind: 'promotion', targetLevel: 'III', checklist: { a: 'yes' }, materials: [] },
      ]) {
        expectProblem(await s['company.b'].post(APPS, body), 400, 'VALIDATION_FAILED');
      }
      expectProblem(await s['gz.officer'].post(`${APPS}/no-such-id/accept`, {}), 404, 'NOT_FOUND');
      expectProblem(await s['gz.officer'].post(`${APPS}/${'x'.repeat(65)}/accept`, {}), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gz.officer'].post(`${APPS}/no-such-id/accept`, { version: 'one' }), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gz.officer'].post(`${APPS}/no-such-id/notice`, { missing: ['x'.repeat(501)] }), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gz.officer'].get(`${APPS}/no-such-id`), 404, 'NOT_FOUND');
      expectProblem(await s['gz.officer'].get(`${APPS}?status=bogus`), 400, 'VALIDATION_FAILED');
      expectProblem(await s['company.a'].get('/api/qualification/certificates/nope/pdf'), 404, 'CERTIFICATE_NOT_FOUND');
      expect(await snapshot(h.db)).toEqual(before);
    });

    it('public verification: unknown numbers 404; the search validates and pages', async () => {
      for (const n of ['GD-JF-4401-2026-999999', '%25%27%20or%201%3D1', encodeURIComponent('粤公技防')]) {
        const res = await h.app.inject({ method: 'GET', url: `/api/public/certificates/${n}` });
        expectProblem(res, 404, 'CERTIFICATE_NOT_FOUND');
      }
      expectProblem(await h.app.inject({ method: 'GET', url: `/api/public/certificates/${'A'.repeat(65)}` }), 400, 'VALIDATION_FAILED');
      expectProblem(await h.app.inject({ method: 'GET', url: '/api/public/companies?city=110000' }), 400, 'VALIDATION_FAILED');
      expectProblem(await h.app.inject({ method: 'GET', url: '/api/public/companies?page=0' }), 400, 'VALIDATION_FAILED');
      const all = await h.app.inject({ method: 'GET', url: '/api/public/companies' });
      expect(all.statusCode).toBe(200);
      expect(all.headers['cache-control']).toContain('public');
      const body = all.json();
      expect(body).toMatchObject({ page: 1, pageSize: 50 });
      // Superseded, expired and record certificates are not in the register of qualified companies.
      expect(body.items.every((i: { status: string }) => i.status === 'valid' || i.status === 'expiring')).toBe(true);
      expect(body.items.some((i: { companyName: string }) => i.companyName === 'late安防有限公司')).toBe(false);
      const wild = await h.app.inject({ method: 'GET', url: '/api/public/companies?name=%25' });
      expect(wild.json().items).toEqual([]);
      expect((await h.app.inject({ method: 'GET', url: '/api/public/companies?page=2' })).json().items).toEqual([]);
    });

    it('行政许可法82: a period running into 2027 (no official arrangement) is provisional; approving 2027 recomputes it', async () => {
      h.clock.set('2026-12-28');
      try {
        await h.addUser({ username: 'gd.officer2', role: 'province_officer', policeUnitId: 'PSB-440000' });
        for (const key of ['y', 'z']) {
          co[key] = await addCompany(h.db, '440106', 'guangdong', `${key}安防有限公司`);
          await h.addUser({ username: `company.${key}`, role: 'company_user', companyId: co[key] });
        }
        const [gd, gd2, gz, y, z] = await Promise.all(['gd.officer', 'gd.officer2', 'gz.officer', 'company.y', 'company.z'].map((u) => h.login(u)));
        // Monday 2026-12-28: 12-29, 30, 31, then 2027 with Monday–Friday assumed (01-01 counts), 01-04.
        const waiting = (await y.post(APPS, { kind: 'first', materials: [] })).json();
        expect(waiting).toMatchObject({ dueDate: '2027-01-04', dueDateProvisional: true });
        expect(waiting.deadline).toMatchObject({ dueDate: '2027-01-04', provisional: true, calendarRevision: 0, daysLeft: 5 });
        // Accepted the same day: 20 working days, 01-01 assumed working → Monday 2027-01-25.
        const decided = (await z.post(APPS, { kind: 'first', materials: [] })).json();
        const accepted = (await gz.post(`${APPS}/${decided.id}/accept`, {})).json();
        expect(accepted).toMatchObject({ dueDate: '2027-01-25', dueDateProvisional: true, deadline: { kind: 'qualification.decision', provisional: true } });

        const proposed = await gd.post('/api/calendar/revisions', { year: 2027, divisionCode: '440000', off: ['2027-01-01'], work: [], source: '2027年元旦（测试数据）' });
        expect(proposed.statusCode, proposed.body).toBe(201);
        const approved = await gd2.post(`/api/calendar/revisions/${proposed.json().id}/approve`, {});
        expect(approved.statusCode, approved.body).toBe(200);
        const revision = approved.json().revision as number;
        expect(revision).toBeGreaterThan(0);
        expect(approved.json().recomputed.changed).toBeGreaterThanOrEqual(2);

        // 2027-01-01 is now a holiday: each period ends one working day later, no longer provisional.
        const again = (await y.get(`${APPS}/${waiting.id}`)).json();
        expect(again).toMatchObject({ dueDate: '2027-01-05', dueDateProvisional: false });
        expect(again.deadline).toMatchObject({ dueDate: '2027-01-05', provisional: false, calendarRevision: revision, daysLeft: 5 });
        const queue = (await gz.get(APPS)).json().items as { id: string; dueDate: string | null; deadline: { calendarRevision: number } | null }[];
        expect(queue.find((i) => i.id === decided.id)).toMatchObject({ dueDate: '2027-01-26', dueDateProvisional: false, deadline: { calendarRevision: revision } });
        // The queue follows the recomputed dates (it joins the deadline; no stale copy on the row).
        const dated = queue.filter((i) => i.dueDate !== null).map((i) => i.dueDate!);
        expect(dated).toEqual([...dated].sort());
        const ledger = await readLedger(h.db.db, { objectType: 'deadline', objectId: again.deadline.id });
        expect(ledger.at(-1)).toMatchObject({ action: 'deadline.recomputed', article: '行政许可法32' });
        expect(JSON.parse(ledger.at(-1)!.detail!)).toMatchObject({ beforeDueDate: '2027-01-04', afterDueDate: '2027-01-05', revision });
      } finally {
        h.clock.set(TODAY);
      }
    });

    it('the OpenAPI document lists every qualification route', async () => {
      const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      for (const p of ['/api/qualification/levels', '/api/qualification/applications/{id}/decide', '/api/qualification/certificates/{id}/pdf', '/api/public/certificates/{number}', '/api/public/companies']) {
        expect(Object.keys(doc.paths)).toContain(p);
      }
    });
  });
}
