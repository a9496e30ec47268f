import type { DbOrTrx } from '../platform/context.js';
import { verifyLedger } from '../platform/audit/verify.js';

/** Where progress goes: a terminal gets a redrawn bar, anything else (CI logs, files) plain lines. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface LedgerVerifyIo {
  /** Progress and interruption notices; defaults to process.stderr. */
  err?: ProgressStream;
  /** Extra cancellation (tests); SIGINT always cancels. */
  signal?: AbortSignal;
  batchSize?: number;
}

/**
 * `jifang ledger verify`: 0 when the chain is intact, 1 when broken, 130 when interrupted.
 * Read-only, so Ctrl-C at any point leaves the database exactly as it was.
 */
export async function runLedgerVerify(db: DbOrTrx, out: NodeJS.WritableStream, io: LedgerVerifyIo = {}): Promise<number> {
  const err = io.err ?? process.stderr;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  // While this listener is installed Node does not exit on Ctrl-C; we stop at the next page instead.
  process.on('SIGINT', onSigint);
  const signal = io.signal ? AbortSignal.any([controller.signal, io.signal]) : controller.signal;
  const progress = progressReporter(err);
  try {
    const res = await verifyLedger(db, { signal, onProgress: progress.update, batchSize: io.batchSize });
    progress.finish();
    if (res.ok) {
      out.write(`ledger OK: ${res.entries} entries, head ${res.head}\n`);
      return 0;
    }
    out.write(`ledger BROKEN at entry #${res.firstBad.seq}: ${res.firstBad.reason}\n`);
    return 1;
  } catch (e) {
    progress.finish();
    if (!signal.aborted) throw e;
    err.write(`ledger verification interrupted after ${progress.done()} entries; nothing was changed\n`);
    return 130;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function progressReporter(err: ProgressStream) {
  let done = 0;
  let drawn = false;
  let nextDecile = 0;
  return {
    update(d: number, total: number): void {
      done = d;
      const pct = total === 0 ? 100 : Math.floor((d / total) * 100);
      if (err.isTTY) {
        const width = Math.max(10, Math.min(40, (err.columns ?? 80) - 40));
        const filled = Math.round((pct / 100) * width);
        err.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${d}/${total}`);
        drawn = true;
      } else if (pct >= nextDecile) {
        // Non-terminals get a line per 10% so logs stay short on big ledgers.
        err.write(`ledger verify: ${pct}% (${d}/${total})\n`);
        nextDecile = Math.floor(pct / 10) * 10 + 10;
      }
    },
    finish(): void {
      if (drawn) err.write('\n');
      drawn = false;
    },
    done: (): number => done,
  };
}
