import { describe, expect, it } from 'vitest';
import {
  OFFICIAL_FIRST_YEAR,
  OFFICIAL_LAST_YEAR,
  OFFICIAL_YEARS,
  buildCalendar,
  computeDue,
  isProvisionalYear,
  isWeekend,
  isWorkingDay,
  workingDaysBetween,
  type ApprovedRevision,
  type DueInput,
} from './legal-days.js';

const official = buildCalendar([]);

describe('shipped official arrangements', () => {
  it('covers 2007–2026, make-up days on weekends only, no date both off and working', () => {
    expect([...OFFICIAL_YEARS.keys()]).toEqual(Array.from({ length: OFFICIAL_LAST_YEAR - OFFICIAL_FIRST_YEAR + 1 }, (_, i) => OFFICIAL_FIRST_YEAR + i));
    for (const [year, a] of OFFICIAL_YEARS) {
      for (const d of [...a.off, ...a.work]) expect(d.slice(0, 4), d).toBe(String(year));
      for (const d of a.work) expect(isWeekend(d), d).toBe(true);
      expect(a.off.filter((d) => a.work.includes(d))).toEqual([]);
      expect(a.off.length, String(year)).toBeGreaterThanOrEqual(15);
    }
  });

  const days: [string, boolean, string][] = [
    // requirements §1 examples
    ['2026-09-20', true, 'Sunday make-up day before National Day'],
    ['2026-10-10', true, 'Saturday make-up day after National Day'],
    ...['01', '02', '03', '04', '05', '06', '07'].map((d): [string, boolean, string] => [`2026-10-${d}`, false, 'National Day 2026']),
    ['2026-10-08', true, 'first day back'],
    ['2026-09-25', false, 'Mid-Autumn 2026 (Friday)'],
    ['2026-10-11', false, 'ordinary Sunday'],
    // 2025: Spring Festival 28 Jan – 4 Feb, make-up 26 Jan and 8 Feb
    ['2025-01-26', true, 'Sunday make-up for Spring Festival 2025'],
    ['2025-01-28', false, 'New Year’s Eve 2025 (statutory since 2025)'],
    ['2025-02-04', false, 'Spring Festival 2025, last day'],
    ['2025-02-05', true, 'back after Spring Festival 2025'],
    ['2025-02-08', true, 'Saturday make-up for Spring Festival 2025'],
    // 2025: National Day + Mid-Autumn 1–8 Oct, make-up 28 Sep and 11 Oct
    ['2025-09-28', true, 'Sunday make-up 2025'],
    ['2025-10-08', false, 'National Day 2025, eighth day'],
    ['2025-10-09', true, 'back after National Day 2025'],
    ['2025-10-11', true, 'Saturday make-up 2025'],
    ['2025-05-02', false, 'Labour Day 2025 second statutory day'],
    ['2007-04-28', true, 'make-up Saturday 2007'],
    ['2020-01-31', false, 'Spring Festival 2020'],
  ];
  it.each(days)('%s working=%s (%s)', (date, working) => {
    expect(isWorkingDay(official, date)).toBe(working);
  });

  it('keeps statutory holidays that fall on a weekend in the data (2026-10-03 Saturday), not ordinary weekend days (2026-10-04)', () => {
    const y2026 = OFFICIAL_YEARS.get(2026)!;
    expect(y2026.off).toContain('2026-10-03');
    expect(y2026.off).not.toContain('2026-10-04');
    expect(y2026.work).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
});

describe('computeDue', () => {
  type Row = [string, DueInput, string, Partial<{ provisional: boolean; pausedDays: number; paused: boolean }>?];
  const rows: Row[] = [
    ['15 working days from 2026-09-24 (the issue’s example)', { start: '2026-09-24', days: 15, dayKind: 'working' }, '2026-10-22'],
    ['5 working days over Spring Festival 2025', { start: '2025-01-24', days: 5, dayKind: 'working' }, '2025-02-07'],
    ['counts the Sunday make-up day 2025-01-26', { start: '2025-01-24', days: 1, dayKind: 'working' }, '2025-01-26'],
    ['20 working days over National Day 2025 (9-28 and 10-11 count)', { start: '2025-09-26', days: 20, dayKind: 'working' }, '2025-10-30'],
    ['start day itself is not counted (Civil Code 201)', { start: '2026-03-02', days: 1, dayKind: 'working' }, '2026-03-03'],
    ['calendar days, ordinary end', { start: '2026-03-02', days: 10, dayKind: 'calendar' }, '2026-03-12'],
    ['calendar-day period ending on a Saturday rolls to Monday', { start: '2026-03-04', days: 10, dayKind: 'calendar' }, '2026-03-16'],
    ['calendar-day period ending in National Day 2026 rolls to 10-08', { start: '2026-09-24', days: 10, dayKind: 'calendar' }, '2026-10-08'],
    ['calendar-day period ending on 2026-10-10 stays (a working Saturday)', { start: '2026-09-30', days: 10, dayKind: 'calendar' }, '2026-10-10'],
    [
      'a closed pause is not counted (3 working days stopped)',
      { start: '2026-03-02', days: 5, dayKind: 'working', pauses: [{ from: '2026-03-03', to: '2026-03-06' }] },
      '2026-03-12',
      { pausedDays: 3, paused: false },
    ],
    [
      'an open pause counts as ending on asOf',
      { start: '2026-03-02', days: 5, dayKind: 'working', pauses: [{ from: '2026-03-03', to: null }], asOf: '2026-03-06' },
      '2026-03-12',
      { pausedDays: 3, paused: true },
    ],
    [
      'an open pause without asOf has stopped nothing yet',
      { start: '2026-03-02', days: 5, dayKind: 'working', pauses: [{ from: '2026-03-03', to: null }] },
      '2026-03-09',
      { pausedDays: 0, paused: true },
    ],
    [
      'pauses in a calendar-day period skip calendar days',
      { start: '2026-03-02', days: 10, dayKind: 'calendar', pauses: [{ from: '2026-03-05', to: '2026-03-08' }] },
      '2026-03-16',
      { pausedDays: 3 },
    ],
    [
      'a pause after the due date changes nothing',
      { start: '2026-03-02', days: 2, dayKind: 'working', pauses: [{ from: '2026-03-20', to: '2026-03-30' }] },
      '2026-03-04',
      { pausedDays: 0 },
    ],
    [
      'overlapping pauses count each day once',
      { start: '2026-03-02', days: 5, dayKind: 'working', pauses: [{ from: '2026-03-03', to: '2026-03-05' }, { from: '2026-03-04', to: '2026-03-06' }] },
      '2026-03-12',
      { pausedDays: 3 },
    ],
    ['provisional year 2027: Monday–Friday assumed', { start: '2027-03-01', days: 5, dayKind: 'working' }, '2027-03-08', { provisional: true }],
    ['a period just crossing into 2027 is provisional', { start: '2026-12-28', days: 5, dayKind: 'working' }, '2027-01-04', { provisional: true }],
    ['a period ending 2026-12-31 is not', { start: '2026-12-28', days: 3, dayKind: 'working' }, '2026-12-31', { provisional: false }],
  ];
  it.each(rows)('%s', (_name, input, due, extra = {}) => {
    const r = computeDue(official, input);
    expect(r.dueDate).toBe(due);
    expect(r.revision).toBe(0);
    expect(r).toMatchObject({ provisional: false, pausedDays: 0, paused: false, ...extra });
  });

  it('refuses nonsense', () => {
    expect(() => computeDue(official, { start: '2026-02-30', days: 5, dayKind: 'working' })).toThrow(RangeError);
    expect(() => computeDue(official, { start: '2026-02-03', days: 0, dayKind: 'working' })).toThrow(RangeError);
    expect(() => computeDue(official, { start: '2026-02-03', days: 1.5, dayKind: 'calendar' })).toThrow(RangeError);
  });
});

describe('revisions and local overrides', () => {
  const rev2027: ApprovedRevision = {
    revision: 1,
    year: 2027,
    divisionCode: '440000',
    off: ['2027-01-01', '2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
    work: ['2027-09-26', '2027-10-09'],
  };

  it('a revision for 2027 makes it non-provisional and applies its days', () => {
    const cal = buildCalendar([rev2027]);
    expect(cal.revision).toBe(1);
    expect(isProvisionalYear(cal, 2027)).toBe(false);
    expect(isProvisionalYear(cal, 2028)).toBe(true);
    const r = computeDue(cal, { start: '2026-12-28', days: 5, dayKind: 'working' });
    expect(r).toMatchObject({ dueDate: '2027-01-05', provisional: false, revision: 1 });
    expect(isWorkingDay(cal, '2027-10-09')).toBe(true);
    expect(computeDue(cal, { start: '2027-09-30', days: 2, dayKind: 'working' }).dueDate).toBe('2027-10-09');
  });

  it('the latest approved revision of a year replaces earlier data for that year', () => {
    const correction: ApprovedRevision = { revision: 2, year: 2026, divisionCode: '440000', off: ['2026-03-03'], work: [] };
    const cal = buildCalendar([correction, rev2027]);
    expect(cal.revision).toBe(2);
    expect(isWorkingDay(cal, '2026-03-03')).toBe(false);
    expect(isWorkingDay(cal, '2026-10-05')).toBe(true); // replaced wholesale
  });

  it('local overrides: the narrowest division listing a date wins; other divisions are unaffected', () => {
    const city: ApprovedRevision = { revision: 3, year: 2026, divisionCode: '440100', off: ['2026-03-03', '2026-03-04'], work: [] };
    const county: ApprovedRevision = { revision: 4, year: 2026, divisionCode: '440106', off: [], work: ['2026-03-04'] };
    const cal = buildCalendar([city, county]);
    expect(isWorkingDay(cal, '2026-03-03', '440106')).toBe(false); // city override reaches the county
    expect(isWorkingDay(cal, '2026-03-04', '440106')).toBe(true); // the county's own wins
    expect(isWorkingDay(cal, '2026-03-04', '440104')).toBe(false); // another Guangzhou district: city override
    expect(isWorkingDay(cal, '2026-03-04', '440304')).toBe(true); // Shenzhen: province-wide
    expect(isWorkingDay(cal, '2026-03-04')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-01', '440106')).toBe(false); // province days still apply
    expect(computeDue(cal, { start: '2026-03-02', days: 2, dayKind: 'working', divisionCode: '440104' }).dueDate).toBe('2026-03-06');
    expect(computeDue(cal, { start: '2026-03-02', days: 2, dayKind: 'working', divisionCode: '440300' }).dueDate).toBe('2026-03-04');
    // a local override never settles a provisional year
    const local2027 = buildCalendar([{ revision: 5, year: 2027, divisionCode: '440100', off: ['2027-02-01'], work: [] }]);
    expect(isProvisionalYear(local2027, 2027, '440106')).toBe(true);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-09-24', '2026-10-22', 15],
    ['2026-10-22', '2026-10-22', 0],
    ['2026-10-23', '2026-10-22', -1],
    ['2026-10-26', '2026-10-22', -2],
    ['2026-09-30', '2026-10-08', 1],
  ])('%s → %s = %i', (from, to, n) => {
    expect(workingDaysBetween(official, from, to)).toBe(n);
  });
});
