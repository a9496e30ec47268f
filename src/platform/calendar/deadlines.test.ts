import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor.js';
import { readLedger } from '../audit/ledger.js';
import { verifyLedger } from '../audit/verify.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { Ctx } from '../context.js';
import type { Db } from '../db/connect.js';
import { TEST_DIALECTS, openTestDb } from '../db/testing.js';
import { newUserRow } from '../identity/user-row.js';
import { insertUser } from '../identity/users.repository.js';
import { approveRevision, proposeRevision } from './calendar.actions.js';
import { loadCalendar } from './calendar.service.js';
import {
  closeDeadline,
  deadlinesOf,
  openDeadline,
  pauseDeadline,
  presentDeadline,
  recomputeOpenDeadlines,
  resumeDeadline,
  type OpenDeadlineInput,
} from './deadlines.js';

const TODAY = '2026-09-24';

for (const dialect of TEST_DIALECTS) {
  describe(`deadlines on ${dialect}`, () => {
    let db: Db;
    let ctx: Ctx;
    const clock = fixedClock(TODAY);
    const officer = (userId: string): Actor => ({ userId, role: 'province_officer', policeUnitId: 'PSB-440000', jurisdictionCode: '440000' });
    let proposer: Actor;
    let approver: Actor;

    beforeAll(async () => {
      db = await openTestDb(dialect);
      const ids: string[] = [];
      for (const username of ['cal.a', 'cal.b']) {
        const id = randomUUID();
        await insertUser(db.db, newUserRow({ id, username, displayName: username, passwordHash: 'x', role: 'province_officer', policeUnitId: 'PSB-440000', now: clock.now().toISOString() }));
        ids.push(id);
      }
      proposer = officer(ids[0]!);
      approver = officer(ids[1]!);
      const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Ctx['log'];
      ctx = { db: db.db, actor: approver, clock, config: loadConfig({}), log };
    });
    afterAll(() => db.close());

    const base: OpenDeadlineInput = {
      subjectType: 'test_subject',
      subjectId: 's-1',
      kind: 'scheme.review',
      article: '17',
      divisionCode: '440106',
      ownerUnitId: 'PSB-440106',
      dayKind: 'working',
      days: 15,
      startDate: '2026-09-24',
    };
    const open = (over: Partial<OpenDeadlineInput> = {}) => db.db.transaction().execute((trx) => openDeadline(ctx, trx, { ...base, subjectId: randomUUID(), ...over }));

    it('opens with the due date and the calendar revision it used', async () => {
      const d = await open();
      expect(d).toMatchObject({ dueDate: '2026-10-22', provisional: false, calendarRevision: 0, status: 'open', outcome: null, pauses: [] });
      const cal = await loadCalendar(db.db);
      expect(presentDeadline(d, TODAY, cal)).toMatchObject({ dueDate: '2026-10-22', daysLeft: 15, overdue: false, paused: false });
      expect(presentDeadline(d, '2026-10-23', cal)).toMatchObject({ daysLeft: -1, overdue: true });
    });

    it('a period reaching into 2027 is provisional', async () => {
      const d = await open({ startDate: '2026-12-21', days: 10 });
      expect(d).toMatchObject({ dueDate: '2027-01-04', provisional: true });
    });

    it('pause and resume: the due date moves by the paused working days, each step in the ledger', async () => {
      const d = await open();
      const paused = await db.db.transaction().execute((trx) => pauseDeadline(ctx, trx, d.id, { reason: 'supplement', article: '行政许可法45', from: '2026-09-28', note: '补正' }));
      // The stored date stays where the clock stopped; the live view projects a restart today.
      expect(paused).toMatchObject({ status: 'paused', dueDate: '2026-10-22' });
      const cal = await loadCalendar(db.db);
      const live = presentDeadline(paused, '2026-09-30', cal);
      expect(live).toMatchObject({ paused: true, dueDate: '2026-10-26', pauses: [{ reason: 'supplement', from: '2026-09-28', to: null, note: '补正' }] });
      // Pausing twice is refused.
      await expect(db.db.transaction().execute((trx) => pauseDeadline(ctx, trx, d.id, { reason: 'testing', article: '45', from: '2026-09-29' }))).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });

      // 29 and 30 September are working days → two working days later: Friday 23rd, then
      // Monday 26th (Saturday 24 October is no make-up day).
      const resumed = await db.db.transaction().execute((trx) => resumeDeadline(ctx, trx, d.id, { to: '2026-09-30' }));
      expect(resumed).toMatchObject({ status: 'open', dueDate: '2026-10-26', pauses: [{ from: '2026-09-28', to: '2026-09-30' }] });
      const entries = await readLedger(db.db, { objectType: 'deadline', objectId: d.id });
      expect(entries.map((e) => e.action)).toEqual(['deadline.paused', 'deadline.resumed']);
      expect(JSON.parse(entries[1]!.detail!)).toMatchObject({ beforeDueDate: '2026-10-22', afterDueDate: '2026-10-26', pausedDays: 2, revision: 0 });
      await expect(db.db.transaction().execute((trx) => resumeDeadline(ctx, trx, d.id, { to: '2026-10-01' }))).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });

      const closed = await db.db.transaction().execute((trx) => closeDeadline(ctx, trx, d.id, { on: '2026-10-27' }));
      expect(closed).toMatchObject({ status: 'closed', outcome: 'late', closedOn: '2026-10-27' });
      expect(presentDeadline(closed, '2026-10-27', cal)).toMatchObject({ daysLeft: null, overdue: false });
      await expect(db.db.transaction().execute((trx) => closeDeadline(ctx, trx, d.id, { on: '2026-10-26' }))).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    });

    it('closing on time is met; closing while paused ends the pause', async () => {
      const d = await open();
      const met = await db.db.transaction().execute((trx) => closeDeadline(ctx, trx, d.id, { on: '2026-10-22' }));
      expect(met.outcome).toBe('met');
      const p = await open();
      await db.db.transaction().execute((trx) => pauseDeadline(ctx, trx, p.id, { reason: 'hearing', article: '行政许可法45', from: '2026-09-25' }));
      const cancelled = await db.db.transaction().execute((trx) => closeDeadline(ctx, trx, p.id, { on: '2026-09-29', outcome: 'cancelled' }));
      expect(cancelled).toMatchObject({ status: 'closed', outcome: 'cancelled', pauses: [{ from: '2026-09-25', to: '2026-09-29' }] });
    });

    it('deadlinesOf lists a subject’s deadlines, newest first, with pauses', async () => {
      const subjectId = randomUUID();
      const first = await open({ subjectId, kind: 'scheme.completeness', days: 5 });
      clock.set('2026-09-24T10:00:00+08:00');
      const second = await open({ subjectId });
      clock.set(TODAY);
      const list = await deadlinesOf(db.db, 'test_subject', [subjectId]);
      expect(list.map((d) => d.id)).toEqual([second.id, first.id]);
      expect(await deadlinesOf(db.db, 'test_subject', [])).toEqual([]);
    });

    it('approving a revision that adds a day off recomputes open deadlines, with ledger entries; closed ones stay', async () => {
      const a = await open({ subjectId: 'recompute-a' });
      const b = await open({ subjectId: 'recompute-b', startDate: '2026-11-02', days: 5 }); // untouched by the change
      const c = await open({ subjectId: 'recompute-c' });
      await db.db.transaction().execute((trx) => closeDeadline(ctx, trx, c.id, { on: '2026-10-01' }));
      const p = await open({ subjectId: 'recompute-p' });
      await db.db.transaction().execute((trx) => pauseDeadline(ctx, trx, p.id, { reason: 'expert_review', article: '行政许可法45', from: '2026-09-28' }));
      expect(b.dueDate).toBe('2026-11-09');

      // A province-wide correction of 2026: 2026-10-09 (Friday) becomes a day off as well.
      const official2026 = (await loadCalendar(db.db)).years.get(2026)!;
      const proposal = await proposeRevision({ ...ctx, actor: proposer }, {
        year: 2026,
        divisionCode: '440000',
        off: [...official2026.off, '2026-10-09'],
        work: [...official2026.work],
        source: '测试：省政府通知',
      });
      const progress: [number, number][] = [];
      const approved = await approveRevision(ctx, proposal.id);
      expect(approved.revision).toBe(1);
      expect(approved.recomputed.changed).toBeGreaterThanOrEqual(2);

      const [a2] = await deadlinesOf(db.db, 'test_subject', ['recompute-a']);
      expect(a2).toMatchObject({ dueDate: '2026-10-23', calendarRevision: 1 });
      const [b2] = await deadlinesOf(db.db, 'test_subject', ['recompute-b']);
      expect(b2).toMatchObject({ dueDate: '2026-11-09', calendarRevision: 1 }); // unchanged, stamped with the revision checked
      const [c2] = await deadlinesOf(db.db, 'test_subject', ['recompute-c']);
      expect(c2).toMatchObject({ dueDate: '2026-10-22', calendarRevision: 0 }); // closed: history stays
      const [p2] = await deadlinesOf(db.db, 'test_subject', ['recompute-p']);
      expect(p2).toMatchObject({ status: 'paused', dueDate: '2026-10-23', calendarRevision: 1 });

      const ledger = await readLedger(db.db, { objectType: 'deadline', objectId: a.id });
      const recomputed = ledger.filter((e) => e.action === 'deadline.recomputed');
      expect(recomputed).toHaveLength(1);
      expect(JSON.parse(recomputed[0]!.detail!)).toMatchObject({ beforeDueDate: '2026-10-22', afterDueDate: '2026-10-23', revision: 1, beforeRevision: 0 });
      expect(await readLedger(db.db, { objectType: 'deadline', objectId: b.id })).toEqual([]);

      // A second run finds nothing to change.
      const again = await recomputeOpenDeadlines(ctx, { onProgress: (d, t) => progress.push([d, t]), batchSize: 2 });
      expect(again.changed).toBe(0);
      expect(again.checked).toBe(progress.at(-1)![0]);
      expect(progress.length).toBeGreaterThan(1);
      expect((await verifyLedger(db.db)).ok).toBe(true);
    });

    it('an aborted recompute stops between batches and a rerun finishes', async () => {
      const controller = new AbortController();
      const r = await recomputeOpenDeadlines(ctx, {
        batchSize: 1,
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 2) controller.abort();
        },
      });
      expect(r).toMatchObject({ checked: 2, stopped: true });
      const full = await recomputeOpenDeadlines(ctx, { batchSize: 1 });
      expect(full.stopped).toBe(false);
      expect(full.checked).toBeGreaterThan(2);
    });

    it('a revision for 2027 lifts the provisional flag of deadlines reaching into it', async () => {
      const d = await open({ subjectId: 'into-2027', startDate: '2026-12-28', days: 5 });
      expect(d).toMatchObject({ dueDate: '2027-01-04', provisional: true });
      const proposal = await proposeRevision({ ...ctx, actor: proposer }, {
        year: 2027,
        divisionCode: '440000',
        off: ['2027-01-01', '2027-01-04'],
        work: [],
        source: '测试：国务院办公厅通知 2027',
      });
      await approveRevision(ctx, proposal.id);
      const [after] = await deadlinesOf(db.db, 'test_subject', ['into-2027']);
      expect(after).toMatchObject({ dueDate: '2027-01-06', provisional: false, calendarRevision: 2 });
      const entries = await readLedger(db.db, { objectType: 'deadline', objectId: d.id });
      expect(JSON.parse(entries.at(-1)!.detail!)).toMatchObject({ beforeProvisional: true, afterProvisional: false, afterDueDate: '2027-01-06' });
    });
  });
}
