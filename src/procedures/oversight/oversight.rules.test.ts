import { describe, expect, it } from 'vitest';
import { classifyDeadline, daysPastDue, notActedCutoff, notActedOn, siteBureau, staleSince } from './oversight.rules.js';

describe('oversight rules (art. 39)', () => {
  const today = '2026-03-02';
  it('classifies periods: overdue only while open past due; late and lapsed once closed', () => {
    expect(classifyDeadline({ status: 'open', outcome: null, dueDate: '2026-03-01' }, today)).toBe('overdue');
    expect(classifyDeadline({ status: 'open', outcome: null, dueDate: today }, today)).toBeNull();
    expect(classifyDeadline({ status: 'paused', outcome: null, dueDate: '2026-01-01' }, today)).toBeNull();
    expect(classifyDeadline({ status: 'closed', outcome: 'late', dueDate: '2026-01-01' }, today)).toBe('late');
    expect(classifyDeadline({ status: 'closed', outcome: 'lapsed', dueDate: '2026-01-01' }, today)).toBe('lapsed');
    expect(classifyDeadline({ status: 'closed', outcome: 'met', dueDate: '2026-01-01' }, today)).toBeNull();
    expect(classifyDeadline({ status: 'closed', outcome: 'cancelled', dueDate: '2026-01-01' }, today)).toBeNull();
  });
  it('counts days past due to the closing day, else to today', () => {
    expect(daysPastDue({ dueDate: '2026-02-20', closedOn: '2026-02-25' }, today)).toBe(5);
    expect(daysPastDue({ dueDate: '2026-02-20', closedOn: null }, today)).toBe(10);
    expect(daysPastDue({ dueDate: '2026-03-05', closedOn: null }, today)).toBe(0);
  });
  it('an alert is not acted on once it stood N days with no inspection since it was raised', () => {
    const cutoff = notActedCutoff(new Date('2026-03-02T00:00:00Z'), 15);
    expect(cutoff).toBe('2026-02-15T00:00:00.000Z');
    expect(notActedOn('2026-02-15T00:00:00.000Z', cutoff, null)).toBe(true);
    expect(notActedOn('2026-02-15T00:00:00.001Z', cutoff, null)).toBe(false);
    expect(notActedOn('2026-02-01T00:00:00.000Z', cutoff, '2026-01-31T00:00:00.000Z')).toBe(true);
    expect(notActedOn('2026-02-01T00:00:00.000Z', cutoff, '2026-02-01T00:00:00.000Z')).toBe(false);
    expect(staleSince('2026-02-01T00:00:00.000Z', 48)).toBe('2026-02-03T00:00:00.000Z');
  });
  it('names the competent bureau of a site’s area', () => {
    expect(siteBureau('440106')).toBe('PSB-440106');
    expect(siteBureau('441900')).toBe('PSB-441900');
  });
});
