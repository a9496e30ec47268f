import { progressReporter, type ProgressStream } from './progress.js';
import type { DbOrTrx } from '../platform/context.js';
import { verifyLedger } from '../platform/audit/verify.js';

export type { ProgressStream } from './progress.js';

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
  const progress = progressReporter('ledger verify', err);
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
