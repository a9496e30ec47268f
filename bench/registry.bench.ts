import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type LogEvent } from 'kysely';
import { seedScale, sitePlaces, prng } from '../src/cli/seed-scale.js';
import { SYSTEM_ACTOR } from '../src/platform/access/actor.js';
import { actorOfUser } from '../src/platform/identity/actor-of-user.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Ctx } from '../src/platform/context.js';
import { connect, type Db } from '../src/platform/db/connect.js';
import type { Database } from '../src/platform/db/schema.js';
import { buildApp, type App } from '../src/platform/http/app.js';
import { hashPassword } from '../src/platform/identity/passwords.js';
import { newUserRow } from '../src/platform/identity/user-row.js';
import { findUserByUsername, insertUser } from '../src/platform/identity/users.repository.js';
import { loadCatalogueInForce } from '../src/procedures/registry/catalogue.actions.js';
import { buildStates, recomputeAllFindings } from '../src/procedures/registry/findings.recompute.js';
import { createImportJob, runImportJob } from '../src/procedures/registry/import/import.job.js';
import { computeFindings } from '../src/procedures/registry/registry.rules.js';
import { registrySettings } from '../src/procedures/registry/registry.settings.js';
import { alternateRequests, latency, type Latency } from './latency.js';
import { fmt, result, type BenchResult } from './report.js';

/** Rows in the same shape as the other benchmarks (bench/report.ts). */
export type ResultRow = BenchResult;

export interface RegistryBenchOptions {
  quick: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Working directory for the database (default: a new temporary directory, removed at the end). */
  dir?: string;
  /** Override the sizes (tests, experiments). */
  sites?: number;
  devices?: number;
  importRows?: number;
  /**
   * Where a seeded province is kept between runs (default: JIFANG_BENCH_CACHE, else
   * <tmp>/jifang-bench-cache); `null` never keeps one. Seeding 200,000 sites takes minutes, and it
   * is preparation, not a measured figure.
   */
  cacheDir?: string | null;
  /** Seed afresh even when a kept province matches. */
  fresh?: boolean;
}

export interface RegistrySettingsUsed {
  sites: number;
  devices: number;
  seed: number;
  listRequests: number;
  pageRequests: number;
  recomputeSites: number;
  importRows: number;
  importMode: 'valid_rows_only';
}

/** Sizes of a run: the province (200,000 sites, 2,000,000 devices) or a tenth of it. */
export function registrySettingsFor(opts: RegistryBenchOptions): RegistrySettingsUsed {
  const sites = opts.sites ?? (opts.quick ? 20_000 : 200_000);
  return {
    sites,
    devices: opts.devices ?? sites * 10,
    seed: 238,
    listRequests: opts.quick ? 30 : 100,
    pageRequests: opts.quick ? 100 : 300,
    recomputeSites: sites,
    importRows: opts.importRows ?? (opts.quick ? 10_000 : 100_000),
    importMode: 'valid_rows_only',
  };
}

const PASSWORD = 'Bench-Passw0rd!';

/**
 * The registry at province scale (issue 3, "Scale"): seeds a SQLite file with `seed-scale`, then
 * (a) site lists with filters through the whole app as a logged-in officer, against the same SQL
 * run bare; (b) the site page, likewise; (c) recomputing every site's findings against a bare
 * scan reading the same rows; (d) importing sites from a CSV through the importer against raw
 * inserts of the same rows. No timing assertions: a run fails only when a step does not do what
 * it claims (a non-200 answer, an import that rejects rows).
 */
export async function runRegistryBench(opts: RegistryBenchOptions): Promise<ResultRow[]> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const settings = registrySettingsFor(opts);
  const ownDir = !opts.dir;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'jifang-registry-bench-'));
  const file = join(dir, 'registry.db');
  const results: ResultRow[] = [];
  try {
    // ── the province: seeded, or copied from a kept copy of the same seed, code and schema ──
    const seedInfo = await province(file, settings, opts, log);

    const env = await openEnv(file);
    try {
      results.push(...(await benchLists(env, settings, log)));
      results.push(await benchSitePage(env, settings, log));
      results.push(...(await benchRecompute(env, settings, log)));
      results.push(await benchImport(env, settings, log, dir));
    } finally {
      await env.close();
    }
    for (const r of results) r.details = { ...r.details, province: seedInfo };
    return results;
  } finally {
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  }
}

