import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedger } from '../audit/ledger.js';
import { TEST_DIALECTS } from '../db/testing.js';
import { openHarness, type Harness, type Session } from '../testing/harness.js';
import { addUnit } from '../../procedures/registry/registry.testing.js';
import { deadlinesOf, openDeadline } from './deadlines.js';
import { OFFICIAL_YEARS } from './legal-days.js';

const TODAY = '2026-09-24';
const C = '/api/calendar';

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ status, code });
  return body;
}

const y2027 = {
  year: 2027,
  divisionCode: '440000',
  off: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
  work: ['2027-02-06', '2027-10-09'],
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
};

for (const dialect of TEST_DIALECTS) {
  describe(`calendar routes on ${dialect}`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};

    beforeAll(async () => {
      h = await openHarness(dialect, TODAY);
      await h.addOfficers([['gd.officer2', 'province_officer', 'PSB-440000']]);
      const unitId = await addUnit(h.db, '某银行天河支行', '440106');
      await h.addUser({ username: 'unit.a', role: 'unit_user', unitId });
      for (const u of ['gd.officer', 'gd.officer2', 'gz.officer', 'unit.a']) s[u] = await h.login(u);
    });
    afterAll(() => h.close());

    const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) => h.app.inject({ method, url, ...(payload ? { payload } : {}) });

    it('lists the years: 2007–2026 official, 2027 provisional; the public is refused', async () => {
      const res = await s['unit.a'].get(`${C}/years`);
      expect(res.statusCode, res.body).toBe(200);
      const years = res.json() as { year: number; status: string; revision: number | null; source: string | null }[];
      expect(years[0]).toMatchObject({ year: 2007, status: 'official', revision: null });
      expect(years.find((y) => y.year === 2026)).toMatchObject({ status: 'official', source: expect.stringContaining('chinese-days') });
      expect(years.at(-1)).toEqual({ year: 2027, status: 'provisional', revision: null, source: null });
      expectProblem(await anonymous('GET', `${C}/years`), 401, 'UNAUTHENTICATED');
    });

    it('shows a year’s days', async () => {
      const res = await s['gz.officer'].get(`${C}/years/2026`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ year: 2026, status: 'official', work: [...OFFICIAL_YEARS.get(2026)!.work], localOverrides: [] });
      expect(res.json().off).toContain('2026-10-07');
      expect((await s['gz.officer'].get(`${C}/years/2027`)).json()).toMatchObject({ status: 'provisional', off: [], work: [], source: null });
      expectProblem(await s['gz.officer'].get(`${C}/years/abc`), 400, 'VALIDATION_FAILED');
    });

    it('the calculator: 15 working days from 2026-09-24 is 2026-10-22; a period into 2027 is provisional', async () => {
      const res = await s['unit.a'].get(`${C}/due?start=2026-09-24&days=15&dayKind=working`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ dueDate: '2026-10-22', provisional: false, revision: 0, pausedDays: 0, paused: false });
      expect((await s['unit.a'].get(`${C}/due?start=2026-09-24&days=10&dayKind=calendar&divisionCode=440106`)).json()).toMatchObject({ dueDate: '2026-10-08' });
      expect((await s['unit.a'].get(`${C}/due?start=2026-12-28&days=5&dayKind=working&divisionCode=`)).json()).toMatchObject({ dueDate: '2027-01-04', provisional: true });
      expectProblem(await s['unit.a'].get(`${C}/due?start=2026-02-30&days=5&dayKind=working`), 400, 'VALIDATION_FAILED');
      expectProblem(await s['unit.a'].get(`${C}/due?start=2026-02-03&days=0&dayKind=working`), 400, 'VALIDATION_FAILED');
      expectProblem(await s['unit.a'].get(`${C}/due?start=2026-02-03&days=5&dayKind=lunar`), 400, 'VALIDATION_FAILED');
      expectProblem(await anonymous('GET', `${C}/due?start=2026-09-24&days=15&dayKind=working`), 401, 'UNAUTHENTICATED');
    });

    it('only province officers propose; invalid arrangements are refused with each problem named', async () => {
      expectProblem(await s['gz.officer'].post(`${C}/revisions`, y2027), 403, 'FORBIDDEN');
      expectProblem(await s['unit.a'].post(`${C}/revisions`, y2027), 403, 'FORBIDDEN');
      expectProblem(await s['gz.officer'].get(`${C}/revisions`), 403, 'FORBIDDEN');
      expectProblem(await anonymous('POST', `${C}/revisions`, y2027), 401, 'UNAUTHENTICATED');
      const bad = expectProblem(
        await s['gd.officer'].post(`${C}/revisions`, {
          ...y2027,
          off: ['2027-02-05', '2026-12-31', '2027-02-30', '2027-10-09', '2027-02-05'],
          work: ['2027-10-08', '2027-10-09'],
        }),
        422,
        'CALENDAR_INVALID',
      );
      const problems = (bad.errors as { field: string; date?: string; problem: string }[]).map((e) => `${e.field}:${e.date ?? ''}:${e.problem}`).sort();
      expect(problems).toEqual([
        'off:2026-12-31:outside_year',
        'off:2027-01-01:new_year_missing',
        'off:2027-02-05:duplicate',
        'off:2027-02-30:not_a_date',
        'work:2027-10-08:make_up_day_not_weekend',
        'work:2027-10-09:in_both_lists',
      ]);
      expectProblem(await s['gd.officer'].post(`${C}/revisions`, { ...y2027, divisionCode: '449999' }), 422, 'CALENDAR_INVALID');
      expectProblem(await s['gd.officer'].post(`${C}/revisions`, { ...y2027, year: '2027' }), 400, 'VALIDATION_FAILED');
      expectProblem(await s['gd.officer'].post(`${C}/revisions`, { ...y2027, extra: 1 }), 400, 'VALIDATION_FAILED');
    });

    it('four eyes: the proposer cannot approve; a second province officer approves, 2027 becomes revised and open deadlines are recomputed', async () => {
      // An open deadline reaching into 2027, provisional until the arrangement is approved.
      const ctx = { db: h.db.db, actor: { userId: null, role: 'system' as const }, clock: h.clock, config: h.config };
      const d = await h.db.db.transaction().execute((trx) =>
        openDeadline(ctx, trx, { subjectType: 'test_subject', subjectId: 'r-1', kind: 'scheme.review', article: '17', divisionCode: '440106', ownerUnitId: 'PSB-440106', dayKind: 'working', days: 5, startDate: '2027-02-03' }),
      );
      expect(d).toMatchObject({ dueDate: '2027-02-10', provisional: true });

      const proposed = await s['gd.officer'].post(`${C}/revisions`, { ...y2027, note: '2026年11月发布' });
      expect(proposed.statusCode, proposed.body).toBe(201);
      const rev = proposed.json();
      expect(rev).toMatchObject({ year: 2027, divisionCode: '440000', status: 'proposed', revision: null, proposedByName: 'gd.officer', decidedBy: null, note: '2026年11月发布' });
      expect((await s['gd.officer2'].get(`${C}/revisions?status=proposed`)).json().items.map((r: { id: string }) => r.id)).toEqual([rev.id]);
      expectProblem(await s['gd.officer2'].get(`${C}/revisions?status=maybe`), 400, 'VALIDATION_FAILED');

      expectProblem(await s['gd.officer'].post(`${C}/revisions/${rev.id}/approve`, {}), 403, 'CALENDAR_FOUR_EYES');
      expectProblem(await s['gz.officer'].post(`${C}/revisions/${rev.id}/approve`, {}), 403, 'FORBIDDEN');
      expectProblem(await s['gd.officer2'].post(`${C}/revisions/no-such-id/approve`, {}), 404, 'NOT_FOUND');

      const approved = await s['gd.officer2'].post(`${C}/revisions/${rev.id}/approve`, {});
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toEqual({ revision: 1, recomputed: { checked: 1, changed: 1 } });
      expectProblem(await s['gd.officer2'].post(`${C}/revisions/${rev.id}/approve`, {}), 409, 'TRANSITION_NOT_ALLOWED');

      const [after] = await deadlinesOf(h.db.db, 'test_subject', ['r-1']);
      // 4 Feb counts; 5, 8–11 Feb off; the 6th (Saturday) is a make-up day; then 12, 15, 16 Feb.
      expect(after).toMatchObject({ dueDate: '2027-02-16', provisional: false, calendarRevision: 1 });

      expect((await s['unit.a'].get(`${C}/years`)).json().at(-1)).toMatchObject({ year: 2027, status: 'revised', revision: 1, source: y2027.source });
      expect((await s['unit.a'].get(`${C}/years/2027`)).json()).toMatchObject({ status: 'revised', revision: 1, off: y2027.off, work: y2027.work });
      expect((await s['unit.a'].get(`${C}/due?start=2027-02-03&days=5&dayKind=working`)).json()).toMatchObject({ dueDate: '2027-02-16', provisional: false, revision: 1 });

      const listed = (await s['gd.officer'].get(`${C}/revisions?status=approved`)).json().items;
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: rev.id, status: 'approved', revision: 1, proposedByName: 'gd.officer', decidedByName: 'gd.officer2' });
      const ledger = await readLedger(h.db.db, { objectType: 'calendar_revision', objectId: rev.id });
      expect(ledger.map((e) => e.action)).toEqual(['calendar.revision_proposed', 'calendar.revision_approved']);
      expect((await readLedger(h.db.db, { objectType: 'deadline', objectId: d.id })).map((e) => e.action)).toEqual(['deadline.recomputed']);
    });

    it('a local override for a city applies to its districts only; a rejected proposal changes nothing', async () => {
      const local = await s['gd.officer2'].post(`${C}/revisions`, { year: 2026, divisionCode: '440100', off: ['2026-10-09'], work: [], source: '广州市人民政府通知（测试）' });
      expect(local.statusCode, local.body).toBe(201);
      const approved = await s['gd.officer'].post(`${C}/revisions/${local.json().id}/approve`, {});
      expect(approved.json()).toMatchObject({ revision: 2 });
      expect((await s['unit.a'].get(`${C}/years/2026`)).json()).toMatchObject({
        status: 'official',
        localOverrides: [{ divisionCode: '440100', off: ['2026-10-09'], work: [], revision: 2 }],
      });
      expect((await s['unit.a'].get(`${C}/due?start=2026-09-24&days=15&dayKind=working&divisionCode=440106`)).json()).toMatchObject({ dueDate: '2026-10-23', revision: 2 });
      expect((await s['unit.a'].get(`${C}/due?start=2026-09-24&days=15&dayKind=working&divisionCode=440304`)).json()).toMatchObject({ dueDate: '2026-10-22', revision: 2 });

      const other = await s['gd.officer'].post(`${C}/revisions`, { ...y2027, off: [...y2027.off, '2027-03-01'] });
      expect(other.statusCode, other.body).toBe(201);
      expectProblem(await s['gd.officer2'].post(`${C}/revisions/${other.json().id}/reject`, {}), 400, 'VALIDATION_FAILED');
      const rejected = await s['gd.officer2'].post(`${C}/revisions/${other.json().id}/reject`, { reason: '与国务院通知不符' });
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect(rejected.json()).toMatchObject({ status: 'rejected', revision: null, decisionReason: '与国务院通知不符', decidedByName: 'gd.officer2' });
      expectProblem(await s['gd.officer2'].post(`${C}/revisions/${other.json().id}/approve`, {}), 409, 'TRANSITION_NOT_ALLOWED');
      expect((await s['unit.a'].get(`${C}/years/2027`)).json()).toMatchObject({ revision: 1, off: y2027.off });
      expect((await s['gd.officer'].get(`${C}/revisions?status=rejected`)).json().items).toHaveLength(1);
    });
  });
}
