import official from './official-arrangements.json' with { type: 'json' };

/**
 * The legal-day calendar as pure arithmetic: which days are working days (State Council
 * arrangements, make-up working days 调休, approved revisions, local overrides) and when a period
 * ends (Civil Code arts. 201, 203; Administrative Licensing Law arts. 45, 82). No clock, no
 * database: `calendar.service.ts` builds the `LegalCalendar`, callers pass `asOf`.
 */

export interface YearArrangement {
  /** Listed days off (weekdays off, and statutory holidays that fall on a weekend). */
  off: readonly string[];
  /** Make-up working days (调休 补班), always a Saturday or Sunday. */
  work: readonly string[];
}

export interface LegalCalendar {
  /** 0 = shipped data only; else the highest approved revision. */
  revision: number;
  /** Province-wide: official data ∪ approved revisions (the latest approved revision of a year replaces it). */
  years: ReadonlyMap<number, YearArrangement>;
  /** Division code → year → exceptions layered over the province-wide year (narrowest prefix wins). */
  local: ReadonlyMap<string, ReadonlyMap<number, YearArrangement>>;
}

export type DayKind = 'working' | 'calendar';

/** A clock stop: days after `from` up to and including `to` are not counted; open (`to` null) = ending on `asOf`. */
export interface Pause {
  from: string;
  to: string | null;
}

export interface DueInput {
  /** The triggering event's day; counting starts the day after (Civil Code art. 201). */
  start: string;
  days: number;
  dayKind: DayKind;
  pauses?: readonly Pause[];
  divisionCode?: string | null;
  /** Where an open pause is taken to end; without it an open pause has stopped nothing yet. */
  asOf?: string;
}

export interface DueResult {
  dueDate: string;
  /** The period touches a year with no official data and no approved revision. */
  provisional: boolean;
  revision: number;
  /** Days the pauses took out of the count (working days for a working-day period). */
  pausedDays: number;
  /** An open pause is running: the due date is what it would be if the clock restarted on `asOf`. */
  paused: boolean;
}

export const PROVINCE_DIVISION = '440000';
export const OFFICIAL_SOURCE: string = official.source;
export const OFFICIAL_LICENCE: string = official.licence;
export const OFFICIAL_FIRST_YEAR = 2007;
export const OFFICIAL_LAST_YEAR = 2026;

/** Shipped State Council arrangements 2007–2026 (revision 0). */
export const OFFICIAL_YEARS: ReadonlyMap<number, YearArrangement> = new Map(
  Object.entries(official.years as Record<string, { off: string[]; work: string[] }>).map(([y, a]) => [Number(y), { off: a.off, work: a.work }]),
);

/** Holiday names of the shipped data (date → 春节, 国庆节 …), for display. */
export const OFFICIAL_NAMES: ReadonlyMap<string, string> = new Map(
  Object.values(official.years as Record<string, { names?: Record<string, string> }>).flatMap((a) => Object.entries(a.names ?? {})),
);

export interface ApprovedRevision {
  revision: number;
  year: number;
  divisionCode: string;
  off: readonly string[];
  work: readonly string[];
}

/** Shipped data plus approved revisions; per (year, division) the highest revision wins. */
export function buildCalendar(revisions: readonly ApprovedRevision[]): LegalCalendar {
  const years = new Map<number, YearArrangement>(OFFICIAL_YEARS);
  const local = new Map<string, Map<number, YearArrangement>>();
  let revision = 0;
  for (const r of [...revisions].sort((a, b) => a.revision - b.revision)) {
    revision = Math.max(revision, r.revision);
    const arrangement = { off: [...r.off], work: [...r.work] };
    if (r.divisionCode === PROVINCE_DIVISION) years.set(r.year, arrangement);
    else {
      let byYear = local.get(r.divisionCode);
      if (!byYear) local.set(r.divisionCode, (byYear = new Map()));
      byYear.set(r.year, arrangement);
    }
  }
  return { revision, years, local };
}

// ---- Day numbers --------------------------------------------------------------------------------
// Counting walks day by day over integers (days since 1970-01-01), converting to strings only for
// lookups: recomputing 100,000 deadlines walks millions of days.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms / MS_PER_DAY;
}

const dateOf = (n: number): string => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
const yearOf = (n: number): number => new Date(n * MS_PER_DAY).getUTCFullYear();
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekdayOf = (n: number): number => (((n + 4) % 7) + 7) % 7;

export function isWeekend(date: string): boolean {
  const w = weekdayOf(dayNumber(date));
  return w === 0 || w === 6;
}

// ---- Lookups ------------------------------------------------------------------------------------

interface DaySets {
  off: ReadonlySet<string>;
  work: ReadonlySet<string>;
}
const setsCache = new WeakMap<YearArrangement, DaySets>();
function setsOf(a: YearArrangement): DaySets {
  let s = setsCache.get(a);
  if (!s) setsCache.set(a, (s = { off: new Set(a.off), work: new Set(a.work) }));
  return s;
}

