import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../db/testing.js';
import { openHarness, type Harness, type Session } from '../testing/harness.js';
import { generateOpenApi } from './openapi.js';
import { makeUscc } from '../identifiers/uscc.js';

// Hostile input against every operation in the OpenAPI document, as every kind of caller: the
// answer must be a 2xx/4xx, and every 4xx problem JSON — never a 500 or a stack trace.
const PARAM_VALUES = ['x', '0', '-1', "' OR 1=1 --", '../../etc/passwd', '长'.repeat(300), '%00', 'GD-JF-4401-2026-000001'];
const BODIES: (string | undefined)[] = [
  undefined,
  '',
  '{',
  'null',
  '[]',
  '42',
  '"text"',
  '{"a":',
  JSON.stringify({ username: 1, password: [], kind: {}, approve: 'yes', missing: 'x', materials: 'x' }),
  JSON.stringify({ deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) }),
  JSON.stringify({ name: 'x'.repeat(100_000) }),
];

for (const dialect of TEST_DIALECTS) {
  describe(`no 500 for any input on ${dialect}`, () => {
    let h: Harness;
    let ops: { method: string; path: string }[];
    const callers: (Session | null)[] = [null];
    beforeAll(async () => {
      h = await openHarness(dialect);
      const companyId = await h.addCompany({ uscc: makeUscc('91440106MA59DEMXA'), divisionCode: '440106' });
      await h.addUser({ username: 'co', role: 'company_user', companyId });
      await h.addUser({ username: 'city', role: 'city_officer', policeUnitId: 'PSB-440100' });
      await h.addUser({ username: 'prov', role: 'province_officer', policeUnitId: 'PSB-440000' });
      // A key unit's user and a testing institution's user reach the routes only they may use.
      const now = h.clock.now().toISOString();
      await h.db.db.insertInto('units').values({ id: 'unit-sweep', name: '扫描单位', division_code: '440106', category: 'finance', created_at: now }).execute();
      await h.db.db
        .insertInto('testing_institutions')
        .values({ id: 'lab-sweep', name: '检测站', uscc: makeUscc('12440000MB2C3D4E5'), accreditation_number: 'CMA-1', accreditation_valid_to: '2030-12-31', scope: 'provincial', division_code: '440000', created_at: now })
        .execute();
      await h.addUser({ username: 'unit', role: 'unit_user', unitId: 'unit-sweep' });
      await h.addUser({ username: 'lab', role: 'testing_institution', institutionId: 'lab-sweep' });
      // A department's user (information access, art. 26(3)) and the supervisory organ (art. 39).
      await h.db.db.insertInto('departments').values({ id: 'dept-sweep', name: '扫描部门', kind: 'administrative', division_code: '440106', level: 'county', created_at: now }).execute();
      await h.addUser({ username: 'dept', role: 'department_user' });
      await h.db.db.updateTable('users').set({ department_id: 'dept-sweep' }).where('username', '=', 'dept').execute();
      await h.addUser({ username: 'sup', role: 'supervisor' });
      callers.push(await h.login('co'), await h.login('city'), await h.login('prov'), await h.login('unit'), await h.login('lab'), await h.login('dept'), await h.login('sup'));
      const doc = JSON.parse(await generateOpenApi());
      ops = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, byMethod]) =>
        Object.keys(byMethod).map((method) => ({ method: method.toUpperCase(), path })),
      );
    });
    afterAll(() => h.close());

    it('answers every operation with 2xx/4xx and problem JSON on errors', async () => {
      expect(ops.length).toBeGreaterThan(15);
      const failures: string[] = [];
      for (const op of ops) {
        for (const caller of callers) {
          for (const value of PARAM_VALUES) {
            const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(value)) + (op.method === 'GET' ? `?name=${encodeURIComponent(value)}&level=${encodeURIComponent(value)}&page=${encodeURIComponent(value)}` : '');
            const bodies = op.method === 'GET' || op.method === 'DELETE' ? [undefined] : BODIES;
            for (const body of bodies) {
              const headers: Record<string, string> = caller ? { cookie: `jf_session=${caller.cookie}`, 'x-csrf-token': caller.csrf } : {};
              if (body !== undefined) headers['content-type'] = 'application/json';
              const res = await h.app.inject({ method: op.method as 'GET', url, headers, payload: body });
              if (res.statusCode >= 500) failures.push(`${op.method} ${url.slice(0, 80)} body=${String(body).slice(0, 40)} → ${res.statusCode}`);
              else if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('problem+json')) {
                failures.push(`${op.method} ${url.slice(0, 80)} → ${res.statusCode} not problem JSON`);
              }
            }
          }
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);
  });
}
