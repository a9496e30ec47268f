import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { closeDeadline, openDeadline, type DeadlineOutcome, type DeadlineView } from '../../platform/calendar/deadlines.js';
import { PROVINCE_DIVISION } from '../../platform/calendar/legal-days.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { DEADLINE_SUBJECT, runningDeadlineIds } from './qualification.repository.js';
import { clockAfter, type ClockEvent } from './qualification.rules.js';
import { qualificationSettings } from './qualification.settings.js';

/**
 * The licensing clocks of an application on the platform's legal-day calendar, inside the step's
 * transaction: each step first stops whatever clock runs, then (if the law starts one) opens the
 * next. The deadline row keeps the due date, the calendar revision it was counted on and whether
 * a provisional year was involved; a calendar revision recomputes it with every other open one.
 */

/** The units named on the application (art. 14 routing). */
export interface ClockUnits {
  id: string;
  deciding_unit_id: string;
  examining_unit_id: string | null;
}

/**
 * Start the period `event` triggers, counted from the day after `on`. Working days are those of
 * the owning unit's division (a local calendar override there applies to its officers).
 */
export async function startClock(ctx: Ctx, trx: DbOrTrx, app: ClockUnits, event: ClockEvent, on: string): Promise<DeadlineView> {
  const spec = clockAfter(event, { decidingUnitId: app.deciding_unit_id, examiningUnitId: app.examining_unit_id }, qualificationSettings(ctx.config));
  return openDeadline(ctx, trx, {
    subjectType: DEADLINE_SUBJECT,
    subjectId: app.id,
    kind: spec.kind,
    article: spec.article,
    divisionCode: getPoliceUnit(spec.ownerUnitId)?.divisionCode ?? PROVINCE_DIVISION,
    ownerUnitId: spec.ownerUnitId,
    dayKind: spec.dayKind,
    days: spec.days,
    startDate: on,
  });
}

/**
 * Stop every running clock of the application on `on`: met if acted on by the due date, else late
 * (a withdrawal passes `cancelled`: the applicant ended it, nobody missed it). None running (the
 * applicant's turn, or an application filed before deadlines existed): nothing to do.
 */
export async function stopClocks(ctx: Ctx, trx: DbOrTrx, applicationId: string, on: string, outcome?: DeadlineOutcome): Promise<void> {
  for (const id of await runningDeadlineIds(trx, applicationId)) {
    await closeDeadline(ctx, trx, id, { on, ...(outcome ? { outcome } : {}) });
  }
}

/** What a step's ledger entry records about the clock it started. */
export function clockDetail(d: DeadlineView) {
  return { deadlineId: d.id, deadlineKind: d.kind, dueDate: d.dueDate, provisional: d.provisional, calendarRevision: d.calendarRevision };
}
