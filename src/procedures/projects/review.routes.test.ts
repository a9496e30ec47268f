import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedger } from '../../platform/audit/ledger.js';
import { verifyLedger } from '../../platform/audit/verify.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { computeDue } from '../../platform/calendar/legal-days.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { addDocument, expectProblem, projectSnapshot, setUpProjectWorld, type ProjectWorld } from './projects.testing.js';

const P = '/api/projects';

for (const dialect of TEST_DIALECTS) {
  describe(`projects: design-scheme review on ${dialect}`, () => {
    let h: Harness;
    let w: ProjectWorld;
    const s: Record<string, Pick<Session, 'get' | 'post'>> = {};
    // Sessions lapse when the test clock jumps ahead: each user signs in again on a new day.
    const live: Record<string, { day: string; session: Session }> = {};
    async function fresh(u: string): Promise<Session> {
      const day = h.clock.now().toISOString();
      if (live[u]?.day !== day) live[u] = { day, session: await h.login(u) };
      return live[u].session;
    }

    beforeAll(async () => {
      h = await openHarness(dialect, '2026-09-14');
      w = await setUpProjectWorld(h);
      const users = ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'gz.yuexiu.officer', 'sz.officer', 'dg.officer', 'unit.tianhe', 'unit.dongguan', 'unit.other', 'company.designer', 'company.other'];
      for (const u of users) s[u] = { get: async (url) => (await fresh(u)).get(url), post: async (url, b) => (await fresh(u)).post(url, b) };
    });
    afterAll(() => h.close());

    const body = (siteId: string, over: Record<string, unknown> = {}) => ({
      title: '营业部技防改造',
      siteId,
      systemTypes: ['video_surveillance', 'intrusion_alarm'],
      designerCompanyId: w.companies.designer,
      builderCompanyId: w.companies.builder,
      investmentYuan: 500_000,
      ...over,
    });

    async function create(who: string, siteId: string, over: Record<string, unknown> = {}) {
      const res = await s[who].post(P, body(siteId, over));
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    }

    async function step(who: string, id: string, verb: string, extra: Record<string, unknown> = {}, status = 200) {
      const res = await s[who].post(`${P}/${id}/${verb}`, extra);
      expect(res.statusCode, res.body).toBe(status);
      return res.json();
    }

    /** A Tianhe key-unit project with the given scheme documents, submitted today. */
    async function submitted(docs: string[] = ['design_scheme', 'bidding_documents', 'contracts', 'quality_certificates', 'construction_drawings'], over: Record<string, unknown> = {}) {
      const p = await create('unit.tianhe', w.sites.tianheKeyUnit, over);
      for (const d of docs) await addDocument(h.db, p.id, d);
      return step('unit.tianhe', p.id, 'submit', { version: p.version });
    }

    it('drafts a key-unit project: competent county bureau, scale class, planned registry systems', async () => {
      h.clock.set('2026-09-14');
      const p = await create('unit.tianhe', w.sites.tianheKeyUnit);
      expect(p).toMatchObject({
        status: 'draft',
        version: 1,
        title: '营业部技防改造',
        site: { id: w.sites.tianheKeyUnit, siteType: 'key_unit', divisionCode: '440106' },
        authority: { id: 'PSB-440106', name: '广州市公安局天河区分局' },
        scaleClass: 2,
        constructionUnitName: '某银行天河支行',
        companies: { designer: { id: w.companies.designer, name: '天河设计公司' }, builder: { id: w.companies.builder } },
        actions: ['submit', 'withdraw'],
        deadline: null,
        round: 0,
      });
      expect(p.number).toMatch(/^XM-440106-2026-\d{5}$/);
      expect(p.systems.map((x: { systemType: string; status: string }) => [x.systemType, x.status]).sort()).toEqual([
        ['intrusion_alarm', 'planned'],
        ['video_surveillance', 'planned'],
      ]);
      expect(p.checklist.map((c: { present: boolean }) => c.present)).toEqual([false, false, false, false, false]);
      const site = await s['unit.tianhe'].get(`/api/registry/sites/${w.sites.tianheKeyUnit}`);
      expect(site.json().systems.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(p.systems.map((x: { id: string }) => x.id)));
      expect((await readLedger(h.db.db, { objectType: 'project', objectId: p.id })).map((e) => [e.action, e.article])).toEqual([['project.created', '17']]);
    });

    it('art. 17 — the competent bureau for each kind of site and builder level', async () => {
      const dg = await create('unit.dongguan', w.sites.dongguanKeyUnit);
      expect(dg.authority.id).toBe('PSB-441900');
      const county = await create('gz.tianhe.officer', w.sites.tianheCountyArea);
      expect([county.authority.id, county.constructionUnitName]).toEqual(['PSB-440100', '天河区人民政府']);
      const city = await create('gz.officer', w.sites.guangzhouCityArea);
      expect([city.authority.id, city.constructionUnitName]).toEqual(['PSB-440000', '广州市人民政府']);
      const province = await create('gd.officer', w.sites.provinceArea);
      expect([province.authority.id, province.constructionUnitName]).toEqual(['PSB-440000', '广东省人民政府']);
      // The county-built area is submitted by the county bureau and reviewed by the city bureau.
      expect(county.actions).toEqual(['submit', 'withdraw']);
      expect((await s['gz.officer'].get(`${P}/${county.id}`)).json().actions).toEqual([]);
    });

    it('refuses drafts from the wrong actor, leaving nothing behind', async () => {
      const before = await projectSnapshot(h.db);
      expectProblem(await s['company.designer'].post(P, body(w.sites.tianheKeyUnit)), 403, 'FORBIDDEN');
      expectProblem(await s['unit.other'].post(P, body(w.sites.tianheKeyUnit)), 404, 'NOT_FOUND');
      expectProblem(await s['gz.tianhe.officer'].post(P, body(w.sites.tianheKeyUnit)), 422, 'PROJECT_SITE_NOT_ALLOWED', '17');
      expectProblem(await s['gz.officer'].post(P, body(w.sites.tianheCountyArea)), 422, 'PROJECT_SITE_NOT_ALLOWED', '7');
      expectProblem(await s['unit.tianhe'].post(P, body(w.sites.tianheCountyArea)), 404, 'NOT_FOUND');
      expectProblem(await s['unit.tianhe'].post(P, body(w.sites.tianheKeyUnit, { designerCompanyId: 'nope' })), 422, 'PROJECT_INPUT_INVALID');
      expectProblem(await s['unit.tianhe'].post(P, body(w.sites.tianheKeyUnit, { systemTypes: ['teleporter'] })), 400, 'VALIDATION_FAILED');
      expect(await projectSnapshot(h.db)).toEqual(before);
    });

    it('incomplete submission → one notice → supplement → acceptance on 2026-09-24 → due 2026-10-22 → pause → resume → approval', async () => {
      h.clock.set('2026-09-14');
      let p = await submitted(['design_scheme', 'contracts']);
      expect(p).toMatchObject({ status: 'submitted', receivedOn: '2026-09-14', round: 1 });
      // 行政许可法32: 5 working days from the day after receipt; Sunday 2026-09-20 is a make-up working day.
      expect(p.deadline).toMatchObject({ kind: 'scheme.completeness', dueDate: '2026-09-20', dayKind: 'working', status: 'open', paused: false });
      const submittedEntry = (await readLedger(h.db.db, { objectType: 'project', objectId: p.id })).find((e) => e.action === 'project.submitted')!;
      expect(JSON.parse(submittedEntry.detail!).missing).toEqual(['bidding_documents', 'quality_certificates', 'construction_drawings']);

      // Only the competent bureau may act; an empty notice is refused.
      expectProblem(await s['unit.tianhe'].post(`${P}/${p.id}/accept`, {}), 403, 'FORBIDDEN');
      expectProblem(await s['gz.officer'].post(`${P}/${p.id}/accept`, {}), 403, 'FORBIDDEN');
      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${p.id}/notice`, { missing: [{ docClass: null, zh: '  ' }] }), 422, 'NOTICE_EMPTY', '行政许可法32');
      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${p.id}/accept`, { version: p.version - 1 }), 409, 'CONFLICT');

      h.clock.set('2026-09-16');
      const missing = [
        { docClass: 'bidding_documents', zh: '招标文件' },
        { docClass: 'quality_certificates', zh: '设备和产品质量证明' },
        { docClass: 'construction_drawings', zh: '施工图纸', en: 'Construction drawings' },
      ];
      p = await step('gz.tianhe.officer', p.id, 'notice', { missing, note: '请一并补正', version: p.version });
      expect(p).toMatchObject({ status: 'supplement_required', noticeIssuedOn: '2026-09-16', deadline: null, actions: [] });
      expect(p.missingNotice).toEqual({ items: missing, note: '请一并补正' });
      expect(p.deadlines[0]).toMatchObject({ kind: 'scheme.completeness', status: 'closed', outcome: 'met', closedOn: '2026-09-16' });
      // The clock is stopped: nothing of this project in the bureau's queue.
      const queue = (await s['gz.tianhe.officer'].get(`${P}/queue`)).json();
      expect(queue.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${p.id}/notice`, { missing }), 409, 'PROJECT_NOTICE_ALREADY_ISSUED', '行政许可法32');

      h.clock.set('2026-09-22');
      for (const d of ['bidding_documents', 'quality_certificates', 'construction_drawings']) await addDocument(h.db, p.id, d, 2);
      p = await step('unit.tianhe', p.id, 'supplement', { version: p.version });
      expect(p).toMatchObject({ status: 'submitted', receivedOn: '2026-09-22', round: 2 });
      // Friday 2026-09-25 is the Mid-Autumn Festival: 23, 24, 28, 29, 30.
      expect(p.deadline).toMatchObject({ kind: 'scheme.completeness', startDate: '2026-09-22', dueDate: '2026-09-30' });
      expect(p.checklist.every((c: { present: boolean }) => c.present)).toBe(true);
      // One notice only (行政许可法32): after the supplement the bureau accepts or does not accept.
      expect(p.actions).toEqual(['withdraw', 'construction-started']);
      expect((await s['gz.tianhe.officer'].get(`${P}/${p.id}`)).json().actions).toEqual(['accept', 'not-accept']);
      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${p.id}/notice`, { missing }), 409, 'PROJECT_NOTICE_ALREADY_ISSUED', '行政许可法32');

      h.clock.set('2026-09-24');
      p = await step('gz.tianhe.officer', p.id, 'accept', { version: p.version });
      expect(p).toMatchObject({ status: 'scheme_accepted', acceptedOn: '2026-09-24', deemedAccepted: false, actions: ['pause', 'approve', 'refuse'] });
      // Art. 17: 15 working days from 2026-09-24, over the National Day holiday and the working Saturday 2026-10-10.
      expect(p.deadline).toMatchObject({ kind: 'scheme.review', article: '17', startDate: '2026-09-24', dueDate: '2026-10-22', provisional: false, paused: false });

      h.clock.set('2026-09-28');
      let q = (await s['gz.tianhe.officer'].get(`${P}/queue`)).json();
      const mine = q.items.find((i: { id: string }) => i.id === p.id);
      expect(mine).toMatchObject({ status: 'scheme_accepted', paused: false, deadline: { dueDate: '2026-10-22', provisional: false, overdue: false } });
      expect(typeof mine.deadline.daysLeft).toBe('number');
      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${p.id}/pause`, { reason: 'coffee' }), 400, 'VALIDATION_FAILED');
      p = await step('gz.tianhe.officer', p.id, 'pause', { reason: 'expert_review', note: '专家评审', version: p.version });
      expect(p).toMatchObject({ paused: true, actions: ['resume', 'approve', 'refuse'] });
      expect(p.deadline).toMatchObject({ paused: true, pauses: [{ reason: 'expert_review', article: '行政许可法45', from: '2026-09-28', to: null, note: '专家评审' }] });
      q = (await s['gz.tianhe.officer'].get(`${P}/queue`)).json();
      expect(q.items.find((i: { id: string }) => i.id === p.id)).toMatchObject({ paused: true, deadline: { paused: true } });

      h.clock.set('2026-10-12');
      p = await step('gz.tianhe.officer', p.id, 'resume', { version: p.version });
      const cal = await loadCalendar(h.db.db);
      const expected = computeDue(cal, { start: '2026-09-24', days: 15, dayKind: 'working', pauses: [{ from: '2026-09-28', to: '2026-10-12' }] });
      expect(expected.pausedDays).toBeGreaterThan(0);
      expect(p.deadline).toMatchObject({ paused: false, dueDate: expected.dueDate, pauses: [{ from: '2026-09-28', to: '2026-10-12' }] });
      expect(p.deadline.dueDate > '2026-10-22').toBe(true);

      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${p.id}/refuse`, { reasons: '   ' }), 422, 'REASONS_REQUIRED', '行政许可法38');
      expectProblem(await s['gz.officer'].post(`${P}/${p.id}/approve`, {}), 403, 'FORBIDDEN');
      h.clock.set('2026-10-13');
      p = await step('gz.tianhe.officer', p.id, 'approve', { version: p.version });
      expect(p).toMatchObject({ status: 'scheme_approved', decidedOn: '2026-10-13', approvalNumber: p.number, deadline: null });
      expect(p.deadlines.find((d: { kind: string }) => d.kind === 'scheme.review')).toMatchObject({ status: 'closed', outcome: 'met' });
      expect(p.actions).toEqual([]);
      expect((await s['unit.tianhe'].get(`${P}/${p.id}`)).json().actions).toEqual(expect.arrayContaining(['apply-acceptance', 'designate-testing', 'construction-started']));
      expect(p.timeline.filter((e: { action: string }) => e.action.startsWith('project.')).map((e: { action: string }) => e.action)).toEqual([
        'project.created',
        'project.submitted',
        'project.notice_issued',
        'project.supplemented',
        'project.scheme_accepted',
        'project.review_paused',
        'project.review_resumed',
        'project.approved',
      ]);
      expect(p.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['deadline.paused', 'deadline.resumed']));
      expect((await verifyLedger(h.db.db)).ok).toBe(true);
    });

    it('not accepted, refused and withdrawn projects end their clocks', async () => {
      h.clock.set('2026-09-14');
      const a = await submitted();
      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${a.id}/not-accept`, { reasons: '' }), 422, 'REASONS_REQUIRED');
      const na = await step('gz.tianhe.officer', a.id, 'not-accept', { reasons: '不属于本机关职权范围' });
      expect(na).toMatchObject({ status: 'not_accepted', reasons: '不属于本机关职权范围', deadline: null, actions: [] });

      const b = await submitted();
      await step('gz.tianhe.officer', b.id, 'accept');
      const refused = await step('gz.tianhe.officer', b.id, 'refuse', { reasons: '设计方案不符合 GB 50348' });
      expect(refused).toMatchObject({ status: 'scheme_refused', reasons: '设计方案不符合 GB 50348', deadline: null });
      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${b.id}/approve`, {}), 409, 'TRANSITION_NOT_ALLOWED');

      const c = await submitted();
      expectProblem(await s['gz.tianhe.officer'].post(`${P}/${c.id}/withdraw`, {}), 403, 'FORBIDDEN');
      const wd = await step('unit.tianhe', c.id, 'withdraw');
      expect(wd).toMatchObject({ status: 'withdrawn', deadline: null });
      expect(wd.deadlines[0]).toMatchObject({ status: 'closed', outcome: 'cancelled' });

      const d = await create('unit.tianhe', w.sites.tianheKeyUnit);
      expect((await step('unit.tianhe', d.id, 'withdraw')).status).toBe('withdrawn');
    });

    it('art. 14(2), 16 — eligibility at submission and again at the decision', async () => {
      h.clock.set('2026-09-14');
      const before = await projectSnapshot(h.db);
      // Scale class 1 (≥ ¥1M) is beyond a level III company.
      const big = await create('unit.tianhe', w.sites.tianheKeyUnit, { builderCompanyId: w.companies.levelIII, investmentYuan: 2_000_000 });
      expect(big.scaleClass).toBe(1);
      const e1 = expectProblem(await s['unit.tianhe'].post(`${P}/${big.id}/submit`, {}), 422, 'PROJECT_COMPANY_NOT_ELIGIBLE', '14(2)');
      expect(e1.companies).toEqual([expect.objectContaining({ role: 'builder', companyId: w.companies.levelIII, companyName: '三级公司', reason: 'beyond_level', article: '14(2)' })]);
      const expired = await create('unit.tianhe', w.sites.tianheKeyUnit, { designerCompanyId: w.companies.expired });
      const e2 = expectProblem(await s['unit.tianhe'].post(`${P}/${expired.id}/submit`, {}), 422, 'PROJECT_COMPANY_NOT_ELIGIBLE', '14(2)');
      expect(e2.companies[0]).toMatchObject({ role: 'designer', reason: 'expired' });
      const outside = await create('unit.tianhe', w.sites.tianheKeyUnit, { designerCompanyId: w.companies.outOfProvince });
      const e3 = expectProblem(await s['unit.tianhe'].post(`${P}/${outside.id}/submit`, {}), 422, 'PROJECT_COMPANY_NOT_ELIGIBLE', '16');
      expect(e3.companies[0]).toMatchObject({ role: 'designer', companyName: '省外公司', reason: 'no_certificate', article: '16' });
      const after = await projectSnapshot(h.db);
      // Only the three drafts (and their systems) were written; the refused submissions wrote nothing.
      expect(after.projects - before.projects).toBe(3);
      expect(after.deadlines).toBe(before.deadlines);

      // A certificate revoked after submission: the acceptance is refused.
      const p = await submitted();
      await h.db.db.updateTable('certificates').set({ revoked_at: '2026-09-15T00:00:00.000Z' }).where('company_id', '=', w.companies.builder).execute();
      try {
        const e4 = expectProblem(await s['gz.tianhe.officer'].post(`${P}/${p.id}/accept`, {}), 422, 'PROJECT_COMPANY_NOT_ELIGIBLE', '14(2)');
        expect(e4.companies[0]).toMatchObject({ role: 'builder', reason: 'revoked' });
        expect((await s['gz.tianhe.officer'].get(`${P}/${p.id}`)).json().status).toBe('submitted');
      } finally {
        await h.db.db.updateTable('certificates').set({ revoked_at: null }).where('company_id', '=', w.companies.builder).execute();
      }
    });

    it('visibility: 404 outside one’s scope, 403 for a step that is not one’s own', async () => {
      h.clock.set('2026-09-14');
      const p = await submitted();
      for (const who of ['gz.yuexiu.officer', 'sz.officer', 'unit.other', 'company.other', 'dg.officer']) {
        expectProblem(await s[who].get(`${P}/${p.id}`), 404, 'NOT_FOUND');
        expectProblem(await s[who].post(`${P}/${p.id}/accept`, {}), 404, 'NOT_FOUND');
      }
      for (const who of ['gd.officer', 'gz.officer', 'company.designer']) {
        const seen = await s[who].get(`${P}/${p.id}`);
        expect(seen.statusCode, who).toBe(200);
        expect(seen.json().actions).toEqual([]);
      }
      expectProblem(await s['company.designer'].post(`${P}/${p.id}/accept`, {}), 403, 'FORBIDDEN');
      expectProblem(await s['unit.tianhe'].post(`${P}/${p.id}/approve`, {}), 403, 'FORBIDDEN');
      expectProblem(await s['unit.tianhe'].get(`${P}/queue`), 403, 'FORBIDDEN');
      expectProblem(await s['gz.tianhe.officer'].get(`${P}/no-such-id`), 404, 'NOT_FOUND');
      const list = (await s['company.other'].get(P)).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
      const mine = (await s['unit.tianhe'].get(`${P}?status=submitted&pageSize=200`)).json();
      expect(mine.items.map((i: { id: string }) => i.id)).toContain(p.id);
      expect(mine.items.every((i: { status: string }) => i.status === 'submitted')).toBe(true);
      expect((await s['unit.other'].get(P)).json().total).toBe(0);
    });

    it('the queue lists the bureau’s running clocks, earliest due date first', async () => {
      const q = (await s['gz.tianhe.officer'].get(`${P}/queue`)).json();
      expect(q.items.length).toBeGreaterThan(0);
      const due = q.items.map((i: { deadline: { dueDate: string } }) => i.deadline.dueDate);
      expect(due).toEqual([...due].sort());
      expect(q.items.every((i: { authority: { id: string } }) => i.authority.id === 'PSB-440106')).toBe(true);
      expect((await s['gz.officer'].get(`${P}/queue`)).json().items.every((i: { authority: { id: string } }) => i.authority.id === 'PSB-440100')).toBe(true);
    });
  });
}
