import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type LogEvent } from 'kysely';
import { prng, seedScale } from '../src/cli/seed-scale.js';
import { approveRevision, proposeRevision } from '../src/platform/calendar/calendar.actions.js';
import { loadCalendar } from '../src/platform/calendar/calendar.service.js';
import { addDays } from '../src/platform/calendar/dates.js';
import { buildCalendar, computeDue, type DayKind, type DueInput, type LegalCalendar } from '../src/platform/calendar/legal-days.js';
import { fixedClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Ctx } from '../src/platform/context.js';
import { connect, type Db } from '../src/platform/db/connect.js';
import type { Database } from '../src/platform/db/schema.js';
import { buildApp, type App } from '../src/platform/http/app.js';
import { actorOfUser } from '../src/platform/identity/actor-of-user.js';
import { hashPassword } from '../src/platform/identity/passwords.js';
import { newUserRow } from '../src/platform/identity/user-row.js';
import { findUserByUsername, insertUser } from '../src/platform/identity/users.repository.js';
import { makeUscc } from '../src/platform/identifiers/uscc.js';
import { competentAuthority, projectNumber, projectNumberPrefix } from '../src/procedures/projects/projects.rules.js';
import { DEADLINE_KINDS } from '../src/procedures/projects/projects.settings.js';
import { alternateRequests, latency } from './latency.js';
import { fmt, result, type BenchResult } from './report.js';

/**
 * Projects at the size of a province (issue 4, "Tests and benchmarks"): 100,000 open projects, each
 * with a running clock, then
 * (a) a provincial administrator approves next year's arrangement (the four-eyes approval), which
 *     recomputes every open deadline (`approveRevision` → `recomputeOpenDeadlines`: keyset batches,
 *     one transaction each, a ledger entry per changed due date) — against a bare better-sqlite3
 *     pass doing the same reads, `computeDue` and UPDATEs without Kysely or ledger, and against
 *     `computeDue` alone in memory;
 * (b) the officer's queue `GET /api/projects/queue` of the busiest bureau through the whole app —
 *     against the same SQL replayed bare.
 * Nothing asserts on timing; a run fails only when a step does not do what it claims.
 */

export interface ProjectsBenchOptions {
  quick: boolean;
  dir: string;
  log?: (line: string) => void;
  /** Override the number of projects (experiments). */
  projects?: number;
}

export interface ProjectsSettingsUsed {
  projects: number;
  sites: number;
  today: string;
  queueRequests: number;
  recomputeBatch: number;
  revision: { year: number; off: string[]; work: string[] };
}

/** Today for the whole run: mid-December, so many review clocks run into the next (provisional) year. */
const TODAY = '2026-12-15';
/**
 * An illustrative 2027 arrangement (not the official one, which the State Council publishes): New
 * Year's Day and a Spring Festival week off, one make-up Saturday. Every due date that runs over
 * 1 January moves and stops being provisional.
 */
const REVISION = {
  year: 2027,
  off: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  work: ['2027-02-20'],
};

export function projectsSettingsFor(opts: Pick<ProjectsBenchOptions, 'quick' | 'projects'>): ProjectsSettingsUsed {
  const projects = opts.projects ?? (opts.quick ? 10_000 : 100_000);
  return { projects, sites: Math.max(100, Math.round(projects / 5)), today: TODAY, queueRequests: opts.quick ? 40 : 200, recomputeBatch: 500, revision: REVISION };
}

const PASSWORD = 'Bench-Passw0rd!';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Ctx['log'];

export async function runProjectsBench(opts: ProjectsBenchOptions): Promise<BenchResult[]> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const s = projectsSettingsFor(opts);
  const file = join(opts.dir, 'projects.db');
  const copy = join(opts.dir, 'projects-baseline.db');
  try {
    const seeded = await seed(file, s, log);
    // The bare baseline of (a) needs the deadlines as they were before our recompute: a copy.
    copyFileSync(file, copy);
    const results: BenchResult[] = [];
    const config = loadConfig({});
    const clock = fixedClock(TODAY);
    const db = connect({ sqliteFile: file });
    try {
      results.push(...(await benchRecompute(db, copy, s, config, clock, log)));
      results.push(await benchQueue(db, file, s, config, clock, seeded.busiest, log));
    } finally {
      await db.close();
    }
    for (const r of results) r.details = { ...r.details, seeded };
    return results;
  } finally {
    rmSync(copy, { force: true });
    rmSync(`${copy}-wal`, { force: true });
    rmSync(`${copy}-shm`, { force: true });
  }
}

