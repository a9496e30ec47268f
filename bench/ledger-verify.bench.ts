import { hash } from 'node:crypto';
import { join } from 'node:path';
import { appendLedger, entryBytes } from '../src/platform/audit/ledger.js';
import { verifyLedger } from '../src/platform/audit/verify.js';
import { result, type BenchResult } from './report.js';
import { alternate, forDuration, openMigrated, ratioSpread, sampleEntry, type Contender } from './support.js';

export interface VerifyBenchOptions {
  dir: string;
  entries: number;
  warmupSec: number;
  /** Per contender, split into `rounds` alternating slices (each runs whole passes). */
  durationSec: number;
  rounds: number;
  log: (line: string) => void;
}

/**
 * `verifyLedger` over a ledger of `entries` (read in pages from SQLite, canonical bytes rebuilt,
 * SM3 recomputed, links and head checked), against SM3 alone over the very same bytes: the rows
 * are read and `entryBytes(row)` computed before the clock starts, then only hashed. A second row
 * adds the encoding back (entryBytes + SM3 from rows in memory) to show where the time goes.
 */
export async function benchLedgerVerify(opts: VerifyBenchOptions): Promise<BenchResult[]> {
  const db = await openMigrated(join(opts.dir, 'verify.db'));
  try {
    let t0 = performance.now();
    const perTx = 1000;
    for (let i = 0; i < opts.entries; i += perTx) {
      await db.db.transaction().execute(async (trx) => {
        for (let k = i + 1; k <= Math.min(i + perTx, opts.entries); k++) {
          await appendLedger(trx, sampleEntry(k), { alg: 'sm3', now: new Date() });
        }
      });
    }
    opts.log(`  built a ledger of ${opts.entries.toLocaleString('en-US')} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const verifyOnce = async () => {
      const res = await verifyLedger(db.db);
      // A broken chain would mean the figures measure an early exit, not a verification.
      if (!res.ok || res.entries !== opts.entries) throw new Error(`ledger did not verify: ${JSON.stringify(res)}`);
      return res.entries;
    };

    // The baseline's input, prepared before any clock starts: every row, and its exact bytes.
    t0 = performance.now();
    const rows = await db.db.selectFrom('ledger_entries').selectAll().orderBy('seq').execute();
    const bytes = rows.map((r) => entryBytes(r));
    const algs = rows.map((r) => r.alg);
    const prepSec = (performance.now() - t0) / 1000;
    const hashAll = () => {
      for (let k = 0; k < bytes.length; k++) hash(algs[k], bytes[k], 'hex');
      return bytes.length;
    };
    const encodeAndHashAll = () => {
      for (const r of rows) hash(r.alg, entryBytes(r), 'hex');
      return rows.length;
    };

    // Each slice runs whole passes over the ledger (at least one).
    const contenders: Contender[] = [
      (secs) => forDuration(secs, verifyOnce),
      (secs) => forDuration(secs, hashAll),
      (secs) => forDuration(secs, encodeAndHashAll),
    ];
    if (opts.warmupSec > 0) for (const c of contenders) await c(opts.warmupSec);
    const alt = await alternate(opts.rounds, opts.durationSec, contenders);
    const [ours, sm3, encSm3] = alt.totals;

    const avgBytes = Math.round(bytes.reduce((s, b) => s + b.length, 0) / bytes.length);
    opts.log(
      `  verifyLedger ${Math.round(ours.perSecond)}/s, SM3 only ${Math.round(sm3.perSecond)}/s, entryBytes+SM3 ${Math.round(encSm3.perSecond)}/s (${avgBytes} B/entry)`,
    );
    const details = { ledgerEntries: opts.entries, averageEntryBytes: avgBytes, durationSec: opts.durationSec, rounds: opts.rounds };
    return [
      result({
        id: 'ledger-verify',
        name: `Ledger verification, ${opts.entries.toLocaleString('en-US')} entries`,
        unit: 'entries/s',
        ours: ours.perSecond,
        baseline: sm3.perSecond,
        baselineName: 'crypto.hash sm3 over entryBytes(row)',
        details: {
          ...details,
          roundRatio: ratioSpread(alt, 0, 1),
          oursPasses: ours.count / opts.entries,
          baselineSetupSec: Math.round(prepSec * 1000) / 1000,
        },
      }),
      result({
        id: 'ledger-verify-vs-encode',
        name: `Ledger verification, ${opts.entries.toLocaleString('en-US')} entries`,
        unit: 'entries/s',
        ours: ours.perSecond,
        baseline: encSm3.perSecond,
        baselineName: 'entryBytes + sm3, rows in memory',
        details: { ...details, roundRatio: ratioSpread(alt, 0, 2) },
      }),
    ];
  } finally {
    await db.close();
  }
}
