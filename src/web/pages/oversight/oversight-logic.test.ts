import { describe, expect, it } from 'vitest';
import { kindLabelKey, ledgerHref, parseDays, subjectHref, subjectLabelKey } from './oversight-logic';

describe('oversight page logic', () => {
  it('links each procedure’s record to its page', () => {
    expect(subjectHref('project', 'p1')).toBe('/projects/p1');
    expect(subjectHref('qualification_application', 'a1')).toBe('/applications/a1');
    expect(subjectHref('rectification_order', 'o1')).toBe('/rectification-orders/o1');
    expect(subjectHref('complaint', 'c1')).toBe('/complaints/c1');
    expect(subjectHref('penalty_case', 'k/1')).toBe('/penalty-cases/k%2F1');
    expect(subjectHref('something_new', 'x')).toBeNull();
    expect(ledgerHref(42)).toBe('/oversight/ledger/42');
  });
  it('labels known subjects and period kinds, and leaves unknown ones to the raw code', () => {
    expect(subjectLabelKey('penalty_case')).toBe('oversight.subject.penalty_case');
    expect(subjectLabelKey('nope')).toBeNull();
    expect(kindLabelKey('qualification.decision')).toBe('oversight.kind.qualification.decision');
    expect(kindLabelKey('nope.kind')).toBeNull();
  });
  it('reads the days threshold from the query', () => {
    expect(parseDays('15')).toBe(15);
    expect(parseDays('0')).toBeUndefined();
    expect(parseDays('366')).toBeUndefined();
    expect(parseDays('abc')).toBeUndefined();
    expect(parseDays(null)).toBeUndefined();
  });
});
