import { describe, expect, it } from 'vitest';
import { checkArrangement, dayKind, isWeekend, monthGrid, normaliseDate, parseDateList, workingDayCount } from './calendar-logic';

describe('reading dates', () => {
  it.each([
    ['2026-10-01', '2026-10-01'],
    ['2026-1-1', '2026-01-01'],
    ['2026/2/28', '2026-02-28'],
    ['2026年10月1日', '2026-10-01'],
    ['2026-02-29', null],
    ['2026-13-01', null],
    ['tomorrow', null],
  ])('%s → %s', (raw, iso) => {
    expect(normaliseDate(raw)).toBe(iso);
  });

  it('splits on commas, spaces, new lines and 、, expands ranges, sorts and de-duplicates', () => {
    expect(parseDateList('2026-10-08, 2026-10-01~2026-10-03\n2026-10-02、x')).toEqual({
      dates: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-08'],
      invalid: ['x'],
    });
    expect(parseDateList('2026-10-01 至 2026-10-02').dates).toEqual(['2026-10-01', '2026-10-02']);
    expect(parseDateList('2026-10-01 - 2026-10-02').dates).toEqual(['2026-10-01', '2026-10-02']);
    expect(parseDateList('').dates).toEqual([]);
  });

  it('refuses backwards and overlong ranges', () => {
    expect(parseDateList('2026-10-05~2026-10-01').invalid).toEqual(['2026-10-05~2026-10-01']);
    expect(parseDateList('2026-01-01~2026-12-31').invalid).toHaveLength(1);
  });
});

describe('checking an arrangement before sending', () => {
  const ok2026 = parseDateList('2026-01-01~2026-01-03, 2026-10-01~2026-10-07');
  it('accepts a sound province-wide year', () => {
    expect(checkArrangement(2026, '440000', ok2026, parseDateList('2026-10-10'))).toEqual([]);
  });

  it('names each bad date', () => {
    const problems = checkArrangement(2026, '440000', parseDateList('2026-10-01, 2027-01-01, bad'), parseDateList('2026-10-01 2026-10-12'));
    expect(problems).toEqual(
      expect.arrayContaining([
        { kind: 'invalid', field: 'off', date: 'bad' },
        { kind: 'outside_year', field: 'off', date: '2027-01-01' },
        { kind: 'make_up_day_not_weekend', field: 'work', date: '2026-10-12' },
        { kind: 'make_up_day_not_weekend', field: 'work', date: '2026-10-01' },
        { kind: 'in_both_lists', field: 'work', date: '2026-10-01' },
        { kind: 'new_year_missing', field: 'off', date: '2026-01-01' },
      ]),
    );
  });

  it('asks a province-wide year for its days off, a local override for any date', () => {
    expect(checkArrangement(2026, '440000', parseDateList(''), parseDateList(''))).toEqual([{ kind: 'empty', field: 'off' }]);
    expect(checkArrangement(2026, '440106', parseDateList(''), parseDateList(''))).toEqual([{ kind: 'empty', field: 'off' }]);
    expect(checkArrangement(2026, '440106', parseDateList('2026-06-01'), parseDateList(''))).toEqual([]);
  });
});

describe('month grid', () => {
  const off = new Set(['2026-10-01']);
  const work = new Set(['2026-10-10']);

  it('starts weeks on Monday and marks days off and make-up days', () => {
    const weeks = monthGrid(2026, 10, off, work);
    // 1 October 2026 is a Thursday: three blanks before it.
    expect(weeks[0].slice(0, 3)).toEqual([null, null, null]);
    expect(weeks[0][3]).toEqual({ date: '2026-10-01', day: 1, kind: 'off' });
    const all = weeks.flat().filter(Boolean);
    expect(all).toHaveLength(31);
    expect(all.find((c) => c!.date === '2026-10-10')!.kind).toBe('work');
    expect(all.find((c) => c!.date === '2026-10-11')!.kind).toBe('weekend');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('knows weekends and day kinds', () => {
    expect(isWeekend('2026-10-10')).toBe(true);
    expect(isWeekend('2026-10-12')).toBe(false);
    expect(dayKind('2026-10-12', off, work)).toBe('weekday');
  });

  it('counts working days of a year', () => {
    // 2026 has 261 weekdays; one listed off, one make-up Saturday.
    expect(workingDayCount(2026, new Set(), new Set())).toBe(261);
    expect(workingDayCount(2026, off, work)).toBe(261);
  });
});