// ───────────────────────────── seeding ─────────────────────────────

interface Seeded {
  projects: number;
  sites: number;
  seconds: number;
  byKind: Record<string, number>;
  paused: number;
  provisional: number;
  busiest: { unitId: string; running: number };
}

const PROJECT_COLS = [
  'id', 'number', 'title', 'site_id', 'site_type', 'division_code', 'construction_unit_name', 'unit_id', 'builder_level', 'system_types',
  'designer_company_id', 'builder_company_id', 'investment_yuan', 'level1_risk', 'scale_class', 'authority_unit_id', 'status', 'round',
  'received_on', 'accepted_on', 'deemed_accepted', 'decided_on', 'acceptance_applied_on', 'created_by', 'created_at', 'updated_at', 'version',
] as const;
const DEADLINE_COLS = [
  'id', 'subject_type', 'subject_id', 'kind', 'article', 'division_code', 'owner_unit_id', 'day_kind', 'days', 'start_date', 'due_date',
  'provisional', 'calendar_revision', 'status', 'outcome', 'closed_on', 'created_at', 'updated_at',
] as const;
const PAUSE_COLS = ['id', 'deadline_id', 'reason', 'article', 'from_date', 'to_date', 'note', 'created_by', 'created_at'] as const;
const insertSql = (table: string, cols: readonly string[]) => `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;

/**
 * The province's sites with `seed-scale` (a fifth as many as projects, spread over every county),
 * then the projects and their running clocks with raw prepared statements, 5,000 per transaction,
 * as `seed-scale` writes its rows. Authorities come from the procedure's own `competentAuthority`,
 * due dates from the calendar's own `computeDue` on the shipped calendar (2027 provisional).
 */
async function seed(file: string, s: ProjectsSettingsUsed, log: (l: string) => void): Promise<Seeded> {
  const t0 = performance.now();
  const sites = await seedScale({ kind: 'sqlite', file }, { sites: s.sites, devices: s.sites * 2, seed: 238, skipFindings: true, clock: fixedClock(TODAY) });
  log(`  ${sites.sites.toLocaleString('en-US')} sites seeded in ${sites.seedSeconds.toFixed(1)} s`);
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('cache_size = -262144');
  const now = fixedClock(TODAY).now().toISOString();
  const rand = prng(4_238);
  const cal = buildCalendar([]);
  const siteRows = raw.prepare('SELECT id, site_type, division_code, builder_level, unit_id, name FROM sites ORDER BY id').all() as {
    id: string; site_type: 'key_unit' | 'public_area'; division_code: string; builder_level: 'county' | 'city' | 'province' | null; unit_id: string | null; name: string;
  }[];
  const companies = ['91440106MA59BNCHA', '91440305MA5FBNCHB'].map((first17, i) => ({ id: randomUUID(), uscc: makeUscc(first17), name: `基准测试安防公司${i + 1}` }));
  const insCompany = raw.prepare('INSERT INTO companies (id, name, uscc, division_code, origin, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const c of companies) insCompany.run(c.id, c.name, c.uscc, '440106', 'guangdong', now);
  const insProject = raw.prepare(insertSql('projects', PROJECT_COLS));
  const insDeadline = raw.prepare(insertSql('deadlines', DEADLINE_COLS));
  const insPause = raw.prepare(insertSql('deadline_pauses', PAUSE_COLS));
  const seqByPrefix = new Map<string, number>();
  const byKind: Record<string, number> = {};
  let paused = 0;
  let provisional = 0;
  const running = new Map<string, number>();
  const batch = 5_000;
  for (let from = 0; from < s.projects; from += batch) {
    raw.transaction(() => {
      for (let i = from; i < Math.min(s.projects, from + batch); i++) {
        const site = siteRows[Math.floor(rand() * siteRows.length)];
        const authority = competentAuthority({ siteType: site.site_type, divisionCode: site.division_code, builderLevel: site.builder_level });
        const prefix = projectNumberPrefix(site.division_code, '2026');
        const n = (seqByPrefix.get(prefix) ?? 0) + 1;
        seqByPrefix.set(prefix, n);
        // Where projects stand: most under scheme review, some awaiting the completeness check, some the acceptance decision.
        const r = rand();
        const stage = r < 0.25 ? 'completeness' : r < 0.85 ? 'review' : 'acceptance';
        const start = addDays(TODAY, -Math.floor(rand() * (stage === 'completeness' ? 8 : 30)));
        const spec: { kind: string; article: string; days: number; dayKind: DayKind; status: string } =
          stage === 'completeness'
            ? { kind: DEADLINE_KINDS.completeness, article: '行政许可法32', days: 5, dayKind: 'working', status: 'submitted' }
            : stage === 'review'
              ? { kind: DEADLINE_KINDS.review, article: '17', days: 15, dayKind: 'working', status: 'scheme_accepted' }
              : { kind: DEADLINE_KINDS.acceptance, article: '19', days: 20, dayKind: 'working', status: 'acceptance_applied' };
        // About one review in ten is stopped for expert review (行政许可法45), a few resumed already.
        const pause = stage === 'review' && rand() < 0.1 ? { from: addDays(start, 1 + Math.floor(rand() * 5)), closed: rand() < 0.3 } : null;
        if (pause && pause.from > TODAY) pause.from = TODAY;
        const pauseTo = pause?.closed ? (addDays(pause.from, 3) > TODAY ? TODAY : addDays(pause.from, 3)) : null;
        const input: DueInput = {
          start, days: spec.days, dayKind: spec.dayKind, divisionCode: site.division_code,
          ...(pause ? { pauses: [{ from: pause.from, to: pauseTo }], ...(pauseTo ? {} : { asOf: pause.from }) } : {}),
        };
        const due = computeDue(cal, input);
        const id = randomUUID();
        const deadlineId = randomUUID();
        const investment = 50_000 + Math.floor(rand() * 2_000_000);
        insProject.run([
          id, projectNumber(prefix, n), `基准测试项目 ${i + 1}`, site.id, site.site_type, site.division_code, site.name, site.site_type === 'key_unit' ? site.unit_id : null,
          site.site_type === 'public_area' ? site.builder_level : null, '["video_surveillance"]', companies[0].id, companies[1].id, investment, 0,
          investment >= 1_000_000 ? 1 : investment >= 300_000 ? 2 : 3, authority, spec.status, 1, start,
          stage === 'completeness' ? null : start, 0, null, stage === 'acceptance' ? start : null, 'bench', now, now, 1,
        ]);
        insDeadline.run([
          deadlineId, 'project', id, spec.kind, spec.article, site.division_code, authority, spec.dayKind, spec.days, start, due.dueDate,
          due.provisional ? 1 : 0, due.revision, pause && !pause.closed ? 'paused' : 'open', null, null, now, now,
        ]);
        if (pause) {
          insPause.run([randomUUID(), deadlineId, 'expert_review', '行政许可法45', pause.from, pauseTo, null, null, now]);
          if (!pause.closed) paused++;
        }
        byKind[spec.kind] = (byKind[spec.kind] ?? 0) + 1;
        if (due.provisional) provisional++;
        running.set(authority, (running.get(authority) ?? 0) + 1);
      }
    })();
  }
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const [unitId, count] = [...running.entries()].sort((a, b) => b[1] - a[1])[0];
  const seconds = round1((performance.now() - t0) / 1000);
  log(
    `  ${s.projects.toLocaleString('en-US')} projects with running clocks in ${seconds} s in all (${Object.entries(byKind).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}; ` +
      `${paused.toLocaleString('en-US')} paused; ${provisional.toLocaleString('en-US')} provisional); busiest bureau ${unitId} with ${count.toLocaleString('en-US')}`,
  );
  return { projects: s.projects, sites: sites.sites, seconds, byKind, paused, provisional, busiest: { unitId, running: count } };
}

// ───────────────────────────── users ─────────────────────────────

function roleOf(unitId: string): string {
  const code = unitId.replace(/^PSB-/, '');
  return code.endsWith('0000') ? 'province_officer' : code.endsWith('00') ? 'city_officer' : 'county_officer';
}

async function ensureUser(db: Db, username: string, role: string, policeUnitId: string, hash: string): Promise<void> {
  if (await findUserByUsername(db.db, username)) return;
  await insertUser(db.db, newUserRow({ id: randomUUID(), username, displayName: username, passwordHash: hash, role, policeUnitId, now: new Date().toISOString() }));
}

async function ctxAs(db: Db, username: string, config: Ctx['config'], clock: Ctx['clock']): Promise<Ctx> {
  const u = (await findUserByUsername(db.db, username))!;
  return { db: db.db, actor: actorOfUser({ ...u, user_id: u.id }, '127.0.0.1'), clock, config, log: silent };
}

// ───────────────────────────── (a) recompute ─────────────────────────────

interface Row {
  id: string;
  start_date: string;
  days: number;
  day_kind: DayKind;
  division_code: string;
  due_date: string;
  provisional: number;
}

/** What `recomputeOpenDeadlines` computes for one row (an open pause counts as ending where it began). */
function dueOf(cal: LegalCalendar, r: Row, pauses: { from_date: string; to_date: string | null }[] | undefined) {
  const open = (pauses ?? []).filter((p) => p.to_date === null).map((p) => p.from_date).sort();
  return computeDue(cal, {
    start: r.start_date, days: Number(r.days), dayKind: r.day_kind, divisionCode: r.division_code,
    pauses: (pauses ?? []).map((p) => ({ from: p.from_date, to: p.to_date })),
    ...(open.length ? { asOf: open[open.length - 1] } : {}),
  });
}

async function benchRecompute(db: Db, copy: string, s: ProjectsSettingsUsed, config: Ctx['config'], clock: Ctx['clock'], log: (l: string) => void): Promise<BenchResult[]> {
  const hash = await hashPassword(PASSWORD);
  await ensureUser(db, 'bench.gd.officer', 'province_officer', 'PSB-440000', hash);
  await ensureUser(db, 'bench.gd.admin2', 'province_officer', 'PSB-440000', hash);
  const proposer = await ctxAs(db, 'bench.gd.officer', config, clock);
  const approver = await ctxAs(db, 'bench.gd.admin2', config, clock);
  const proposed = await proposeRevision(proposer, { year: s.revision.year, divisionCode: '440000', off: s.revision.off, work: s.revision.work, source: '基准测试（示意安排，非官方）' });
  const ledgerBefore = await ledgerCount(db);

  // Ours: the second administrator's approval, which recomputes every open deadline.
  const t0 = performance.now();
  const approved = await approveRevision(approver, proposed.id);
  const oursSeconds = (performance.now() - t0) / 1000;
  const ledgerAdded = (await ledgerCount(db)) - ledgerBefore;
  const { checked, changed } = approved.recomputed;
  if (checked !== s.projects) throw new Error(`recompute checked ${checked} deadlines, expected ${s.projects}`);
  if (changed === 0) throw new Error('the revision changed no due date: the benchmark would not measure the writes');
  const cal = await loadCalendar(db.db);
  log(`  ours: approval + recompute of ${fmt(checked)} deadlines (${fmt(changed)} changed, ${fmt(ledgerAdded)} ledger entries) in ${oursSeconds.toFixed(2)} s → ${fmt(checked / oursSeconds)} projects/s`);

  // Baseline 1: the same pass bare on the copy taken before ours — keyset batches of 500, the
  // pauses of each batch, computeDue, UPDATE of the changed rows, one transaction per batch.
  const raw = new SQLite(copy);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  // The same access path as `unclosedDeadlinesAfter`: the primary key in id order (`status || ''`
  // keeps SQLite off the (status, due_date) index, which would sort every open deadline per page).
  const page = raw.prepare(`SELECT id, start_date, days, day_kind, division_code, due_date, provisional FROM deadlines WHERE status || '' IN ('open', 'paused') AND id > ? ORDER BY id LIMIT ?`);
  const update = raw.prepare('UPDATE deadlines SET due_date = ?, provisional = ?, calendar_revision = ?, updated_at = ? WHERE id = ?');
  const inList = (n: number) => Array(n).fill('?').join(', ');
  const stampSql = (n: number) => raw.prepare(`UPDATE deadlines SET calendar_revision = ? WHERE id IN (${inList(n)}) AND calendar_revision <> ?`);
  const pausesSql = (n: number) => raw.prepare(`SELECT deadline_id, from_date, to_date FROM deadline_pauses WHERE deadline_id IN (${inList(n)}) ORDER BY from_date`);
  const stamped = new Date().toISOString();
  let bareChanged = 0;
  let bareChecked = 0;
  const t1 = performance.now();
  for (let after = ''; ; ) {
    const rows = raw.transaction(() => {
      const rows = page.all(after, s.recomputeBatch) as Row[];
      if (rows.length === 0) return rows;
      const pauses = new Map<string, { from_date: string; to_date: string | null }[]>();
      for (const p of pausesSql(rows.length).all(rows.map((r) => r.id)) as { deadline_id: string; from_date: string; to_date: string | null }[]) {
        pauses.set(p.deadline_id, [...(pauses.get(p.deadline_id) ?? []), p]);
      }
      const unchanged: string[] = [];
      for (const r of rows) {
        const due = dueOf(cal, r, pauses.get(r.id));
        if (due.dueDate !== r.due_date || (due.provisional ? 1 : 0) !== Number(r.provisional)) {
          update.run(due.dueDate, due.provisional ? 1 : 0, due.revision, stamped, r.id);
          bareChanged++;
        } else unchanged.push(r.id);
      }
      if (unchanged.length) stampSql(unchanged.length).run(cal.revision, ...unchanged, cal.revision);
      return rows;
    })();
    if (rows.length === 0) break;
    bareChecked += rows.length;
    after = rows[rows.length - 1].id;
  }
  const bareSeconds = (performance.now() - t1) / 1000;
  if (bareChecked !== checked || bareChanged !== changed) throw new Error(`bare pass disagrees: ${bareChecked}/${bareChanged} vs ${checked}/${changed}`);
  log(`  baseline: bare better-sqlite3 pass (read, computeDue, UPDATE, 500/tx) in ${bareSeconds.toFixed(2)} s → ${fmt(bareChecked / bareSeconds)} projects/s`);

  // Baseline 2: computeDue alone, in memory, for the same inputs (rows and pauses loaded first, untimed).
  const all = raw.prepare(`SELECT id, start_date, days, day_kind, division_code, due_date, provisional FROM deadlines WHERE status IN ('open', 'paused')`).all() as Row[];
  const allPauses = new Map<string, { from_date: string; to_date: string | null }[]>();
  for (const p of raw.prepare('SELECT deadline_id, from_date, to_date FROM deadline_pauses').all() as { deadline_id: string; from_date: string; to_date: string | null }[]) {
    allPauses.set(p.deadline_id, [...(allPauses.get(p.deadline_id) ?? []), p]);
  }
  raw.close();
  const t2 = performance.now();
  let sink = 0;
  for (const r of all) sink += dueOf(cal, r, allPauses.get(r.id)).dueDate.length;
  const memSeconds = (performance.now() - t2) / 1000;
  if (sink === 0) throw new Error('nothing computed');
  log(`  baseline: computeDue alone in memory in ${memSeconds.toFixed(3)} s → ${fmt(all.length / memSeconds)} projects/s`);

  const details = {
    checked, changed, ledgerEntriesAdded: ledgerAdded, revision: approved.revision, oursSeconds: round3(oursSeconds),
    bareSeconds: round3(bareSeconds), memorySeconds: round3(memSeconds), batch: s.recomputeBatch, order: 'ours, then the bare pass on a copy, then in memory',
  };
  return [
    result({
      id: 'projects.recompute.bare', name: `Approve a calendar revision: recompute ${fmt(checked)} open deadlines (${fmt(changed)} change)`, unit: 'projects/s',
      ours: checked / oursSeconds, baseline: bareChecked / bareSeconds, baselineName: 'bare better-sqlite3: same reads, computeDue, UPDATEs, no ledger', details,
    }),
    result({
      id: 'projects.recompute.memory', name: `Approve a calendar revision: recompute ${fmt(checked)} open deadlines (${fmt(changed)} change)`, unit: 'projects/s',
      ours: checked / oursSeconds, baseline: all.length / memSeconds, baselineName: 'computeDue alone, in memory', details,
    }),
  ];
}

async function ledgerCount(db: Db): Promise<number> {
  const r = await db.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ───────────────────────────── (b) the officer's queue ─────────────────────────────

/** The SELECTs that serve the queue (not the session or the ledger). */
const SERVING = /\b(from|join)\s+"(projects|deadlines|deadline_pauses|sites|companies|calendar_revisions)"/i;

async function benchQueue(db: Db, file: string, s: ProjectsSettingsUsed, config: Ctx['config'], clock: Ctx['clock'], busiest: { unitId: string; running: number }, log: (l: string) => void): Promise<BenchResult> {
  const app = await buildApp({ db, config, clock });
  // A second app over a Kysely that records its SQL: what the bare baseline replays.
  const captured: LogEvent[] = [];
  const probeRaw = new SQLite(file);
  probeRaw.pragma('journal_mode = WAL');
  const probeKysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: probeRaw }), log: (e) => void captured.push(e) });
  const probe: App = await buildApp({ db: { db: probeKysely, dialect: 'sqlite', close: () => probeKysely.destroy() }, config, clock });
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  try {
    await ensureUser(db, 'bench.queue.officer', roleOf(busiest.unitId), busiest.unitId, await hashPassword(PASSWORD));
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench.queue.officer', password: PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body.slice(0, 200)}`);
    const cookie = `jf_session=${login.cookies.find((c) => c.name === 'jf_session')!.value}`;
    const url = '/api/projects/queue';

    captured.length = 0;
    const first = await probe.inject({ method: 'GET', url, headers: { cookie } });
    if (first.statusCode !== 200) throw new Error(`GET ${url}: ${first.statusCode} ${first.body.slice(0, 300)}`);
    const body = first.json() as { items: unknown[]; total: number };
    const statements = captured
      .filter((e) => e.level === 'query' && /^\s*select/i.test(e.query.sql) && SERVING.test(e.query.sql))
      .map((e) => ({ stmt: raw.prepare(e.query.sql), params: e.query.parameters.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)) }));
    if (statements.length === 0) throw new Error('no queue statements captured');

    const ours = async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
    };
    const bare = () => {
      for (const q of statements) q.stmt.all(q.params);
    };
    const [o, b] = await alternateRequests(s.queueRequests, ours, bare);
    const lo = latency(o);
    const lb = latency(b);
    log(`  queue of ${busiest.unitId} (${fmt(busiest.running)} running clocks, ${body.items.length} shown): ours p50 ${ms(lo.p50)} p95 ${ms(lo.p95)} · bare SQL (${statements.length} statements) p50 ${ms(lb.p50)} p95 ${ms(lb.p95)}`);
    return result({
      id: 'projects.queue',
      name: `Officer's queue, busiest bureau (${fmt(busiest.running)} running clocks, ${body.items.length} shown)`,
      unit: 'pages/s, 1 at a time',
      ours: lo.perSecond,
      baseline: lb.perSecond,
      baselineName: `same SQL (${statements.length} SELECTs), bare better-sqlite3`,
      details: {
        unitId: busiest.unitId, running: busiest.running, shown: body.items.length,
        ours: { p50Ms: lo.p50, p95Ms: lo.p95, requests: lo.count }, baseline: { p50Ms: lb.p50, p95Ms: lb.p95, queries: lb.count },
      },
    });
  } finally {
    raw.close();
    await probe.close();
    await probeKysely.destroy().catch(() => undefined);
    await app.close();
  }
}

const ms = (v: number) => (v >= 10 ? `${Math.round(v)} ms` : `${v.toFixed(2)} ms`);
const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
