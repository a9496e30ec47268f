import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, renderTable, writeJson } from './report.js';
import { registrySettingsFor, renderLatencyTable, runRegistryBench, type ResultRow } from './registry.bench.js';

/**
 * `npx tsx bench/registry-run.ts [--quick]`: the registry benchmarks alone (issue 3, "Scale"):
 * 200,000 sites and 2,000,000 devices (a tenth with --quick) seeded into a temporary SQLite file,
 * then lists, the site page, recomputing findings and importing sites, each next to its baseline.
 * Figures go to bench/results/registry.json. Benchmarks, not tests: nothing asserts on timing.
 */
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sites: { type: 'string' },
    devices: { type: 'string' },
    import: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(`npx tsx bench/registry-run.ts [--quick] [--sites N] [--devices M] [--import R]
  --quick   20,000 sites / 200,000 devices, 10,000 imported rows (about a minute)
  default   200,000 sites / 2,000,000 devices, 100,000 imported rows
  --fresh   seed the province again even if a copy from an earlier run is kept
            (kept in JIFANG_BENCH_CACHE, default <tmp>/jifang-bench-cache)`);
  process.exit(0);
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/[_,]/g, '')));
const opts = { quick: flags.quick, sites: num(flags.sites), devices: num(flags.devices), importRows: num(flags.import), fresh: flags.fresh };

const m = machine();
console.log(`Jifang registry benchmarks (${flags.quick ? 'quick' : 'full'}) — Node ${m.node}, ${m.cpus} CPUs (${m.cpuModel}), ${m.platform}`);
const loadAtStart = loadavg()[0];
if (loadAtStart > m.cpus / 2) {
  console.log(`Note: 1-minute load average is ${loadAtStart.toFixed(2)} on ${m.cpus} CPUs; other work will lower absolute figures (ratios less so).`);
}
const started = performance.now();
let results: ResultRow[] = [];
let failure: string | null = null;
const dir = mkdtempSync(join(tmpdir(), 'jifang-registry-bench-'));
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
process.once('SIGINT', () => {
  console.error('\ninterrupted');
  cleanUp();
  process.exit(130);
});
try {
  results = await runRegistryBench({ ...opts, dir, log: (line) => console.log(line) });
} catch (err) {
  failure = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`FAILED: ${failure}`);
} finally {
  cleanUp();
}
const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
console.log(`\n${renderTable(results)}\n\n${renderLatencyTable(results)}\n\nOurs/baseline: the share of the baseline's throughput we keep (1.00 = no overhead).`);
const out = fileURLToPath(new URL('./results/registry.json', import.meta.url));
writeJson(out, {
  date: new Date().toISOString(),
  machine: m,
  mode: flags.quick ? 'quick' : 'full',
  settings: { ...registrySettingsFor(opts) },
  results,
  totalSeconds,
  loadAverage: { start: Math.round(loadAtStart * 100) / 100, end: Math.round(loadavg()[0] * 100) / 100 },
  ...(failure ? { failures: [{ bench: 'registry', error: failure }] } : {}),
});
console.log(`Figures written to ${out} (${totalSeconds} s in all).`);
if (failure) process.exitCode = 1;