// ───────────────────────────── the province ─────────────────────────────

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the seeded file depends on: the generator, the catalogue, the rules and the schema. */
function codeDigest(): string {
  const h = createHash('sha256');
  const files = ['src/cli/seed-scale.ts', 'src/procedures/registry/catalogue.seed.ts', 'src/procedures/registry/registry.rules.ts', 'src/procedures/registry/findings.recompute.ts'];
  const migrations = readdirSync(join(ROOT, 'src/platform/db/migrations')).sort().map((f) => `src/platform/db/migrations/${f}`);
  for (const f of [...files, ...migrations]) h.update(f).update(readFileSync(join(ROOT, f)));
  return h.digest('hex').slice(0, 12);
}

interface SeedInfo {
  sites: number;
  units: number;
  systems: number;
  devices: number;
  certificates: number;
  seedSeconds: number;
  findingsOpened: number;
  findingsSeconds: number;
  sitesWithFindings: number;
  seededAt: string;
  reusedFromCache: boolean;
}

const CACHE_DAYS = 30;

async function province(file: string, settings: RegistrySettingsUsed, opts: RegistryBenchOptions, log: (l: string) => void): Promise<SeedInfo> {
  const cacheDir = opts.cacheDir === null ? null : (opts.cacheDir ?? process.env.JIFANG_BENCH_CACHE ?? join(tmpdir(), 'jifang-bench-cache'));
  const key = `registry-${settings.sites}-${settings.devices}-seed${settings.seed}-${codeDigest()}`;
  const cached = cacheDir ? join(cacheDir, `${key}.db`) : null;
  const meta = cacheDir ? join(cacheDir, `${key}.json`) : null;
  if (cached && meta && !opts.fresh && existsSync(cached) && existsSync(meta)) {
    const info = JSON.parse(readFileSync(meta, 'utf8')) as SeedInfo;
    // Certificates expire and acceptance dates age: a province seeded long ago would no longer be "today's".
    if (Date.now() - Date.parse(info.seededAt) < CACHE_DAYS * 86_400_000) {
      const t = performance.now();
      copyFileSync(cached, file, constants.COPYFILE_FICLONE);
      log(`  province from ${cached} (seeded ${info.seededAt.slice(0, 10)} in ${info.seedSeconds} s + findings ${info.findingsSeconds} s; copied in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
      return { ...info, reusedFromCache: true };
    }
  }
  const t0 = performance.now();
  let lastLogged = 0;
  const seeded = await seedScale({ kind: 'sqlite', file }, {
    sites: settings.sites,
    devices: settings.devices,
    seed: settings.seed,
    onProgress: (phase, done, total) => {
      const now = performance.now();
      if (done === total || now - lastLogged > 15_000) {
        lastLogged = now;
        log(`  ${phase}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} sites (${((now - t0) / 1000).toFixed(0)} s)`);
      }
    },
  });
  if (seeded.interrupted) throw new Error('seeding was interrupted');
  const info: SeedInfo = {
    sites: seeded.sites,
    units: seeded.units,
    systems: seeded.systems,
    devices: seeded.devices,
    certificates: seeded.certificates,
    seedSeconds: round1(seeded.seedSeconds),
    findingsOpened: seeded.findings?.opened ?? 0,
    findingsSeconds: round1(seeded.findingsSeconds),
    sitesWithFindings: seeded.sitesWithFindings,
    seededAt: new Date().toISOString(),
    reusedFromCache: false,
  };
  log(
    `  seeded ${info.sites.toLocaleString('en-US')} sites, ${info.devices.toLocaleString('en-US')} devices in ${info.seedSeconds} s; ` +
      `${info.findingsOpened.toLocaleString('en-US')} findings on ${info.sitesWithFindings.toLocaleString('en-US')} sites ` +
      `(${((100 * info.sitesWithFindings) / Math.max(1, info.sites)).toFixed(1)} %) computed in ${info.findingsSeconds} s`,
  );
  if (cached && meta && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    for (const f of readdirSync(cacheDir)) if (f.startsWith(`registry-${settings.sites}-${settings.devices}-seed${settings.seed}-`)) rmSync(join(cacheDir, f), { force: true });
    copyFileSync(file, `${cached}.part`, constants.COPYFILE_FICLONE);
    renameSync(`${cached}.part`, cached);
    writeFileSync(meta, JSON.stringify(info, null, 2));
    log(`  kept a copy for later runs: ${cached} (--fresh to seed again)`);
  }
  return info;
}

// ───────────────────────────── environment ─────────────────────────────

interface Env {
  file: string;
  db: Db;
  app: App;
  /** The same app over a Kysely that records every SQL statement: what the bare baselines replay. */
  probe: App;
  captured: LogEvent[];
  raw: SQLite.Database;
  sessions: Record<'city' | 'province', { cookie: string }>;
  close(): Promise<void>;
}

async function openEnv(file: string): Promise<Env> {
  const config = loadConfig({});
  const db = connect({ sqliteFile: file });
  const app = await buildApp({ db, config, clock: systemClock });
  const captured: LogEvent[] = [];
  const probeRaw = new SQLite(file);
  probeRaw.pragma('journal_mode = WAL');
  probeRaw.pragma('foreign_keys = ON');
  probeRaw.pragma('busy_timeout = 5000');
  probeRaw.pragma('synchronous = NORMAL');
  const probeKysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: probeRaw }), log: (e) => void captured.push(e) });
  const probe = await buildApp({ db: { db: probeKysely, dialect: 'sqlite', close: () => probeKysely.destroy() }, config, clock: systemClock });
  // Baselines read with their own connection, opened as the app opens its own.
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');

  // Officers created as the registration path creates users; sessions through the real login route.
  const hash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  const users = [
    { username: 'bench.gz.officer', role: 'city_officer', policeUnitId: 'PSB-440100' },
    { username: 'bench.gd.officer', role: 'province_officer', policeUnitId: 'PSB-440000' },
  ];
  for (const u of users) {
    if (await findUserByUsername(db.db, u.username)) continue;
    await insertUser(db.db, newUserRow({ id: randomUUID(), displayName: u.username, passwordHash: hash, now, ...u }));
  }
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return { cookie: `jf_session=${res.cookies.find((c) => c.name === 'jf_session')!.value}` };
  };
  const sessions = { city: await login('bench.gz.officer'), province: await login('bench.gd.officer') };
  return {
    file,
    db,
    app,
    probe,
    captured,
    raw,
    sessions,
    async close() {
      raw.close();
      await probe.close();
      await probeKysely.destroy().catch(() => undefined);
      await app.close();
      await db.close();
    },
  };
}

/** SQL statements that serve the page, not the session or the audit trail. */
const SERVING_TABLES = /\b(from|join)\s+"(sites|systems|devices|equipment_certificates|findings|registry_catalogues)"/i;

interface Replay {
  statements: { stmt: SQLite.Statement; params: unknown[] }[];
}

/** Runs `url` once through the probe app and keeps the page's statements, prepared on the bare connection. */
async function captureReplay(env: Env, url: string, cookie: string): Promise<Replay> {
  env.captured.length = 0;
  const res = await env.probe.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const statements = env.captured
    .filter((e) => e.level === 'query' && /^\s*select/i.test(e.query.sql) && SERVING_TABLES.test(e.query.sql))
    .map((e) => ({ stmt: env.raw.prepare(e.query.sql), params: e.query.parameters.map(bindable) }));
  if (statements.length === 0) throw new Error(`no page statements captured for ${url}`);
  return { statements };
}

const bindable = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

// ───────────────────────────── measuring ─────────────────────────────

function latencyRow(id: string, name: string, baselineName: string, ours: Latency, base: Latency, extra: Record<string, unknown>): ResultRow {
  return result({
    id,
    name,
    unit: 'pages/s, 1 at a time',
    ours: ours.perSecond,
    baseline: base.perSecond,
    baselineName,
    details: { ours: { p50Ms: ours.p50, p95Ms: ours.p95, requests: ours.count }, baseline: { p50Ms: base.p50, p95Ms: base.p95, queries: base.count }, ...extra },
  });
}

// ───────────────────────────── (a) lists ─────────────────────────────

async function benchLists(env: Env, s: RegistrySettingsUsed, log: (l: string) => void): Promise<ResultRow[]> {
  const scenarios: { id: string; name: string; who: 'city' | 'province'; query: string; pages: number[] }[] = [
    { id: 'registry-list-county-category', name: 'Site list: county + category (440106, cat. 4)', who: 'city', query: 'division=440106&category=4', pages: [1, 2, 3] },
    { id: 'registry-list-article', name: 'Site list: city, open art. 20 findings', who: 'city', query: 'hasFindings=true&article=20', pages: [1, 2, 5, 10] },
    { id: 'registry-list-name', name: 'Site list: city, name search (bank)', who: 'city', query: 'q=%E9%93%B6%E8%A1%8C', pages: [1, 2, 3] },
    { id: 'registry-list-province-deep', name: 'Site list: province, cat. 7, pages 1–100', who: 'province', query: 'category=7', pages: [1, 10, 50, 100] },
  ];
  const rows: ResultRow[] = [];
  for (const sc of scenarios) {
    const cookie = env.sessions[sc.who].cookie;
    const urls = sc.pages.map((p) => `/api/registry/sites?${sc.query}&page=${p}`);
    const replays: Replay[] = [];
    for (const url of urls) replays.push(await captureReplay(env, url, cookie));
    let total = 0;
    const [o, b] = await alternateRequests(
      s.listRequests,
      async (i) => {
        const res = await env.app.inject({ method: 'GET', url: urls[i % urls.length], headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`GET ${urls[i % urls.length]} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        if (i === 0) total = (JSON.parse(res.body) as { total: number }).total;
      },
      (i) => {
        for (const st of replays[i % replays.length].statements) st.stmt.all(...st.params);
      },
    );
    const ours = latency(o);
    const base = latency(b);
    log(`  ${sc.name}: ${total.toLocaleString('en-US')} matching; ours p50 ${fmtMs(ours.p50)} p95 ${fmtMs(ours.p95)} · bare SQL p50 ${fmtMs(base.p50)} p95 ${fmtMs(base.p95)}`);
    rows.push(latencyRow(sc.id, sc.name, 'same SQL (page + count), bare better-sqlite3', ours, base, { urls, matching: total, as: sc.who === 'city' ? 'city officer PSB-440100' : 'province officer PSB-440000' }));
  }
  return rows;
}

