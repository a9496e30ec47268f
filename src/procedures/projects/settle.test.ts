import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { readLedger } from '../../platform/audit/ledger.js';
import type { Ctx } from '../../platform/context.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { openHarness, type Harness } from '../../platform/testing/harness.js';
import { actors } from '../qualification/qualification.testing.js';
import { createProject } from './create.actions.js';
import { getProjectDetail } from './read.actions.js';
import { acceptProject, submitProject } from './review.actions.js';
import { settleProjects } from './settle.actions.js';
import { setUpProjectWorld, type ProjectWorld } from './projects.testing.js';

for (const dialect of TEST_DIALECTS) {
  describe(`projects settle on ${dialect}`, () => {
    let h: Harness;
    let w: ProjectWorld;
    const log = { info() {}, warn() {}, error() {} };
    const as = (actor: Ctx['actor']): Ctx => ({ db: h.db.db, actor, clock: h.clock, config: h.config, log });
    const unit = () => as({ userId: 'u-unit', role: 'unit_user', unitId: w.units.tianheBank });
    const tianhe = () => as({ ...actors.officer('county_officer', '440106'), userId: 'u-tianhe' });
    const system = () => as(SYSTEM_ACTOR);

    beforeAll(async () => {
      h = await openHarness(dialect, '2026-09-14');
      w = await setUpProjectWorld(h);
    });
    afterAll(() => h.close());

    async function submittedOn(day: string) {
      h.clock.set(day);
      const p = await createProject(unit(), {
        title: '视频监控改造',
        siteId: w.sites.tianheKeyUnit,
        systemTypes: ['video_surveillance'],
        designerCompanyId: w.companies.designer,
        builderCompanyId: w.companies.builder,
        investmentYuan: 100_000,
      });
      return submitProject(unit(), p.id);
    }

    it('行政许可法32 — no acceptance or notice within 5 working days: accepted on the day of receipt', async () => {
      const p = await submittedOn('2026-09-14');
      expect(p.deadline).toMatchObject({ kind: 'scheme.completeness', dueDate: '2026-09-20' });
      // On the due date itself the bureau may still act: nothing happens.
      h.clock.set('2026-09-20');
      expect((await settleProjects(system())).deemedAccepted).toBe(0);
      h.clock.set('2026-09-21');
      const r = await settleProjects(system());
      expect(r.deemedAccepted).toBe(1);
      const after = await getProjectDetail(tianhe(), p.id);
      expect(after).toMatchObject({ status: 'scheme_accepted', deemedAccepted: true, acceptedOn: '2026-09-14', actions: ['pause', 'approve', 'refuse'] });
      // The review clock runs from receipt, and the lapsed completeness clock shows it.
      expect(after.deadline).toMatchObject({ kind: 'scheme.review', startDate: '2026-09-14', status: 'open' });
      expect(after.deadlines.find((d) => d.kind === 'scheme.completeness')).toMatchObject({ status: 'closed', outcome: 'lapsed', closedOn: '2026-09-20' });
      const entry = (await readLedger(h.db.db, { objectType: 'project', objectId: p.id })).at(-1)!;
      expect([entry.action, entry.article, entry.actor_role]).toEqual(['project.deemed_accepted', '行政许可法32', 'system']);
      // Idempotent: a second run finds nothing.
      expect((await settleProjects(system())).deemedAccepted).toBe(0);
    });

    it('a project acted on in time is not deemed accepted', async () => {
      const p = await submittedOn('2026-09-14');
      h.clock.set('2026-09-18');
      await acceptProject(tianhe(), p.id);
      h.clock.set('2026-10-30');
      await settleProjects(system());
      expect((await getProjectDetail(tianhe(), p.id)).deemedAccepted).toBe(false);
    });

    it('art. 14(2) — a revoked certificate flags the project in progress, and clears once valid again', async () => {
      const p = await submittedOn('2026-10-30');
      await h.db.db.updateTable('certificates').set({ revoked_at: '2026-10-30T00:00:00.000Z' }).where('company_id', '=', w.companies.builder).execute();
      const r = await settleProjects(system());
      expect(r.flagged).toBeGreaterThanOrEqual(1);
      const flagged = await getProjectDetail(tianhe(), p.id);
      expect(flagged.eligibilityFlagged).toBe(true);
      expect(flagged.eligibilityFlags).toEqual([{ companyId: w.companies.builder, role: 'builder', reason: 'revoked', article: '14(2)', since: '2026-10-30' }]);
      const flagEntry = (await readLedger(h.db.db, { objectType: 'project', objectId: p.id })).at(-1)!;
      expect([flagEntry.action, flagEntry.article]).toEqual(['project.eligibility_flagged', '14(2)']);
      // Same state, second run: nothing recorded twice.
      expect((await settleProjects(system())).flagged).toBe(0);

      await h.db.db.updateTable('certificates').set({ revoked_at: null }).where('company_id', '=', w.companies.builder).execute();
      h.clock.set('2026-10-31');
      const r2 = await settleProjects(system());
      expect(r2.cleared).toBeGreaterThanOrEqual(1);
      const cleared = await getProjectDetail(tianhe(), p.id);
      expect([cleared.eligibilityFlagged, cleared.eligibilityFlags]).toEqual([false, []]);
      expect((await readLedger(h.db.db, { objectType: 'project', objectId: p.id })).at(-1)!.action).toBe('project.eligibility_cleared');
    });
  });
}
