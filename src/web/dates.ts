// Date display and due-date arithmetic. Dates from the server are ISO-8601 (a date or a UTC instant);
// "today" is an argument so the rules are testable.
import dayjs from 'dayjs';

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

// Legal dates and times are Beijing time wherever the browser is (a deadline's day is the
// Asia/Shanghai day the server counted), so instants are shown in that zone, not the browser's.
const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = Object.fromEntries(SHANGHAI.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Whole calendar days from `today` to `date` (negative once it has passed); both read as local dates. */
export function daysUntil(date: string, today: string | Date): number {
  const to = dayjs(date.slice(0, 10));
  const from = dayjs(typeof today === 'string' ? today.slice(0, 10) : dayjs(today).format('YYYY-MM-DD'));
  return to.diff(from, 'day');
}

export type DueState = 'none' | 'overdue' | 'due_today' | 'near' | 'ok';

/** Days ahead within which a due date counts as near (the shortest statutory period is 5 working days). */
export const NEAR_DUE_DAYS = 3;

export function dueState(dueDate: string | null | undefined, open: boolean, today: string | Date): DueState {
  if (!open || !dueDate) return 'none';
  const days = daysUntil(dueDate, today);
  if (days < 0) return 'overdue';
  if (days === 0) return 'due_today';
  if (days <= NEAR_DUE_DAYS) return 'near';
  return 'ok';
}

/** What the server says about a running deadline: working days left on the legal-day calendar. */
export interface DeadlineFacts {
  status: string;
  daysLeft: number | null;
  overdue: boolean;
}

/**
 * The due state from the server's deadline (working days, holidays and 调休 counted there):
 * overdue once past the due date; due today when no working day is left; near within
 * `NEAR_DUE_DAYS` working days.
 */
export function deadlineDueState(d: DeadlineFacts | null | undefined, open: boolean): DueState {
  if (!open || !d || d.status === 'closed' || d.daysLeft === null) return 'none';
  if (d.overdue) return 'overdue';
  if (d.daysLeft <= 0) return 'due_today';
  if (d.daysLeft <= NEAR_DUE_DAYS) return 'near';
  return 'ok';
}

/** An application's due state: from its deadline, or calendar days to a date stored before deadlines existed. */
export function applicationDueState(
  a: { dueDate: string | null; deadline?: DeadlineFacts | null },
  open: boolean,
  today: string | Date,
): DueState {
  return a.deadline ? deadlineDueState(a.deadline, open) : dueState(a.dueDate, open, today);
}

/** Orders by due date ascending, undated last, ties by submission time. */
export function compareByDue<T extends { dueDate: string | null; submittedAt: string }>(a: T, b: T): number {
  if (a.dueDate && b.dueDate && a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (!a.dueDate !== !b.dueDate) return a.dueDate ? -1 : 1;
  return a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0;
}
