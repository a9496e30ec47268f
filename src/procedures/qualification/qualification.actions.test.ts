import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import { TEST_DIALECTS, openTestDb } from '../../platform/db/testing.js';
import { AppError } from '../../platform/http/errors.js';
import { readLedger } from '../../platform/audit/ledger.js';
import { supplementApplication, withdrawApplication } from './applicant.actions.js';
import { applyForQualification } from './apply.actions.js';
import { companyMayUndertake } from './certificates.actions.js';
import { decideApplication, examineApplication } from './decide.actions.js';
import { acceptApplication, issueNotice, rejectApplication } from './intake.actions.js';
import { listApplicationsFor } from './read.actions.js';
import { seedQualificationLevels } from './qualification.seed.js';
import { actors, addCertificate, addCompany, countRows, ctxFor, snapshot } from './qualification.testing.js';

const TODAY = '2026-03-02';
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, ...(e.article ? { article: e.article } : {}) };
    throw e;
  }
  throw new Error('expected a refusal');
};

for (const dialect of TEST_DIALECTS) {
  describe(`qualification actions on ${dialect}`, () => {
    let db: Db;
    const gzCity = actors.officer('city_officer', '440100');
    const province = actors.officer('province_officer', '440000');
    const ctx = (actor: Parameters<typeof ctxFor>[1], today = TODAY) => ctxFor(db, actor, fixedClock(today));

    beforeAll(async () => {
      db = await openTestDb(dialect);
      await db.db.transaction().execute((trx) => seedQualificationLevels(trx, '2026-01-01T00:00:00.000Z'));
    });
    afterAll(() => db.close());

    it('art. 14, 15: first application → accepted → approved by the Guangzhou bureau → level IV certificate for 2 years', async () => {
      const company = await addCompany(db, '440106');
      const me = actors.company(company);
      const applied = await applyForQualification(ctx(me), { kind: 'first', targetLevel: 'IV', materials: [{ name: '营业执照', ref: 'f1' }] });
      // Licensing Law art. 32, 82: 5 working days from the day after Monday 2026-03-02 → Monday 03-09.
      expect(applied).toMatchObject({ status: 'submitted', targetLevel: 'IV', dueDate: '2026-03-09', dueDateProvisional: false, actions: ['withdraw'] });
      expect(applied.deadline).toMatchObject({
        kind: 'qualification.acceptance',
        article: '行政许可法32',
        dayKind: 'working',
        days: 5,
        startDate: TODAY,
        dueDate: '2026-03-09',
        provisional: false,
        calendarRevision: 0,
        status: 'open',
        daysLeft: 5,
        overdue: false,
        paused: false,
      });
      expect(applied.decidingUnit.id).toBe('PSB-440100');

      // Art. 42: 20 working days from 03-03 → 03-30 (no holiday in March 2026).
      const accepted = await acceptApplication(ctx(gzCity), applied.id);
      expect(accepted).toMatchObject({ status: 'accepted', dueDate: '2026-03-30', actions: ['approve', 'refuse'] });
      expect(accepted.deadline).toMatchObject({ kind: 'qualification.decision', article: '行政许可法42', days: 20, daysLeft: 20 });
      const approved = await decideApplication(ctx(gzCity), applied.id, { approve: true, reasons: '' });
      expect(approved).toMatchObject({ status: 'approved', dueDate: null, dueDateProvisional: false, deadline: null });
      expect(approved.deadlines.map((d) => [d.kind, d.status, d.outcome, d.closedOn])).toEqual([
        ['qualification.decision', 'closed', 'met', TODAY],
        ['qualification.acceptance', 'closed', 'met', TODAY],
      ]);
      const owners = await db.db.selectFrom('deadlines').select(['kind', 'owner_unit_id', 'division_code']).where('subject_id', '=', applied.id).orderBy('kind').execute();
      expect(owners).toEqual([
        { kind: 'qualification.acceptance', owner_unit_id: 'PSB-440100', division_code: '440100' },
        { kind: 'qualification.decision', owner_unit_id: 'PSB-440100', division_code: '440100' },
      ]);
      const cert = await db.db.selectFrom('certificates').selectAll().where('id', '=', approved.certificateId!).executeTakeFirstOrThrow();
      expect(cert).toMatchObject({ kind: 'qualification', level: 'IV', valid_from: TODAY, valid_to: '2028-03-01', issued_by_unit_id: 'PSB-440100' });
      expect(cert.number).toMatch(/^GD-JF-4401-2026-\d{6}$/);
      expect(approved.history.map((h) => [h.action, h.article])).toEqual([
        ['submit', '15'],
        ['accept', '行政许可法32'],
        ['issue', '14'],
        ['approve', '14'],
      ]);
      expect(await companyMayUndertake(db.db, company, 3, TODAY)).toMatchObject({ allowed: true, article: '14(2)' });
      expect(await companyMayUndertake(db.db, company, 2, TODAY)).toMatchObject({ allowed: false, reason: 'beyond_level' });
    });

    it('art. 14: level II is examined by the city, decided only by the province, only after examination', async () => {
      const company = await addCompany(db, '440104');
      const old = await addCertificate(db, { companyId: company, level: 'III', validFrom: '2025-01-10' });
      const app = await applyForQualification(ctx(actors.company(company)), {
        kind: 'promotion',
        targetLevel: 'II',
        materials: [{ name: '业绩', ref: 'x' }],
        checklist: { 'II-projects': true, 'II-engineers': true },
      });
      expect(app).toMatchObject({ decidingUnit: { id: 'PSB-440000' }, examiningUnit: { id: 'PSB-440100' }, basedOnCertificateId: old });
      expect(await refusal(acceptApplication(ctx(province), app.id))).toEqual({ code: 'FORBIDDEN' });
      // Art. 43: the city examines within 20 working days of acceptance (accepted 03-02 → 03-30) …
      const accepted = await acceptApplication(ctx(gzCity), app.id);
      expect(accepted.deadline).toMatchObject({ kind: 'qualification.examination', article: '行政许可法43', dueDate: '2026-03-30' });
      expect(await refusal(decideApplication(ctx(gzCity), app.id, { approve: true }))).toEqual({ code: 'FORBIDDEN' });
      expect(await refusal(decideApplication(ctx(province), app.id, { approve: true }))).toEqual({ code: 'TRANSITION_NOT_ALLOWED' });
      // … and the province then has its own 20 working days from the examination (03-09 → 04-07:
      // 03-10 … 04-03 is 19 working days, 04-04 … 04-06 Qingming, 04-07 the 20th).
      const examined = await examineApplication(ctx(gzCity, '2026-03-09'), app.id, { pass: true, opinion: '材料齐全，符合条件' });
      expect(examined).toMatchObject({ status: 'examined', examinationPassed: true, dueDate: '2026-04-07' });
      expect(examined.deadline).toMatchObject({ kind: 'qualification.decision', article: '行政许可法42', startDate: '2026-03-09' });
      expect(examined.actions).toEqual([]);
      const decision = await db.db
        .selectFrom('deadlines')
        .select(['owner_unit_id', 'division_code'])
        .where('subject_id', '=', app.id)
        .where('kind', '=', 'qualification.decision')
        .executeTakeFirstOrThrow();
      expect(decision).toEqual({ owner_unit_id: 'PSB-440000', division_code: '440000' });
      const done = await decideApplication(ctx(province), app.id, { approve: true });
      const [oldRow, newRow] = await Promise.all([
        db.db.selectFrom('certificates').selectAll().where('id', '=', old).executeTakeFirstOrThrow(),
        db.db.selectFrom('certificates').selectAll().where('id', '=', done.certificateId!).executeTakeFirstOrThrow(),
      ]);
      expect(newRow).toMatchObject({ level: 'II', valid_from: TODAY, issued_by_unit_id: 'PSB-440000' });
      expect(oldRow.superseded_by).toBe(newRow.id);
      expect(await companyMayUndertake(db.db, company, 2, TODAY)).toMatchObject({ allowed: true, certificateNumber: newRow.number });
    });

    it('art. 15: renewal approved → new number from the day after expiry; the old one superseded', async () => {
      const company = await addCompany(db, '440303');
      const old = await addCertificate(db, { companyId: company, level: 'III', validFrom: '2024-03-20' }); // to 2026-03-19
      const app = await applyForQualification(ctx(actors.company(company)), { kind: 'renewal', certificateId: old, materials: [] });
      const sz = actors.officer('city_officer', '440300');
      await acceptApplication(ctx(sz), app.id);
      const done = await decideApplication(ctx(sz), app.id, { approve: true });
      const next = await db.db.selectFrom('certificates').selectAll().where('id', '=', done.certificateId!).executeTakeFirstOrThrow();
      expect(next).toMatchObject({ level: 'III', valid_from: '2026-03-20', valid_to: '2028-03-19' });
      expect(next.number).toMatch(/^GD-JF-4403-2026-/);
      const oldRow = await db.db.selectFrom('certificates').select(['superseded_by', 'valid_to']).where('id', '=', old).executeTakeFirstOrThrow();
      expect(oldRow).toEqual({ superseded_by: next.id, valid_to: '2026-03-19' });
      expect(await companyMayUndertake(db.db, company, 3, '2026-03-19')).toMatchObject({ allowed: true });
    });

    it('art. 15: extension pushes the same certificate; at most 90 days in total', async () => {
      const company = await addCompany(db, '440106');
      const cert = await addCertificate(db, { companyId: company, level: 'IV', validFrom: '2024-03-20' });
      const me = ctx(actors.company(company));
      const app = await applyForQualification(me, { kind: 'extension', certificateId: cert, extensionDays: 60, materials: [] });
      await acceptApplication(ctx(gzCity), app.id);
      const done = await decideApplication(ctx(gzCity), app.id, { approve: true });
      expect(done.certificateId).toBe(cert);
      const row = await db.db.selectFrom('certificates').select(['valid_to', 'superseded_by']).where('id', '=', cert).executeTakeFirstOrThrow();
      expect(row).toEqual({ valid_to: '2026-05-18', superseded_by: null });
      // Now 2026-04-20 is in the new window; 31 more days would exceed 90 in total.
      const later = ctx(actors.company(company), '2026-04-20');
      expect(await refusal(applyForQualification(later, { kind: 'extension', certificateId: cert, extensionDays: 31, materials: [] }))).toEqual({
        code: 'EXTENSION_TOO_LONG',
        article: '15',
      });
      await applyForQualification(later, { kind: 'extension', certificateId: cert, extensionDays: 30, materials: [] });
    });

    it('art. 16: an out-of-province record filing is decided by the province, 1 year, GD-JFBA number', async () => {
      const company = await addCompany(db, '430100', 'out_of_province');
      const app = await applyForQualification(ctx(actors.company(company)), { kind: 'record', targetLevel: 'II', materials: [{ name: '原资质证书', ref: 'h' }] });
      expect(app.decidingUnit.id).toBe('PSB-440000');
      expect(await refusal(acceptApplication(ctx(gzCity), app.id))).toEqual({ code: 'NOT_FOUND' });
      await acceptApplication(ctx(province), app.id);
      const done = await decideApplication(ctx(province), app.id, { approve: true });
      const cert = await db.db.selectFrom('certificates').selectAll().where('id', '=', done.certificateId!).executeTakeFirstOrThrow();
      expect(cert).toMatchObject({ kind: 'record', level: 'II', valid_from: TODAY, valid_to: '2027-03-01' });
      expect(cert.number).toMatch(/^GD-JFBA-2026-\d{6}$/);
      expect(done.history.at(-1)).toMatchObject({ action: 'approve', article: '16' });
      expect(await companyMayUndertake(db.db, company, 2, TODAY)).toMatchObject({ allowed: true, article: '16' });
    });

    it('Licensing Law art. 32: one notice, supplement, then accept; no second notice; not accepted with reasons', async () => {
      const company = await addCompany(db, '440105');
      const me = ctx(actors.company(company));
      const app = await applyForQualification(me, { kind: 'first', materials: [{ name: 'A', ref: '1' }] });
      const noticed = await issueNotice(ctx(gzCity), app.id, { missing: ['营业执照副本', '技术人员名单'] });
      expect(noticed).toMatchObject({ status: 'supplement_required', dueDate: null, deadline: null, missingNotice: ['营业执照副本', '技术人员名单'] });
      // Supplemented on Friday 03-13: a fresh 5 working days from Monday 03-16 → Friday 03-20.
      const back = await supplementApplication(ctx(actors.company(company), '2026-03-13'), app.id, {
        materials: [{ name: 'A', ref: '2' }, { name: '营业执照副本', ref: '3' }],
      });
      expect(back).toMatchObject({ status: 'submitted', dueDate: '2026-03-20', materials: [{ name: 'A', ref: '2' }, { name: '营业执照副本', ref: '3' }] });
      expect(back.deadline).toMatchObject({ kind: 'qualification.acceptance', startDate: '2026-03-13', dueDate: '2026-03-20' });
      expect(back.actions).toEqual(['withdraw']);
      expect(await refusal(issueNotice(ctx(gzCity), app.id, { missing: ['x'] }))).toEqual({ code: 'TRANSITION_NOT_ALLOWED' });
      expect(await refusal(rejectApplication(ctx(gzCity), app.id, { reasons: ' ' }))).toMatchObject({ code: 'REASONS_REQUIRED' });
      // Not accepted on Monday 03-23, after the period ended on 03-20: the record shows it late.
      const rejected = await rejectApplication(ctx(gzCity, '2026-03-23'), app.id, { reasons: '仍缺技术人员名单' });
      expect(rejected).toMatchObject({ status: 'not_accepted', reasons: '仍缺技术人员名单', actions: [], deadline: null });
      expect(rejected.deadlines.map((d) => [d.startDate, d.dueDate, d.outcome, d.closedOn])).toEqual([
        ['2026-03-13', '2026-03-20', 'late', '2026-03-23'],
        [TODAY, '2026-03-09', 'met', TODAY],
      ]);
      expect(await refusal(withdrawApplication(me, app.id))).toEqual({ code: 'TRANSITION_NOT_ALLOWED' });
    });

    it('Licensing Law art. 82: working days left, overdue after the due date; a withdrawal cancels the clock', async () => {
      const company = await addCompany(db, '440106');
      const app = await applyForQualification(ctx(actors.company(company), '2026-09-24'), { kind: 'first', materials: [] });
      // After Thursday 09-24: 09-25 is Mid-Autumn, then 09-28, 29, 30; National Day 10-01 … 10-07; 10-08, 10-09.
      expect(app.deadline).toMatchObject({ dueDate: '2026-10-09', daysLeft: 5, overdue: false });
      const seen = async (today: string) => (await listApplicationsFor(ctx(gzCity, today))).items.find((i) => i.id === app.id)!;
      expect((await seen('2026-10-01')).deadline).toMatchObject({ daysLeft: 2, overdue: false });
      expect((await seen('2026-10-09')).deadline).toMatchObject({ daysLeft: 0, overdue: false });
      // Saturday 10-10 is a make-up working day: one working day late; still one on Sunday.
      expect((await seen('2026-10-10')).deadline).toMatchObject({ daysLeft: -1, overdue: true });
      expect((await seen('2026-10-11')).deadline).toMatchObject({ daysLeft: -1, overdue: true });
      const withdrawn = await withdrawApplication(ctx(actors.company(company), '2026-10-12'), app.id);
      expect(withdrawn).toMatchObject({ status: 'withdrawn', dueDate: null, deadline: null });
      expect(withdrawn.deadlines).toMatchObject([{ kind: 'qualification.acceptance', status: 'closed', outcome: 'cancelled', closedOn: '2026-10-12' }]);
    });

    it('optimistic concurrency: a stale version is a CONFLICT and writes nothing', async () => {
      const company = await addCompany(db, '440106');
      const app = await applyForQualification(ctx(actors.company(company)), { kind: 'first', materials: [] });
      const before = await snapshot(db);
      expect(await refusal(acceptApplication(ctx(gzCity), app.id, { version: app.version + 1 }))).toEqual({ code: 'CONFLICT' });
      expect(await snapshot(db)).toEqual(before);
      await acceptApplication(ctx(gzCity), app.id, { version: app.version });
    });

    it('a refused approval leaves no partial write (certificate revoked meanwhile)', async () => {
      const company = await addCompany(db, '440106');
      const cert = await addCertificate(db, { companyId: company, level: 'IV', validFrom: '2024-03-20' });
      const app = await applyForQualification(ctx(actors.company(company)), { kind: 'renewal', materials: [] });
      await acceptApplication(ctx(gzCity), app.id);
      await db.db.updateTable('certificates').set({ revoked_at: '2026-03-01T00:00:00Z' }).where('id', '=', cert).execute();
      const before = await snapshot(db);
      expect(await refusal(decideApplication(ctx(gzCity), app.id, { approve: true }))).toEqual({ code: 'CERTIFICATE_NOT_USABLE', article: '15' });
      expect(await snapshot(db)).toEqual(before);
      const row = await db.db.selectFrom('qualification_applications').select(['status', 'version']).where('id', '=', app.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'accepted', version: 2 });
      const refused = await decideApplication(ctx(gzCity), app.id, { approve: false, reasons: '证书已撤销' });
      expect(refused.history.at(-1)).toMatchObject({ action: 'refuse', article: '15' });
    });

    it('certificate numbers stay unique when decisions run concurrently', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const company = await addCompany(db, '440106');
        const app = await applyForQualification(ctx(actors.company(company)), { kind: 'first', materials: [] });
        await acceptApplication(ctx(gzCity), app.id);
        ids.push(app.id);
      }
      const results = await Promise.all(ids.map((id) => decideApplication(ctx(gzCity), id, { approve: true })));
      const numbers = await db.db.selectFrom('certificates').select('number').where('id', 'in', results.map((r) => r.certificateId!)).execute();
      expect(new Set(numbers.map((n) => n.number)).size).toBe(4);
    });

    it('seeding the levels is idempotent and never overwrites the province’s edits', async () => {
      await db.db.updateTable('qualification_levels').set({ scope_zh: '省厅设定', illustrative: 0 }).where('level', '=', 'IV').execute();
      await db.db.transaction().execute((trx) => seedQualificationLevels(trx, '2026-02-01T00:00:00.000Z'));
      expect(await countRows(db, 'qualification_levels')).toBe(4);
      const iv = await db.db.selectFrom('qualification_levels').selectAll().where('level', '=', 'IV').executeTakeFirstOrThrow();
      expect(iv).toMatchObject({ scope_zh: '省厅设定', illustrative: 0 });
    });

    it('the queue is sorted by due date, undated last, and scoped to the officer', async () => {
      const early = await addCompany(db, '440111');
      const late = await addCompany(db, '440111');
      const a = await applyForQualification(ctx(actors.company(late), '2026-03-10'), { kind: 'first', materials: [] });
      const b = await applyForQualification(ctx(actors.company(early), '2026-03-01'), { kind: 'first', materials: [] });
      const items = (await listApplicationsFor(ctx(gzCity))).items;
      const dated = items.filter((i) => i.dueDate !== null).map((i) => i.dueDate!);
      expect(dated).toEqual([...dated].sort());
      expect(items.findIndex((i) => i.id === b.id)).toBeLessThan(items.findIndex((i) => i.id === a.id));
      expect(items.findIndex((i) => i.dueDate === null)).toBeGreaterThan(items.findIndex((i) => i.id === a.id));
      const sz = (await listApplicationsFor(ctx(actors.officer('city_officer', '440300')))).items;
      expect(sz.some((i) => i.id === a.id)).toBe(false);
      const own = (await listApplicationsFor(ctx(actors.company(early)))).items;
      expect(own.map((i) => i.id)).toEqual([b.id]);
    });

    it('every decision is in the ledger with its article, in the same transaction', async () => {
      const company = await addCompany(db, '440106');
      const app = await applyForQualification(ctx(actors.company(company)), { kind: 'first', materials: [] });
      await acceptApplication(ctx(gzCity), app.id);
      await decideApplication(ctx(gzCity), app.id, { approve: false, reasons: '人员条件不符' });
      const entries = await readLedger(db.db, { objectType: 'qualification_application', objectId: app.id });
      expect(entries.map((e) => [e.action, e.article, e.actor_role])).toEqual([
        ['qualification.applied', '15', 'company_user'],
        ['qualification.accepted', '行政许可法32', 'city_officer'],
        ['qualification.refused', '14', 'city_officer'],
      ]);
    });
  });
}
