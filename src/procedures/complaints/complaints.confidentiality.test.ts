import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { generateOpenApi } from '../../platform/http/openapi.js';
import { openHarness, type Harness, type Session } from '../../platform/testing/harness.js';

// Issue 6 "done when": an anonymous (or named) complaint's author stays hidden from the unit
// complained about — through every route it can call. Every operation of the OpenAPI document is
// called as that unit's user with the complaint's id, tracking number and the unit's own ids in
// every path parameter; no answer may carry the complainant's name or contact, the complaint's
// text or its access code.
const NAME = '王秘密举报人';
const CONTACT = '13912345678';
const CONTENT = '该银行支行的金库摄像机长期关闭，夜间无人值守，录像只保存七天左右。';

for (const dialect of TEST_DIALECTS) {
  describe(`complainant confidentiality on ${dialect}`, () => {
    let h: Harness;
    let unit: Session;
    let ids: string[];
    let accessCode: string;

    beforeAll(async () => {
      h = await openHarness(dialect, '2026-03-02', { JIFANG_COMPLAINT_SUBMISSIONS_PER_HOUR: '1000', JIFANG_KEYS_DIR: join(mkdtempSync(join(tmpdir(), 'jifang-complaints-')), 'keys') });
      await h.addOfficers();
      const now = h.clock.now().toISOString();
      await h.db.db.insertInto('units').values({ id: 'unit-c', name: '某银行天河支行', division_code: '440106', category: '4', created_at: now }).execute();
      await h.db.db
        .insertInto('sites')
        .values({
          id: 'site-c',
          site_type: 'key_unit',
          name: '某银行天河支行营业部',
          division_code: '440106',
          address: '天河路1号',
          unit_id: 'unit-c',
          category_code: null,
          kind_code: null,
          catalogue_version: null,
          responsible_party: null,
          responsible_basis: null,
          area_kind: null,
          builder_level: null,
          user_police_unit_id: null,
          anti_terror_target: 0,
          open_findings: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await h.addUser({ username: 'unit', role: 'unit_user', unitId: 'unit-c' });
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/public/complaints',
        payload: { kind: 'report', subjectKind: 'place', subjectName: '某银行天河支行', divisionCode: '440106', content: CONTENT, name: NAME, contact: CONTACT },
      });
      expect(res.statusCode).toBe(201);
      const submitted = res.json();
      accessCode = submitted.accessCode;
      // The bureau handles it and asks for a targeted inspection of the unit's site.
      const tianhe = await h.login('gz.tianhe.officer');
      const item = (await tianhe.get('/api/complaints')).json().items[0];
      await tianhe.post(`/api/complaints/${item.id}/accept`, {});
      await tianhe.post(`/api/complaints/${item.id}/identity`, { reason: '回访' });
      const inspected = await tianhe.post(`/api/complaints/${item.id}/inspection`, { siteId: 'site-c' });
      expect(inspected.statusCode).toBe(200);
      expect(inspected.json().inspectionId).toBeTruthy();
      // The inspection records only that a complaint caused it, and the complaint's number.
      const insp = await h.db.db.selectFrom('inspections').selectAll().where('id', '=', inspected.json().inspectionId).executeTakeFirstOrThrow();
      expect(insp).toMatchObject({ reason_kind: 'complaint', reason_id: submitted.trackingNumber });
      expect(JSON.stringify(insp)).not.toContain(NAME);
      expect(JSON.stringify(insp)).not.toContain(CONTENT.slice(0, 12));
      ids = [item.id, submitted.trackingNumber, 'site-c', 'unit-c', inspected.json().inspectionId ?? 'x'];
      unit = await h.login('unit');
    });
    afterAll(() => h.close());

    it('no operation answers the unit user with the complainant, the text or the code', async () => {
      const doc = JSON.parse(await generateOpenApi());
      const ops = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, byMethod]) =>
        Object.keys(byMethod).map((method) => ({ method: method.toUpperCase(), path })),
      );
      expect(ops.length).toBeGreaterThan(15);
      const secrets = [NAME, CONTACT, CONTENT.slice(0, 12), accessCode];
      const leaks: string[] = [];
      let called = 0;
      // Signing out would turn the rest of the sweep into anonymous calls: that route is left out.
      for (const op of ops.filter((o) => !o.path.includes('logout'))) {
        const values = op.path.includes('{') ? ids : ['-'];
        for (const value of values) {
          const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
          const bodies = op.method === 'GET' || op.method === 'DELETE' ? [undefined] : [{}, { reason: '查看', version: 1, accessCode: 'x' }];
          for (const body of bodies) {
            const headers: Record<string, string> = { cookie: `jf_session=${unit.cookie}`, 'x-csrf-token': unit.csrf };
            const res = await h.app.inject({ method: op.method as 'GET', url, headers, ...(body ? { payload: body } : {}) });
            called += 1;
            const text = res.body;
            for (const s of secrets) if (text.includes(s)) leaks.push(`${op.method} ${url} → ${res.statusCode} contains ${s === accessCode ? 'the access code' : JSON.stringify(s)}`);
          }
        }
      }
      expect(called).toBeGreaterThan(ops.length);
      expect(leaks).toEqual([]);
      // And the complaint routes themselves refuse the unit outright.
      expect((await unit.get('/api/complaints')).statusCode).toBe(403);
      expect((await unit.get(`/api/complaints/${ids[0]}`)).statusCode).toBe(403);
      expect((await unit.get('/api/oversight/complaints')).statusCode).toBe(403);
    }, 120_000);

    it('keeps the identity out of the ledger and the notices', async () => {
      const entries = await h.db.db.selectFrom('ledger_entries').select(['action', 'detail']).execute();
      for (const e of entries) {
        expect(e.detail ?? '').not.toContain(NAME);
        expect(e.detail ?? '').not.toContain(CONTACT);
      }
      expect(entries.map((e) => e.action)).toContain('complaint.inspection_requested');
      const notices = await h.db.db.selectFrom('complaint_notices').selectAll().execute();
      expect(JSON.stringify(notices)).not.toContain(NAME);
    });
  });
}
