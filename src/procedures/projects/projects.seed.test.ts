import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../platform/audit/verify.js';
import { TEST_DIALECTS } from '../../platform/db/testing.js';
import { seedDemo } from '../../platform/demo/demo.seed.js';
import { DEMO_USERS } from '../../platform/demo/demo-users.js';
import { openHarness, type Harness } from '../../platform/testing/harness.js';
import { DEMO_PROJECTS } from './projects.seed.js';

/**
 * The demo data as `npm start` creates it, on both databases: every account signs in, and the
 * projects stand where the README and the e2e journey expect them — through the real routes.
 */
const PASSWORD = 'Demo-Passw0rd!';

describe.each(TEST_DIALECTS)('demo projects (%s)', (dialect) => {
  let h: Harness;
  let files: string;
  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'jifang-demo-files-'));
    h = await openHarness(dialect, '2026-11-28', { JIFANG_FILES_DIR: files, JIFANG_DEMO_PASSWORD: PASSWORD });
    const seeded = await seedDemo(h.db.db, h.clock, h.config);
    // Start-up prints every seeded account: the base accounts, then those the procedures' seeds add.
    expect(seeded?.usernames).toEqual([...DEMO_USERS.map((u) => u.username), 'dept.a', 'gd.supervisor', 'gz.tianhe.chief']);
    const inTable = await h.db.db.selectFrom('users').select('username').execute();
    expect([...(seeded?.usernames ?? [])].sort()).toEqual(inTable.map((u) => u.username).sort());
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await rm(files, { recursive: true, force: true });
  });

  it('seeds only into an empty database', async () => {
    expect(await seedDemo(h.db.db, h.clock, h.config)).toBeNull();
  });

  it('every demo account signs in, gd.admin2 as a second provincial officer and lab.a for its institution', async () => {
    for (const u of DEMO_USERS) await h.login(u.username, PASSWORD);
    const users = await h.db.db.selectFrom('users').select(['username', 'role', 'police_unit_id', 'institution_id']).where('username', 'in', ['gd.admin2', 'lab.a']).orderBy('username').execute();
    expect(users.map((u) => [u.username, u.role, u.police_unit_id])).toEqual([
      ['gd.admin2', 'province_officer', 'PSB-440000'],
      ['lab.a', 'testing_institution', null],
    ]);
    const inst = await h.db.db.selectFrom('testing_institutions').selectAll().where('id', '=', users[1].institution_id!).executeTakeFirstOrThrow();
    expect(inst.name).toContain('检测站');
    expect(inst.accreditation_valid_to >= '2026-11-28').toBe(true);
  });

  it('the Tianhe bureau’s queue shows the scheme accepted on 2026-09-24 due on 2026-10-22', async () => {
    const s = await h.login('gz.tianhe.officer', PASSWORD);
    const res = await s.get('/api/projects/queue');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; title: string; status: string }[];
    const accepted = items.find((p) => p.title === DEMO_PROJECTS.accepted);
    expect(accepted?.status).toBe('scheme_accepted');
    const detail = (await s.get(`/api/projects/${accepted!.id}`)).json();
    expect(detail.acceptedOn).toBe('2026-09-24');
    const review = (detail.deadlines as { kind: string; dueDate: string; status: string; overdue: boolean; provisional: boolean }[]).find((d) => d.kind === 'scheme.review');
    expect(review).toMatchObject({ dueDate: '2026-10-22', status: 'open', overdue: true, provisional: false });
  });

  it('unit.a sees one project in each stage; the completed one’s system is accepted in the registry', async () => {
    const s = await h.login('unit.a', PASSWORD);
    const list = (await s.get('/api/projects')).json().items as { id: string; title: string; status: string }[];
    const status = Object.fromEntries(list.map((p) => [p.title, p.status]));
    expect(status).toEqual({
      [DEMO_PROJECTS.accepted]: 'scheme_accepted',
      [DEMO_PROJECTS.notice]: 'supplement_required',
      [DEMO_PROJECTS.approved]: 'scheme_approved',
      [DEMO_PROJECTS.completed]: 'completed',
    });
    const notice = (await s.get(`/api/projects/${list.find((p) => p.title === DEMO_PROJECTS.notice)!.id}`)).json();
    expect(notice.checklist.filter((c: { present: boolean }) => !c.present).map((c: { docClass: string }) => c.docClass)).toEqual(['construction_drawings']);
    expect(notice.actions).toContain('supplement');

    const completed = (await s.get(`/api/projects/${list.find((p) => p.title === DEMO_PROJECTS.completed)!.id}`)).json();
    expect(completed.testReports).toHaveLength(1);
    expect(completed.testReports[0].conclusion).toBe('pass');
    const systemId = completed.systems[0].id as string;
    const system = await h.db.db.selectFrom('systems').select(['status', 'accepted_on', 'authorisation_ref']).where('id', '=', systemId).executeTakeFirstOrThrow();
    expect(system).toEqual({ status: 'accepted', accepted_on: '2026-11-05', authorisation_ref: completed.number });
  });

  it('lab.a sees the approved project designated to it, and may report on it', async () => {
    const s = await h.login('lab.a', PASSWORD);
    const list = (await s.get('/api/projects')).json().items as { id: string; title: string; status: string }[];
    expect(list.map((p) => p.title).sort()).toEqual([DEMO_PROJECTS.approved, DEMO_PROJECTS.completed].sort());
    const approved = (await s.get(`/api/projects/${list.find((p) => p.title === DEMO_PROJECTS.approved)!.id}`)).json();
    expect(approved.actions).toEqual(['test-report']);
  });

  it('the ledger verifies after the demo seed', async () => {
    const r = await verifyLedger(h.db.db);
    expect(r.ok).toBe(true);
  });
});
