import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { seedDemo } from '../../platform/demo/demo.seed.js';
import { openHarness, type Harness } from '../../platform/testing/harness.js';

// The complaint demo as `npm start` creates it: gd.supervisor sees the complaint about an official,
// the Tianhe bureau the anonymous report about unit.a's bank branch — and neither sees the other's.
const PASSWORD = 'Demo-Passw0rd!';

describe.each(TEST_DIALECTS)('demo complaints (%s)', (dialect) => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jifang-complaints-demo-'));
    h = await openHarness(dialect, '2026-11-28', { JIFANG_FILES_DIR: join(dir, 'files'), JIFANG_KEYS_DIR: join(dir, 'keys'), JIFANG_DEMO_PASSWORD: PASSWORD });
    await seedDemo(h.db.db, h.clock, h.config);
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('routes the two demo complaints to the supervisor and to Tianhe', async () => {
    const sup = await h.login('gd.supervisor', PASSWORD);
    const supItems = (await sup.get('/api/complaints')).json().items;
    expect(supItems).toEqual([expect.objectContaining({ subjectKind: 'official', queue: 'supervision', anonymous: false })]);
    const tianhe = await h.login('gz.tianhe.officer', PASSWORD);
    const thItems = (await tianhe.get('/api/complaints')).json().items;
    expect(thItems).toEqual([expect.objectContaining({ subjectKind: 'place', anonymous: true, authority: expect.objectContaining({ unit: expect.objectContaining({ id: 'PSB-440106' }) }) })]);
    const unit = await h.login('unit.a', PASSWORD);
    expect((await unit.get('/api/complaints')).statusCode).toBe(403);
  });
});
