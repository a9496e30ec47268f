// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters, the last a mod-31 check character.
// Only the overall structure and the final check character are verified; the embedded organisation code's own
// check character (GB 11714, position 17) and the registration-authority/type codes are not.

// Code characters in value order: digits, then capitals without I, O, Z, S, V (easily confused with 1, 0, 2, 5, U).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const VALID = /^[0-9A-HJ-NP-RTUW-Y]+$/;

export type UsccResult = { ok: true } | { ok: false; reason: 'length' | 'charset' | 'check_digit' };

/** Check character for the first 17 characters. Throws on malformed input: callers build codes, they must be valid. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17 || !VALID.test(first17)) throw new Error(`not 17 USCC characters: ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check];
}

/**
 * Strict: no trimming or case folding, so a stored value always equals what was validated. Run user input through
 * normaliseUscc first.
 */
export function validateUscc(code: string): UsccResult {
  if (code.length !== 18) return { ok: false, reason: 'length' };
  if (!VALID.test(code)) return { ok: false, reason: 'charset' };
  return usccCheckChar(code.slice(0, 17)) === code[17] ? { ok: true } : { ok: false, reason: 'check_digit' };
}

/** Trims, removes inner whitespace, and upper-cases (people type codes with spaces and in lower case). */
export function normaliseUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Appends the check character; for demo data and tests. */
export function makeUscc(first17: string): string {
  return first17 + usccCheckChar(first17);
}
