import { makeUscc } from '../../platform/identifiers/uscc.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../platform/audit/verify.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { computeDue } from '../../platform/calendar/legal-days.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { expectProblem } from '../projects/projects.testing.js';
import { findCjkFont } from '../qualification/certificate.pdf.js';
import { addKeyUnit, addOrder, UNIT_USCC } from './penalty.testing.js';
import { seedDemoPenalties } from './penalty.seed.js';

const P = '/api/penalty-cases';

for (const dialect of TEST_DIALECTS) {
  describe(`penalty cases and credit publicity on ${dialect}`, () => {
    let h: Harness;
    let unitA: { unitId: string; siteId: string };
    let unitB: { unitId: string; siteId: string };
    const live: Record<string, { day: string; session: Session }> = {};
    // Sessions lapse when the test clock jumps ahead: each user signs in again on a new day.
    async function as(u: string): Promise<Session> {
      const day = h.clock.now().toISOString();
      if (live[u]?.day !== day) live[u] = { day, session: await h.login(u) };
      return live[u].session;
    }
    const post = async (u: string, url: string, body: unknown = {}) => (await as(u)).post(url, body);
    const get = async (u: string, url: string) => (await as(u)).get(url);
    const anon = (url: string) => h.app.inject({ method: 'GET', url });

    async function ok(u: string, url: string, body: unknown = {}, status = 200) {
      const res = await post(u, url, body);
      expect(res.statusCode, res.body).toBe(status);
      return res.json();
    }

    beforeAll(async () => {
      h = await openHarness(dialect, '2026-03-02');
      await h.addOfficers();
      unitA = await addKeyUnit(h.db);
      unitB = await addKeyUnit(h.db, '另一家单位', '440106');
      await h.addUser({ username: 'unit.a', role: 'unit_user', unitId: unitA.unitId });
      await h.addUser({ username: 'unit.b', role: 'unit_user', unitId: unitB.unitId });
    });
    afterAll(() => h.close());

    const unitParty = { partyType: 'unit', name: '某银行天河支行', uscc: UNIT_USCC };

    async function caseFromOrder(dueDate = '2026-02-26', over: Record<string, unknown> = {}) {
      const orderId = await addOrder(h.db, { siteId: unitA.siteId, unitId: unitA.unitId, issuedOn: '2026-02-10', dueDate });
      return ok('gz.tianhe.officer', P, { source: { kind: 'rectification', id: orderId }, facts: '经检查，该单位视频监控录像仅保存15天，责令限期改正后逾期未改正。', parties: [unitParty], ...over }, 201);
    }

    it('journey: art. 34(4) from a failed order → ¥8,000 for the unit → no hearing → decision → published', async () => {
      h.clock.set('2026-03-02');
      const c = await caseFromOrder();
      expect(c).toMatchObject({
        status: 'open',
        penaltyArticle: '34',
        item: '(4)',
        violatedArticle: '20',
        handlingUnit: { id: 'PSB-440106' },
        rectificationOrder: { failed: true },
        precondition: 'failed_correction',
        finableParties: ['unit', 'responsible'],
      });
      expect(c.number).toMatch(/^CF-440106-2026-\d{4}$/);
      expect(c.partiesDetail[0]).toMatchObject({ partyType: 'unit', name: '某银行天河支行', uscc: UNIT_USCC, unitId: unitA.unitId, range: { min: 2000, max: 10000 } });
      expect(c.actions).toEqual(expect.arrayContaining(['propose', 'no-penalty']));
      expect(c.deadlines.map((d: { kind: string }) => d.kind)).toContain('penalty.decision');
      const partyId = c.partiesDetail[0].id;

      // Outside the range: refused with the article.
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts: [{ partyId, fineYuan: 35_000 }] }), 422, 'PENALTY_AMOUNT_OUT_OF_RANGE', '34');
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts: [{ partyId, fineYuan: 1_999 }] }), 422, 'PENALTY_AMOUNT_OUT_OF_RANGE', '34');
      // Only the handling bureau proposes; the unit cannot.
      expectProblem(await post('gz.officer', `${P}/${c.id}/propose`, { amounts: [{ partyId, fineYuan: 8_000 }] }), 403, 'FORBIDDEN');

      const assess = (await get('gz.tianhe.officer', '/api/penalty-rules/assess?article=34&partyType=unit&amount=8000')).json();
      expect(assess).toMatchObject({ ok: true, range: { min: 2000, max: 10000 }, band: 'serious', hearingDue: false });

      const n = await ok('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts: [{ partyId, fineYuan: 8_000 }], version: c.version });
      expect(n).toMatchObject({ status: 'notified', hearingDue: false, noticeNumber: `${c.number}-GZ`, periodOver: false });
      expect(n.partiesDetail[0]).toMatchObject({ proposedYuan: 8000, band: 'serious' });
      const statement = n.deadlines.find((d: { kind: string }) => d.kind === 'penalty.statement');
      expect(statement).toMatchObject({ dayKind: 'working', days: 3, article: '行政处罚法44', dueDate: '2026-03-05' });
      expect(n.actions).not.toContain('decide');
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/decide`, { amounts: [{ partyId, fineYuan: 8_000 }], reasons: '逾期未改正' }), 409, 'PENALTY_STATEMENT_PERIOD_RUNNING');

      // The unit sees its case, cannot ask for a hearing below the threshold, and waives its statement.
      const seen = (await get('unit.a', `${P}/${c.id}`)).json();
      expect(seen.actions).toEqual(['respond']);
      expect(seen.paymentRef).toBeNull();
      expectProblem(await post('unit.a', `${P}/${c.id}/request-hearing`, {}), 422, 'PENALTY_HEARING_NOT_AVAILABLE', '行政处罚法63');
      expectProblem(await post('unit.a', `${P}/${c.id}/respond`, {}), 422, 'PENALTY_INPUT_INVALID');
      expect((await get('unit.b', `${P}/${c.id}`)).statusCode).toBe(404);
      expect((await get('sz.officer', `${P}/${c.id}`)).statusCode).toBe(404);
      const r = await ok('unit.a', `${P}/${c.id}/respond`, { waive: true });
      expect(r).toMatchObject({ respondedOn: '2026-03-02', periodOver: true });

      // The defence may not make it heavier: above the proposal is refused.
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/decide`, { amounts: [{ partyId, fineYuan: 9_000 }], reasons: '逾期未改正' }), 422, 'PENALTY_INPUT_INVALID', '行政处罚法45');
      const d = await ok('gz.tianhe.officer', `${P}/${c.id}/decide`, { amounts: [{ partyId, fineYuan: 8_000 }], reasons: '当事人逾期未改正，录像保存时间不符合规定。' });
      expect(d.status).toBe('decided');
      expect(d.decisionNumber).toMatch(/^粤公\(440106\)行罚决字〔2026〕\d{4}号$/);
      expect(d.publications).toEqual([expect.objectContaining({ kind: 'penalty_decision', status: 'pending' })]);
      const cal = await loadCalendar(h.db.db);
      const pubDue = computeDue(cal, { start: '2026-03-02', days: 7, dayKind: 'working', divisionCode: '440106' }).dueDate;
      expect(d.deadlines.find((x: { kind: string }) => x.kind === 'credit.publication')).toMatchObject({ dueDate: pubDue, article: '31', status: 'open' });
      expect(d.actions).toEqual(expect.arrayContaining(['serve', 'publish']));

      // Not public until published.
      expect((await anon('/api/public/penalty-decisions')).json().total).toBe(0);
      const pub = await ok('gz.tianhe.officer', `${P}/${c.id}/publish`, {});
      expect(pub.publications[0]).toMatchObject({ status: 'published', publishedOn: '2026-03-02', publishUntil: '2027-03-02' });
      expect(pub.actions).not.toContain('publish');
      const list = await anon('/api/public/penalty-decisions');
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([
        expect.objectContaining({
          decisionNumber: d.decisionNumber,
          partyName: '某银行天河支行',
          partyUscc: UNIT_USCC,
          result: '罚款8,000元',
          authority: '广州市公安局天河区分局',
          decidedOn: '2026-03-02',
          legalBasis: '违反《广东省安全技术防范管理实施办法》第二十条，依据第三十四条第（四）项',
        }),
      ]);
      // Not serious: no credit record.
      expect((await anon('/api/public/credit')).json().total).toBe(0);

      // The decision document.
      const pdf = await get('unit.a', `${P}/${c.id}/decision.pdf`);
      if (findCjkFont()) {
        expect(pdf.statusCode).toBe(200);
        expect(pdf.headers['content-type']).toContain('application/pdf');
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      } else {
        expectProblem(pdf, 503, 'PENALTY_DECISION_PDF_UNAVAILABLE');
      }

      // Service, payment (the full amount), closing.
      await ok('gz.tianhe.officer', `${P}/${c.id}/serve`, { servedOn: '2026-03-02', method: 'direct' });
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/pay`, { paidOn: '2026-03-02', paidYuan: 7_000, paymentRef: 'R1' }), 422, 'PENALTY_PAYMENT_MISMATCH');
      await ok('gz.tianhe.officer', `${P}/${c.id}/pay`, { paidOn: '2026-03-02', paidYuan: 8_000, paymentRef: 'R1' });
      const closed = await ok('gz.tianhe.officer', `${P}/${c.id}/close`, {});
      expect(closed.status).toBe('closed');
      expect(closed.timeline.map((t: { action: string }) => t.action)).toEqual(
        expect.arrayContaining(['penalty.opened', 'penalty.proposed', 'penalty.responded', 'penalty.decided', 'credit.published', 'penalty.served', 'penalty.paid', 'penalty.closed']),
      );
      expect(closed.timeline.find((t: { action: string }) => t.action === 'penalty.proposed').article).toBe('34');
      expect(closed.deadlines.every((x: { status: string }) => x.status === 'closed')).toBe(true);

      // The unit's list holds its case only.
      const mine = (await get('unit.a', P)).json();
      expect(mine.items.map((x: { id: string }) => x.id)).toContain(c.id);
      expect((await get('unit.b', P)).json().total).toBe(0);
      expect((await verifyLedger(h.db.db)).ok).toBe(true);
    });

    it('art. 34 precondition: no fine while the order has not expired (or was corrected in time)', async () => {
      h.clock.set('2026-03-02');
      const c = await caseFromOrder('2026-03-20');
      expect(c.rectificationOrder.failed).toBe(false);
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts: [{ partyId: c.partiesDetail[0].id, fineYuan: 5_000 }] }), 422, 'PENALTY_CORRECTION_NOT_FAILED', '34');
      const corrected = await addOrder(h.db, { siteId: unitA.siteId, unitId: unitA.unitId, issuedOn: '2026-02-10', dueDate: '2026-02-26', status: 'corrected', reportedOn: '2026-02-20' });
      const c2 = await ok('gz.tianhe.officer', P, { source: { kind: 'rectification', id: corrected }, facts: '已按期整改', parties: [unitParty] }, 201);
      expectProblem(await post('gz.tianhe.officer', `${P}/${c2.id}/propose`, { amounts: [{ partyId: c2.partiesDetail[0].id, fineYuan: 5_000 }] }), 422, 'PENALTY_CORRECTION_NOT_FAILED', '34');
      // Art. 32 without any order: refused too; a ¥35,000 unit fine is refused citing 32 whatever the order.
      const c3 = await ok('gz.tianhe.officer', P, { source: { kind: 'other' }, siteId: unitA.siteId, violatedArticle: '10', facts: '在更衣室安装摄像机', parties: [unitParty] }, 201);
      expect(c3.penaltyArticle).toBe('32');
      expectProblem(await post('gz.tianhe.officer', `${P}/${c3.id}/propose`, { amounts: [{ partyId: c3.partiesDetail[0].id, fineYuan: 10_000 }] }), 422, 'PENALTY_CORRECTION_NOT_FAILED', '32');
      const order32 = await addOrder(h.db, { siteId: unitA.siteId, unitId: unitA.unitId, issuedOn: '2026-02-10', dueDate: '2026-02-26', article: '10' });
      const c4 = await ok('gz.tianhe.officer', P, { source: { kind: 'rectification', id: order32 }, facts: '在更衣室安装摄像机，逾期未拆除', parties: [unitParty] }, 201);
      expectProblem(await post('gz.tianhe.officer', `${P}/${c4.id}/propose`, { amounts: [{ partyId: c4.partiesDetail[0].id, fineYuan: 35_000 }] }), 422, 'PENALTY_AMOUNT_OUT_OF_RANGE', '32');
      // A violated article the penalty article does not cover.
      expectProblem(await post('gz.tianhe.officer', P, { source: { kind: 'other' }, siteId: unitA.siteId, penaltyArticle: '32', violatedArticle: '20', facts: 'x', parties: [unitParty] }), 422, 'PENALTY_INPUT_INVALID', '32');
      // A unit needs a valid credit code.
      expectProblem(await post('gz.tianhe.officer', P, { source: { kind: 'other' }, siteId: unitA.siteId, violatedArticle: '20', facts: 'x', parties: [{ ...unitParty, uscc: '91440106MA5PEN0A1X' }] }), 422, 'USCC_INVALID');
    });

    it('art. 33: a warning first; serious consequences: unit and responsible persons, credit record published', async () => {
      h.clock.set('2026-03-02');
      const c = await ok('gz.tianhe.officer', P, { source: { kind: 'other' }, siteId: unitA.siteId, violatedArticle: '9', serious: true, facts: '应安装而未安装，发生盗窃造成严重后果', parties: [unitParty, { partyType: 'responsible', name: '王小明' }] }, 201);
      expect(c).toMatchObject({ penaltyArticle: '33', serious: true, finableParties: ['unit', 'responsible'], precondition: 'warning_then_failed_correction' });
      expect(c.actions).toContain('warn');
      const [unit, person] = c.partiesDetail;
      expect(person).toMatchObject({ partyType: 'responsible', name: '王**', range: { min: 5000, max: 10000 } });
      const amounts = [{ partyId: unit.id, fineYuan: 50_000 }, { partyId: person.id, fineYuan: 5_000 }];
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts }), 422, 'PENALTY_WARNING_REQUIRED', '33');
      const w = await ok('gz.tianhe.officer', `${P}/${c.id}/warn`, { warnedOn: '2026-03-01' });
      expect(w.warningGivenOn).toBe('2026-03-01');
      expect(w.actions).not.toContain('warn');
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts: [{ partyId: unit.id, fineYuan: 19_999 }] }), 422, 'PENALTY_AMOUNT_OUT_OF_RANGE', '33');
      const n = await ok('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts });
      // Both reach their thresholds (unit ≥ 10,000; a person ≥ 2,000): 5 working days and a hearing right.
      expect(n).toMatchObject({ hearingDue: true });
      expect(n.deadlines.find((d: { kind: string }) => d.kind === 'penalty.statement')).toMatchObject({ days: 5, article: '行政处罚法64' });
      // The unit asks for a hearing; the bureau holds it; then decides.
      const seen = (await get('unit.a', `${P}/${c.id}`)).json();
      expect(seen.actions).toEqual(expect.arrayContaining(['respond', 'request-hearing']));
      expect(seen.partiesDetail[1].name).toBe('王**');
      const hr = await ok('unit.a', `${P}/${c.id}/request-hearing`, { statement: '请求听证' });
      expect(hr).toMatchObject({ status: 'hearing_requested', hearingRequested: true });
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/decide`, { amounts, reasons: 'x' }), 409, 'TRANSITION_NOT_ALLOWED');
      const heard = await ok('gz.tianhe.officer', `${P}/${c.id}/hold-hearing`, { heldOn: '2026-03-02', record: '当事人到场陈述，承认事实。' });
      expect(heard.status).toBe('heard');
      const d = await ok('gz.tianhe.officer', `${P}/${c.id}/decide`, { amounts: [{ partyId: unit.id, fineYuan: 40_000 }, { partyId: person.id, fineYuan: 5_000 }], reasons: '造成严重后果' });
      expect(d.publications.map((p: { kind: string }) => p.kind).sort()).toEqual(['credit_record', 'credit_record', 'penalty_decision', 'penalty_decision']);
      await ok('gz.tianhe.officer', `${P}/${c.id}/publish`, {});
      const credit = (await anon(`/api/public/credit?uscc=${UNIT_USCC}`)).json();
      expect(credit.items).toEqual([expect.objectContaining({ kind: 'credit_record', partyName: '某银行天河支行', partyUscc: UNIT_USCC, result: '罚款40,000元', publishUntil: '2029-03-01' })]);
      const all = (await anon('/api/public/credit')).json();
      const personEntry = all.items.find((x: { partyType: string }) => x.partyType === 'responsible');
      expect(personEntry).toMatchObject({ partyName: '王**', partyUscc: null });
      expect(JSON.stringify(all)).not.toContain('王小明');
      // The handler may read the full name; the read is ledgered. The unit may not.
      const id = (await get('gz.tianhe.officer', `${P}/${c.id}/parties/${person.id}/identity`)).json();
      expect(id).toEqual({ name: '王小明', idNumber: null });
      expect((await get('unit.a', `${P}/${c.id}/parties/${person.id}/identity`)).statusCode).toBe(403);
    });

    it('individuals are masked on the public list; the party period ends by time; publication overdue; credit repair', async () => {
      h.clock.set('2026-03-02');
      const c = await ok('gz.tianhe.officer', P, { source: { kind: 'complaint', id: 'TS-1' }, siteId: unitA.siteId, violatedArticle: '23', facts: '故意遮挡摄像机', parties: [{ partyType: 'individual', name: '张三丰', idNumber: '11010519491231002X' }] }, 201);
      expect(c.partiesDetail[0]).toMatchObject({ name: '张**', idNumberMasked: expect.stringMatching(/\*/), range: { min: 2000, max: 10000 } });
      const partyId = c.partiesDetail[0].id;
      const n = await ok('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts: [{ partyId, fineYuan: 2_000 }] });
      expect(n.hearingDue).toBe(true); // individual at the 2,000 threshold
      const due = n.deadlines.find((d: { kind: string }) => d.kind === 'penalty.statement').dueDate;
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/decide`, { amounts: [{ partyId, fineYuan: 2_000 }], reasons: '故意遮挡' }), 409, 'PENALTY_STATEMENT_PERIOD_RUNNING');
      h.clock.set(`${due}T02:00:00.000Z`);
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/decide`, { amounts: [{ partyId, fineYuan: 2_000 }], reasons: '故意遮挡' }), 409, 'PENALTY_STATEMENT_PERIOD_RUNNING');
      h.clock.set('2026-03-16');
      const d = await ok('gz.tianhe.officer', `${P}/${c.id}/decide`, { amounts: [{ partyId, fineYuan: 2_000 }], reasons: '故意遮挡摄像机' });
      const pubDue = d.deadlines.find((x: { kind: string }) => x.kind === 'credit.publication').dueDate;
      // Overdue publication shows on the case (and in oversight, which reads the bureau's deadlines).
      h.clock.set('2026-04-01');
      const late = (await get('gz.tianhe.officer', `${P}/${c.id}`)).json();
      expect(late.deadlines.find((x: { kind: string }) => x.kind === 'credit.publication')).toMatchObject({ overdue: true, dueDate: pubDue });
      const p = await ok('gz.tianhe.officer', `${P}/${c.id}/publish`, {});
      const list = (await anon('/api/public/penalty-decisions?q=' + encodeURIComponent('张**'))).json();
      expect(list.items).toEqual([expect.objectContaining({ partyName: '张**', partyType: 'individual', partyUscc: null })]);
      expect(JSON.stringify((await anon('/api/public/penalty-decisions')).json())).not.toContain('张三丰');
      const deadlines = p.deadlines.find((x: { kind: string }) => x.kind === 'credit.publication');
      expect(deadlines).toMatchObject({ status: 'closed', outcome: 'late' });
      // Credit repair: not before the minimum (90 days), then recorded and gone from the list.
      const pubId = p.publications[0].id;
      expectProblem(await post('gz.tianhe.officer', `/api/credit-publications/${pubId}/remove`, { reason: '已履行并申请信用修复' }), 422, 'CREDIT_REPAIR_TOO_EARLY', '31');
      h.clock.set('2026-07-01');
      expect((await post('unit.a', `/api/credit-publications/${pubId}/remove`, { reason: '已履行并申请信用修复' })).statusCode).toBe(404);
      const removed = await post('gz.tianhe.officer', `/api/credit-publications/${pubId}/remove`, { reason: '已履行并申请信用修复' });
      expect(removed.statusCode, removed.body).toBe(204);
      expect((await anon('/api/public/penalty-decisions?q=' + encodeURIComponent('张**'))).json().total).toBe(0);
      expect((await get('gz.tianhe.officer', `${P}/${c.id}`)).json().timeline.map((t: { action: string }) => t.action)).toContain('credit.removed');
    });

    it('art. 35: a company named as party reads its case and answers it; another company does not see it', async () => {
      h.clock.set('2026-03-02');
      const uscc = makeUscc('91440106MA5C35351');
      const companyId = await h.addCompany({ name: '无证安防工程有限公司', uscc, divisionCode: '440106' });
      const otherId = await h.addCompany({ name: '别家安防有限公司', uscc: makeUscc('91440106MA5C35362'), divisionCode: '440106' });
      await h.addUser({ username: 'co.35', role: 'company_user', companyId });
      await h.addUser({ username: 'co.other', role: 'company_user', companyId: otherId });
      const c = await ok('gz.tianhe.officer', P, { source: { kind: 'other' }, siteId: unitA.siteId, violatedArticle: '14', facts: '未取得资质证承接技防工程施工', parties: [{ partyType: 'unit', name: '无证安防工程有限公司', uscc, companyId }] }, 201);
      expect(c.penaltyArticle).toBe('35');
      const [party] = c.partiesDetail;
      await ok('gz.tianhe.officer', `${P}/${c.id}/propose`, { amounts: [{ partyId: party.id, fineYuan: 20_000 }] });
      const seen = await get('co.35', `${P}/${c.id}`);
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.json().actions).toEqual(expect.arrayContaining(['respond', 'request-hearing']));
      expect((await get('co.35', P)).json().items.map((x: { id: string }) => x.id)).toContain(c.id);
      expect((await get('co.other', `${P}/${c.id}`)).statusCode).toBe(404);
      expect((await get('co.other', P)).json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
      const hr = await ok('co.35', `${P}/${c.id}/request-hearing`, { statement: '请求听证' });
      expect(hr).toMatchObject({ status: 'hearing_requested' });
    });

    it('no penalty (行政处罚法33) needs written justification', async () => {
      h.clock.set('2026-03-02');
      const c = await caseFromOrder();
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/no-penalty`, { firstViolation: true, correctedOn: '2026-03-01', reasons: '' }), 422, 'PENALTY_JUSTIFICATION_REQUIRED', '行政处罚法33');
      expectProblem(await post('gz.tianhe.officer', `${P}/${c.id}/no-penalty`, { firstViolation: false, correctedOn: '2026-03-01', reasons: '初次违法且危害后果轻微并已及时改正' }), 422, 'PENALTY_JUSTIFICATION_REQUIRED');
      const r = await ok('gz.tianhe.officer', `${P}/${c.id}/no-penalty`, { firstViolation: true, correctedOn: '2026-03-01', reasons: '初次违法且危害后果轻微并已及时改正' });
      expect(r).toMatchObject({ status: 'no_penalty', correctedOn: '2026-03-01', actions: [], publications: [] });
      expect(r.deadlines.every((d: { status: string }) => d.status === 'closed')).toBe(true);
    });

    it('hearing threshold at/below/above and the province’s settings', async () => {
      h.clock.set('2026-03-02');
      const a = async (q: string) => (await get('gz.tianhe.officer', `/api/penalty-rules/assess?${q}`)).json();
      expect(await a('article=34&partyType=unit&amount=9999')).toMatchObject({ ok: true, hearingDue: false });
      expect(await a('article=34&partyType=unit&amount=10000')).toMatchObject({ ok: true, hearingDue: true, band: 'serious' });
      expect(await a('article=34&partyType=unit&amount=10001')).toMatchObject({ ok: false, hearingDue: true, code: 'PENALTY_AMOUNT_OUT_OF_RANGE' });
      expect(await a('article=37&partyType=individual&amount=1999')).toMatchObject({ ok: false, hearingDue: false });
      expect(await a('article=37&partyType=individual&amount=2000')).toMatchObject({ ok: true, hearingDue: true, band: 'mild' });
      expect(await a('article=32&partyType=unit&amount=35000')).toMatchObject({ ok: false, code: 'PENALTY_AMOUNT_OUT_OF_RANGE', article: '32' });
      const rules = (await get('gz.tianhe.officer', '/api/penalty-rules')).json();
      expect(rules.provisions).toHaveLength(7);
      const s = (await get('gd.officer', '/api/penalty-settings')).json();
      expect(s).toMatchObject({ hearingUnitYuan: 10000, hearingIndividualYuan: 2000, statementDays: 3, hearingRequestDays: 5, publicationDays: 7, version: 0 });
      const body = { ...s, hearingUnitYuan: 5000, bands: [{ article: '*', mildUpTo: 0.5, generalUpTo: 0.8 }] };
      delete body.updatedAt;
      expect((await (await as('gz.officer')).put('/api/penalty-settings', body)).statusCode).toBe(403);
      const put = await (await as('gd.officer')).put('/api/penalty-settings', body);
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ hearingUnitYuan: 5000, version: 1 });
      expect((await (await as('gd.officer')).put('/api/penalty-settings', body)).statusCode).toBe(409);
      expect(await a('article=34&partyType=unit&amount=8000')).toMatchObject({ ok: true, hearingDue: true, band: 'general' });
      const bad = await (await as('gd.officer')).put('/api/penalty-settings', { ...body, version: 1, bands: [{ article: '*', mildUpTo: 0.8, generalUpTo: 0.5 }] });
      expectProblem(bad, 422, 'PENALTY_INPUT_INVALID');
      // Restore the defaults for the other tests on this database.
      const back = await (await as('gd.officer')).put('/api/penalty-settings', { ...body, version: 1, hearingUnitYuan: 10000, bands: [{ article: '*', mildUpTo: 1 / 3, generalUpTo: 2 / 3 }] });
      expect(back.statusCode, back.body).toBe(200);
    });

    it('demo seed: one published art. 37 decision, the individual masked', async () => {
      h.clock.set('2026-07-01');
      const id = await seedDemoPenalties(h.db.db, h.clock, h.config);
      expect(id).toBeTruthy();
      const list = (await anon('/api/public/penalty-decisions?q=' + encodeURIComponent('李**'))).json();
      expect(list.items).toEqual([expect.objectContaining({ partyName: '李**', result: '罚款3,000元', decidedOn: '2026-06-17', publishedOn: '2026-06-19' })]);
      const c = (await get('gz.tianhe.officer', `${P}/${id}`)).json();
      expect(c.deadlines.find((d: { kind: string }) => d.kind === 'credit.publication')).toMatchObject({ status: 'closed', outcome: 'met' });
    });

    it('licensing decisions are listed read-only from the qualification procedure', async () => {
      const res = await anon('/api/public/licensing-decisions');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ page: 1, pageSize: 50 });
    });
  });
}
