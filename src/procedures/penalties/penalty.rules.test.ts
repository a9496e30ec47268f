import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import {
  PARTY_TYPES,
  PENALTY_ARTICLES,
  assertCovers,
  assertNoPenaltyJustified,
  assertPreconditions,
  bandOf,
  bandsOf,
  checkAmount,
  finableParties,
  hearingDue,
  legalBasisZh,
  maskName,
  provisionFor,
  rangeFor,
  type PartyType,
  type PenaltyArticle,
} from './penalty.rules.js';

/** The decoded ranges (shared/regulation/README.md), written out independently of the rules table. */
const EXPECTED: [PenaltyArticle, PartyType, boolean, number, number][] = [
  ['32', 'individual', false, 500, 1_000],
  ['32', 'unit', false, 5_000, 30_000],
  ['32', 'responsible', false, 200, 500],
  ['33', 'unit', false, 5_000, 30_000],
  ['33', 'unit', true, 20_000, 100_000],
  ['33', 'responsible', true, 5_000, 10_000],
  ['34', 'unit', false, 2_000, 10_000],
  ['34', 'responsible', false, 200, 500],
  ['35', 'unit', false, 10_000, 30_000],
  ['35', 'individual', false, 10_000, 30_000],
  ['36', 'unit', false, 10_000, 30_000],
  ['37', 'unit', false, 10_000, 30_000],
  ['37', 'individual', false, 2_000, 10_000],
  ['38', 'unit', false, 10_000, 30_000],
  ['38', 'individual', false, 500, 1_000],
];

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('penalty ranges (art. 32–38)', () => {
  for (const [article, party, serious, min, max] of EXPECTED) {
    const label = `art. ${article} ${party}${serious ? ' (serious consequences)' : ''} ${min}–${max}`;
    it(`${label}: at min, at max and inside are accepted`, () => {
      for (const amount of [min, max, Math.round((min + max) / 2), min + 1, max - 1]) {
        expect(checkAmount(article, party, amount, { serious }).range).toEqual({ min, max });
      }
    });
    it(`${label}: below and above are refused citing art. ${article}`, () => {
      for (const amount of [min - 1, max + 1, 0, max * 10]) {
        const e = refusal(() => checkAmount(article, party, amount, { serious }));
        expect(e.code).toBe('PENALTY_AMOUNT_OUT_OF_RANGE');
        expect(e.article).toBe(article);
        expect(e.extra).toMatchObject({ min, max, amount, partyType: party });
      }
    });
  }

  it('has exactly the decoded parties per article: others are not finable', () => {
    for (const article of PENALTY_ARTICLES) {
      for (const serious of [false, true]) {
        for (const party of PARTY_TYPES) {
          const expected = EXPECTED.find(([a, p, s]) => a === article && p === party && s === (serious && article === '33'));
          const range = rangeFor(article, party, { serious });
          expect(range, `${article} ${party} ${serious}`).toEqual(expected ? { min: expected[3], max: expected[4] } : null);
          if (!expected) expect(refusal(() => checkAmount(article, party, 1_000, { serious })).code).toBe('PENALTY_PARTY_NOT_FINABLE');
        }
      }
    }
    expect(finableParties('33')).toEqual(['unit']);
    expect(finableParties('33', { serious: true })).toEqual(['unit', 'responsible']);
  });

  it('refuses ¥35,000 for a unit under art. 32 citing art. 32 (done-when)', () => {
    const e = refusal(() => checkAmount('32', 'unit', 35_000));
    expect(e.code).toBe('PENALTY_AMOUNT_OUT_OF_RANGE');
    expect(e.article).toBe('32');
    expect(e.status).toBe(422);
  });

  it('refuses fractions of a yuan', () => {
    expect(refusal(() => checkAmount('34', 'unit', 2000.5)).code).toBe('PENALTY_INPUT_INVALID');
  });

  it('maps violated articles to the penalty article and item', () => {
    const cases: [string, PenaltyArticle, string | null][] = [
      ['8', '32', '(1)'], ['10', '32', '(2)'], ['9', '33', null], ['11', '34', '(1)'], ['12', '34', '(2)'], ['13', '34', '(3)'],
      ['20', '34', '(4)'], ['21', '34', '(5)'], ['22', '34', '(6)'], ['14', '35', null], ['16', '35', null], ['17', '36', null],
      ['19', '36', null], ['23', '37', null], ['24', '38', null],
    ];
    for (const [violated, article, item] of cases) expect(provisionFor(violated)).toEqual({ article, item });
    expect(provisionFor('29')).toBeNull();
    expect(assertCovers('34', '20').item).toBe('(4)');
    expect(refusal(() => assertCovers('32', '20')).code).toBe('PENALTY_INPUT_INVALID');
  });
});

