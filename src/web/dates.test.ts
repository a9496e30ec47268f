import { describe, expect, it } from 'vitest';
import { applicationDueState, compareByDue, daysUntil, deadlineDueState, dueState, formatDate, formatDateTime } from './dates';

describe('daysUntil', () => {
  it('counts calendar days, ignoring the time of day', () => {
    expect(daysUntil('2026-10-22', '2026-10-20')).toBe(2);
    expect(daysUntil('2026-10-20T23:59:00Z', '2026-10-20')).toBe(0);
    expect(daysUntil('2026-10-19', '2026-10-20')).toBe(-1);
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1);
  });
});

describe('dueState', () => {
  const today = '2026-10-20';
  it.each([
    ['2026-10-19', true, 'overdue'],
    ['2026-10-20', true, 'due_today'],
    ['2026-10-21', true, 'near'],
    ['2026-10-23', true, 'near'],
    ['2026-10-24', true, 'ok'],
    ['2026-10-19', false, 'none'],
    [null, true, 'none'],
  ] as const)('%s open=%s → %s', (due, open, state) => {
    expect(dueState(due, open, today)).toBe(state);
  });
});

describe('deadlineDueState (working days, from the server)', () => {
  const d = (daysLeft: number | null, overdue = false, status = 'open') => ({ daysLeft, overdue, status });
  it.each([
    [d(-1, true), true, 'overdue'],
    [d(0), true, 'due_today'],
    [d(1), true, 'near'],
    [d(3), true, 'near'],
    [d(4), true, 'ok'],
    [d(null, false, 'closed'), true, 'none'],
    [d(-2, true), false, 'none'],
    [null, true, 'none'],
  ] as const)('%j open=%s → %s', (deadline, open, state) => {
    expect(deadlineDueState(deadline, open)).toBe(state);
  });

  it('an application uses its deadline (working days), else calendar days to a stored date', () => {
    // Friday 2026-10-09 seen on Thursday 10-01 (National Day): two working days left, not eight calendar days.
    expect(applicationDueState({ dueDate: '2026-10-09', deadline: d(2) }, true, '2026-10-01')).toBe('near');
    expect(applicationDueState({ dueDate: '2026-10-09' }, true, '2026-10-01')).toBe('ok');
  });
});

describe('compareByDue', () => {
  it('sorts by due date, undated last, then by submission', () => {
    const rows = [
      { id: 'c', dueDate: null, submittedAt: '2026-01-01T00:00:00Z' },
      { id: 'b', dueDate: '2026-02-01', submittedAt: '2026-01-02T00:00:00Z' },
      { id: 'a', dueDate: '2026-02-01', submittedAt: '2026-01-01T00:00:00Z' },
      { id: 'd', dueDate: '2026-01-15', submittedAt: '2026-01-05T00:00:00Z' },
    ];
    expect([...rows].sort(compareByDue).map((r) => r.id)).toEqual(['d', 'a', 'b', 'c']);
  });
});

describe('formatDate', () => {
  it('shows a dash for nothing and the raw value when unparseable', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('2026-10-20')).toBe('2026-10-20');
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('formatDateTime', () => {
  it('shows instants in Beijing time whatever the browser zone', () => {
    expect(formatDateTime('2026-11-28T22:17:00.000Z')).toBe('2026-11-29 06:17');
    expect(formatDateTime('2026-01-01T00:00:00Z')).toBe('2026-01-01 08:00');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
