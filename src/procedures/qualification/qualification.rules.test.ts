import { describe, expect, it } from 'vitest';
import { buildCalendar, computeDue } from '../../platform/calendar/legal-days.js';
import { AppError } from '../../platform/http/errors.js';
import {
  assertNoConflictingApplication,
  assertOriginAllows,
  assertReasons,
  checkExtension,
  checkFirstApplication,
  checkPromotion,
  checkRecordFiling,
  checkRenewalWindow,
  clockAfter,
  consolidateNotice,
  nextLevelUp,
  routeFor,
  type Level,
} from './qualification.rules.js';

/** The refusal a call throws, as `{code, article}`, or 'ok'. */
function outcome(fn: () => unknown): 'ok' | { code: string; article?: string } {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e.article ? { code: e.code, article: e.article } : { code: e.code };
  }
}

describe('art. 15 — first application: level IV only', () => {
  it.each([
    ['IV', false, 'ok'],
    ['III', false, { code: 'FIRST_APPLICATION_LEVEL_IV_ONLY', article: '15' }],
    ['I', false, { code: 'FIRST_APPLICATION_LEVEL_IV_ONLY', article: '15' }],
    [null, false, { code: 'FIRST_APPLICATION_LEVEL_IV_ONLY', article: '15' }],
    ['IV', true, { code: 'ALREADY_QUALIFIED', article: '15' }],
  ] as const)('target %s, holds a current certificate %s → %j', (level, holds, expected) => {
    expect(outcome(() => checkFirstApplication(level as Level | null, holds))).toEqual(expected);
  });
});

describe('art. 15 — promotion: one level up, after ≥ 1 year, checklist met', () => {
  const base = { currentLevel: 'IV' as Level, levelSince: '2025-03-01', targetLevel: 'III' as Level, requiredItems: ['a', 'b'], answers: { a: true, b: true } };
  it.each([
    ['exactly one year → allowed', base, '2026-03-01', 'ok'],
    ['one day short → too early', base, '2026-02-28', { code: 'PROMOTION_TOO_EARLY', article: '15' }],
    ['more than a year → allowed', base, '2027-01-01', 'ok'],
    ['29 Feb 2024 + 1 year = 28 Feb 2025 → allowed', { ...base, levelSince: '2024-02-29' }, '2025-02-28', 'ok'],
    ['29 Feb 2024, on 27 Feb 2025 → too early', { ...base, levelSince: '2024-02-29' }, '2025-02-27', { code: 'PROMOTION_TOO_EARLY', article: '15' }],
    ['skipping a level (IV → II)', { ...base, targetLevel: 'II' as Level }, '2026-03-01', { code: 'PROMOTION_ONE_LEVEL_ONLY', article: '15' }],
    ['same level', { ...base, targetLevel: 'IV' as Level }, '2026-03-01', { code: 'PROMOTION_ONE_LEVEL_ONLY', article: '15' }],
    ['no target', { ...base, targetLevel: null }, '2026-03-01', { code: 'PROMOTION_ONE_LEVEL_ONLY', article: '15' }],
    ['above level I', { ...base, currentLevel: 'I' as Level, targetLevel: 'I' as Level }, '2026-03-01', { code: 'PROMOTION_ONE_LEVEL_ONLY', article: '15' }],
    ['one item unmet', { ...base, answers: { a: true, b: false } }, '2026-03-01', { code: 'PROMOTION_REQUIREMENTS_UNMET', article: '15' }],
    ['one item unanswered', { ...base, answers: { a: true } }, '2026-03-01', { code: 'PROMOTION_REQUIREMENTS_UNMET', article: '15' }],
    ['empty checklist', { ...base, requiredItems: [], answers: {} }, '2026-03-01', 'ok'],
  ] as const)('%s', (_name, facts, today, expected) => {
    expect(outcome(() => checkPromotion(facts, today, 1))).toEqual(expected);
  });

  it('names the missing items and the earliest date', () => {
    try {
      checkPromotion({ ...base, answers: { a: true } }, '2026-03-01', 1);
    } catch (e) {
      expect((e as AppError).extra).toEqual({ missing: ['b'] });
    }
    try {
      checkPromotion(base, '2026-02-01', 1);
    } catch (e) {
      expect((e as AppError).extra).toEqual({ earliestDate: '2026-03-01' });
    }
  });

  it.each([
    ['IV', 'III'],
    ['III', 'II'],
    ['II', 'I'],
    ['I', null],
  ] as const)('the level above %s is %s', (level, up) => expect(nextLevelUp(level)).toBe(up));
});

