import { progressReporter, type ProgressStream } from './progress.js';
import type { DbOrTrx } from '../platform/context.js';
import { verifyLedger } from '../platform/audit/verify.js';
import { checkRegister } from '../procedures/access/register.actions.js';

export type { ProgressStream } from './progress.js';

export interface LedgerVerifyIo {
  /** Progress and interruption notices; defaults to process.stderr. */
  err?: ProgressStream;
  /** Extra cancellation (tests); SIGINT always cancels. */
  signal?: AbortSignal;
  batchSize?: number;
}

/** At most this many faulty register rows are named; the count says how many there are. */
const MAX_NAMED = 20;

/**
 * `jifang ledger verify`: 0 when the chain is intact and every register row (art. 21(3)) matches the digest
 * its ledger entry recorded, 1 when either is broken, 130 when interrupted. Read-only, so Ctrl-C at any point
 * leaves the database exactly as it was.
 */
export async function runLedgerVerify(db: DbOrTrx, out: Pick<NodeJS.WritableStream, 'write'>, io: LedgerVerifyIo = {}): Promise<number> {
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
    if (res.ok) out.write(`ledger OK: ${res.entries} entries, head ${res.head}\n`);
    else out.write(`ledger BROKEN at entry #${res.firstBad.seq}: ${res.firstBad.reason}\n`);
    // The register is checked even when the chain is broken: the inspector wants every altered row named.
    signal.throwIfAborted();
    const reg = await checkRegister(db, { batchSize: io.batchSize });
    if (reg.faults.length === 0) out.write(`register OK: ${reg.checked} entries match their ledger entries\n`);
    else {
      out.write(`register ALTERED: ${reg.faults.length} of ${reg.checked} entries do not match the ledger\n`);
      for (const f of reg.faults.slice(0, MAX_NAMED)) {
        out.write(`  register entry ${f.id} (ledger entry #${f.ledgerSeq ?? '?'}): ${REGISTER_FAULT_TEXT[f.reason]}\n`);
      }
      if (reg.faults.length > MAX_NAMED) out.write(`  … and ${reg.faults.length - MAX_NAMED} more\n`);
    }
    return res.ok && reg.faults.length === 0 ? 0 : 1;
  } catch (e) {
    progress.finish();
    if (!signal.aborted) throw e;
    err.write(`ledger verification interrupted after ${progress.done()} entries; nothing was changed\n`);
    return 130;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

const REGISTER_FAULT_TEXT = {
  altered: 'row changed since its ledger entry was written',
  unlinked: 'row no longer points at its own ledger entry',
  missing: 'row deleted: its ledger entry remains',
} as const;
