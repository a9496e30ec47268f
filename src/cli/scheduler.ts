import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { Ctx } from '../platform/context.js';
import type { Db } from '../platform/db/connect.js';
import { settleProjects } from '../procedures/projects/settle.actions.js';
import { settleQualification } from '../procedures/qualification/settle.actions.js';
import { settleRectificationOrders } from '../procedures/inspections/rectification.actions.js';

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
  // Each job fails on its own: a failing one does not keep the others from running.
  const jobs: { name: string; run: () => Promise<Record<string, number>> }[] = [
    { name: 'projects.settle', run: async () => ({ ...(await settleProjects(ctx, { signal: controller.signal })) }) },
    { name: 'qualification.settle', run: async () => ({ ...(await settleQualification(ctx, { signal: controller.signal })) }) },
    // Rectification orders whose time limit passed without a report lapse (art. 29; precondition of art. 32–34).
    { name: 'rectification.settle', run: async () => ({ ...(await settleRectificationOrders(ctx, { signal: controller.signal })) }) },
  ];
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const job of jobs) {
        if (controller.signal.aborted) break;
        try {
          const r = await job.run();
          // Counts only (no ids, no names): nothing personal in the log.
          if (Object.entries(r).some(([k, n]) => k !== 'checked' && n > 0)) log.info({ job: job.name, ...r }, 'scheduled job done');
        } catch (err) {
          log.error({ job: job.name, err: (err as Error).message }, 'scheduled job failed');
        }
      }
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
