import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { Ctx } from '../platform/context.js';
import type { Db } from '../platform/db/connect.js';
import { settleProjects } from '../procedures/projects/settle.actions.js';

const HOUR = 60 * 60 * 1000;

/**
 * The platform's own passage of time: jobs that act because a legal period ran out (deemed
 * acceptance, eligibility flags). Run once at start, then hourly, as the system actor; each job is
 * idempotent and commits per item, so a stop between runs or mid-run loses nothing. A failed run is
 * logged (no personal data) and retried at the next tick.
 */
export function startScheduler(db: Db, config: Config, clock: Clock, log: Ctx['log']): () => void {
  const ctx: Ctx = { db: db.db, actor: SYSTEM_ACTOR, clock, config, log };
  const controller = new AbortController();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await settleProjects(ctx, { signal: controller.signal });
      if (r.deemedAccepted || r.flagged || r.cleared) log.info({ job: 'projects.settle', ...r }, 'scheduled job done');
    } catch (err) {
      log.error({ job: 'projects.settle', err: (err as Error).message }, 'scheduled job failed');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), HOUR);
  timer.unref();
  return () => {
    controller.abort();
    clearInterval(timer);
  };
}
