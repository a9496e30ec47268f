import { describe, it, expect } from 'vitest';
import { makeUscc, normaliseUscc, usccCheckChar, validateUscc } from './uscc.js';

// Public codes printed on business licences. A wrong algorithm passes a real code with probability 1/31,
// so several independent ones passing is strong evidence the weights and alphabet are right.
const REAL = [
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['914403001922038216', '华为技术有限公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91110000802100433B', '北京百度网讯科技有限公司'],
] as const;

describe('validateUscc', () => {
  it.each(REAL)('accepts %s (%s)', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true });
  });

  it.each([
    ['91440300708461136A', 'check_digit'], // Tencent with the wrong final character
    ['914403001922038217', 'check_digit'],
    ['91440300708461163T', 'check_digit'], // two body digits transposed
    ['91440300708461136', 'length'],
    ['91440300708461136TT', 'length'],
    ['', 'length'],
    ['91440300708461136t', 'charset'], // strict: lower case is not normalised here
    [' 1440300708461136T', 'charset'],
    ['9144030070846113IT', 'charset'], // I, O, Z, S, V are never used
    ['9144030070846113OT', 'charset'],
    ['914403007084611365', 'check_digit'],
    ['91440300708461136Z', 'charset'],
    ['91440300708461136S', 'charset'],
  ] as const)('rejects %j as %s', (code, reason) => {
    expect(validateUscc(code)).toEqual({ ok: false, reason });
  });
});

describe('usccCheckChar / makeUscc', () => {
  it.each(REAL)('recomputes the check character of %s', (code) => {
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('maps a check value of 31 to "0" (weighted sum divisible by 31)', () => {
    // All zeros: sum 0 → 31 - 0 = 31 → '0'.
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('uses letters for check values above 9', () => {
    // '1' then zeros: sum 1 → 30 → 'Y', the last character of the alphabet.
    expect(usccCheckChar('10000000000000000')).toBe('Y');
    // Position 2 has weight 3: sum 3 → 28 → 'W' (T=26, U=27, W=28: no V).
    expect(usccCheckChar('01000000000000000')).toBe('W');
  });

  it('produces codes that validate', () => {
    for (const body of ['91440106MA5ABCDE1', '12440000455858588', '5144010000000000X']) {
      const code = makeUscc(body);
      expect(code).toHaveLength(18);
      expect(validateUscc(code)).toEqual({ ok: true });
    }
  });

  it.each(['9144030070846113', '91440300708461136T', '9144030070846113o'])('throws for malformed body %j', (body) => {
    expect(() => usccCheckChar(body)).toThrow();
  });
});

describe('normaliseUscc', () => {
  it.each([
    [' 91440300708461136t ', '91440300708461136T'],
    ['9144 0300 7084 6113 6T', '91440300708461136T'],
    ['91440300708461136T', '91440300708461136T'],
  ])('normalises %j', (input, expected) => {
    expect(normaliseUscc(input)).toBe(expected);
    expect(validateUscc(normaliseUscc(input))).toEqual({ ok: true });
  });
});