describe('discretion bands', () => {
  it('splits a range in thirds by default', () => {
    expect(bandsOf({ min: 2_000, max: 10_000 })).toEqual({
      mild: { min: 2_000, max: 4_666 },
      general: { min: 4_667, max: 7_333 },
      serious: { min: 7_334, max: 10_000 },
    });
    expect(bandOf({ min: 2_000, max: 10_000 }, 8_000)).toBe('serious');
    expect(bandOf({ min: 2_000, max: 10_000 }, 2_000)).toBe('mild');
    expect(bandOf({ min: 2_000, max: 10_000 }, 5_000)).toBe('general');
    expect(checkAmount('34', 'unit', 8_000).band).toBe('serious');
  });
  it('follows the province’s cuts', () => {
    expect(bandOf({ min: 2_000, max: 10_000 }, 8_000, [0.5, 0.8])).toBe('general');
    expect(checkAmount('34', 'unit', 8_000, { cuts: [0.5, 0.8] }).band).toBe('general');
  });
});

describe('preconditions', () => {
  it('art. 32 and 34 fine only after a failed correction', () => {
    for (const a of ['32', '34'] as const) {
      const e = refusal(() => assertPreconditions(a, { correctionFailed: false, warningGiven: true }));
      expect([e.code, e.article]).toEqual(['PENALTY_CORRECTION_NOT_FAILED', a]);
      expect(() => assertPreconditions(a, { correctionFailed: true, warningGiven: false })).not.toThrow();
    }
  });
  it('art. 33 needs a warning first, then a failed correction (serious consequences: the warning only)', () => {
    expect(refusal(() => assertPreconditions('33', { correctionFailed: true, warningGiven: false })).code).toBe('PENALTY_WARNING_REQUIRED');
    expect(refusal(() => assertPreconditions('33', { correctionFailed: false, warningGiven: true })).code).toBe('PENALTY_CORRECTION_NOT_FAILED');
    expect(() => assertPreconditions('33', { correctionFailed: true, warningGiven: true })).not.toThrow();
    expect(() => assertPreconditions('33', { correctionFailed: false, warningGiven: true, serious: true })).not.toThrow();
    expect(refusal(() => assertPreconditions('33', { correctionFailed: true, warningGiven: false, serious: true })).code).toBe('PENALTY_WARNING_REQUIRED');
  });
  it('art. 35–38 have none', () => {
    for (const a of ['35', '36', '37', '38'] as const) expect(() => assertPreconditions(a, { correctionFailed: false, warningGiven: false })).not.toThrow();
  });
});

describe('hearing threshold (行政处罚法63)', () => {
  it('unit: at 10,000 due, below not', () => {
    expect(hearingDue('unit', 9_999, 0)).toBe(false);
    expect(hearingDue('unit', 10_000, 0)).toBe(true);
    expect(hearingDue('unit', 10_001, 0)).toBe(true);
    expect(hearingDue('unit', 8_000, 0)).toBe(false);
  });
  it('individuals and responsible persons: at 2,000 due, below not', () => {
    for (const p of ['individual', 'responsible'] as const) {
      expect(hearingDue(p, 1_999, 0)).toBe(false);
      expect(hearingDue(p, 2_000, 0)).toBe(true);
      expect(hearingDue(p, 2_001, 0)).toBe(true);
    }
  });
  it('a large confiscation counts; thresholds are configurable', () => {
    expect(hearingDue('unit', 0, 10_000)).toBe(true);
    expect(hearingDue('unit', 8_000, 0, { unit: 5_000, individual: 1_000 })).toBe(true);
  });
});

describe('no penalty (行政处罚法33) and publication text', () => {
  it('needs a first violation, the correction date and written reasons', () => {
    expect(refusal(() => assertNoPenaltyJustified({ firstViolation: true, correctedOn: '2026-03-01', reasons: '' })).article).toBe('行政处罚法33');
    expect(refusal(() => assertNoPenaltyJustified({ firstViolation: false, correctedOn: '2026-03-01', reasons: '初次违法且已及时改正，危害后果轻微' })).code).toBe('PENALTY_JUSTIFICATION_REQUIRED');
    expect(refusal(() => assertNoPenaltyJustified({ firstViolation: true, correctedOn: null, reasons: '初次违法且已及时改正，危害后果轻微' })).code).toBe('PENALTY_JUSTIFICATION_REQUIRED');
    expect(() => assertNoPenaltyJustified({ firstViolation: true, correctedOn: '2026-03-01', reasons: '初次违法且已及时改正，危害后果轻微' })).not.toThrow();
  });
  it('masks individuals and prints the legal basis', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(legalBasisZh('34', '20', '(4)')).toBe('违反《广东省安全技术防范管理实施办法》第二十条，依据第三十四条第（四）项');
    expect(legalBasisZh('36', '17', null)).toBe('违反《广东省安全技术防范管理实施办法》第十七条，依据第三十六条');
  });
});
