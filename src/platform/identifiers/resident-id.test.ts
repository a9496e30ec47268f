import { describe, it, expect } from 'vitest';
import {
  RESIDENT_ID_REASONS,
  makeResidentId,
  maskResidentId,
  normaliseResidentId,
  residentIdCheckChar,
  validateResidentId,
} from './resident-id.js';

const TODAY = '2026-03-02';

// Numbers below are built with makeResidentId from invented bodies; none is a real person's. The two examples
// printed in GB 11643-1999 itself pin the algorithm independently of our own code.
const VALID = [
  makeResidentId('44010619900101001'), // Guangzhou Tianhe, ordinary date
  makeResidentId('44030520000229002'), // leap day in a leap century year
  makeResidentId('44190019851231003'), // Dongguan (no county level: 441900)
  makeResidentId('81000019700615004'), // Hong Kong residents' residence permit prefix
  makeResidentId(`440106${TODAY.replace(/-/g, '')}005`), // born today
  makeResidentId('44010619000101006'), // earliest accepted date
];

describe('residentIdCheckChar', () => {
  it.each([
    ['11010519491231002', 'X'], // GB 11643-1999 example
    ['44052418800101001', '4'], // GB 11643-1999 example
  ])('matches the standard’s example %s → %s', (body, check) => {
    expect(residentIdCheckChar(body)).toBe(check);
  });

  it('maps every residue to its character, X for 10', () => {
    // Vary the last body digit (weight 2): each step moves the sum by 2, covering all residues mod 11 in 11 steps
    // across two bodies; collect the characters produced and expect all eleven.
    const seen = new Set<string>();
    for (let a = 0; a <= 9; a++) for (let b = 0; b <= 9; b++) seen.add(residentIdCheckChar(`440106199001010${a}${b}`));
    expect([...seen].sort().join('')).toBe('0123456789X');
  });

  it.each(['4401061990010100', '440106199001010011', '4401061990010100X'])('throws for malformed body %j', (body) => {
    expect(() => residentIdCheckChar(body)).toThrow();
  });
});

describe('validateResidentId', () => {
  it.each(VALID)('accepts %s', (id) => {
    expect(validateResidentId(id, TODAY)).toEqual({ ok: true });
  });

  it('accepts a number whose check character is X', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({ ok: true });
  });

  const good = makeResidentId('44010619900101001');
  const withCheck = (body: string) => body + residentIdCheckChar(body); // valid check char, so the other fault shows

  it.each([
    ['', 'length'],
    [good.slice(0, 17), 'length'],
    [`${good}1`, 'length'],
    [good.slice(0, 15), 'length'], // first-generation 15-digit numbers are no longer valid
    [`${good.slice(0, 17)}x`, 'charset'], // strict: normalise first
    [` ${good.slice(1)}`, 'charset'],
    ['4401061990010100X1', 'charset'], // X only as the check character
    ['44010619900101A011', 'charset'],
    [withCheck('00010619900101001'), 'area_code'],
    [withCheck('99010619900101001'), 'area_code'],
    [withCheck('44000619900101001'), 'area_code'], // county part without a prefecture
    [withCheck('44010619900230001'), 'birth_date'], // 30 February
    [withCheck('44010619000229001'), 'birth_date'], // 1900 is not a leap year
    [withCheck('44010619901301001'), 'birth_date'], // month 13
    [withCheck('44010618991231001'), 'birth_date'], // before 1900
    [withCheck('44010620260303001'), 'birth_date_future'], // tomorrow
    [withCheck('44010621000101001'), 'birth_date_future'],
    [`${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`, 'check_digit'],
  ] as const)('rejects %j as %s', (id, reason) => {
    expect(validateResidentId(id, TODAY)).toEqual({ ok: false, reason });
  });

  it('detects any single-digit change in the body (MOD 11-2 property)', () => {
    for (let i = 14; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[i]) continue;
        const changed = good.slice(0, i) + d + good.slice(i + 1);
        expect(validateResidentId(changed, TODAY)).toEqual({ ok: false, reason: 'check_digit' });
      }
    }
  });

  it('detects adjacent transpositions of different digits', () => {
    const id = makeResidentId('44010619900101937');
    const swapped = `${id.slice(0, 14)}${id[15]}${id[14]}${id.slice(16)}`; // 9 and 3 swapped in the sequence
    expect(validateResidentId(swapped, TODAY)).toEqual({ ok: false, reason: 'check_digit' });
  });

  it('has a Chinese and an English message for every reason', () => {
    for (const [, m] of Object.entries(RESIDENT_ID_REASONS)) {
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en.length).toBeGreaterThan(10);
    }
  });
});

describe('normaliseResidentId', () => {
  it.each([
    ['11010519491231002x', '11010519491231002X'],
    [' 110105 19491231 002X ', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'], // full-width input method
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
  ])('normalises %j', (input, expected) => {
    expect(normaliseResidentId(input)).toBe(expected);
    expect(validateResidentId(normaliseResidentId(input), TODAY)).toEqual({ ok: true });
  });
});

describe('maskResidentId', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskResidentId('440106199001011234')).toBe('440***********1234');
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X');
  });

  it('never reveals the birth date', () => {
    const masked = maskResidentId(makeResidentId('44010619900101001'));
    expect(masked).not.toContain('1990');
    expect(masked).toHaveLength(18);
  });

  it.each(['', '4401', '4401061990010'])('masks short values entirely: %j', (v) => {
    expect(maskResidentId(v)).toBe('*'.repeat(v.length));
  });
});
