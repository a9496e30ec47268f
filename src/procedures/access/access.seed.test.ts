import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../platform/audit/verify.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { seedDemo } from '../../platform/demo/demo.seed.js';
import { openHarness, type Harness } from '../../platform/testing/harness.js';
import { DEMO_ACCESS_USERNAMES, DEMO_DEPARTMENT } from './access.seed.js';
import { checkRegister } from './register.actions.js';

// The access demo data as `npm start` creates it: the department's user and the sub-bureau's person in charge sign
// in, one request is granted and used (a register entry), one waits for the sub-bureau; no API token exists.
const PASSWORD = 'Demo-Passw0rd!';

describe.each(TEST_DIALECTS)('demo information access (%s)', (dialect) => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jifang-access-demo-'));
    h = await openHarness(dialect, '2026-11-28', { JIFANG_FILES_DIR: join(dir, 'files'), JIFANG_KEYS_DIR: join(dir, 'keys'), JIFANG_DEMO_PASSWORD: PASSWORD });
    await seedDemo(h.db.db, h.clock, h.config);
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('dept.a asks as the administrative department; gz.tianhe.chief is the sub-bureau’s person in charge', async () => {
    for (const u of DEMO_ACCESS_USERNAMES) await h.login(u, PASSWORD);
    const users = await h.db.db.selectFrom('users').leftJoin('departments', 'departments.id', 'users.department_id').select(['username', 'role', 'in_charge', 'departments.name', 'departments.kind']).where('username', 'in', [...DEMO_ACCESS_USERNAMES]).orderBy('username').execute();
    expect(users).toEqual([
      { username: 'dept.a', role: 'department_user', in_charge: null, name: DEMO_DEPARTMENT.name, kind: 'administrative' },
      { username: 'gz.tianhe.chief', role: 'county_officer', in_charge: 1, name: null, kind: null },
    ]);
  });

  it('one request granted and exported (in the register), one waiting for the Tianhe sub-bureau', async () => {
    const dept = await h.login('dept.a', PASSWORD);
    const list = (await dept.get('/api/access/requests')).json();
    expect(list.items.map((r: { status: string }) => r.status).sort()).toEqual(['granted', 'pending']);
    const pending = list.items.find((r: { status: string }) => r.status === 'pending');
    const detail = (await dept.get(`/api/access/requests/${pending.id}`)).json();
    expect(detail.evaluation.missing.map((m: { code: string }) => m.code)).toEqual(['COUNTY_BUREAU_APPROVAL', 'APPROVAL_DOCUMENT']);
    const chief = await h.login('gz.tianhe.chief', PASSWORD);
    const queue = (await chief.get('/api/access/requests?status=pending')).json();
    expect(queue.items.map((r: { id: string }) => r.id)).toContain(pending.id);
    const register = (await chief.get('/api/access/register')).json();
    expect(register.items).toEqual([expect.objectContaining({ kind: 'exported', flags: [], organisation: DEMO_DEPARTMENT.name })]);
    expect(await h.db.db.selectFrom('api_tokens').select('id').execute()).toEqual([]);
    expect((await checkRegister(h.db.db)).faults).toEqual([]);
    expect((await verifyLedger(h.db.db)).ok).toBe(true);
  });
});
