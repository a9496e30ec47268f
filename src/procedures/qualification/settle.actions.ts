import { audit } from '../../platform/audit/audit.js';
import { closeDeadline } from '../../platform/calendar/deadlines.js';
import type { Ctx } from '../../platform/context.js';
import { clockDetail, startClock } from './qualification.clocks.js';
import { findApplication, lapsedAcceptance, lockCompany, runningDeadlineIds, updateApplication } from './qualification.repository.js';
import { assertTransition } from './qualification.states.js';

/**
 * The procedure's own passage of time, run at server start, hourly (src/cli/scheduler.ts) and by
 * `npx jifang qualification settle`, as the system actor.
 *
 * Deemed acceptance (行政许可法32: 逾期不告知的，自收到申请材料之日起即为受理): a submitted
 * application whose 5-working-day acceptance clock ran out with neither acceptance nor notice
 * counts as accepted on the day its materials were received — the acceptance clock's start day,
 * i.e. the submission, or the supplement after the one notice (as projects do). The next clock
 * (decision, or for I/II the city's examination) then runs from that day, exactly as if the
 * handling unit had accepted on it. Each application is its own transaction; a rerun does only
 * what is left (idempotent). No column marks it: the ledger entry `qualification.deemed_accepted`
 * and the acceptance deadline closed `lapsed` do, and the detail derives `deemedAccepted` from them.
 */
export interface QualificationSettleResult {
  deemedAccepted: number;
}

const BATCH = 200;
const LAW_32 = '行政许可法32';

export async function settleQualification(ctx: Ctx, opts: { signal?: AbortSignal } = {}): Promise<QualificationSettleResult> {
  const today = ctx.clock.today();
  let done = 0;
  for (;;) {
    if (opts.signal?.aborted) break;
    const lapsed = await lapsedAcceptance(ctx.db, today, BATCH);
    if (lapsed.length === 0) break;
    let progressed = 0;
    for (const l of lapsed) {
      if (opts.signal?.aborted) break;
      const changed = await settleOne(ctx, l).catch((err: unknown) => {
        // Changed under us after all: rolled back whole, the next run looks again.
        if (err instanceof Moved) return false;
        throw err;
      });
      if (changed) {
        done++;
        progressed++;
      }
    }
    // Rows that could not be settled stay in the list: stop rather than loop on them.
    if (progressed === 0) break;
  }
  return { deemedAccepted: done };
}

class Moved extends Error {}

type Lapsed = Awaited<ReturnType<typeof lapsedAcceptance>>[number];

/** One application, all or nothing: close the lapsed clock, start the next from receipt, move, record. */
function settleOne(ctx: Ctx, l: Lapsed): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const seen = await findApplication(trx, l.id);
    if (!seen) return false;
    // Same lock as every step: an officer accepting at this instant waits, then sees the new state.
    await lockCompany(trx, seen.company_id);
    const row = (await findApplication(trx, l.id))!;
    // Acted on meanwhile (accepted, noticed, not accepted, withdrawn): nothing to settle.
    if (row.status !== 'submitted' || !(await runningDeadlineIds(trx, row.id)).includes(l.deadline_id)) return false;
    assertTransition(row.status, 'accepted');
    const receivedOn = l.start_date;
    // Closed on its due date: the last day the unit could have acted, not the day the job ran.
    const lapsedClock = await closeDeadline(ctx, trx, l.deadline_id, { on: l.due_date, outcome: 'lapsed' });
    const clock = await startClock(ctx, trx, row, 'accepted', receivedOn);
    const version = Number(row.version);
    const patch = { status: 'accepted', accepted_on: receivedOn, due_date: null, updated_at: ctx.clock.now().toISOString() };
    if ((await updateApplication(trx, row.id, version, patch)) !== 1) throw new Moved();
    await audit(ctx, trx, {
      action: 'qualification.deemed_accepted',
      objectType: 'qualification_application',
      objectId: row.id,
      before: { status: row.status, version },
      after: { ...patch, version: version + 1 },
      article: LAW_32,
      detail: { deemed: true, receivedOn, acceptanceDueDate: lapsedClock.dueDate, ...clockDetail(clock) },
    });
    return true;
  });
}
