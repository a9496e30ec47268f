// Pure helpers of the calendar pages: reading a pasted list of dates (with ranges), the checks the
// server makes on a proposed arrangement (so mistakes show before sending), and a month grid.

/** 2026-1-1 or 2026/01/01 → 2026-01-01; null when it is not a real calendar date. */
export function normaliseDate(token: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(token.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Ranges longer than this are a typo, not a holiday. */
export const MAX_RANGE_DAYS = 31;

export interface ParsedDates {
  dates: string[];
  invalid: string[];
}

/**
 * Dates separated by spaces, new lines, commas or 、；; a range as `2026-10-01~2026-10-08`
 * (also `..`, `至`, or ` - ` with spaces). Sorted, without repeats.
 */
export function parseDateList(text: string): ParsedDates {
  const out = new Set<string>();
  const invalid: string[] = [];
  const normalised = text.replace(/\s+(?:-|–|—|至|到)\s+/g, '~').replace(/(?:至|到|\.\.)/g, '~');
  for (const raw of normalised.split(/[\s,，、;；]+/)) {
    const token = raw.trim();
    if (!token) continue;
    const parts = token.split('~');
    if (parts.length === 2) {
      const a = normaliseDate(parts[0]);
      const b = normaliseDate(parts[1]);
      if (!a || !b || b < a) {
        invalid.push(token);
        continue;
      }
      let d = a;
      let n = 0;
      const range: string[] = [];
      while (d <= b && n <= MAX_RANGE_DAYS) {
        range.push(d);
        d = addDays(d, 1);
        n++;
      }
      if (n > MAX_RANGE_DAYS) invalid.push(token);
      else range.forEach((x) => out.add(x));
      continue;
    }
    const one = parts.length === 1 ? normaliseDate(token) : null;
    if (one) out.add(one);
    else invalid.push(token);
  }
  return { dates: [...out].sort(), invalid };
}

export function isWeekend(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export type ArrangementProblemKind = 'invalid' | 'outside_year' | 'in_both_lists' | 'make_up_day_not_weekend' | 'empty' | 'new_year_missing';

export interface ArrangementProblem {
  kind: ArrangementProblemKind;
  field: 'off' | 'work';
  date?: string;
}

export const PROVINCE_DIVISION = '440000';

/** The server's checks (calendar.rules.ts), run before sending so each bad date is named at once. */
export function checkArrangement(year: number, divisionCode: string, off: ParsedDates, work: ParsedDates): ArrangementProblem[] {
  const problems: ArrangementProblem[] = [];
  for (const token of off.invalid) problems.push({ kind: 'invalid', field: 'off', date: token });
  for (const token of work.invalid) problems.push({ kind: 'invalid', field: 'work', date: token });
  const prefix = `${year}-`;
  for (const d of off.dates) if (!d.startsWith(prefix)) problems.push({ kind: 'outside_year', field: 'off', date: d });
  for (const d of work.dates) {
    if (!d.startsWith(prefix)) problems.push({ kind: 'outside_year', field: 'work', date: d });
    if (!isWeekend(d)) problems.push({ kind: 'make_up_day_not_weekend', field: 'work', date: d });
  }
  const offSet = new Set(off.dates);
  for (const d of work.dates) if (offSet.has(d)) problems.push({ kind: 'in_both_lists', field: 'work', date: d });
  if (divisionCode === PROVINCE_DIVISION) {
    if (!off.dates.length) problems.push({ kind: 'empty', field: 'off' });
    else if (!offSet.has(`${year}-01-01`)) problems.push({ kind: 'new_year_missing', field: 'off', date: `${year}-01-01` });
  } else if (!off.dates.length && !work.dates.length) {
    problems.push({ kind: 'empty', field: 'off' });
  }
  return problems;
}

export type DayCellKind = 'off' | 'work' | 'weekend' | 'weekday';

export interface DayCell {
  date: string;
  day: number;
  kind: DayCellKind;
}

/** What a day is under an arrangement: listed off, listed make-up working day, or as the week has it. */
export function dayKind(date: string, off: ReadonlySet<string>, work: ReadonlySet<string>): DayCellKind {
  if (off.has(date)) return 'off';
  if (work.has(date)) return 'work';
  return isWeekend(date) ? 'weekend' : 'weekday';
}

/** A month as weeks Monday → Sunday; days outside the month are null. `month` is 1–12. */
export function monthGrid(year: number, month: number, off: ReadonlySet<string>, work: ReadonlySet<string>): (DayCell | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cells: (DayCell | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    cells.push({ date, day: d, kind: dayKind(date, off, work) });
  }
  while (cells.length % 7) cells.push(null);
  const weeks: (DayCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Working days of a year under an arrangement (for the year view's summary line). */
export function workingDayCount(year: number, off: ReadonlySet<string>, work: ReadonlySet<string>): number {
  let n = 0;
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1)) {
    const k = dayKind(d, off, work);
    if (k === 'weekday' || k === 'work') n++;
  }
  return n;
}
