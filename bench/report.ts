import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, release, totalmem, arch } from 'node:os';
import { dirname } from 'node:path';

/** One comparison: our code path against a baseline doing the same work without our layers. */
export interface BenchResult {
  id: string;
  name: string;
  /** What `ours` and `baseline` count, e.g. `req/s`, `entries/s`. */
  unit: string;
  ours: number;
  baseline: number;
  baselineName: string;
  /** ours / baseline: the share of the baseline's throughput we keep (1 = no overhead). */
  ratio: number;
  details?: Record<string, unknown>;
}

export function result({ details, ...r }: Omit<BenchResult, 'ratio'>): BenchResult {
  return { ...r, ratio: r.baseline > 0 ? r.ours / r.baseline : Number.NaN, ...(details ? { details } : {}) };
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  arch: string;
}

export function machine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
    arch: arch(),
  };
}

export interface Report {
  date: string;
  machine: Machine;
  mode: 'full' | 'quick';
  settings: Record<string, unknown>;
  results: BenchResult[];
  totalSeconds: number;
  loadAverage: { start: number; end: number };
  failures?: Array<{ bench: string; error: string }>;
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return 'n/a';
  return r < 0.1 ? r.toFixed(3) : r.toFixed(2);
}

/** A plain-text table: benchmark, unit, ours, baseline (and what it is), ratio ours/baseline. */
export function renderTable(results: readonly BenchResult[]): string {
  const head = ['Benchmark', 'Unit', 'Ours', 'Baseline', 'Baseline is', 'Ours/baseline'];
  const rows = results.map((r) => [r.name, r.unit, fmt(r.ours), fmt(r.baseline), r.baselineName, fmtRatio(r.ratio)]);
  const numeric = [false, false, true, true, false, true];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeJson(path: string, report: Report): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
