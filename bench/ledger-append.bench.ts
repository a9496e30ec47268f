import { join } from 'node:path';
import { appendLedger } from '../src/platform/audit/ledger.js';
import { result, type BenchResult } from './report.js';
import { LEDGER_COLUMNS, openRawLedger, rawLedgerInserter } from './raw-ledger.js';
import { alternate, forDuration, openMigrated, ratioSpread, sampleEntry, type Contender } from './support.js';

export interface AppendBenchOptions {
  dir: string;
  warmupSec: number;
  /** Per side and variant, split into `rounds` alternating slices. */
  durationSec: number;
  rounds: number;
  /** Entries per transaction for the batched variant. */
  batch: number;
  log: (line: string) => void;
}

/**
 * `appendLedger` (head lock, SM3 digests and entry hash, insert, head update, through Kysely) in
 * transactions of 1 and of `batch` entries, against better-sqlite3 inserting rows of the same
 * content into the same migrated table with a prepared statement, grouped the same way. Both
 * files use the app's pragmas (WAL, synchronous NORMAL). Ours and raw run in alternating slices.
 */
export async function benchLedgerAppend(opts: AppendBenchOptions): Promise<BenchResult[]> {
  const ours = await openMigrated(join(opts.dir, 'append-ours.db'));
  const raw = await openRawLedger(join(opts.dir, 'append-raw.db'));

  try {
    let i = 0;
    const append = (n: number) =>
      ours.db.transaction().execute(async (trx) => {
        for (let k = 0; k < n; k++) await appendLedger(trx, sampleEntry(++i), { alg: 'sm3', now: new Date() });
      });
    // The raw side inserts copies of real ledger rows (fresh seq), so both write the same bytes.
    await append(TEMPLATE_ROWS);
    const templates = await ours.db.selectFrom('ledger_entries').selectAll().orderBy('seq').execute();
    const insertNext = rawLedgerInserter(raw, templates);
    const rawTx = raw.transaction((n: number) => {
      for (let k = 0; k < n; k++) insertNext();
    });

    const contenders = (n: number): Contender[] => [
      (secs) => forDuration(secs, async () => (await append(n), n)),
      (secs) => forDuration(secs, () => (rawTx(n), n)),
    ];
    const rowBytes = Math.round(
      templates.reduce((sum, t) => sum + LEDGER_COLUMNS.reduce((b, c) => b + String(t[c] ?? '').length, 0), 0) / templates.length,
    );

    const out: BenchResult[] = [];
    for (const n of [1, opts.batch]) {
      const [oursRun, rawRun] = contenders(n);
      if (opts.warmupSec > 0) {
        await oursRun(opts.warmupSec);
        await rawRun(opts.warmupSec);
      }
      const alt = await alternate(opts.rounds, opts.durationSec, [oursRun, rawRun]);
      const [o, b] = alt.totals;
      opts.log(`  ${n}/tx: ours ${Math.round(o.perSecond).toLocaleString('en-US')}/s, raw ${Math.round(b.perSecond).toLocaleString('en-US')}/s`);
      out.push(
        result({
          id: `ledger-append-${n}`,
          name: `Ledger append, ${n} ${n === 1 ? 'entry' : 'entries'} per transaction`,
          unit: 'entries/s',
          ours: o.perSecond,
          baseline: b.perSecond,
          baselineName: `better-sqlite3 INSERT, same rows, ${n}/tx`,
          details: {
            entriesPerTransaction: n,
            averageRowTextBytes: rowBytes,
            durationSec: opts.durationSec,
            rounds: opts.rounds,
            roundRatio: ratioSpread(alt, 0, 1),
            ours: { entries: o.count, seconds: round(o.seconds) },
            baseline: { rows: b.count, seconds: round(b.seconds) },
          },
        }),
      );
    }
    return out;
  } finally {
    raw.close();
    await ours.close();
  }
}

const TEMPLATE_ROWS = 2000;
const round = (n: number) => Math.round(n * 1000) / 1000;
