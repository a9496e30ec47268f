import { addDays, daysBetween } from '../../platform/calendar/dates.js';
import { countyBureauOf } from '../projects/projects.rules.js';

/**
 * Pure rules of the supervisory organ's view (art. 39: officials who fail to perform their duties,
 * e.g. who do not act on reports or decide late). Generic over the platform's `deadlines` table:
 * every procedure's legal period is one row, so one query finds the overdue decisions of all of
 * them. No I/O, no clock: callers pass `today` / `now`.
 */

export type OversightCategory = 'overdue' | 'late' | 'lapsed';
export const OVERSIGHT_CATEGORIES: readonly OversightCategory[] = ['overdue', 'late', 'lapsed'];

export interface DeadlineFacts {
  status: string;
  outcome: string | null;
  dueDate: string;
}

/**
 * @article 39 — what a period says about the officials who owned it:
 * - `overdue`: still running (clock not stopped) after its due date — nobody has acted;
 * - `late`: closed after its due date (the decision came, but late);
 * - `lapsed`: the period ran out and the law's default took over (deemed acceptance, an order whose
 *   time limit passed) — the officials' follow-up is what the supervisor checks.
 * A paused period is not overdue: its clock is stopped by law (supplements, testing, hearings).
 */
export function classifyDeadline(d: DeadlineFacts, today: string): OversightCategory | null {
  if (d.status === 'open') return d.dueDate < today ? 'overdue' : null;
  if (d.status === 'closed' && d.outcome === 'late') return 'late';
  if (d.status === 'closed' && d.outcome === 'lapsed') return 'lapsed';
  return null;
}

/** Calendar days past the due date: to `closedOn` for a closed period, else to today. */
export function daysPastDue(d: { dueDate: string; closedOn: string | null }, today: string): number {
  return Math.max(0, daysBetween(d.dueDate, d.closedOn ?? today));
}

/**
 * The procedures whose periods the view knows, by the `subject_type` each gives its deadlines. The
 * ledger records each procedure's decisions under the same object type, so the entries behind an
 * item are `(subject_type, subject_id)` plus the deadline's own entries (pauses, recomputes).
 */
export const SUBJECT_TYPES = ['project', 'qualification_application', 'rectification_order', 'complaint', 'penalty_case'] as const;
export type KnownSubjectType = (typeof SUBJECT_TYPES)[number];

export function isKnownSubjectType(t: string): t is KnownSubjectType {
  return (SUBJECT_TYPES as readonly string[]).includes(t);
}

// ---- Reports not acted on (art. 20 retention watchdog → art. 29 inspection) -----------------------

/** Registry findings raised by the retention watchdog (art. 20; penalty art. 34(4)). */
export const RETENTION_FINDING_RULES = ['retention_reported_below_minimum', 'retention_configured_below_minimum'] as const;

/** How long an alert may stand without an inspection before the view shows it (calendar days). */
export const DEFAULT_NOT_ACTED_DAYS = 15;
export const MAX_NOT_ACTED_DAYS = 365;

export type AlertKind = 'below_minimum' | 'configured_below_minimum' | 'stale';

export function alertKindOfRule(rule: string): AlertKind | null {
  if (rule === 'retention_reported_below_minimum') return 'below_minimum';
  if (rule === 'retention_configured_below_minimum') return 'configured_below_minimum';
  return null;
}

/** When a camera's proof lapsed: its last report plus the stale threshold (art. 20 watchdog). */
export function staleSince(lastReportAt: string, staleHours: number): string {
  return new Date(Date.parse(lastReportAt) + staleHours * 3_600_000).toISOString();
}

/** The instant before which an alert has stood `days` or more: alerts raised earlier are shown. */
export function notActedCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/**
 * @article 39 — an alert is "not acted on" when it has stood `days` or more and no inspection of
 * the site (art. 29) was opened since it was raised. Instants are ISO strings (UTC).
 */
export function notActedOn(alertSince: string, cutoff: string, lastInspectionAt: string | null): boolean {
  if (alertSince > cutoff) return false;
  return lastInspectionAt === null || lastInspectionAt < alertSince;
}

/** The bureau competent for a site's area (county bureau, or the city bureau where there is no county level). */
export function siteBureau(divisionCode: string): string | null {
  return countyBureauOf(divisionCode);
}

/** The day `days` calendar days before `today` (for display of the threshold). */
export function thresholdDay(today: string, days: number): string {
  return addDays(today, -days);
}