// ───────────────────────────── (b) site page ─────────────────────────────

async function benchSitePage(env: Env, s: RegistrySettingsUsed, log: (l: string) => void): Promise<ResultRow> {
  const cookie = env.sessions.city.cookie;
  // Sites the Guangzhou officer may read, picked reproducibly.
  const ids = (env.raw.prepare(`select id from sites where division_code like '4401%' order by id`).pluck().all() as string[]);
  const rand = prng(4401);
  const chosen = Array.from({ length: Math.min(s.pageRequests, ids.length) }, () => ids[Math.floor(rand() * ids.length)]);
  const urls = chosen.map((id) => `/api/registry/sites/${id}`);
  const replays: Replay[] = [];
  for (const url of urls) replays.push(await captureReplay(env, url, cookie));
  const [o, b] = await alternateRequests(
    urls.length,
    async (i) => {
      const res = await env.app.inject({ method: 'GET', url: urls[i], headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`GET ${urls[i]} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    },
    (i) => {
      for (const st of replays[i].statements) st.stmt.all(...st.params);
    },
  );
  const ours = latency(o);
  const base = latency(b);
  const devices = env.raw.prepare(`select count(*) from devices where site_id in (${chosen.map(() => '?').join(',')})`).pluck().get(...chosen) as number;
  log(`  Site page (${(devices / chosen.length).toFixed(1)} devices a site on average): ours p50 ${fmtMs(ours.p50)} p95 ${fmtMs(ours.p95)} · bare SQL p50 ${fmtMs(base.p50)} p95 ${fmtMs(base.p95)}`);
  return latencyRow('registry-site-page', 'Site page: site, systems, devices, certificates, findings', 'same SELECTs, bare better-sqlite3', ours, base, {
    sites: chosen.length,
    averageDevices: round1(devices / chosen.length),
    note: 'ours includes the record.read ledger entry an officer reading a key unit leaves (PIPL access record)',
  });
}

// ───────────────────────────── (c) recompute ─────────────────────────────

async function benchRecompute(env: Env, s: RegistrySettingsUsed, log: (l: string) => void): Promise<ResultRow[]> {
  const config = loadConfig({});
  const ctx = { actor: SYSTEM_ACTOR, clock: systemClock, config };
  const catalogue = (await loadCatalogueInForce(env.db.db, systemClock.today()))!;
  const settings = registrySettings(config);
  const today = systemClock.today();
  const BATCH = 500;

  // The core's batch reads (sites.repository sitesAfter, systemsOfSites, devicesOfSites,
  // certificatesOfSites, openFindingsOfSites) as bare prepared statements.
  const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const prepared = new Map<number, SQLite.Statement[]>();
  const stmtsFor = (n: number) => {
    let st = prepared.get(n);
    if (!st) {
      st = [
        env.raw.prepare(`select * from "systems" where "site_id" in (${inList(n)})`),
        env.raw.prepare(`select * from "devices" where "site_id" in (${inList(n)}) order by "created_at", "id"`),
        env.raw.prepare(
          `select "c"."id", "c"."device_id", "c"."cert_type", "c"."number", "c"."valid_to" from "equipment_certificates" as "c" inner join "devices" as "d" on "d"."id" = "c"."device_id" where "d"."site_id" in (${inList(n)}) order by "c"."created_at", "c"."id"`,
        ),
        env.raw.prepare(`select * from "findings" where "site_id" in (${inList(n)}) and "resolved_at" is null`),
      ];
      prepared.set(n, st);
    }
    return st;
  };
  const first = env.raw.prepare(`select * from "sites" order by "id" limit ?`);
  const after = env.raw.prepare(`select * from "sites" where "id" > ? order by "id" limit ?`);
  /** A keyset cursor over every site; `step` reads the next batch's rows (and with `rules`, computes its findings). */
  const cursor = (rules: boolean) => {
    let last: string | null = null;
    const c = { sites: 0, drafts: 0, seconds: 0, done: false };
    const step = () => {
      if (c.done) return;
      const t = performance.now();
      const batch = (last === null ? first.all(BATCH) : after.all(last, BATCH)) as { id: string }[];
      if (batch.length === 0) {
        c.done = true;
      } else {
        const ids = batch.map((r) => r.id);
        const [sys, dev, cert, open] = stmtsFor(ids.length).map((st) => st.all(...ids));
        void open;
        if (rules) {
          const states = buildStates(batch as never, sys as never, dev as never, cert as never);
          for (const st of states.values()) c.drafts += computeFindings(st, catalogue, today, settings).length;
        }
        c.sites += batch.length;
        last = ids[ids.length - 1];
      }
      c.seconds += (performance.now() - t) / 1000;
    };
    return { c, step };
  };

  // Interleaved batch by batch, so background load on a shared machine lands on all three alike:
  // after each batch of ours (the core's recomputeAllFindings, 500 sites, one transaction), the
  // bare scan and the bare scan + rules read the same 500 sites (same keyset order and size).
  const bare = cursor(false);
  const withRules = cursor(true);
  let inCallbacks = 0;
  const t0 = performance.now();
  const res = await recomputeAllFindings(env.db.db, ctx, () => {
    const t = performance.now();
    bare.step();
    withRules.step();
    inCallbacks += performance.now() - t;
  });
  const oursSeconds = (performance.now() - t0 - inCallbacks) / 1000;
  while (!bare.c.done) bare.step();
  while (!withRules.c.done) withRules.step();
  const ours = { value: res, seconds: oursSeconds };
  const oursRate = res.sites / oursSeconds;
  const bareRate = bare.c.sites / bare.c.seconds;
  const rulesRate = withRules.c.sites / withRules.c.seconds;
  log(
    `  Recompute all: ${res.sites.toLocaleString('en-US')} sites in ${oursSeconds.toFixed(1)} s (opened ${res.opened}, resolved ${res.resolved}); ` +
      `bare scan ${bare.c.seconds.toFixed(1)} s; bare scan + rules ${withRules.c.seconds.toFixed(1)} s (${withRules.c.drafts.toLocaleString('en-US')} findings computed)`,
  );
  const details = { sites: ours.value.sites, batch: BATCH, oursSeconds: round3(ours.seconds), opened: ours.value.opened, resolved: ours.value.resolved };
  return [
    result({
      id: 'registry-recompute',
      name: `Recompute all findings, ${ours.value.sites.toLocaleString('en-US')} sites`,
      unit: 'sites/s',
      ours: oursRate,
      baseline: bareRate,
      baselineName: 'bare SQL scan of the same rows, same batches',
      details: { ...details, baselineSeconds: round3(bare.c.seconds), interleaved: 'batch by batch' },
    }),
    result({
      id: 'registry-recompute-rules',
      name: `Recompute all findings, ${ours.value.sites.toLocaleString('en-US')} sites`,
      unit: 'sites/s',
      ours: oursRate,
      baseline: rulesRate,
      baselineName: 'bare scan + buildStates + rules, in memory',
      details: { ...details, baselineSeconds: round3(withRules.c.seconds), findingsComputed: withRules.c.drafts, interleaved: 'batch by batch' },
    }),
  ];
}

// ───────────────────────────── (d) import ─────────────────────────────

const AREA_LABELS: Record<string, string> = { main_entrance: '主要出入口', main_road: '主要道路', complex_section: '治安复杂路段', intersection: '交叉路口' };
const BUILDER_LABELS: Record<string, string> = { county: '县级', city: '市级', province: '省级' };

/** A province-wide inventory of key public areas (art. 7), as a provincial officer would upload it. */
function importFile(n: number): { csv: string; rows: { name: string; division: string; address: string; areaKind: string; builder: string; police: string }[] } {
  const rand = prng(7007);
  const places = sitePlaces();
  const total = places.reduce((a, p) => a + p.weight, 0);
  const kinds = Object.keys(AREA_LABELS);
  const builders = ['county', 'county', 'city', 'province'];
  const rows = [];
  const lines = ['场所类型,名称,行政区划代码,地址,区域类型,建设层级,使用单位,反恐重点目标'];
  for (let i = 0; i < n; i++) {
    let r = rand() * total;
    const place = places.find((p) => (r -= p.weight) < 0) ?? places[places.length - 1];
    const areaKind = kinds[Math.floor(rand() * kinds.length)];
    const builder = builders[Math.floor(rand() * builders.length)];
    const road = `${['迎宾', '人民', '建设', '解放', '新华', '滨江'][Math.floor(rand() * 6)]}路`;
    const name = `${place.county.name}${road}${AREA_LABELS[areaKind]}（普查${String(i + 1).padStart(6, '0')}）`;
    const address = `${place.city.name}${place.county.code === place.city.code ? '' : place.county.name}${road}${1 + Math.floor(rand() * 999)}号`;
    const police = `PSB-${place.county.code}`;
    rows.push({ name, division: place.county.code, address, areaKind, builder, police });
    lines.push(`重点公共区域,${name},${place.county.code},${address},${AREA_LABELS[areaKind]},${BUILDER_LABELS[builder]},${police},否`);
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows };
}

async function benchImport(env: Env, s: RegistrySettingsUsed, log: (l: string) => void, _dir: string): Promise<ResultRow> {
  const { csv, rows } = importFile(s.importRows);
  const bytes = Buffer.from(csv, 'utf8');

  // Baseline: the same site rows, raw better-sqlite3 INSERT into the same table, 5,000 per
  // transaction as the importer commits; then removed again (not timed) before ours runs.
  const now = new Date().toISOString();
  const baseRows = rows.map((r) => [randomUUID(), 'public_area', r.name, r.division, r.address, null, null, null, null, null, null, r.areaKind, r.builder, r.police, 0, 0, 1, now, now]);
  const ins = env.raw.prepare(
    `insert into sites (id, site_type, name, division_code, address, unit_id, category_code, kind_code, catalogue_version, responsible_party, responsible_basis, area_kind, builder_level, user_police_unit_id, anti_terror_target, open_findings, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = env.raw.transaction((part: unknown[][]) => {
    for (const r of part) ins.run(r);
  });
  const tb = performance.now();
  for (let i = 0; i < baseRows.length; i += 5000) insertAll(baseRows.slice(i, i + 5000));
  const baseSeconds = (performance.now() - tb) / 1000;
  const del = env.raw.prepare('delete from sites where id = ?');
  env.raw.transaction(() => {
    for (const r of baseRows) del.run(r[0]);
  })();

  // Ours: the importer's programmatic entry point, as a provincial officer, valid rows only.
  const user = (await findUserByUsername(env.db.db, 'bench.gd.officer'))!;
  const actor = actorOfUser({ user_id: user.id, role: user.role, police_unit_id: user.police_unit_id, company_id: user.company_id, unit_id: user.unit_id }, '127.0.0.1');
  const silent = () => undefined;
  const ctx: Ctx = {
    db: env.db.db,
    actor,
    clock: systemClock,
    config: loadConfig({}),
    log: { info: silent, warn: silent, error: (o: unknown) => log(`  import error: ${String((o as { err?: unknown })?.err ?? o)}`), debug: silent, trace: silent, fatal: silent, child: () => ctx.log } as unknown as Ctx['log'],
  };
  let lastLogged = performance.now();
  const to = performance.now();
  const jobId = await createImportJob(ctx, { kind: 'sites', mode: s.importMode, fileName: 'bench-public-areas.csv' });
  const job = await runImportJob(ctx, jobId, {
    format: 'csv',
    bytes,
    onProgress: (j) => {
      const t = performance.now();
      if (t - lastLogged > 10_000) {
        lastLogged = t;
        log(`  import: ${j.processedRows.toLocaleString('en-US')}/${j.totalRows.toLocaleString('en-US')} rows (${((t - to) / 1000).toFixed(0)} s)`);
      }
    },
  });
  const oursSeconds = (performance.now() - to) / 1000;
  if (job.status !== 'succeeded' || job.importedRows !== rows.length || job.errorCount > 0) {
    throw new Error(`import ${job.status}: ${job.importedRows}/${rows.length} rows, ${job.errorCount} errors, first: ${JSON.stringify(job.report.slice(0, 3))}`);
  }
  const oursRate = job.importedRows / oursSeconds;
  const baseRate = rows.length / baseSeconds;
  log(`  Import ${rows.length.toLocaleString('en-US')} sites (${(bytes.length / 1e6).toFixed(1)} MB CSV, ${s.importMode}): ${oursSeconds.toFixed(1)} s; raw inserts ${baseSeconds.toFixed(1)} s`);
  return result({
    id: 'registry-import-sites',
    name: `Import ${rows.length.toLocaleString('en-US')} sites from CSV (${s.importMode})`,
    unit: 'rows/s',
    ours: oursRate,
    baseline: baseRate,
    baselineName: 'better-sqlite3 INSERT, same rows, 5,000/tx',
    details: { rows: rows.length, csvBytes: bytes.length, oursSeconds: round3(oursSeconds), baselineSeconds: round3(baseSeconds), as: 'province officer PSB-440000', kind: 'public areas (art. 7)', counts: job.counts },
  });
}

// ───────────────────────────── output ─────────────────────────────

/** The latency rows' p50/p95 (ours and bare) as a plain-text table. */
export function renderLatencyTable(results: readonly ResultRow[]): string {
  const rows = results
    .filter((r) => r.details && typeof r.details.ours === 'object' && r.details.ours !== null && 'p50Ms' in (r.details.ours as object))
    .map((r) => {
      const o = r.details!.ours as { p50Ms: number; p95Ms: number };
      const b = r.details!.baseline as { p50Ms: number; p95Ms: number };
      return [r.name, fmtMs(o.p50Ms), fmtMs(o.p95Ms), fmtMs(b.p50Ms), fmtMs(b.p95Ms)];
    });
  const head = ['Latency', 'Ours p50', 'Ours p95', 'Bare SQL p50', 'Bare SQL p95'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function fmtMs(ms: number): string {
  return ms >= 100 ? `${fmt(ms)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}
const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
