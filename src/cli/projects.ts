import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { settleProjects } from '../procedures/projects/settle.actions.js';
import { openDatabase } from './server.js';

/**
 * `jifang projects settle`: deemed acceptance (行政许可法32) and eligibility flags (art. 14(2), 16),
 * as the system actor — the same work the server does at start and hourly. Ctrl-C stops between
 * projects; a rerun finishes the rest.
 */
export async function runProjects(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (argv[0] !== 'settle') {
    err.write('usage: jifang projects settle\n');
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
    const r = await settleProjects({ db: db.db, actor: SYSTEM_ACTOR, clock: systemClock, config, log }, { signal: stop.signal });
    out.write(`projects settled: ${r.deemedAccepted} deemed accepted, ${r.checked} checked for eligibility, ${r.flagged} flagged, ${r.cleared} cleared${stop.signal.aborted ? ' (stopped)' : ''}\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await db.close();
  }
}
