import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { readLedger } from '../../platform/audit/ledger.js';
import { fixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import type { Db } from '../../platform/db/connect.js';
import { TEST_DIALECTS, openTestDb } from '../../platform/db/testing.js';
import { startScheduler } from '../../cli/scheduler.js';
import { runQualification } from '../../cli/qualification.js';
import { supplementApplication, withdrawApplication } from './applicant.actions.js';
import { applyForQualification } from './apply.actions.js';
import { acceptApplication, issueNotice } from './intake.actions.js';
import { getApplicationDetail } from './read.actions.js';
import { seedQualificationLevels } from './qualification.seed.js';
import { settleQualification } from './settle.actions.js';
import { actors, addCertificate, addCompany, ctxFor, snapshot } from './qualification.testing.js';

const TODAY = '2026-03-02'; // a Monday: the acceptance period (5 working days) ends Monday 03-09

for (const dialect of TEST_DIALECTS) {
  describe(`qualification settle (行政许可法32 deemed acceptance) on ${dialect}`, () => {
    let db: Db;
    const gzCity = actors.officer('city_officer', '440100');
    const ctx = (actor: Parameters<typeof ctxFor>[1], today = TODAY) => ctxFor(db, actor, fixedClock(today));
    const settle = (today: string) => settleQualification(ctx(SYSTEM_ACTOR, today));
    const firstApplication = async (division = '440106') => {
      const company = await addCompany(db, division);
      return applyForQualification(ctx(actors.company(company)), { kind: 'first', targetLevel: 'IV', materials: [{ name: '营业执照', ref: 'f1' }] });
    };

    beforeAll(async () => {
      db = await openTestDb(dialect);
      await db.db.transaction().execute((trx) => seedQualificationLevels(trx, '2026-01-01T00:00:00.000Z'));
    });
    afterAll(() => db.close());

    it('no acceptance or notice within 5 working days: accepted on the day of receipt, the decision clock runs from it', async () => {
      const app = await firstApplication();
      expect(app.deadline).toMatchObject({ kind: 'qualification.acceptance', startDate: TODAY, dueDate: '2026-03-09' });
      // On the due date itself the unit may still act: nothing happens.
      expect(await settle('2026-03-09')).toEqual({ deemedAccepted: 0 });
      expect((await getApplicationDetail(ctx(gzCity, '2026-03-09'), app.id)).status).toBe('submitted');

      expect(await settle('2026-03-10')).toEqual({ deemedAccepted: 1 });
      const after = await getApplicationDetail(ctx(gzCity, '2026-03-10'), app.id);
      // Art. 42: 20 working days from the day after receipt (03-03 … 03-30), as if accepted on 03-02.
      expect(after).toMatchObject({ status: 'accepted', acceptedOn: TODAY, deemedAccepted: true, dueDate: '2026-03-30', actions: ['approve', 'refuse'] });
      expect(after.deadline).toMatchObject({ kind: 'qualification.decision', article: '行政许可法42', startDate: TODAY, dueDate: '2026-03-30', status: 'open' });
      // The acceptance period shows it lapsed, closed on its last day (not the day the job ran).
      expect(after.deadlines.map((d) => [d.kind, d.status, d.outcome, d.closedOn])).toEqual([
        ['qualification.decision', 'open', null, null],
        ['qualification.acceptance', 'closed', 'lapsed', '2026-03-09'],
      ]);
      expect(after.history.map((h) => [h.action, h.actorRole, h.article])).toEqual([
        ['submit', 'company_user', '15'],
        ['auto_accept', 'system', '行政许可法32'],
      ]);
      const entry = (await readLedger(db.db, { objectType: 'qualification_application', objectId: app.id })).at(-1)!;
      expect([entry.action, entry.article, entry.actor_role]).toEqual(['qualification.deemed_accepted', '行政许可法32', 'system']);
      expect(JSON.parse(entry.detail!)).toMatchObject({ deemed: true, receivedOn: TODAY, acceptanceDueDate: '2026-03-09', deadlineKind: 'qualification.decision', dueDate: '2026-03-30' });

      // Idempotent: a rerun (even much later) finds nothing and writes nothing.
      const before = await snapshot(db);
      expect(await settle('2026-04-20')).toEqual({ deemedAccepted: 0 });
      expect(await snapshot(db)).toEqual(before);
    });

    it('level II: the city examination clock (行政许可法43) runs from receipt, owned by the examining city', async () => {
      const company = await addCompany(db, '440104');
      await addCertificate(db, { companyId: company, level: 'III', validFrom: '2025-01-10' });
      const app = await applyForQualification(ctx(actors.company(company)), {
        kind: 'promotion',
        targetLevel: 'II',
        materials: [{ name: '业绩', ref: 'x' }],
        checklist: { 'II-projects': true, 'II-engineers': true },
      });
      expect(await settle('2026-03-10')).toEqual({ deemedAccepted: 1 });
      const after = await getApplicationDetail(ctx(gzCity, '2026-03-10'), app.id);
      expect(after).toMatchObject({ status: 'accepted', acceptedOn: TODAY, deemedAccepted: true, actions: ['examine'] });
      expect(after.deadline).toMatchObject({ kind: 'qualification.examination', article: '行政许可法43', startDate: TODAY, dueDate: '2026-03-30' });
      const owner = await db.db.selectFrom('deadlines').select('owner_unit_id').where('subject_id', '=', app.id).where('status', '=', 'open').executeTakeFirstOrThrow();
      expect(owner.owner_unit_id).toBe('PSB-440100');
    });

    it('after the one notice and the supplement: deemed accepted on the day the supplement arrived', async () => {
      const app = await firstApplication('440105');
      await issueNotice(ctx(gzCity, '2026-03-03'), app.id, { missing: ['技术人员名单'] });
      // The applicant's turn: no clock runs, however long it takes.
      expect(await settle('2026-03-12')).toEqual({ deemedAccepted: 0 });
      // Supplemented Friday 03-13: a fresh 5 working days, to Friday 03-20.
      const back = await supplementApplication(ctx(actors.company(app.companyId), '2026-03-13'), app.id, { materials: [{ name: '技术人员名单', ref: 'f2' }] });
      expect(back.deadline).toMatchObject({ kind: 'qualification.acceptance', startDate: '2026-03-13', dueDate: '2026-03-20' });
      expect(await settle('2026-03-23')).toEqual({ deemedAccepted: 1 });
      const after = await getApplicationDetail(ctx(gzCity, '2026-03-23'), app.id);
      // 20 working days from Monday 03-16: 03-16 … 04-03 are 15, 04-04 … 04-06 Qingming, 04-07 … 04-10 and 04-13.
      expect(after).toMatchObject({ status: 'accepted', acceptedOn: '2026-03-13', deemedAccepted: true });
      expect(after.deadline).toMatchObject({ kind: 'qualification.decision', startDate: '2026-03-13', dueDate: '2026-04-13' });
      expect(after.deadlines.filter((d) => d.kind === 'qualification.acceptance').map((d) => [d.startDate, d.outcome, d.closedOn])).toEqual([
        ['2026-03-13', 'lapsed', '2026-03-20'],
        [TODAY, 'met', '2026-03-03'],
      ]);
    });

    it('applications acted on in time (accepted on the last day, noticed, withdrawn) are left alone', async () => {
      const accepted = await firstApplication();
      await acceptApplication(ctx(gzCity, '2026-03-09'), accepted.id);
      const noticed = await firstApplication();
      await issueNotice(ctx(gzCity, '2026-03-09'), noticed.id, { missing: ['营业执照副本'] });
      const withdrawn = await firstApplication();
      await withdrawApplication(ctx(actors.company(withdrawn.companyId), '2026-03-04'), withdrawn.id);
      const before = await snapshot(db);
      expect(await settle('2026-06-01')).toEqual({ deemedAccepted: 0 });
      expect(await snapshot(db)).toEqual(before);
      const seen = await Promise.all([accepted, noticed, withdrawn].map((a) => getApplicationDetail(ctx(gzCity, '2026-06-01'), a.id)));
      expect(seen.map((d) => [d.status, d.deemedAccepted])).toEqual([
        ['accepted', false],
        ['supplement_required', false],
        ['withdrawn', false],
      ]);
      expect(seen[0].acceptedOn).toBe('2026-03-09');
      expect(seen[0].deadlines.find((d) => d.kind === 'qualification.acceptance')).toMatchObject({ outcome: 'met', closedOn: '2026-03-09' });
    });

    it('the scheduler runs it next to the projects job, as the system actor', async () => {
      const app = await firstApplication('440103');
      const logged: unknown[] = [];
      const failed: unknown[] = [];
      const log = { info: (o: unknown) => void logged.push(o), warn() {}, error: (o: unknown) => void failed.push(o) };
      const stop = startScheduler(db, loadConfig({}), fixedClock('2026-03-10'), log);
      try {
        for (let i = 0; i < 100 && !logged.some((o) => (o as { job?: string }).job === 'qualification.settle'); i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        stop();
      }
      expect(failed).toEqual([]);
      expect(logged).toContainEqual({ job: 'qualification.settle', deemedAccepted: 1 });
      expect((await getApplicationDetail(ctx(gzCity, '2026-03-10'), app.id)).status).toBe('accepted');
    });

    it('the command refuses anything but `settle` before touching a database', async () => {
      const chunks: string[] = [];
      const sink = { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WritableStream;
      expect(await runQualification(['recompute'], sink, sink)).toBe(2);
      expect(chunks.join('')).toContain('usage: jifang qualification settle');
    });
  });
}
