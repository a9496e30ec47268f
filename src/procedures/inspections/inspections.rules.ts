import { canonicalJson, digestOf, hashBytes, type HashAlg } from '../../platform/crypto/hash.js';
import { getDivision } from '../../platform/jurisdictions/divisions.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';

/**
 * Pure rules of supervision and inspection (art. 29): the checklist of art. 29 (1)–(6), which
 * registry findings pre-fill which item, the reproducible 双随机 draw, order numbers and the fact
 * "failed to correct within the time limit" that the penalty articles (32–34) depend on.
 */

// ---- The checklist of art. 29 -----------------------------------------------------------------------

export const CHECKLIST_ITEMS = [1, 2, 3, 4, 5, 6] as const;
export type ChecklistItemNo = (typeof CHECKLIST_ITEMS)[number];
export const ITEM_RESULTS = ['pending', 'ok', 'problem', 'na'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

/**
 * @article 29 — the six items of supervision and inspection, each with the article an inspector
 * cites by default when it finds a problem there (item (6) has none: "other matters according to
 * law" must name its own).
 */
export const ITEM_DEFS: Record<ChecklistItemNo, { zh: string; en: string; article: string | null }> = {
  1: { zh: '公共区域和技防重点单位技防系统安装情况', en: 'Installation of technical prevention systems in public areas and key units', article: '9' },
  2: { zh: '已安装技防系统的方案审核、检验、竣工验收等情况', en: 'Scheme review, testing and acceptance of installed systems', article: '17' },
  3: { zh: '技防系统建设是否符合相关标准和技术规范', en: 'Construction complies with the relevant standards and specifications', article: '12' },
  4: { zh: '技防系统运行和采集信息保存情况', en: 'Operation of the system and retention of the information acquired', article: '20' },
  5: { zh: '建设或者使用单位落实技防管理相关制度情况', en: 'The building or using unit implements its technical prevention management duties', article: '21' },
  6: { zh: '依法需要监督检查的其他事项', en: 'Other matters subject to supervision and inspection by law', article: null },
};

/**
 * @article 29 — which checklist item a registry finding belongs to, by the article it cites:
 * 9 (should install) and 13 (quality certificates of the equipment installed) → (1) installation;
 * 8 (public area installed without authorisation) → (1) installation too;
 * 17 and 19 (scheme approval, acceptance) → (2);
 * 12 (standards) and 11 (alarm-centre interface, a technical requirement of the system) → (3);
 * 20 (retention of footage) → (4);
 * 21 (the using unit's duties) and 7 (signage, a duty of the using unit) → (5);
 * 22, 10 (privacy) and anything else → (6) other matters.
 */
export function itemForArticle(article: string): ChecklistItemNo {
  const main = article.split(/[(（]/)[0]!.trim();
  switch (main) {
    case '8':
    case '9':
    case '13':
      return 1;
    case '17':
    case '19':
      return 2;
    case '11':
    case '12':
      return 3;
    case '20':
      return 4;
    case '7':
    case '21':
      return 5;
    default:
      return 6;
  }
}

export interface FindingFact {
  id: string;
  rule: string;
  article: string;
  detail: string | null;
}

export interface ChecklistEntry {
  item: ChecklistItemNo;
  result: ItemResult;
  /** What the registry's open findings suggest ('problem' when there are any), for the inspector to confirm. */
  suggested: 'problem' | null;
  observation: string | null;
  /** The violated article when the result is a problem (default: the first pre-filling finding's, else the item's). */
  article: string | null;
  prefill: { findingId: string; rule: string; article: string; detail: string | null }[];
  recordedAt: string | null;
  recordedBy: string | null;
}

/** @article 29 — a fresh checklist, each item pre-filled from the site's open findings of its articles. */
export function prefillChecklist(findings: readonly FindingFact[]): ChecklistEntry[] {
  return CHECKLIST_ITEMS.map((item) => {
    const mine = findings
      .filter((f) => itemForArticle(f.article) === item)
      .sort((a, b) => (a.article === b.article ? (a.rule < b.rule ? -1 : 1) : a.article < b.article ? -1 : 1));
    return {
      item,
      result: 'pending' as const,
      suggested: mine.length ? ('problem' as const) : null,
      observation: null,
      article: mine[0]?.article ?? ITEM_DEFS[item].article,
      prefill: mine.map((f) => ({ findingId: f.id, rule: f.rule, article: f.article, detail: f.detail })),
      recordedAt: null,
      recordedBy: null,
    };
  });
}

/** @article 29 — an inspection is complete only when every item is confirmed (ok, problem or not applicable). */
export function checklistComplete(list: readonly ChecklistEntry[]): boolean {
  return CHECKLIST_ITEMS.every((i) => list.some((e) => e.item === i && e.result !== 'pending'));
}

/** A plausible article reference: "20", "34(4)", "9", "行政许可法32" — short, no markup. */
export function isArticleRef(value: string): boolean {
  return /^[\p{L}\d()（）]{1,20}$/u.test(value);
}

// ---- The 双随机 draw ---------------------------------------------------------------------------------

/**
 * The draw's algorithm name, stored with it: the hash in counter mode is the random stream,
 * Fisher–Yates with rejection sampling shuffles. A later change of algorithm gets a new name, so
 * old draws still reproduce with the old one.
 */
export function drawAlgName(alg: HashAlg): string {
  return `${alg}-ctr-fisher-yates-v1`;
}

export function hashOfDrawAlg(name: string): HashAlg | null {
  if (name === 'sm3-ctr-fisher-yates-v1') return 'sm3';
  if (name === 'sha256-ctr-fisher-yates-v1') return 'sha256';
  return null;
}

/** A deterministic stream of 32-bit words: H(seed ":" label ":" counter), counter = 0, 1, 2, … */
function wordStream(alg: HashAlg, seed: string, label: string): () => number {
  let counter = 0;
  let block: Uint8Array = new Uint8Array(0);
  let pos = 0;
  return () => {
    if (pos + 4 > block.length) {
      block = hashBytes(alg, `${seed}:${label}:${counter++}`);
      pos = 0;
    }
    const w = ((block[pos]! << 24) | (block[pos + 1]! << 16) | (block[pos + 2]! << 8) | block[pos + 3]!) >>> 0;
    pos += 4;
    return w;
  };
}

/** A uniform integer in [0, n) without modulo bias (words above the last full multiple of n are redrawn). */
function uniformBelow(next: () => number, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const w = next();
    if (w < limit) return w % n;
  }
}

/** Fisher–Yates over a copy, driven by the labelled stream. */
export function seededShuffle<T>(alg: HashAlg, seed: string, label: string, items: readonly T[]): T[] {
  const out = [...items];
  const next = wordStream(alg, seed, label);
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformBelow(next, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Ids in the one order the draw uses: plain code-unit order, not locale order. */
export function sortedIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The digest of a candidate list (sorted ids, canonical JSON): stored with the draw and in its ledger entry. */
export function candidatesDigest(ids: readonly string[], alg: HashAlg): string {
  return digestOf(sortedIds(ids), alg);
}

export interface DrawInput {
  seed: string;
  alg: HashAlg;
  siteIds: readonly string[];
  officerIds: readonly string[];
  targetCount: number;
  inspectorsPerTarget: number;
}

export interface DrawnTarget {
  siteId: string;
  inspectorIds: string[];
}

/**
 * @article 29 — the 双随机 draw: random targets from the candidate sites, and for each target its
 * inspectors at random from the unit's officers. A pure function of the seed and the (sorted)
 * candidate lists: the same inputs always give the same result, so an auditor reproduces it.
 */
export function reproduceDraw(input: DrawInput): DrawnTarget[] {
  const sites = sortedIds(input.siteIds);
  const officers = sortedIds(input.officerIds);
  const targets = seededShuffle(input.alg, input.seed, 'targets', sites).slice(0, Math.max(0, input.targetCount));
  return targets.map((siteId, i) => ({
    siteId,
    inspectorIds: sortedIds(seededShuffle(input.alg, input.seed, `inspectors:${i}`, officers).slice(0, Math.max(0, input.inspectorsPerTarget))),
  }));
}

/** Equal draws (same targets in the same order, same inspectors). */
export function sameDraw(a: readonly DrawnTarget[], b: readonly DrawnTarget[]): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export const SEED_PATTERN = /^[0-9a-f]{64}$/;

// ---- Rectification orders ---------------------------------------------------------------------------

export const ORDER_STATUSES = ['issued', 'reported', 'corrected', 'failed', 'lapsed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** @article 29 — the default time limit: 10 working days (a setting of the order; the inspector may choose). */
export const DEFAULT_ORDER_DAYS = 10;
export const DEFAULT_ORDER_DAY_KIND = 'working' as const;
export const MAX_ORDER_DAYS = 180;

export interface OrderFacts {
  status: OrderStatus | string;
  dueDate: string;
  reportedOn: string | null;
}

/**
 * @article 32 @article 33 @article 34 — "fails to make corrections within the time limit": true
 * when the deadline has passed and the correction was not reported by the due date (and verified),
 * or the re-inspection found it not corrected. A report made in time but not yet re-inspected is
 * not a failure (the unit did what it had to do by the date); a correction reported late, even
 * if verified afterwards, was not made within the time limit.
 */
export function rectificationFailed(order: OrderFacts, today: string): boolean {
  switch (order.status) {
    case 'failed':
    case 'lapsed':
      return true;
    case 'issued':
      return today > order.dueDate;
    case 'reported':
    case 'corrected':
      return !!order.reportedOn && order.reportedOn > order.dueDate;
    default:
      return false;
  }
}

/** @article 29 — an order lapses the day after its due date when no correction was reported. */
export function orderLapsed(order: OrderFacts, today: string): boolean {
  return order.status === 'issued' && today > order.dueDate;
}

/** The ASCII-safe, unique number: `RO-<division of the issuing unit>-<year>-<seq, 4 digits>`. */
export function orderNumber(policeUnitId: string, year: number, seq: number): string {
  const unit = getPoliceUnit(policeUnitId);
  const area = unit?.divisionCode ?? policeUnitId.replace(/[^A-Za-z0-9]/g, '');
  return `RO-${area}-${year}-${String(seq).padStart(4, '0')}`;
}

/** Short names (简称) of Guangdong's cities as used in document numbers. */
const CITY_SHORT: Record<string, string> = {
  '440100': '穗',
  '440200': '韶',
  '440300': '深',
  '440400': '珠',
  '440500': '汕',
  '440600': '佛',
  '440700': '江',
  '440800': '湛',
  '440900': '茂',
  '441200': '肇',
  '441300': '惠',
  '441400': '梅',
  '441500': '汕尾',
  '441600': '河',
  '441700': '阳',
  '441800': '清',
  '441900': '莞',
  '442000': '中',
  '445100': '潮',
  '445200': '揭',
  '445300': '云',
};

/**
 * The document number as printed, e.g. `穗天公技整字〔2026〕第3号` for the Tianhe sub-bureau:
 * city short name, the county's first character, 公技整字 (public security, technical prevention,
 * rectification), the year in 〔〕 and the sequence. The province is 粤.
 */
export function orderDisplayNumber(policeUnitId: string, year: number, seq: number): string {
  const unit = getPoliceUnit(policeUnitId);
  let prefix = '粤';
  if (unit && unit.level !== 'province') {
    const city = unit.level === 'city' ? unit.divisionCode : unit.parentId?.replace(/^PSB-/, '');
    prefix = (city && CITY_SHORT[city]) ?? '粤';
    if (unit.level === 'county') {
      const county = unit.divisionCode ? getDivision(unit.divisionCode) : undefined;
      // Functional sub-bureaux (rail transit, new districts) take the first character of their own name's distinctive part.
      const own = county && unit.divisionCode !== unit.parentId?.replace(/^PSB-/, '') && unit.id === `PSB-${county.code}` ? county.name : unit.name.replace(/^.*公安局/, '');
      prefix += own.charAt(0);
    }
  }
  return `${prefix}公技整字〔${year}〕第${seq}号`;
}
