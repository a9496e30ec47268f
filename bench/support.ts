import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Actor } from '../src/platform/access/actor.js';
import type { LedgerEntryInput } from '../src/platform/audit/ledger.js';
import { connect, type Db } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

/** A migrated SQLite file database, opened exactly as the server opens it. */
export async function openMigrated(file: string): Promise<Db> {
  const db = connect({ sqliteFile: file });
  await migrateToLatest(db.db);
  return db;
}

export interface Measured {
  /** Units of work done (requests, entries, …). */
  count: number;
  seconds: number;
  perSecond: number;
}

/**
 * Calls `step` back to back until `seconds` have passed (at least once); each call returns how
 * many units it did. Sync steps (better-sqlite3) and async steps (Kysely) are timed the same way.
 */
export async function forDuration(seconds: number, step: () => number | Promise<number>): Promise<Measured> {
  const limit = seconds * 1000;
  const t0 = performance.now();
  let count = 0;
  let elapsed = 0;
  do {
    count += await step();
    elapsed = performance.now() - t0;
  } while (elapsed < limit);
  return { count, seconds: elapsed / 1000, perSecond: count / (elapsed / 1000) };
}

/** Runs one contender for about `seconds` and says how much it did. */
export type Contender = (seconds: number) => Promise<Measured>;

export interface Alternated {
  /** Per contender, summed over all rounds. */
  totals: Measured[];
  /** Per contender, one measurement per round. */
  rounds: Measured[][];
}

/**
 * Splits `seconds` per contender into `rounds` slices and runs the contenders in turn, reversing
 * the order every other round (A B, B A, A B, …). On a shared machine background load comes and
 * goes; alternating spreads it over all contenders instead of letting it land on one of them.
 */
export async function alternate(rounds: number, seconds: number, contenders: Contender[]): Promise<Alternated> {
  const per = seconds / rounds;
  const byContender: Measured[][] = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = contenders.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) byContender[i].push(await contenders[i](per));
  }
  const totals = byContender.map((ms) => {
    const count = ms.reduce((s, m) => s + m.count, 0);
    const secs = ms.reduce((s, m) => s + m.seconds, 0);
    return { count, seconds: secs, perSecond: count / secs };
  });
  return { totals, rounds: byContender };
}

/** Round-by-round ratios of contender `a` to `b` (lowest, median, highest): how much the figure wobbled. */
export function ratioSpread(alt: Alternated, a: number, b: number): { min: number; median: number; max: number } {
  const ratios = alt.rounds[a].map((m, r) => m.perSecond / alt.rounds[b][r].perSecond).sort((x, y) => x - y);
  const r3 = (n: number) => Math.round(n * 1000) / 1000;
  const mid = ratios.length / 2;
  const median = ratios.length % 2 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2;
  return { min: r3(ratios[0]), median: r3(median), max: r3(ratios[ratios.length - 1]) };
}

const OFFICER: Actor = { userId: '7f0c2a4e-2b1d-4c55-9a53-6f1f8e0d9b11', role: 'city_officer', ip: '10.44.1.23' };

/**
 * A typical ledger entry: a certificate issued on an approval, with before/after state (stored as
 * digests) and non-personal detail, as the qualification procedure writes it.
 */
export function sampleEntry(i: number): LedgerEntryInput {
  const n = String(i).padStart(6, '0');
  return {
    actor: OFFICER,
    action: 'certificate.issued',
    objectType: 'certificate',
    // Random like real certificate ids, so the (object_type, object_id) index sees random inserts.
    objectId: randomUUID(),
    before: null,
    after: {
      number: `GD-JF-4401-2026-${n}`,
      companyId: `5a1e0000-0000-4000-8000-${String(i % 3000).padStart(12, '0')}`,
      kind: 'qualification',
      level: ['I', 'II', 'III', 'IV'][i % 4],
      validFrom: '2026-03-01',
      validTo: '2028-02-29',
    },
    article: '15',
    detail: { applicationId: `a99e0000-0000-4000-8000-${String(i).padStart(12, '0')}`, outcome: 'approved' },
  };
}
