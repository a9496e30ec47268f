import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { settleQualification } from '../procedures/qualification/settle.actions.js';
import { openDatabase } from './server.js';

/**
 * `jifang qualification settle`: deemed acceptance (行政许可法32) of qualification applications, as
 * the system actor — the same work the server does at start and hourly. Ctrl-C stops between
 * applications; a rerun finishes the rest.
 */
export async function runQualification(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (argv[0] !== 'settle' || argv.length > 1) {
    err.write('usage: jifang qualification settle\n');
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    await migrateToLatest(db.db);
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const r = await settleQualification({ db: db.db, actor: SYSTEM_ACTOR, clock: systemClock, config, log }, { signal: stop.signal });
    out.write(`qualification settled: ${r.deemedAccepted} deemed accepted${stop.signal.aborted ? ' (stopped)' : ''}\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await db.close();
  }
}
