import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type AutocannonResult } from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { connect } from '../src/platform/db/connect.js';
import { buildApp } from '../src/platform/http/app.js';
import { result, type BenchResult } from './report.js';
import { seedCertificates } from './seed-certificates.js';
import { alternate, openMigrated, ratioSpread, type Contender } from './support.js';

export interface CertBenchOptions {
  dir: string;
  certificates: number;
  connections: number;
  warmupSec: number;
  /** Per side, split into `rounds` alternating slices. */
  durationSec: number;
  rounds: number;
  log: (line: string) => void;
}

const OURS_PREFIX = '/api/public/certificates/';
const BARE_PREFIX = '/bare/certificates/';
const SETUP_REQUEST = fileURLToPath(new URL('./cert-request.cjs', import.meta.url));

/**
 * Public certificate verification through the whole app (hooks, request context, route, Kysely,
 * SQLite with `certificates` seeded), against a bare Fastify route answering the same JSON from
 * memory. Both listen on loopback in this thread; autocannon drives them from one worker thread,
 * so on two cores the server and the load generator each get one. Requests pick uniformly random
 * stored numbers (bench/cert-request.cjs). After a warm-up of each, the two are measured in
 * alternating slices (see `alternate`), so background load on a shared machine hits both alike.
 */
export async function benchVerifyCertificate(opts: CertBenchOptions): Promise<BenchResult> {
  const file = join(opts.dir, 'certificates.db');
  await (await openMigrated(file)).close();
  const t0 = performance.now();
  const seeded = seedCertificates(file, opts.certificates);
  opts.log(`  seeded ${seeded.numbers.length.toLocaleString('en-US')} certificates of ${seeded.companies} companies in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const numbersFile = join(opts.dir, 'numbers.txt');
  writeFileSync(numbersFile, seeded.numbers.join('\n'));
  process.env.JIFANG_BENCH_NUMBERS_FILE = numbersFile;

  const db = connect({ sqliteFile: file });
  const app = await buildApp({ db, config: loadConfig({}), clock: systemClock });
  const bare = Fastify({ logger: false });
  try {
    // Not a timing check: without a 200 here the figures would measure an error page.
    const sample = seeded.numbers[Math.floor(seeded.numbers.length / 2)];
    const res = await app.inject({ method: 'GET', url: OURS_PREFIX + encodeURIComponent(sample) });
    if (res.statusCode !== 200) {
      throw new Error(`GET ${OURS_PREFIX}${sample} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    }
    const template = res.json() as Record<string, unknown>;
    // Same JSON (shape, values, size) as ours, only the number echoed: Fastify's floor for this answer.
    bare.get<{ Params: { number: string } }>(`${BARE_PREFIX}:number`, async (req) => ({ ...template, number: req.params.number }));

    const oursUrl = await listen(app);
    const bareUrl = await listen(bare);
    const runs: AutocannonResult[][] = [[], []];
    const contender = (i: number, url: string, prefix: string): Contender => async (seconds) => {
      const r = await load(url, prefix, seconds, opts);
      runs[i].push(r);
      return { count: r['2xx'], seconds: r.duration, perSecond: r['2xx'] / r.duration };
    };
    const ours = contender(0, oursUrl, OURS_PREFIX);
    const base = contender(1, bareUrl, BARE_PREFIX);
    if (opts.warmupSec > 0) {
      await ours(opts.warmupSec);
      await base(opts.warmupSec);
      runs[0].length = runs[1].length = 0;
    }
    const alt = await alternate(opts.rounds, opts.durationSec, [ours, base]);
    const [o, b] = alt.totals;
    const failed = runs.map((rs) => rs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0));
    opts.log(
      `  ours ${Math.round(o.perSecond).toLocaleString('en-US')} req/s (p50 ${median(runs[0], 'p50')} ms, p99 ${median(runs[0], 'p99')} ms), ` +
        `bare ${Math.round(b.perSecond).toLocaleString('en-US')} req/s (p50 ${median(runs[1], 'p50')} ms, p99 ${median(runs[1], 'p99')} ms)` +
        (failed[0] + failed[1] ? `; FAILED requests: ours ${failed[0]}, bare ${failed[1]}` : ''),
    );
    return result({
      id: 'certificate-verification',
      name: `Certificate verification, ${opts.certificates.toLocaleString('en-US')} stored`,
      unit: 'req/s',
      ours: o.perSecond,
      baseline: b.perSecond,
      baselineName: 'bare Fastify route, same JSON',
      details: {
        route: 'GET /api/public/certificates/:number',
        connections: opts.connections,
        warmupSec: opts.warmupSec,
        durationSec: opts.durationSec,
        rounds: opts.rounds,
        responseBytes: Buffer.byteLength(res.body),
        roundRatio: ratioSpread(alt, 0, 1),
        ours: summary(runs[0]),
        baseline: summary(runs[1]),
      },
    });
  } finally {
    await bare.close();
    await app.close();
    await db.close();
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

function load(url: string, prefix: string, duration: number, opts: CertBenchOptions): Promise<AutocannonResult> {
  // Read by cert-request.cjs in autocannon's worker, which copies process.env when it starts.
  process.env.JIFANG_BENCH_PATH_PREFIX = prefix;
  return autocannon({
    url,
    connections: opts.connections,
    duration,
    // autocannon stops only on a sample tick: 100 ms ticks let a slice last 0.5 s, not a rounded-up 1 s.
    sampleInt: 100,
    workers: 1,
    requests: [{ method: 'GET', setupRequest: SETUP_REQUEST }],
  });
}

/** Latency percentiles are per round; the median round's value stands for the run. */
function median(rs: AutocannonResult[], p: 'p50' | 'p90' | 'p99'): number {
  const xs = rs.map((r) => r.latency[p]).sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? Number.NaN;
}

function summary(rs: AutocannonResult[]) {
  return {
    ok2xx: rs.reduce((n, r) => n + r['2xx'], 0),
    non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
    errors: rs.reduce((n, r) => n + r.errors, 0),
    timeouts: rs.reduce((n, r) => n + r.timeouts, 0),
    seconds: Math.round(rs.reduce((n, r) => n + r.duration, 0) * 100) / 100,
    perRound: rs.map((r) => Math.round(r['2xx'] / r.duration)),
    latencyMsMedianOfRounds: { p50: median(rs, 'p50'), p90: median(rs, 'p90'), p99: median(rs, 'p99') },
  };
}