describe('art. 15 — renewal window: the 30 days before expiry', () => {
  const validTo = '2026-04-30';
  it.each([
    ['31 days before → not open', '2026-03-30', { code: 'RENEWAL_WINDOW_NOT_OPEN', article: '15' }],
    ['30 days before → ok', '2026-03-31', 'ok'],
    ['1 day before → ok', '2026-04-29', 'ok'],
    ['on the expiry day → ok', '2026-04-30', 'ok'],
    ['the day after expiry → closed, not accepted', '2026-05-01', { code: 'RENEWAL_WINDOW_CLOSED', article: '15' }],
    ['a year early → not open', '2025-04-30', { code: 'RENEWAL_WINDOW_NOT_OPEN', article: '15' }],
  ] as const)('%s', (_name, today, expected) => {
    expect(outcome(() => checkRenewalWindow(validTo, today, 30))).toEqual(expected);
  });

  it('across 29 February: 30 days before 2028-03-15 is 2028-02-14', () => {
    expect(outcome(() => checkRenewalWindow('2028-03-15', '2028-02-14', 30))).toBe('ok');
    expect(outcome(() => checkRenewalWindow('2028-03-15', '2028-02-13', 30))).toMatchObject({ code: 'RENEWAL_WINDOW_NOT_OPEN' });
  });
});

describe('art. 15 — extension: same window, at most 90 days in total', () => {
  const limits = { windowDays: 30, maxDays: 90 };
  it.each([
    ['90 days in the window', '2026-04-01', 90, 0, 'ok'],
    ['1 day', '2026-04-30', 1, 0, 'ok'],
    ['91 days', '2026-04-01', 91, 0, { code: 'EXTENSION_TOO_LONG', article: '15' }],
    ['60 more after 31 already', '2026-04-01', 60, 31, { code: 'EXTENSION_TOO_LONG', article: '15' }],
    ['59 more after 31 already', '2026-04-01', 59, 31, 'ok'],
    ['31 days before expiry', '2026-03-30', 30, 0, { code: 'RENEWAL_WINDOW_NOT_OPEN', article: '15' }],
    ['after expiry', '2026-05-01', 30, 0, { code: 'RENEWAL_WINDOW_CLOSED', article: '15' }],
    ['no days given', '2026-04-01', null, 0, { code: 'VALIDATION_FAILED' }],
    ['zero days', '2026-04-01', 0, 0, { code: 'VALIDATION_FAILED' }],
  ] as const)('%s', (_name, today, days, already, expected) => {
    expect(outcome(() => checkExtension('2026-04-30', today, { days, alreadyExtended: already }, limits))).toEqual(expected);
  });
});

describe('art. 16 — record filing: out-of-province companies only; Guangdong levels for Guangdong companies', () => {
  it.each([
    ['record', 'out_of_province', 'ok'],
    ['record', 'guangdong', { code: 'RECORD_FILING_OUT_OF_PROVINCE_ONLY', article: '16' }],
    ['first', 'out_of_province', { code: 'OUT_OF_PROVINCE_NEEDS_RECORD', article: '16' }],
    ['promotion', 'out_of_province', { code: 'OUT_OF_PROVINCE_NEEDS_RECORD', article: '16' }],
    ['renewal', 'out_of_province', { code: 'OUT_OF_PROVINCE_NEEDS_RECORD', article: '16' }],
    ['first', 'guangdong', 'ok'],
  ] as const)('%s by a %s company → %j', (kind, origin, expected) => {
    expect(outcome(() => assertOriginAllows(kind, origin))).toEqual(expected);
  });

  it.each([
    [null, '2026-03-01', 'ok'],
    ['2026-03-31', '2026-03-01', 'ok'],
    ['2026-04-01', '2026-03-01', { code: 'ALREADY_QUALIFIED', article: '16' }],
  ] as const)('current record certificate until %s, filing on %s → %j', (validTo, today, expected) => {
    expect(outcome(() => checkRecordFiling(validTo, today, 30))).toEqual(expected);
  });
});

describe('art. 14 — routing: III/IV by the city; I/II examined by the city, decided by the province; records by the province', () => {
  it.each([
    ['first', 'IV', { decider: 'city', examiner: null }],
    ['promotion', 'III', { decider: 'city', examiner: null }],
    ['promotion', 'II', { decider: 'province', examiner: 'city' }],
    ['renewal', 'I', { decider: 'province', examiner: 'city' }],
    ['record', 'II', { decider: 'province', examiner: null }],
    ['record', null, { decider: 'province', examiner: null }],
  ] as const)('%s at level %s → %j', (kind, level, expected) => {
    expect(routeFor(kind, level)).toEqual(expected);
  });
});

