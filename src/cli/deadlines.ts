import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import type { Ctx } from '../platform/context.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { recomputeOpenDeadlines } from '../platform/calendar/deadlines.js';
import { progressReporter, type ProgressStream } from './progress.js';
import { openDatabase } from './server.js';

export const DEADLINES_USAGE = `jifang deadlines recompute
    recompute every open or paused deadline on the calendar in force (after a calendar revision);
    batches of 500, one transaction each; Ctrl-C stops after the current batch (exit 130), a rerun finishes.
`;

/** `jifang deadlines …`: returns the exit code. */
export async function runDeadlines(argv: readonly string[], io: { out?: NodeJS.WritableStream; err?: ProgressStream } = {}): Promise<number> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  if (argv[0] !== 'recompute' || argv.length > 1) {
    err.write(`usage: ${DEADLINES_USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config);
  const controller = new AbortController();
  // Stop between batches: a batch is one transaction, so nothing is left half written.
  const onSigint = (): void => {
    if (controller.signal.aborted) return;
    err.write('\ninterrupting: finishing the current batch…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    await migrateToLatest(db.db);
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Ctx['log'];
    const ctx: Ctx = { db: db.db, actor: SYSTEM_ACTOR, clock: systemClock, config, log };
    const progress = progressReporter('deadlines', err);
    const r = await recomputeOpenDeadlines(ctx, { onProgress: progress.update, signal: controller.signal });
    progress.finish();
    out.write(`deadlines ${r.stopped ? 'interrupted' : 'recomputed'}: ${r.checked} checked, ${r.changed} changed${r.stopped ? ' (rerun to finish)' : ''}\n`);
    return r.stopped ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    await db.close();
  }
}
