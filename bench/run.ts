import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, renderTable, writeJson, type BenchResult } from './report.js';

/**
 * `npm run bench [-- --quick] [-- --only=cert,append,verify,registry,merkle,projects,access]`: every figure is measured in this
 * run next to its baseline; the table goes to stdout, the figures to bench/results/latest.json.
 * Benchmarks, not tests: nothing here asserts on timing.
 */
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (flags.help) {
  console.log(`npm run bench [-- --quick] [-- --only=cert,append,verify,registry,merkle,projects,access]
  --quick   smoke run: 5,000 certificates / ledger entries, sub-second measurements
  --only    run only the named benchmarks (comma-separated)`);
  process.exit(0);
}

const quick = flags.quick;
const settings = quick
  ? {
      certificates: 5_000, connections: 20, certWarmupSec: 0.5, certDurationSec: 1, certRounds: 2,
      appendWarmupSec: 0.1, appendDurationSec: 0.5, appendRounds: 2, appendBatch: 100,
      verifyEntries: 5_000, verifyWarmupSec: 0.1, verifyDurationSec: 0.5, verifyRounds: 2,
      merkleWarmupSec: 0.1, merkleDurationSec: 0.6, merkleRounds: 2, merkleProofTreeSize: 200_000, merkleProofSamples: 50,
    }
  : {
      certificates: 100_000, connections: 20, certWarmupSec: 2, certDurationSec: 5, certRounds: 10,
      appendWarmupSec: 0.5, appendDurationSec: 3, appendRounds: 6, appendBatch: 100,
      verifyEntries: 100_000, verifyWarmupSec: 1, verifyDurationSec: 3, verifyRounds: 3,
      merkleWarmupSec: 0.5, merkleDurationSec: 4.5, merkleRounds: 6, merkleProofTreeSize: 10_000_000, merkleProofSamples: 500,
    };

const ALL = ['cert', 'append', 'verify', 'registry', 'merkle', 'projects', 'access'] as const;
type BenchName = (typeof ALL)[number];
const only = flags.only ? flags.only.split(',').map((s) => s.trim()) : [...ALL];
const unknown = only.filter((n) => !(ALL as readonly string[]).includes(n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'jifang-bench-'));
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
const log = (line: string) => console.log(line);

// Imported on demand: the certificate benchmark loads the whole app, the ledger ones do not.
const BENCHES: Record<BenchName, () => Promise<BenchResult[]>> = {
  cert: async () => {
    const { benchVerifyCertificate } = await import('./verify-certificate.bench.js');
    return [
      await benchVerifyCertificate({
        dir, log, certificates: settings.certificates, connections: settings.connections,
        warmupSec: settings.certWarmupSec, durationSec: settings.certDurationSec, rounds: settings.certRounds,
      }),
    ];
  },
  append: async () => {
    const { benchLedgerAppend } = await import('./ledger-append.bench.js');
    return benchLedgerAppend({
      dir, log, batch: settings.appendBatch, warmupSec: settings.appendWarmupSec,
      durationSec: settings.appendDurationSec, rounds: settings.appendRounds,
    });
  },
  verify: async () => {
    const { benchLedgerVerify } = await import('./ledger-verify.bench.js');
    return benchLedgerVerify({
      dir, log, entries: settings.verifyEntries, warmupSec: settings.verifyWarmupSec,
      durationSec: settings.verifyDurationSec, rounds: settings.verifyRounds,
    });
  },
  registry: async () => (await import('./registry.bench.js')).runRegistryBench({ quick, dir, log }),
  // 100,000 open projects (10,000 with --quick): recompute after a calendar revision, the officer's queue.
  projects: async () => (await import('./projects.bench.js')).runProjectsBench({ quick, dir, log }),
  merkle: async () =>
    (await import('./merkle.bench.js')).benchMerkle({
      dir, log, warmupSec: settings.merkleWarmupSec, durationSec: settings.merkleDurationSec, rounds: settings.merkleRounds,
      proofTreeSize: settings.merkleProofTreeSize, proofSamples: settings.merkleProofSamples,
    }),
  // Information access: register appends (row + ledger + Merkle + checkpoints) vs raw inserts; proof checks.
  access: async () =>
    (await import('./access.bench.js')).benchAccess({
      dir, log, warmupSec: settings.merkleWarmupSec, durationSec: settings.merkleDurationSec, rounds: settings.merkleRounds,
    }),
};

const m = machine();
console.log(`Jifang benchmarks (${quick ? 'quick' : 'full'}) — Node ${m.node}, ${m.cpus} CPUs (${m.cpuModel}), ${m.platform}`);
const started = performance.now();
const loadAtStart = loadavg()[0];
if (loadAtStart > m.cpus / 2) {
  console.log(`Note: 1-minute load average is ${loadAtStart.toFixed(2)} on ${m.cpus} CPUs; other work will lower absolute figures (ratios less so).`);
}
const results: BenchResult[] = [];
const failures: Array<{ bench: string; error: string }> = [];
try {
  for (const name of ALL.filter((n) => only.includes(n))) {
    console.log(`\n[${name}]`);
    try {
      results.push(...(await BENCHES[name]()));
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      failures.push({ bench: name, error });
      console.error(`  FAILED: ${error}`);
    }
  }
} finally {
  cleanUp();
}

const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
console.log(`\n${renderTable(results)}\n\nOurs/baseline: the share of the baseline's throughput we keep (1.00 = no overhead).`);
const out = fileURLToPath(new URL('./results/latest.json', import.meta.url));
writeJson(out, {
  date: new Date().toISOString(),
  machine: m,
  mode: quick ? 'quick' : 'full',
  settings,
  results,
  totalSeconds,
  // 1-minute load average: other work on the machine at the time of the run.
  loadAverage: { start: round2(loadAtStart), end: round2(loadavg()[0]) },
  ...(failures.length ? { failures } : {}),
});
console.log(`Figures written to ${out} (${totalSeconds} s in all).`);
if (failures.length) process.exitCode = 1;

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