describe('Licensing Law art. 32, 38, 42 — notice, reasons, deadlines', () => {
  it('one consolidated notice: blanks dropped, duplicates merged, empty refused', () => {
    expect(consolidateNotice([' 营业执照 ', '营业执照', '', '业绩证明'])).toEqual(['营业执照', '业绩证明']);
    expect(outcome(() => consolidateNotice(['  ', '']))).toEqual({ code: 'NOTICE_EMPTY', article: '行政许可法32' });
    expect(outcome(() => consolidateNotice([]))).toEqual({ code: 'NOTICE_EMPTY', article: '行政许可法32' });
  });

  it.each([
    [true, '', null],
    [true, ' ok ', 'ok'],
    [false, '材料虚假', '材料虚假'],
  ] as const)('approve %s with reasons %j → %j', (approve, reasons, expected) => {
    expect(assertReasons(approve, reasons)).toBe(expected);
  });

  it('a refusal without reasons is refused', () => {
    expect(outcome(() => assertReasons(false, '  '))).toEqual({ code: 'REASONS_REQUIRED', article: '行政许可法38' });
  });

  const days = { acceptanceDays: 5, decisionDays: 20 };
  const cityOnly = { decidingUnitId: 'PSB-440100', examiningUnitId: null };
  const levelII = { decidingUnitId: 'PSB-440000', examiningUnitId: 'PSB-440100' };

  it.each([
    ['received', cityOnly, 'qualification.acceptance', '行政许可法32', 5, 'PSB-440100'],
    ['received', levelII, 'qualification.acceptance', '行政许可法32', 5, 'PSB-440100'],
    ['accepted', cityOnly, 'qualification.decision', '行政许可法42', 20, 'PSB-440100'],
    ['accepted', levelII, 'qualification.examination', '行政许可法43', 20, 'PSB-440100'],
    ['examined', levelII, 'qualification.decision', '行政许可法42', 20, 'PSB-440000'],
  ] as const)('%s (%j) starts %s, art. %s, %i working days, owned by %s', (event, units, kind, article, n, owner) => {
    expect(clockAfter(event, units, days)).toEqual({ kind, article, days: n, dayKind: 'working', ownerUnitId: owner });
  });

  // Hand-counted on the State Council's 2026 arrangement (shipped data, revision 0): counting starts
  // the day after the event; 2026-02-14 and 2026-10-10 are make-up working Saturdays; 2027 has no
  // official data yet, so Monday–Friday is assumed (2027-01-01 counts) and the date is provisional.
  const cal = buildCalendar([]);
  it.each([
    ['received', '2026-03-02', '2026-03-09', false], // Mon → the next Monday (calendar days would give Saturday 03-07)
    ['received', '2026-02-13', '2026-02-27', false], // Sat 02-14 works; 02-15 … 02-23 Spring Festival
    ['received', '2026-09-30', '2026-10-13', false], // National Day 10-01 … 10-07; Sat 10-10 works
    ['accepted', '2026-03-02', '2026-03-30', false], // four weeks of March, no holiday
    ['accepted', '2026-09-24', '2026-10-29', false], // 09-25 Mid-Autumn, National Day, Sat 10-10 works
    ['received', '2026-12-28', '2027-01-04', true], // 12-29, 30, 31, 2027-01-01 (assumed), 01-04
  ] as const)('%s on %s → due %s (provisional %s)', (event, start, due, provisional) => {
    const spec = clockAfter(event, cityOnly, days);
    expect(computeDue(cal, { start, days: spec.days, dayKind: spec.dayKind })).toMatchObject({ dueDate: due, provisional, revision: 0 });
  });

  it('one open application per kind; renewal and extension exclude each other', () => {
    expect(outcome(() => assertNoConflictingApplication([{ kind: 'promotion' }], 'renewal'))).toBe('ok');
    expect(outcome(() => assertNoConflictingApplication([{ kind: 'renewal' }], 'renewal'))).toEqual({ code: 'APPLICATION_PENDING' });
    expect(outcome(() => assertNoConflictingApplication([{ kind: 'extension' }], 'renewal'))).toEqual({ code: 'APPLICATION_PENDING' });
  });
});
