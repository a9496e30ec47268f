import { isGuangdongDivision } from '../jurisdictions/divisions.js';
import { isCalendarDate } from './dates.js';
import { PROVINCE_DIVISION, isWeekend } from './legal-days.js';

/**
 * What a proposed year's arrangement must satisfy before a second administrator sees it
 * (@article 行政许可法82: working days exclude statutory holidays, so the list must be sound).
 */
export interface ArrangementProblem {
  field: 'divisionCode' | 'off' | 'work';
  date?: string;
  problem: 'unknown_division' | 'not_a_date' | 'outside_year' | 'duplicate' | 'in_both_lists' | 'make_up_day_not_weekend' | 'empty' | 'new_year_missing';
  zh: string;
  en: string;
}

export interface ArrangementInput {
  year: number;
  divisionCode: string;
  off: readonly string[];
  work: readonly string[];
}

export function validateArrangement(input: ArrangementInput): ArrangementProblem[] {
  const problems: ArrangementProblem[] = [];
  const add = (p: ArrangementProblem) => problems.push(p);
  if (!isGuangdongDivision(input.divisionCode)) {
    add({ field: 'divisionCode', problem: 'unknown_division', zh: '行政区划代码无效', en: 'Unknown administrative division' });
  }
  const prefix = `${input.year}-`;
  const checkList = (field: 'off' | 'work', dates: readonly string[]) => {
    const seen = new Set<string>();
    for (const date of dates) {
      if (!isCalendarDate(date)) {
        add({ field, date, problem: 'not_a_date', zh: '不是有效日期', en: 'Not a valid date' });
        continue;
      }
      if (!date.startsWith(prefix)) add({ field, date, problem: 'outside_year', zh: `日期不在 ${input.year} 年内`, en: `Date outside ${input.year}` });
      if (seen.has(date)) add({ field, date, problem: 'duplicate', zh: '日期重复', en: 'Listed twice' });
      seen.add(date);
      // Make-up working days (调休) are by definition weekend days; listing a weekday is a mistake.
      // Days off may be weekend days: a statutory holiday falling on a weekend is still listed.
      if (field === 'work' && !isWeekend(date)) {
        add({ field, date, problem: 'make_up_day_not_weekend', zh: '调休上班日须为周六或周日', en: 'A make-up working day must be a Saturday or Sunday' });
      }
    }
    return seen;
  };
  const off = checkList('off', input.off);
  const work = checkList('work', input.work);
  for (const date of off) {
    if (work.has(date)) add({ field: 'work', date, problem: 'in_both_lists', zh: '同一日期不能既放假又上班', en: 'A date cannot be both off and a working day' });
  }
  if (input.divisionCode === PROVINCE_DIVISION) {
    // A province-wide arrangement replaces the whole year: an empty or New-Year-less list is
    // almost certainly the wrong year or a truncated paste, and would silently settle the year.
    if (input.off.length === 0) add({ field: 'off', problem: 'empty', zh: '全省安排须列出放假日期', en: 'A province-wide arrangement must list its days off' });
    else if (!off.has(`${input.year}-01-01`)) {
      add({ field: 'off', date: `${input.year}-01-01`, problem: 'new_year_missing', zh: '全省安排须包含元旦（1月1日）', en: 'A province-wide arrangement must include New Year’s Day (1 January)' });
    }
  } else if (input.off.length === 0 && input.work.length === 0) {
    add({ field: 'off', problem: 'empty', zh: '地方调整须至少列出一个日期', en: 'A local override must list at least one date' });
  }
  return problems;
}