/** `440100` covers `4401xxxx`; `440106` only itself (same reading as jurisdiction prefixes). */
function prefixOf(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

type LocalChain = readonly ReadonlyMap<number, YearArrangement>[];
const chainCache = new WeakMap<LegalCalendar, Map<string, LocalChain>>();
/** The local overrides that apply to a division, narrowest first. */
function localChain(cal: LegalCalendar, divisionCode: string | null | undefined): LocalChain {
  if (!divisionCode || cal.local.size === 0) return [];
  let byDivision = chainCache.get(cal);
  if (!byDivision) chainCache.set(cal, (byDivision = new Map()));
  let chain = byDivision.get(divisionCode);
  if (!chain) {
    chain = [...cal.local.entries()]
      .map(([code, years]) => ({ prefix: prefixOf(code), years }))
      .filter((o) => divisionCode.startsWith(o.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length)
      .map((o) => o.years);
    byDivision.set(divisionCode, chain);
  }
  return chain;
}

function workingOn(cal: LegalCalendar, chain: LocalChain, n: number): boolean {
  const date = dateOf(n);
  const year = yearOf(n);
  // A date listed by the narrowest override that mentions it decides; otherwise the province-wide year.
  for (const years of chain) {
    const a = years.get(year);
    if (!a) continue;
    const s = setsOf(a);
    if (s.off.has(date)) return false;
    if (s.work.has(date)) return true;
  }
  const a = cal.years.get(year);
  if (a) {
    const s = setsOf(a);
    if (s.work.has(date)) return true;
    if (s.off.has(date)) return false;
  }
  const w = weekdayOf(n);
  return w !== 0 && w !== 6;
}

/** A listed make-up day works; otherwise Monday–Friday unless listed off (requirements §1). */
export function isWorkingDay(cal: LegalCalendar, date: string, divisionCode?: string | null): boolean {
  return workingOn(cal, localChain(cal, divisionCode), dayNumber(date));
}

/**
 * A year with neither official data nor an approved province-wide revision: Monday–Friday is
 * assumed and every period touching it is marked provisional. Local overrides only adjust a
 * known year, so they never settle one (the division is accepted for symmetry with the lookups).
 */
export function isProvisionalYear(cal: LegalCalendar, year: number, _divisionCode?: string | null): boolean {
  return !cal.years.has(year);
}

const MAX_DAYS = 3660;
/** Beyond any real period plus pauses: a guard against a calendar with no working day at all. */
const MAX_WALK = 40_000;

/**
 * The last day of a period (@article Civil Code 201, 203; Administrative Licensing Law 45, 82):
 * counting starts the day after `start`; a working-day period counts working days only; a
 * calendar-day period whose last day is not a working day ends on the next working day; days
 * inside a pause are not counted.
 */
export function computeDue(cal: LegalCalendar, input: DueInput): DueResult {
  const { days, dayKind } = input;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new RangeError(`days must be an integer 1–${MAX_DAYS}`);
  if (dayKind !== 'working' && dayKind !== 'calendar') throw new RangeError(`unknown day kind: ${String(dayKind)}`);
  const start = dayNumber(input.start);
  const asOf = input.asOf === undefined ? null : dayNumber(input.asOf);
  const chain = localChain(cal, input.divisionCode);
  let paused = false;
  const stops: [number, number][] = [];
  for (const p of input.pauses ?? []) {
    const from = dayNumber(p.from);
    if (p.to === null) paused = true;
    const to = p.to === null ? Math.max(from, asOf ?? from) : dayNumber(p.to);
    if (to > from) stops.push([from + 1, to]);
  }
  const stopped = (n: number) => stops.some(([a, b]) => n >= a && n <= b);
  const working = (n: number) => workingOn(cal, chain, n);

  let n = start;
  let counted = 0;
  let pausedDays = 0;
  let walked = 0;
  while (counted < days) {
    if (++walked > MAX_WALK) throw new RangeError('no end within the calendar');
    n++;
    const counts = dayKind === 'calendar' || working(n);
    if (stopped(n)) {
      if (counts) pausedDays++;
    } else if (counts) counted++;
  }
  // Civil Code art. 203: a last day that is a holiday moves to the day after the holiday.
  if (dayKind === 'calendar') {
    while (!working(n) || stopped(n)) {
      if (++walked > MAX_WALK) throw new RangeError('no end within the calendar');
      n++;
    }
  }
  let provisional = false;
  for (let y = yearOf(start + 1); y <= yearOf(n); y++) if (isProvisionalYear(cal, y, input.divisionCode)) provisional = true;
  return { dueDate: dateOf(n), provisional, revision: cal.revision, pausedDays, paused };
}

/**
 * Working days after `from` up to and including `to` ("days left" when `from` is today): 0 when
 * `to` is `from`, negative when `to` lies before `from` (days overdue).
 */
export function workingDaysBetween(cal: LegalCalendar, from: string, to: string, divisionCode?: string | null): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const chain = localChain(cal, divisionCode);
  const [lo, hi, sign] = b >= a ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let n = lo + 1; n <= hi; n++) if (workingOn(cal, chain, n)) count++;
  return sign * count;
}
