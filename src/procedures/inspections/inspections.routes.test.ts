import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { readLedger } from '../../platform/audit/ledger.js';
import type { Ctx } from '../../platform/context.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { seedRegistryCatalogue } from '../registry/catalogue.seed.js';
import { addUnit } from '../registry/registry.testing.js';
import { addSite, expectProblem } from '../projects/projects.testing.js';
import { findRectificationOrder, rectificationFailed, settleRectificationOrders } from './rectification.actions.js';

/** A tiny valid PNG (1×1). */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f50000000049454e44ae426082', 'hex');

async function addFinding(h: Harness, siteId: string, rule: string, article: string, detail: string | null = null) {
  const id = randomUUID();
  await h.db.db
    .insertInto('findings')
    .values({ id, site_id: siteId, subject_type: 'site', subject_id: siteId, rule, article, penalty_article: null, division_code: '440106', category_code: '4', detail, opened_at: '2026-01-01T00:00:00.000Z', resolved_at: null })
    .execute();
  await h.db.db.updateTable('sites').set({ open_findings: 1 }).where('id', '=', siteId).execute();
  return id;
}

for (const dialect of TEST_DIALECTS) {
  describe(`inspections and rectification orders on ${dialect}`, () => {
    let h: Harness;
    let tianhe: Session;
    let tianhe2: Session;
    let yuexiu: Session;
    let gz: Session;
    let sz: Session;
    let unit: Session;
    let otherUnit: Session;
    let company: Session;
    let bankSite: string;
    let otherSite: string;
    let retentionFinding: string;
    const tianheSites: string[] = [];
    const log = { info() {}, warn() {}, error() {} };
    const system = (): Ctx => ({ db: h.db.db, actor: SYSTEM_ACTOR, clock: h.clock, config: h.config, log });
    const relogin = async () => {
      tianhe = await h.login('gz.tianhe.officer');
      tianhe2 = await h.login('th.officer2');
      unit = await h.login('unit.bank');
    };

    beforeAll(async () => {
      h = await openHarness(dialect, '2026-09-24');
      await h.db.db.transaction().execute((trx) => seedRegistryCatalogue(trx, '2026-01-01T00:00:00.000Z'));
      await h.addOfficers([
        ['th.officer2', 'county_officer', 'PSB-440106'],
        ['th.officer3', 'county_officer', 'PSB-440106'],
        ['gz.yuexiu.officer', 'county_officer', 'PSB-440104'],
      ]);
      const bank = await addUnit(h.db, '某银行天河支行', '440106');
      const other = await addUnit(h.db, '另一单位', '440106');
      await h.addUser({ username: 'unit.bank', role: 'unit_user', unitId: bank });
      await h.addUser({ username: 'unit.other', role: 'unit_user', unitId: other });
      await h.addUser({ username: 'company.x', role: 'company_user', companyId: await h.addCompany({ uscc: '91440101MA59TEST01', divisionCode: '440106' }) });
      bankSite = await addSite(h.db, { siteType: 'key_unit', divisionCode: '440106', unitId: bank, name: '某银行天河支行营业部' });
      otherSite = await addSite(h.db, { siteType: 'key_unit', divisionCode: '440106', unitId: other, name: '另一单位' });
      tianheSites.push(bankSite, otherSite);
      for (let i = 0; i < 6; i++) tianheSites.push(await addSite(h.db, { siteType: 'key_unit', divisionCode: '440106', unitId: other, name: `天河单位${i}` }));
      await addSite(h.db, { siteType: 'key_unit', divisionCode: '440305', name: '深圳单位' });
      retentionFinding = await addFinding(h, bankSite, 'retention_configured_below_minimum', '20', '{"retentionDays":15}');
      await relogin();
      yuexiu = await h.login('gz.yuexiu.officer');
      gz = await h.login('gz.officer');
      sz = await h.login('sz.officer');
      otherUnit = await h.login('unit.other');
      company = await h.login('company.x');
    });
    afterAll(() => h.close());

    it('art. 29 — a random plan draws targets in the area and inspectors of the bureau; the draw reproduces from its seed', async () => {
      const created = await tianhe.post('/api/inspections/plans', { title: '2026 年第三季度双随机检查', targetCount: 3, inspectorsPerTarget: 2, periodFrom: '2026-09-24', periodTo: '2026-12-31' });
      expect(created.statusCode, created.body).toBe(201);
      const plan = created.json();
      expect(plan).toMatchObject({ status: 'draft', policeUnit: { id: 'PSB-440106' }, divisionCode: '440106', actions: ['draw'] });
      // Another bureau cannot see it; a unit cannot either.
      expectProblem(await sz.get(`/api/inspections/plans/${plan.id}`), 404, 'NOT_FOUND');
      expectProblem(await unit.get(`/api/inspections/plans/${plan.id}`), 404, 'NOT_FOUND');
      // The city sees it (its area) but does not draw for Tianhe.
      expect((await gz.get(`/api/inspections/plans/${plan.id}`)).statusCode).toBe(200);
      expectProblem(await gz.post(`/api/inspections/plans/${plan.id}/draw`, {}), 403, 'FORBIDDEN');

      const drawn = await tianhe.post(`/api/inspections/plans/${plan.id}/draw`, { version: 1 });
      expect(drawn.statusCode, drawn.body).toBe(200);
      const d = drawn.json();
      expect(d.status).toBe('drawn');
      expect(d.draw.seed).toMatch(/^[0-9a-f]{64}$/);
      expect(d.draw.alg).toBe('sm3-ctr-fisher-yates-v1');
      expect(d.draw.candidateSites).toBe(tianheSites.length);
      expect(d.draw.candidateOfficers).toBe(3);
      expect(d.inspections).toHaveLength(3);
      for (const ins of d.inspections) {
        expect(tianheSites).toContain(ins.site.id);
        expect(ins.inspectors).toHaveLength(2);
        expect(ins).toMatchObject({ kind: 'random', reasonKind: 'draw', status: 'planned' });
      }
      // A second draw is refused.
      expectProblem(await tianhe.post(`/api/inspections/plans/${plan.id}/draw`, {}), 409, 'TRANSITION_NOT_ALLOWED');
      // The ledger entry carries the seed and both digests.
      const entry = (await readLedger(h.db.db, { objectType: 'inspection_plan', objectId: plan.id })).find((e) => e.action === 'inspection.drawn')!;
      const detail = JSON.parse(entry.detail!);
      expect(detail).toMatchObject({ seed: d.draw.seed, sitesDigest: d.draw.sitesDigest, officersDigest: d.draw.officersDigest });
      expect(entry.article).toBe('29');

      const check = await gz.get(`/api/inspections/plans/${plan.id}/verify`);
      expect(check.json()).toMatchObject({ ok: true, reproduced: true, sitesDigestMatches: true, officersDigestMatches: true, ledgerMatches: true });
      expect(check.json().result.map((t: { siteId: string }) => t.siteId)).toEqual(d.inspections.map((i: { site: { id: string } }) => i.site.id).sort((a: string, b: string) => d.draw.result.findIndex((r: { siteId: string }) => r.siteId === a) - d.draw.result.findIndex((r: { siteId: string }) => r.siteId === b)));

      // Tampering with the stored candidate list is detected by its digest…
      const dropped = JSON.stringify(tianheSites.filter((s) => s !== d.draw.result[0].siteId).sort());
      await h.db.db.updateTable('inspection_plans').set({ candidate_site_ids: dropped }).where('id', '=', plan.id).execute();
      const tampered = (await tianhe.get(`/api/inspections/plans/${plan.id}/verify`)).json();
      expect(tampered).toMatchObject({ ok: false, sitesDigestMatches: false });
      // …and changing the digest with it is caught by the ledger.
      const { candidatesDigest } = await import('./inspections.rules.js');
      await h.db.db.updateTable('inspection_plans').set({ candidate_sites_digest: candidatesDigest(JSON.parse(dropped), 'sm3') }).where('id', '=', plan.id).execute();
      const both = (await tianhe.get(`/api/inspections/plans/${plan.id}/verify`)).json();
      expect(both).toMatchObject({ ok: false, sitesDigestMatches: true, ledgerMatches: false });
    });

    let inspectionId: string;
    it('art. 29 — a targeted inspection after a finding: the checklist is pre-filled from the site’s open findings', async () => {
      expectProblem(await unit.post('/api/inspections', { siteId: bankSite, reason: { kind: 'officer', note: 'x' } }), 403, 'FORBIDDEN');
      expectProblem(await sz.post('/api/inspections', { siteId: bankSite, reason: { kind: 'officer', note: '抽查' } }), 404, 'NOT_FOUND');
      expectProblem(await tianhe.post('/api/inspections', { siteId: bankSite, reason: { kind: 'finding' } }), 422, 'INSPECTION_INPUT_INVALID', '29');
      const res = await tianhe.post('/api/inspections', { siteId: bankSite, reason: { kind: 'finding', id: retentionFinding } });
      expect(res.statusCode, res.body).toBe(201);
      const ins = res.json();
      inspectionId = ins.id;
      expect(ins.number).toMatch(/^JC-440106-2026-\d{4}$/);
      expect(ins).toMatchObject({ kind: 'targeted', reasonKind: 'finding', reasonId: retentionFinding, status: 'planned', actions: ['record', 'photo', 'complete'] });
      const item4 = ins.checklist.find((e: { item: number }) => e.item === 4);
      expect(item4).toMatchObject({ suggested: 'problem', article: '20', result: 'pending' });
      expect(item4.prefill[0]).toMatchObject({ findingId: retentionFinding, rule: 'retention_configured_below_minimum' });
      expect(ins.checklist.filter((e: { suggested: string | null }) => e.suggested === 'problem')).toHaveLength(1);
      // Not completed: the unit does not see it yet (unannounced); other officers of the area read it but do not conduct it.
      expectProblem(await unit.get(`/api/inspections/${inspectionId}`), 404, 'NOT_FOUND');
      expect((await unit.get('/api/inspections')).json().total).toBe(0);
      expect((await gz.get(`/api/inspections/${inspectionId}`)).json().actions).toEqual([]);
      expectProblem(await tianhe2.put(`/api/inspections/${inspectionId}/items/1`, { result: 'ok' }), 403, 'FORBIDDEN');
      expectProblem(await yuexiu.get(`/api/inspections/${inspectionId}`), 404, 'NOT_FOUND');
    });

    it('art. 29 — the inspector confirms every item, adds a photo, completes', async () => {
      expectProblem(await tianhe.post(`/api/inspections/${inspectionId}/complete`, {}), 422, 'INSPECTION_CHECKLIST_INCOMPLETE', '29');
      // A problem needs an observation.
      expectProblem(await tianhe.put(`/api/inspections/${inspectionId}/items/4`, { result: 'problem' }), 422, 'INSPECTION_INPUT_INVALID', '29');
      const r4 = await tianhe.put(`/api/inspections/${inspectionId}/items/4`, { result: 'problem', observation: '营业厅录像仅保存 15 日' });
      expect(r4.statusCode, r4.body).toBe(200);
      expect(r4.json().status).toBe('in_progress');
      for (const i of [1, 2, 3, 5]) expect((await tianhe.put(`/api/inspections/${inspectionId}/items/${i}`, { result: 'ok' })).statusCode).toBe(200);
      const r6 = await tianhe.put(`/api/inspections/${inspectionId}/items/6`, { result: 'na', version: 1 });
      expectProblem(r6, 409, 'CONFLICT');
      expect((await tianhe.put(`/api/inspections/${inspectionId}/items/6`, { result: 'na' })).statusCode).toBe(200);

      const up = await h.app.inject({
        method: 'PUT',
        url: `/api/inspections/${inspectionId}/photos?item=4&fileName=nvr.png`,
        headers: { cookie: `jf_session=${tianhe.cookie}`, 'x-csrf-token': tianhe.csrf, 'content-type': 'image/png' },
        payload: PNG,
      });
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json()).toMatchObject({ item: 4, mediaType: 'image/png', purpose: 'checklist' });
      const fake = await h.app.inject({
        method: 'PUT',
        url: `/api/inspections/${inspectionId}/photos?fileName=x.png`,
        headers: { cookie: `jf_session=${tianhe.cookie}`, 'x-csrf-token': tianhe.csrf, 'content-type': 'image/png' },
        payload: Buffer.from('%PDF-1.4 not a png'),
      });
      expectProblem(fake, 415, 'DOCUMENT_CONTENT_MISMATCH');

      const done = await tianhe.post(`/api/inspections/${inspectionId}/complete`, { summary: '录像保存期限不足' });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ status: 'completed', completedOn: '2026-09-24', problems: 1, actions: ['issue-order'] });
      expectProblem(await tianhe.put(`/api/inspections/${inspectionId}/items/1`, { result: 'ok' }), 409, 'TRANSITION_NOT_ALLOWED');
      // Now the unit sees it (without the internal reason id), and its photo.
      const seen = await unit.get(`/api/inspections/${inspectionId}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().reasonId).toBeNull();
      const photo = await unit.get(seen.json().photos[0].url);
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/png');
      expectProblem(await otherUnit.get(`/api/inspections/${inspectionId}`), 404, 'NOT_FOUND');
      expectProblem(await company.get(`/api/inspections/${inspectionId}`), 404, 'NOT_FOUND');
    });

    let orderId: string;
    it('art. 29 — the order: 10 working days from 2026-09-24 is 2026-10-15 (中秋 9-25, 国庆 10-1…10-7 off; 10-10 worked)', async () => {
      expectProblem(await tianhe.post(`/api/inspections/${inspectionId}/rectification-order`, { items: [{ item: 1 }] }), 422, 'RECTIFICATION_INPUT_INVALID', '29');
      expectProblem(await unit.post(`/api/inspections/${inspectionId}/rectification-order`, { items: [{ item: 4 }] }), 403, 'FORBIDDEN');
      const res = await tianhe.post(`/api/inspections/${inspectionId}/rectification-order`, { items: [{ item: 4 }] });
      expect(res.statusCode, res.body).toBe(201);
      const o = res.json();
      orderId = o.id;
      expect(o).toMatchObject({
        number: 'RO-440106-2026-0001',
        displayNumber: '穗天公技整字〔2026〕第1号',
        status: 'issued',
        article: '20',
        dayKind: 'working',
        days: 10,
        issuedOn: '2026-09-24',
        dueDate: '2026-10-15',
        failed: false,
        items: [{ item: 4, article: '20', problem: '营业厅录像仅保存 15 日' }],
      });
      expect(o.deadline).toMatchObject({ dueDate: '2026-10-15', provisional: false, daysLeft: 10, overdue: false, kind: 'rectification.correction' });
      expectProblem(await tianhe.post(`/api/inspections/${inspectionId}/rectification-order`, { items: [{ item: 4 }] }), 409, 'RECTIFICATION_EXISTS', '29');
      const entry = (await readLedger(h.db.db, { objectType: 'rectification_order', objectId: orderId }))[0]!;
      expect([entry.action, entry.article]).toEqual(['rectification.issued', '20']);
      // The unit's inbox has it; another unit, another bureau: 404.
      const inbox = (await unit.get('/api/rectification-orders')).json();
      expect(inbox.items.map((i: { id: string }) => i.id)).toEqual([orderId]);
      expect((await unit.get(`/api/rectification-orders/${orderId}`)).json().actions).toEqual(['report']);
      expectProblem(await otherUnit.get(`/api/rectification-orders/${orderId}`), 404, 'NOT_FOUND');
      expectProblem(await sz.get(`/api/rectification-orders/${orderId}`), 404, 'NOT_FOUND');
      expect((await otherUnit.get('/api/rectification-orders')).json().total).toBe(0);
    });

    it('art. 29 — the unit reports in time with a photo; the re-inspection verifies it corrected', async () => {
      h.clock.set('2026-10-14');
      await relogin();
      expectProblem(await tianhe.post(`/api/rectification-orders/${orderId}/report`, { note: 'x' }), 403, 'FORBIDDEN');
      expectProblem(await unit.post(`/api/rectification-orders/${orderId}/verify`, { corrected: true }), 403, 'FORBIDDEN');
      expectProblem(await tianhe.post(`/api/rectification-orders/${orderId}/verify`, { corrected: true }), 409, 'TRANSITION_NOT_ALLOWED', '20');
      const up = await h.app.inject({
        method: 'PUT',
        url: `/api/rectification-orders/${orderId}/photos?fileName=fixed.png`,
        headers: { cookie: `jf_session=${unit.cookie}`, 'x-csrf-token': unit.csrf, 'content-type': 'application/octet-stream' },
        payload: PNG,
      });
      expect(up.statusCode, up.body).toBe(201);
      const rep = await unit.post(`/api/rectification-orders/${orderId}/report`, { note: '已将录像保存期限调整为 30 日', photoId: up.json().id });
      expect(rep.statusCode, rep.body).toBe(200);
      expect(rep.json()).toMatchObject({ status: 'reported', report: { reportedOn: '2026-10-14', late: false }, failed: false });
      expect(rep.json().deadline).toMatchObject({ status: 'closed', outcome: 'met' });
      const ok = await tianhe2.post(`/api/rectification-orders/${orderId}/verify`, { corrected: true, note: '复查：已整改' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'corrected', failed: false, actions: [] });
      const actions = (await readLedger(h.db.db, { objectType: 'rectification_order', objectId: orderId })).map((e) => e.action);
      expect(actions).toEqual(['rectification.issued', 'inspection.photo_uploaded', 'rectification.reported', 'rectification.corrected']);
      // P's view of it.
      expect(await findRectificationOrder(h.db.db, orderId, '2026-12-01')).toMatchObject({ status: 'corrected', failed: false });
    });

    async function issuedOrder(on: string, days?: { dayKind: 'working' | 'calendar'; days: number }): Promise<string> {
      h.clock.set(on);
      await relogin();
      const ins = (await tianhe.post('/api/inspections', { siteId: bankSite, reason: { kind: 'officer', note: '复查' } })).json();
      await tianhe.put(`/api/inspections/${ins.id}/items/4`, { result: 'problem', observation: '录像仅保存 15 日' });
      for (const i of [1, 2, 3, 5, 6]) await tianhe.put(`/api/inspections/${ins.id}/items/${i}`, { result: 'ok' });
      await tianhe.post(`/api/inspections/${ins.id}/complete`, {});
      const res = await tianhe.post(`/api/inspections/${ins.id}/rectification-order`, { items: [{ item: 4 }], ...(days ?? {}) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id;
    }

    it('art. 29 → 34 — not corrected on re-inspection: failed', async () => {
      const id = await issuedOrder('2026-11-02', { dayKind: 'calendar', days: 7 });
      const o = (await tianhe.get(`/api/rectification-orders/${id}`)).json();
      expect(o).toMatchObject({ dayKind: 'calendar', days: 7, dueDate: '2026-11-09', number: 'RO-440106-2026-0002' });
      await unit.post(`/api/rectification-orders/${id}/report`, { note: '已整改' });
      expectProblem(await tianhe.post(`/api/rectification-orders/${id}/verify`, { corrected: false }), 422, 'RECTIFICATION_INPUT_INVALID');
      const failed = await tianhe.post(`/api/rectification-orders/${id}/verify`, { corrected: false, note: '复查仍只保存 15 日' });
      expect(failed.json()).toMatchObject({ status: 'failed', failed: true });
      expect(rectificationFailed({ status: 'failed', dueDate: '2026-11-09', reportedOn: '2026-11-02' }, '2026-11-03')).toBe(true);
    });

    it('art. 29 — an order with no report lapses the day after its due date (settle); a late report stays failed', async () => {
      const id = await issuedOrder('2026-11-16');
      const o = (await tianhe.get(`/api/rectification-orders/${id}`)).json();
      expect(o.dueDate).toBe('2026-11-30');
      h.clock.set('2026-11-30');
      expect(await settleRectificationOrders(system())).toEqual({ checked: 0, lapsed: 0 });
      h.clock.set('2026-12-01');
      expect(await settleRectificationOrders(system())).toMatchObject({ lapsed: 1 });
      expect(await settleRectificationOrders(system())).toMatchObject({ lapsed: 0 });
      await relogin();
      const lapsed = (await unit.get(`/api/rectification-orders/${id}`)).json();
      expect(lapsed).toMatchObject({ status: 'lapsed', lapsedOn: '2026-12-01', failed: true, actions: ['report'] });
      expect(lapsed.deadline).toMatchObject({ status: 'closed', outcome: 'lapsed', closedOn: '2026-11-30' });
      const entry = (await readLedger(h.db.db, { objectType: 'rectification_order', objectId: id })).at(-1)!;
      expect([entry.action, entry.article, entry.actor_role]).toEqual(['rectification.lapsed', '20', 'system']);
      const late = await unit.post(`/api/rectification-orders/${id}/report`, { note: '已整改（逾期）' });
      expect(late.json()).toMatchObject({ status: 'reported', report: { late: true }, failed: true });
      const fixed = await tianhe.post(`/api/rectification-orders/${id}/verify`, { corrected: true });
      expect(fixed.json()).toMatchObject({ status: 'corrected', failed: true });
    });

    it('lists are scoped: officers by area or bureau, units their own, others nothing', async () => {
      // The clock moved on: sign in again.
      [sz, gz, company] = [await h.login('sz.officer'), await h.login('gz.officer'), await h.login('company.x')];
      expect((await tianhe.get('/api/inspections?assigned=me')).json().total).toBeGreaterThanOrEqual(3);
      expect((await sz.get('/api/inspections')).json().total).toBe(0);
      expect((await sz.get('/api/rectification-orders')).json().total).toBe(0);
      expect((await gz.get('/api/rectification-orders')).json().total).toBe(3);
      expect((await unit.get('/api/inspections/plans')).json().total).toBe(0);
      expectProblem(await company.get('/api/rectification-orders/does-not-exist'), 404, 'NOT_FOUND');
      expect((await company.get('/api/rectification-orders')).json().total).toBe(0);
      expectProblem(await h.app.inject({ method: 'GET', url: '/api/rectification-orders' }), 401, 'UNAUTHENTICATED');
    });
  });
}
