// Citizen identity number (公民身份号码), GB 11643-1999: 6-digit address code (GB/T 2260), 8-digit birth date
// (YYYYMMDD), 3-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character (0–9 or X).
// The 15-digit first-generation numbers are not accepted: first-generation cards ceased to be valid on 2013-01-01.
//
// Only the structure is verified: a number that passes may still belong to nobody. The address code is checked for
// its shape (a real province-level prefix), not against the full GB/T 2260 table, because the code printed on a
// card is the one in force when it was issued and many have since been abolished or renumbered.
import { isCalendarDate } from '../calendar/dates.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for a weighted sum S: (12 − S mod 11) mod 11, with 10 written as X. */
const CHECK_CHARS = '10X98765432';

/**
 * Province-level prefixes (GB/T 2260): the 31 mainland provinces, Taiwan (71), and Hong Kong, Macao and Taiwan
 * (81, 82, 83) as used by the residence permits for their residents, which follow GB 11643.
 */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Earliest birth date accepted: anything earlier is a typo, not a living person. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

export type ResidentIdReason =
  | 'length'
  | 'charset'
  | 'area_code'
  | 'birth_date'
  | 'birth_date_future'
  | 'check_digit';

/** One message per failure, for forms and problem details (never echoing the number itself). */
export const RESIDENT_ID_REASONS: Readonly<Record<ResidentIdReason, { zh: string; en: string }>> = {
  length: { zh: '公民身份号码应为 18 位', en: 'A citizen identity number has 18 characters' },
  charset: { zh: '公民身份号码前 17 位应为数字，最后一位为数字或 X', en: 'The first 17 characters must be digits and the last a digit or X' },
  area_code: { zh: '公民身份号码的地址码无效', en: 'The address code (first 6 digits) is not a valid area code' },
  birth_date: { zh: '公民身份号码中的出生日期无效', en: 'The birth date (digits 7–14) is not a valid date' },
  birth_date_future: { zh: '公民身份号码中的出生日期晚于今天', en: 'The birth date (digits 7–14) is in the future' },
  check_digit: { zh: '公民身份号码校验码不正确，请核对', en: 'The check character does not match; please check the number' },
};

export type ResidentIdResult = { ok: true } | { ok: false; reason: ResidentIdReason };

/** ISO 7064 MOD 11-2 check character of the first 17 digits. Throws on malformed input: callers build numbers. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('not 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Strict: no trimming or case folding, so a stored value always equals what was validated (run user input through
 * normaliseResidentId first). `today` is the Asia/Shanghai calendar date (`clock.today()`): rules read no clock.
 * Structural faults are reported before the check character, so a typo in the date says "date", not "check digit".
 */
export function validateResidentId(id: string, today: string): ResidentIdResult {
  if (id.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'charset' };
  if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, reason: 'area_code' };
  // Prefecture part "00" with a non-zero county part has no meaning in GB/T 2260.
  if (id.slice(2, 4) === '00' && id.slice(4, 6) !== '00') return { ok: false, reason: 'area_code' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birth) || birth < EARLIEST_BIRTH_DATE) return { ok: false, reason: 'birth_date' };
  if (birth > today) return { ok: false, reason: 'birth_date_future' };
  return residentIdCheckChar(id.slice(0, 17)) === id[17] ? { ok: true } : { ok: false, reason: 'check_digit' };
}

/**
 * Removes all whitespace, turns full-width digits and letters into ASCII (NFKC: Chinese input methods produce
 * "４４０…Ｘ") and upper-cases the check character (people type a lower-case x).
 */
export function normaliseResidentId(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Display form: first 3 and last 4 characters, the rest as `*` (`440***********1234`), as PIPL practice and the
 * register screens expect. Anything too short to keep 7 characters hidden safely is masked entirely, so a malformed
 * value never leaks more than a well-formed one would.
 */
export function maskResidentId(id: string): string {
  const chars = [...id];
  if (chars.length < 14) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** Appends the check character; for demo data and tests (never real people's numbers). */
export function makeResidentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}
