import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import type { Ctx } from '../platform/context.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { openDatabase } from './server.js';

/**
 * What every `jifang <procedure> settle` shares: open and migrate the database, run the
 * procedure's settle as the system actor (the same work the server does at start and hourly),
 * and let Ctrl-C stop it between records — a rerun finishes the rest. `summary` is the one line
 * printed; " (stopped)" is added when Ctrl-C cut the run short.
 */
export async function runSettle<R>(
  out: NodeJS.WritableStream,
  settle: (ctx: Ctx, opts: { signal: AbortSignal }) => Promise<R>,
  summary: (result: R) => string,
): Promise<number> {
  const config = loadConfig();
  const db = openDatabase(config);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    await migrateToLatest(db.db);
    // The summary line is the output; per-record logging would only repeat it.
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const r = await settle({ db: db.db, actor: SYSTEM_ACTOR, clock: systemClock, config, log }, { signal: stop.signal });
    out.write(`${summary(r)}${stop.signal.aborted ? ' (stopped)' : ''}\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await db.close();
  }
}
