import { AppError, refuse } from '../../platform/http/errors.js';

/**
 * The penalty articles of the Measures (art. 32–38) as data, decoded as in
 * `shared/regulation/README.md`: which violated articles each covers, who may be fined and within
 * which range (RMB yuan, both ends inclusive — 以上/以下), and what must come first (a correction that
 * failed, a warning). Pure: no clock, no database. The workflow asks these functions; the web shows
 * what they answer (through `GET /api/penalty-rules` and `/assess`).
 */

export const PENALTY_ARTICLES = ['32', '33', '34', '35', '36', '37', '38'] as const;
export type PenaltyArticle = (typeof PENALTY_ARTICLES)[number];

/** unit = the unit (单位); individual = a natural person acting for themself; responsible = the unit's
 * person in charge or another directly responsible person (直接负责的主管人员和其他直接责任人员). */
export const PARTY_TYPES = ['unit', 'individual', 'responsible'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

export interface Range {
  min: number;
  max: number;
}

/**
 * - failed_correction: ordered to correct within a time limit; fined only if not corrected (32, 34);
 * - warning_then_failed_correction: a warning and an order first; fined only if not corrected (33);
 * - none: the order to correct and the fine come together (35–38).
 */
export type Precondition = 'failed_correction' | 'warning_then_failed_correction' | 'none';

export interface Violation {
  /** The item of the penalty article, e.g. "(4)"; null when the article has no items. */
  item: string | null;
  /** The article of the Measures that was violated. */
  violated: string;
  zh: string;
  en: string;
}

export interface PenaltyProvision {
  article: PenaltyArticle;
  violations: readonly Violation[];
  fines: Partial<Record<PartyType, Range>>;
  /** Art. 33: the ranges when serious consequences were caused (replace `fines`). */
  serious?: Partial<Record<PartyType, Range>>;
  precondition: Precondition;
  /** Art. 35: illegal income is confiscated besides the fine. */
  confiscation: boolean;
  zh: string;
  en: string;
}

export const PENALTY_PROVISIONS: Readonly<Record<PenaltyArticle, PenaltyProvision>> = {
  '32': {
    article: '32',
    violations: [
      { item: '(1)', violated: '8', zh: '擅自在公共区域安装、使用技防产品或系统，或妨碍其正常运行', en: 'Installing or using technical prevention in a public area without authorisation, or hindering its operation' },
      { item: '(2)', violated: '10', zh: '利用技防产品或系统危害安全、侵犯合法权益，或在涉及隐私的场所安装视音频采集设备', en: 'Using technical prevention to endanger security or infringe rights, or installing video/audio capture where privacy is involved' },
    ],
    fines: { individual: { min: 500, max: 1_000 }, unit: { min: 5_000, max: 30_000 }, responsible: { min: 200, max: 500 } },
    precondition: 'failed_correction',
    confiscation: false,
    zh: '责令限期改正；逾期不改正的，对个人处五百元以上一千元以下罚款，对单位处五千元以上三万元以下罚款，对单位主管人员和其他直接责任人员可处二百元以上五百元以下罚款',
    en: 'Order to correct within a time limit; if not corrected: individual 500–1,000, unit 5,000–30,000, responsible persons 200–500',
  },
  '33': {
    article: '33',
    violations: [{ item: null, violated: '9', zh: '应当安装而未安装符合技防标准的技防产品或系统', en: 'Not installing the technical prevention products or systems required' }],
    fines: { unit: { min: 5_000, max: 30_000 } },
    serious: { unit: { min: 20_000, max: 100_000 }, responsible: { min: 5_000, max: 10_000 } },
    precondition: 'warning_then_failed_correction',
    confiscation: false,
    zh: '给予警告，责令限期改正；逾期不改正的，对单位处五千元以上三万元以下罚款；造成严重后果的，处二万元以上十万元以下罚款，对单位主管人员和其他直接责任人员处五千元以上一万元以下罚款',
    en: 'Warning and order to correct; if not corrected: unit 5,000–30,000; with serious consequences: unit 20,000–100,000 and responsible persons 5,000–10,000',
  },
  '34': {
    article: '34',
    violations: [
      { item: '(1)', violated: '11', zh: '技防系统未预留与报警中心、应急指挥系统联网的接口', en: 'No interface reserved to the alarm centre and emergency command system' },
      { item: '(2)', violated: '12', zh: '技防系统建设不符合有关标准和要求', en: 'Construction not meeting the standards and requirements' },
      { item: '(3)', violated: '13', zh: '主要设备和产品无相关质量证明', en: 'Main equipment and products without quality certificates' },
      { item: '(4)', violated: '20', zh: '技防系统所获取信息的存储时间不符合规定', en: 'Footage retention shorter than required' },
      { item: '(5)', violated: '21', zh: '技防系统建设或者使用单位未按规定履行职责', en: 'The building or using unit not performing its duties' },
      { item: '(6)', violated: '22', zh: '技防从业单位未按规定履行职责', en: 'A technical prevention company not performing its duties' },
    ],
    fines: { unit: { min: 2_000, max: 10_000 }, responsible: { min: 200, max: 500 } },
    precondition: 'failed_correction',
    confiscation: false,
    zh: '责令限期改正；逾期不改正的，对单位处二千元以上一万元以下罚款，对单位主管人员和其他直接责任人员可处二百元以上五百元以下罚款',
    en: 'Order to correct within a time limit; if not corrected: unit 2,000–10,000, responsible persons 200–500',
  },
  '35': {
    article: '35',
    violations: [
      { item: null, violated: '14', zh: '未取得资格证书或超越资质等级承接技防系统设计、施工、维修业务', en: 'Undertaking design, construction or maintenance without a certificate or above its level' },
      { item: null, violated: '16', zh: '省外从业单位未取得资格备案证明承接业务', en: 'An out-of-province company undertaking business without a record certificate' },
    ],
    fines: { unit: { min: 10_000, max: 30_000 }, individual: { min: 10_000, max: 30_000 } },
    precondition: 'none',
    confiscation: true,
    zh: '责令改正，没收违法所得，并处一万元以上三万元以下罚款',
    en: 'Order to correct, confiscate illegal income and fine 10,000–30,000',
  },
  '36': {
    article: '36',
    violations: [
      { item: null, violated: '17', zh: '技防系统设计方案未经审核即施工', en: 'Construction without an approved design scheme' },
      { item: null, violated: '19', zh: '技防系统未经验收即投入使用', en: 'Putting a system into use without acceptance' },
    ],
    fines: { unit: { min: 10_000, max: 30_000 } },
    precondition: 'none',
    confiscation: false,
    zh: '责令改正，对建设单位处一万元以上三万元以下罚款',
    en: 'Order to correct; construction unit fined 10,000–30,000',
  },
  '37': {
    article: '37',
    violations: [{ item: null, violated: '23', zh: '对公共区域、重点单位技防系统实施第二十三条所列行为', en: 'An act prohibited by art. 23 against a technical prevention system' }],
    fines: { unit: { min: 10_000, max: 30_000 }, individual: { min: 2_000, max: 10_000 } },
    precondition: 'none',
    confiscation: false,
    zh: '责令改正，对单位处一万元以上三万元以下罚款，对个人处二千元以上一万元以下罚款',
    en: 'Order to correct; unit 10,000–30,000, individual 2,000–10,000',
  },
  '38': {
    article: '38',
    violations: [{ item: null, violated: '24', zh: '实施第二十四条所列侵害技防系统所获取信息的行为', en: 'An act prohibited by art. 24 concerning information acquired by a system' }],
    fines: { unit: { min: 10_000, max: 30_000 }, individual: { min: 500, max: 1_000 } },
    precondition: 'none',
    confiscation: false,
    zh: '对单位处一万元以上三万元以下罚款，对个人处五百元以上一千元以下罚款',
    en: 'Unit 10,000–30,000, individual 500–1,000',
  },
};

export function isPenaltyArticle(value: unknown): value is PenaltyArticle {
  return typeof value === 'string' && (PENALTY_ARTICLES as readonly string[]).includes(value);
}

/** @article 32–38 — the penalty article for a violated article (and item), e.g. 20 → 34 "(4)"; null when none applies. */
export function provisionFor(violated: string): { article: PenaltyArticle; item: string | null } | null {
  for (const p of Object.values(PENALTY_PROVISIONS)) {
    const v = p.violations.find((x) => x.violated === violated);
    if (v) return { article: p.article, item: v.item };
  }
  return null;
}

/** Refuse a violated article that the penalty article does not cover (e.g. art. 20 under 32). */
export function assertCovers(article: PenaltyArticle, violated: string): Violation {
  const v = PENALTY_PROVISIONS[article].violations.find((x) => x.violated === violated);
  if (!v) throw refuse('PENALTY_INPUT_INVALID', article, { reason: 'violated_article_not_covered', violated, covered: PENALTY_PROVISIONS[article].violations.map((x) => x.violated) });
  return v;
}

/** The range for a party under an article (art. 33 with serious consequences: its own ranges); null when none. */
export function rangeFor(article: PenaltyArticle, partyType: PartyType, opts: { serious?: boolean } = {}): Range | null {
  const p = PENALTY_PROVISIONS[article];
  const table = opts.serious && p.serious ? p.serious : p.fines;
  return table[partyType] ?? null;
}

/** The parties an article fines (with or without serious consequences). */
export function finableParties(article: PenaltyArticle, opts: { serious?: boolean } = {}): PartyType[] {
  return PARTY_TYPES.filter((t) => rangeFor(article, t, opts) !== null);
}

export type Band = 'mild' | 'general' | 'serious';
export const BANDS: readonly Band[] = ['mild', 'general', 'serious'];

/** Cuts as fractions of a range: the mild band ends at `cuts[0]`, the general band at `cuts[1]`. */
export type BandCuts = readonly [number, number];
export const DEFAULT_BAND_CUTS: BandCuts = [1 / 3, 2 / 3];

/** The discretion bands of a range (裁量基准), each [from, to] in whole yuan, inclusive. */
export function bandsOf(range: Range, cuts: BandCuts = DEFAULT_BAND_CUTS): Record<Band, Range> {
  const span = range.max - range.min;
  const c1 = Math.floor(range.min + span * cuts[0]);
  const c2 = Math.floor(range.min + span * cuts[1]);
  return { mild: { min: range.min, max: c1 }, general: { min: c1 + 1, max: c2 }, serious: { min: c2 + 1, max: range.max } };
}

/** Which band an amount within the range falls in. */
export function bandOf(range: Range, amount: number, cuts: BandCuts = DEFAULT_BAND_CUTS): Band {
  const b = bandsOf(range, cuts);
  if (amount <= b.mild.max) return 'mild';
  if (amount <= b.general.max) return 'general';
  return 'serious';
}

export interface AmountCheck {
  article: PenaltyArticle;
  partyType: PartyType;
  range: Range;
  band: Band;
  bands: Record<Band, Range>;
}

/**
 * @article 32–38 (the range of each) — refuse a fine outside its range, citing the penalty article (¥35,000 for a unit under art. 32 →
 * PENALTY_AMOUNT_OUT_OF_RANGE, article 32, range 5,000–30,000), or a party the article does not fine
 * (PENALTY_PARTY_NOT_FINABLE). Whole yuan only.
 */
export function checkAmount(article: PenaltyArticle, partyType: PartyType, amount: number, opts: { serious?: boolean; cuts?: BandCuts } = {}): AmountCheck {
  const range = rangeFor(article, partyType, opts);
  if (!range) throw refuse('PENALTY_PARTY_NOT_FINABLE', article, { partyType, serious: !!opts.serious });
  if (!Number.isInteger(amount)) throw new AppError('PENALTY_INPUT_INVALID', { zh: '罚款数额应为整数元', en: 'The fine must be whole yuan' }, { article });
  if (amount < range.min || amount > range.max) {
    throw refuse('PENALTY_AMOUNT_OUT_OF_RANGE', article, { partyType, amount, min: range.min, max: range.max, serious: !!opts.serious });
  }
  const cuts = opts.cuts ?? DEFAULT_BAND_CUTS;
  return { article, partyType, range, band: bandOf(range, amount, cuts), bands: bandsOf(range, cuts) };
}

/** Facts about what came before the fine (from the rectification order and the case). */
export interface PreconditionFacts {
  /** An order to correct within a time limit whose deadline has passed without a verified correction (helper N's `rectificationFailed`). */
  correctionFailed: boolean;
  /** A warning was given (art. 33). */
  warningGiven: boolean;
  serious?: boolean;
}

/**
 * @article 32, 33, 34 (逾期不改正的) — refuse a fine that the article allows only after something else: art. 32 and 34 only after a
 * failed correction within the time limit; art. 33 a warning first, and then a failed correction —
 * except where serious consequences were caused, which the article fines on its own ground
 * (逾期不改正的…；造成严重后果的…: two separate clauses; see docs/interpretations.md).
 */
export function assertPreconditions(article: PenaltyArticle, facts: PreconditionFacts): void {
  const p = PENALTY_PROVISIONS[article].precondition;
  if (p === 'none') return;
  if (p === 'warning_then_failed_correction') {
    if (!facts.warningGiven) throw refuse('PENALTY_WARNING_REQUIRED', article);
    if (facts.serious) return;
  }
  if (!facts.correctionFailed) throw refuse('PENALTY_CORRECTION_NOT_FAILED', article);
}

export interface HearingThresholds {
  individual: number;
  unit: number;
}
export const DEFAULT_HEARING_THRESHOLDS: HearingThresholds = { individual: 2_000, unit: 10_000 };

/**
 * Administrative Penalty Law art. 63: a party has the right to a hearing before a large fine (较大数额罚款)
 * or a large confiscation. Thresholds set by the province (defaults: individual ≥ 2,000, unit ≥ 10,000);
 * the unit's responsible persons are natural persons, so the individual threshold applies to them.
 */
export function hearingDue(partyType: PartyType, fineYuan: number, confiscationYuan: number, t: HearingThresholds = DEFAULT_HEARING_THRESHOLDS): boolean {
  const threshold = partyType === 'unit' ? t.unit : t.individual;
  return fineYuan >= threshold || confiscationYuan >= threshold;
}

/** APL art. 33(1): no penalty for a first, minor violation corrected in time — the officer must say why, in writing. */
export const NO_PENALTY_MIN_REASON_CHARS = 10;
export function assertNoPenaltyJustified(input: { firstViolation: boolean; correctedOn: string | null | undefined; reasons: string | null | undefined }): void {
  const reasons = (input.reasons ?? '').trim();
  if (!input.firstViolation || !input.correctedOn || reasons.length < NO_PENALTY_MIN_REASON_CHARS) {
    throw refuse('PENALTY_JUSTIFICATION_REQUIRED', '行政处罚法33', {
      firstViolation: !!input.firstViolation,
      correctedOn: input.correctedOn ?? null,
      minReasonChars: NO_PENALTY_MIN_REASON_CHARS,
    });
  }
}

/** A name for the public list: an individual's name masked to its first character (张** ), a unit's in full. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '*';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** The legal basis as printed: "《广东省安全技术防范管理实施办法》第二十条、第三十四条第（四）项". */
const ZH_NUM = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
export function zhArticle(n: string): string {
  const v = Number(n);
  if (!Number.isInteger(v) || v <= 0 || v >= 100) return n;
  const tens = Math.floor(v / 10);
  const ones = v % 10;
  const t = tens === 0 ? '' : tens === 1 ? '十' : `${ZH_NUM[tens]}十`;
  return `第${t}${ones === 0 ? '' : ZH_NUM[ones]}条`;
}

export function legalBasisZh(article: PenaltyArticle, violated: string, item: string | null): string {
  const itemZh = item ? `第（${ZH_NUM[Number(item.replace(/\D/g, ''))] ?? item}）项` : '';
  return `违反《广东省安全技术防范管理实施办法》${zhArticle(violated)}，依据${zhArticle(article)}${itemZh}`;
}
