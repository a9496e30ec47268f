import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { closeDeadline, openDeadline, pauseDeadline } from '../../platform/calendar/deadlines.js';
import type { Ctx } from '../../platform/context.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { actorOfUser } from '../../platform/identity/actor-of-user.js';
import { findUserByUsername } from '../../platform/identity/users.repository.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';
import { createTargetedInspection } from '../inspections/inspections.actions.js';

// The supervisory organ's view (art. 39) through the HTTP API on a real database: periods opened and
// closed with the platform's own deadline functions, ledger entries appended with the real ledger.

const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Ctx['log'];

for (const dialect of TEST_DIALECTS) {
  describe(`oversight on ${dialect}`, () => {
    let h: Harness;
    let thSup: Session;
    let gzSup: Session;
    let gdSup: Session;
    let gdOfficer: Session;
    let gzOfficer: Session;
    let unit: Session;
    const ids = {
      thOverdue: randomUUID(),
      thLate: randomUUID(),
      thMet: randomUUID(),
      thPaused: randomUUID(),
      thLapsed: randomUUID(),
      thNotDue: randomUUID(),
      szOverdue: randomUUID(),
    };
    const seqs: Record<string, number> = {};
    const deadlineIds: Record<string, string> = {};
    let userCreatedSeq = 0;
    let siteTh = '';
    let siteThInspected = '';
    let siteSz = '';
    let findingTh = '';

    const ctxAt = (): Ctx => ({ db: h.db.db, actor: SYSTEM_ACTOR, clock: h.clock, config: h.config, log });

    /** A period of `subjectType` in a unit's area with one ledger entry about its subject. */
    async function period(
      key: keyof typeof ids,
      subjectType: string,
      owner: string,
      division: string,
      start: string,
      then?: { close?: { on: string; outcome?: 'lapsed' }; pause?: string },
    ) {
      await h.db.db.transaction().execute(async (trx) => {
        const ctx = ctxAt();
        const d = await openDeadline(ctx, trx, {
          subjectType,
          subjectId: ids[key],
          kind: `${subjectType}.test`,
          article: '39',
          divisionCode: division,
          ownerUnitId: owner,
          dayKind: 'working',
          days: 5,
          startDate: start,
        });
        deadlineIds[key] = d.id;
        const action = subjectType === 'penalty_case' ? 'penalty.opened' : subjectType === 'rectification_order' ? 'rectification.issued' : 'qualification.accepted';
        const e = await audit(ctx, trx, { action, objectType: subjectType, objectId: ids[key], article: '39', detail: { test: key } });
        seqs[key] = e.seq;
        if (then?.pause) await pauseDeadline(ctx, trx, d.id, { reason: 'testing', article: '行政许可法45', from: then.pause });
        if (then?.close) await closeDeadline(ctx, trx, d.id, then.close);
      });
    }

    async function site(name: string, division: string): Promise<string> {
      const id = randomUUID();
      const now = '2026-01-01T00:00:00.000Z';
      await h.db.db
        .insertInto('sites')
        .values({ id, site_type: 'key_unit', name, division_code: division, address: '某路 1 号', unit_id: null, category_code: '4', kind_code: null, catalogue_version: null, responsible_party: null, responsible_basis: null, area_kind: null, builder_level: null, user_police_unit_id: null, anti_terror_target: 0, open_findings: 1, version: 1, created_at: now, updated_at: now })
        .execute();
      return id;
    }

    async function finding(siteId: string, division: string, openedAt: string): Promise<string> {
      const id = randomUUID();
      await h.db.db.transaction().execute(async (trx) => {
        const row = { id, site_id: siteId, subject_type: 'device', subject_id: randomUUID(), rule: 'retention_reported_below_minimum', article: '20', penalty_article: '34(4)', division_code: division, category_code: '4', detail: null, opened_at: openedAt, resolved_at: null };
        await trx.insertInto('findings').values(row).execute();
        await audit(ctxAt(), trx, { action: 'finding.opened', objectType: 'finding', objectId: id, article: '20', after: row, detail: { siteId } });
      });
      return id;
    }

    beforeAll(async () => {
      h = await openHarness(dialect, '2026-03-02');
      await h.addOfficers();
      await h.addUser({ username: 'th.supervisor', role: 'supervisor', policeUnitId: 'PSB-440106' });
      await h.addUser({ username: 'gz.supervisor', role: 'supervisor', policeUnitId: 'PSB-440100' });
      await h.addUser({ username: 'gd.supervisor', role: 'supervisor', policeUnitId: 'PSB-440000' });
      const now = h.clock.now().toISOString();
      await h.db.db.insertInto('units').values({ id: 'unit-1', name: '某银行天河支行', division_code: '440106', category: '4', created_at: now }).execute();
      await h.addUser({ username: 'unit', role: 'unit_user', unitId: 'unit-1' });
      userCreatedSeq = await h.db.db.transaction().execute(async (trx) => (await audit(ctxAt(), trx, { action: 'user.created', objectType: 'user', objectId: 'someone' })).seq);

      // Tianhe (PSB-440106): overdue, late, met, paused past its due date, lapsed, not yet due.
      await period('thOverdue', 'qualification_application', 'PSB-440106', '440106', '2026-01-05');
      await period('thLate', 'penalty_case', 'PSB-440106', '440106', '2026-02-02', { close: { on: '2026-02-20' } });
      await period('thMet', 'penalty_case', 'PSB-440106', '440106', '2026-02-02', { close: { on: '2026-02-03' } });
      await period('thPaused', 'project', 'PSB-440106', '440106', '2026-01-05', { pause: '2026-01-06' });
      await period('thLapsed', 'rectification_order', 'PSB-440106', '440106', '2026-01-05', { close: { on: '2026-01-12', outcome: 'lapsed' } });
      await period('thNotDue', 'complaint', 'PSB-440106', '440106', '2026-03-01');
      // Shenzhen Futian (PSB-440304): overdue, outside Tianhe and Guangzhou.
      await period('szOverdue', 'qualification_application', 'PSB-440304', '440304', '2026-01-05');

      // Reports: a Tianhe site with a retention finding 30 days old and no inspection; another
      // inspected after its finding; a Shenzhen one.
      siteTh = await site('天河某商场', '440106');
      siteThInspected = await site('天河某银行', '440106');
      siteSz = await site('福田某商场', '440304');
      findingTh = await finding(siteTh, '440106', '2026-01-31T02:00:00.000Z');
      await finding(siteThInspected, '440106', '2026-01-31T02:00:00.000Z');
      await finding(siteSz, '440304', '2026-01-31T02:00:00.000Z');
      await finding(siteTh, '440106', '2026-02-28T02:00:00.000Z'); // too recent on its own
      const officer = (await findUserByUsername(h.db.db, 'gz.tianhe.officer'))!;
      await createTargetedInspection(
        { db: h.db.db, actor: actorOfUser({ ...officer, user_id: officer.id }, null), clock: h.clock, config: h.config, log },
        { siteId: siteThInspected, reason: { kind: 'officer', note: '复查' } },
      );

      [thSup, gzSup, gdSup, gdOfficer, gzOfficer, unit] = await Promise.all(
        ['th.supervisor', 'gz.supervisor', 'gd.supervisor', 'gd.officer', 'gz.officer', 'unit'].map((u) => h.login(u)),
      );
    });
    afterAll(() => h.close());

    type Item = { deadlineId: string; category: string; subject: { type: string; id: string }; ledger: { seq: number; action: string }[]; daysPastDue: number };
    const itemsOf = (body: { units: { unit: { id: string }; items: Item[] }[] }) => body.units.flatMap((u) => u.items.map((i) => ({ ...i, unitId: u.unit.id })));

    it('shows a supervisor the overdue, late and lapsed periods of its area, per owning unit, with their ledger entries', async () => {
      const res = await thSup.get('/api/oversight/deadlines');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.asOf).toBe('2026-03-02');
      const items = itemsOf(body);
      const bySubject = new Map(items.map((i) => [i.subject.id, i]));
      expect(bySubject.get(ids.thOverdue)).toMatchObject({ category: 'overdue', unitId: 'PSB-440106', subject: { type: 'qualification_application', known: true } });
      expect(bySubject.get(ids.thLate)).toMatchObject({ category: 'late', closedOn: '2026-02-20', outcome: 'late' });
      expect(bySubject.get(ids.thLapsed)).toMatchObject({ category: 'lapsed', outcome: 'lapsed' });
      // On time, paused (the clock is stopped by law) and not yet due: not shown. Shenzhen: outside.
      for (const k of ['thMet', 'thPaused', 'thNotDue', 'szOverdue'] as const) expect(bySubject.has(ids[k])).toBe(false);
      expect(body.counts).toEqual({ overdue: 1, late: 1, lapsed: 1 });
      expect(body.units.map((u: { unit: { id: string } }) => u.unit.id)).toEqual(['PSB-440106']);
      // Each item carries the entries about its subject.
      for (const k of ['thOverdue', 'thLate', 'thLapsed'] as const) {
        expect(bySubject.get(ids[k])!.ledger.map((e) => e.seq)).toContain(seqs[k]);
      }
      expect(bySubject.get(ids.thOverdue)!.daysPastDue).toBeGreaterThan(30);
      expect(bySubject.get(ids.thLate)!.ledger.map((e) => e.seq)).not.toContain(seqs.thOverdue);
    });

    it('filters by category and due date', async () => {
      const late = itemsOf((await thSup.get('/api/oversight/deadlines?category=late')).json());
      expect(late.map((i) => i.subject.id)).toEqual([ids.thLate]);
      const recent = itemsOf((await thSup.get('/api/oversight/deadlines?from=2026-02-01')).json());
      expect(recent.map((i) => i.subject.id)).toEqual([ids.thLate]);
      expect((await thSup.get('/api/oversight/deadlines?category=soon')).statusCode).toBe(400);
      expect((await thSup.get('/api/oversight/deadlines?from=March')).statusCode).toBe(400);
    });

    it('a city supervisor sees its counties; the province sees Shenzhen too; Shenzhen is outside Guangzhou', async () => {
      const gz = itemsOf((await gzSup.get('/api/oversight/deadlines')).json()).map((i) => i.subject.id);
      expect(gz).toContain(ids.thOverdue);
      expect(gz).not.toContain(ids.szOverdue);
      for (const s of [gdSup, gdOfficer]) {
        const all = itemsOf((await s.get('/api/oversight/deadlines')).json());
        const sz = all.find((i) => i.subject.id === ids.szOverdue);
        expect(sz).toMatchObject({ category: 'overdue', unitId: 'PSB-440304' });
      }
    });

    it('refuses those without supervision.oversight', async () => {
      for (const s of [gzOfficer, unit]) {
        const res = await s.get('/api/oversight/deadlines');
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      expect((await h.app.inject({ method: 'GET', url: '/api/oversight/deadlines' })).statusCode).toBe(401);
      expect((await h.app.inject({ method: 'GET', url: '/api/oversight/ledger/1' })).statusCode).toBe(401);
      expect((await gzOfficer.get(`/api/oversight/ledger/${seqs.thOverdue}`)).statusCode).toBe(403);
    });

    it('opens a ledger entry behind an item inside the area, and 404 outside it', async () => {
      const res = await thSup.get(`/api/oversight/ledger/${seqs.thLate}`);
      expect(res.statusCode).toBe(200);
      const e = res.json();
      expect(e).toMatchObject({ seq: seqs.thLate, action: 'penalty.opened', objectType: 'penalty_case', objectId: ids.thLate, article: '39', actor: { role: 'system', name: null } });
      expect(e.entryHash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.detail).toEqual({ test: 'thLate' });
      expect(e.sameObject.map((x: { seq: number }) => x.seq)).toContain(seqs.thLate);
      // The read of an audit record is itself in the ledger.
      const reads = await h.db.db.selectFrom('ledger_entries').select(['object_id']).where('action', '=', 'record.read').where('object_type', '=', 'ledger_entry').execute();
      expect(reads.map((r) => r.object_id)).toContain(String(seqs.thLate));
      // Shenzhen's entry, an entry about a user, and a missing one: not found for Tianhe.
      expect((await thSup.get(`/api/oversight/ledger/${seqs.szOverdue}`)).statusCode).toBe(404);
      expect((await thSup.get(`/api/oversight/ledger/${userCreatedSeq}`)).statusCode).toBe(404);
      expect((await thSup.get('/api/oversight/ledger/999999')).statusCode).toBe(404);
      expect((await gdSup.get(`/api/oversight/ledger/${seqs.szOverdue}`)).statusCode).toBe(200);
      for (const bad of ['0', 'abc', '-1', '1e3']) expect((await thSup.get(`/api/oversight/ledger/${bad}`)).statusCode).toBe(400);
    });

    it('every ledger seq an item lists can be opened by the same supervisor', async () => {
      const items = itemsOf((await thSup.get('/api/oversight/deadlines')).json());
      const all = items.flatMap((i) => i.ledger.map((e) => e.seq));
      expect(all.length).toBeGreaterThanOrEqual(3);
      for (const seq of all) expect((await thSup.get(`/api/oversight/ledger/${seq}`)).statusCode).toBe(200);
    });

    it('lists retention alerts standing N days with no inspection since, per competent bureau', async () => {
      const res = await thSup.get('/api/oversight/reports');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.days).toBe(15);
      const items = body.units.flatMap((u: { unit: { id: string }; items: { site: { id: string } }[] }) => u.items.map((i) => ({ ...i, unitId: u.unit.id })));
      expect(items.map((i: { site: { id: string } }) => i.site.id)).toEqual([siteTh]);
      const th = items[0];
      expect(th).toMatchObject({ unitId: 'PSB-440106', lastInspection: null, since: '2026-01-31T02:00:00.000Z' });
      // Only the finding old enough is an alert; its ledger entry is linked and opens.
      expect(th.alerts.map((a: { findingId: string }) => a.findingId)).toEqual([findingTh]);
      expect(th.alerts[0]).toMatchObject({ kind: 'below_minimum', article: '20', penaltyArticle: '34(4)' });
      expect(th.ledger).toHaveLength(1);
      expect((await thSup.get(`/api/oversight/ledger/${th.ledger[0].seq}`)).json()).toMatchObject({ action: 'finding.opened', objectId: findingTh });
      // A longer threshold hides it; the province sees Shenzhen's too.
      expect((await thSup.get('/api/oversight/reports?days=40')).json().units).toEqual([]);
      const gd = (await gdSup.get('/api/oversight/reports')).json().units.flatMap((u: { items: { site: { id: string } }[] }) => u.items.map((i) => i.site.id));
      expect(gd.sort()).toEqual([siteTh, siteSz].sort());
      for (const bad of ['0', '366', 'x', '1000']) expect((await thSup.get(`/api/oversight/reports?days=${bad}`)).statusCode).toBe(400);
      expect((await unit.get('/api/oversight/reports')).statusCode).toBe(403);
    });

    it('an inspection opened after the alert takes the site off the list', async () => {
      const officer = (await findUserByUsername(h.db.db, 'gz.tianhe.officer'))!;
      await createTargetedInspection(
        { db: h.db.db, actor: actorOfUser({ ...officer, user_id: officer.id }, null), clock: h.clock, config: h.config, log },
        { siteId: siteTh, reason: { kind: 'finding', id: findingTh } },
      );
      expect((await thSup.get('/api/oversight/reports')).json().units).toEqual([]);
      expect(deadlineIds.thOverdue).toBeTruthy();
    });
  });
}
