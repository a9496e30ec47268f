import { AppError, refuse } from '../../platform/http/errors.js';
import { cityOf, getDivision } from '../../platform/jurisdictions/divisions.js';
import type { UndertakeAnswer } from '../qualification/certificate.rules.js';
import { PAUSE_REASONS, SCHEME_DOC_CLASSES, type PauseReason, type SchemeDocClass } from './projects.terms.js';

/**
 * Pure rules of the projects procedure (art. 14(2), 16, 17–19; GA/T 75; Administrative Licensing
 * Law arts. 32, 38). Each returns a value or throws a refusal naming its article.
 */

export type SiteType = 'key_unit' | 'public_area';
export type BuilderLevel = 'county' | 'city' | 'province';

export { SCHEME_DOC_CLASSES, type SchemeDocClass, PAUSE_REASONS, type PauseReason };

export const SCHEME_DOC_LABELS: Readonly<Record<SchemeDocClass, { zh: string; en: string }>> = {
  design_scheme: { zh: '设计方案', en: 'Design scheme' },
  bidding_documents: { zh: '招标文件', en: 'Bidding documents' },
  contracts: { zh: '合同', en: 'Contracts' },
  quality_certificates: { zh: '设备和产品质量证明', en: 'Equipment and product quality certificates' },
  construction_drawings: { zh: '施工图纸', en: 'Construction drawings' },
};

const PROVINCE_UNIT = 'PSB-440000';
const psb = (code: string) => `PSB-${code}`;

export interface SitePlace {
  siteType: string;
  divisionCode: string;
  builderLevel: string | null;
}

/**
 * The county-level bureau of a place: its county's unit; for a city without a county level
 * (Dongguan 441900, Zhongshan 442000) — or a site recorded at city level — the city bureau.
 */
export function countyBureauOf(divisionCode: string): string | null {
  const division = getDivision(divisionCode);
  if (!division) return null;
  if (division.level === 'county') return psb(division.code);
  // Dongguan and Zhongshan have no county level: their city bureau is the county-level organ too.
  // A site recorded at the level of a city with counties has no county to name: the city bureau.
  if (division.level === 'city') return psb(division.code);
  return null;
}

function cityBureauOf(divisionCode: string): string | null {
  const city = cityOf(divisionCode);
  return city ? psb(city.code) : null;
}

/**
 * @article 17 — the competent bureau that approves the design scheme, and (@article 19) accepts
 * the system: for a key unit, the county bureau where the site is (the city bureau where the city
 * has no county level); for a key public area, the bureau of the government one level above the
 * builder — a county builds → the city bureau; a city builds → the provincial department; the
 * province builds → the provincial department (there is no level above; documented choice).
 */
export function competentAuthority(place: SitePlace): string {
  if (!getDivision(place.divisionCode)) throw refuse('PROJECT_SITE_NOT_ALLOWED', '17', { divisionCode: place.divisionCode });
  if (place.siteType === 'key_unit') {
    const unit = countyBureauOf(place.divisionCode);
    if (!unit) throw refuse('PROJECT_SITE_NOT_ALLOWED', '17', { divisionCode: place.divisionCode });
    return unit;
  }
  if (place.siteType !== 'public_area') throw refuse('PROJECT_SITE_NOT_ALLOWED', '17');
  switch (place.builderLevel) {
    case 'county': {
      const unit = cityBureauOf(place.divisionCode);
      if (!unit) throw refuse('PROJECT_SITE_NOT_ALLOWED', '17', { divisionCode: place.divisionCode });
      return unit;
    }
    case 'city':
    case 'province':
      return PROVINCE_UNIT;
    default:
      // Art. 7: a key public area's system is built by a government of county level or above.
      throw refuse('PROJECT_SITE_NOT_ALLOWED', '7', { builderLevel: place.builderLevel });
  }
}

/**
 * @article 7 — who submits for a key public area: the police bureau of the builder government's
 * level where the site is (county → its county bureau; city → the city bureau; province → the
 * provincial department). Key units submit themselves (null here).
 */
export function applicantUnitFor(place: SitePlace): string | null {
  if (place.siteType !== 'public_area' || !getDivision(place.divisionCode)) return null;
  switch (place.builderLevel) {
    case 'county':
      return countyBureauOf(place.divisionCode);
    case 'city':
      return cityBureauOf(place.divisionCode);
    case 'province':
      return PROVINCE_UNIT;
    default:
      return null;
  }
}

export interface ScaleThresholds {
  scaleClass1Yuan: number;
  scaleClass2Yuan: number;
}

/**
 * GA/T 75 scale class: 1 when the investment reaches the first threshold (¥1,000,000) or the
 * site is a level-1 risk; 2 from the second (¥300,000); else 3. Thresholds are settings.
 */
export function scaleClass(investmentYuan: number, level1Risk: boolean, t: ScaleThresholds): 1 | 2 | 3 {
  if (level1Risk || investmentYuan >= t.scaleClass1Yuan) return 1;
  if (investmentYuan >= t.scaleClass2Yuan) return 2;
  return 3;
}

export type CompanyRole = 'designer' | 'builder';

export interface CompanyAnswer {
  role: CompanyRole;
  companyId: string;
  companyName: string;
  answer: UndertakeAnswer;
}

/** One company not (or no longer) able to undertake the project, as stored and shown. */
export interface EligibilityFlag {
  companyId: string;
  role: CompanyRole;
  reason: UndertakeAnswer['reason'];
  article: string;
  since: string;
}

/**
 * @article 14(2) — each company holds a certificate in force whose level covers the project's
 * scale; @article 16 — an out-of-province company a record certificate. Refuses naming every
 * company that fails and why; the article is the first failing company's.
 */
export function assertEligible(answers: readonly CompanyAnswer[]): void {
  const failing = answers.filter((a) => !a.answer.allowed);
  if (failing.length === 0) return;
  const companies = failing.map((f) => ({
    role: f.role,
    companyId: f.companyId,
    companyName: f.companyName,
    reason: f.answer.reason,
    article: f.answer.article,
    certificateNumber: f.answer.certificateNumber,
  }));
  const why = (f: CompanyAnswer) => `${f.role === 'designer' ? '设计单位' : '施工单位'}${f.companyName}：${REASON_ZH[f.answer.reason]}`;
  const whyEn = (f: CompanyAnswer) => `${f.role} ${f.companyName}: ${REASON_EN[f.answer.reason]}`;
  throw new AppError(
    'PROJECT_COMPANY_NOT_ELIGIBLE',
    { zh: failing.map(why).join('；'), en: failing.map(whyEn).join('; ') },
    { article: failing[0].answer.article, extra: { companies } },
  );
}

const REASON_ZH: Record<UndertakeAnswer['reason'], string> = {
  in_scope: '符合',
  beyond_level: '资质等级不能承接该规模的项目',
  no_certificate: '无有效资质证书（省外企业须备案）',
  expired: '资质证书已过期',
  revoked: '资质证书已被撤销',
};
const REASON_EN: Record<UndertakeAnswer['reason'], string> = {
  in_scope: 'in scope',
  beyond_level: 'its level does not cover a project of this scale',
  no_certificate: 'holds no certificate in force (out-of-province companies need a record)',
  expired: 'its certificate has expired',
  revoked: 'its certificate was revoked',
};

/**
 * @article 14(2), 16 — the flags a project should carry today: one per company whose certificate
 * no longer lets it undertake the project. A flag already raised keeps its `since` date.
 */
export function eligibilityFlags(answers: readonly CompanyAnswer[], previous: readonly EligibilityFlag[], today: string): EligibilityFlag[] {
  return answers
    .filter((a) => !a.answer.allowed)
    .map((a) => {
      const same = previous.find((p) => p.companyId === a.companyId && p.role === a.role && p.reason === a.answer.reason);
      return { companyId: a.companyId, role: a.role, reason: a.answer.reason, article: a.answer.article, since: same?.since ?? today };
    });
}

/** Flags equal as sets (by company, role and reason): nothing to record. */
export function sameFlags(a: readonly EligibilityFlag[], b: readonly EligibilityFlag[]): boolean {
  const key = (f: EligibilityFlag) => `${f.role}:${f.companyId}:${f.reason}`;
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

export interface NoticeItem {
  docClass: string | null;
  zh: string;
  en?: string;
}

/**
 * 行政许可法32 — the one notice lists everything missing at once: at least one item; blanks are
 * dropped and repeats (same class and text) merged.
 */
export function consolidateNotice(missing: readonly NoticeItem[]): NoticeItem[] {
  const seen = new Set<string>();
  const items: NoticeItem[] = [];
  for (const m of missing) {
    const zh = m.zh.trim();
    if (!zh) continue;
    const key = `${m.docClass ?? ''}|${zh}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const en = m.en?.trim();
    items.push({ docClass: m.docClass ?? null, zh, ...(en ? { en } : {}) });
  }
  if (items.length === 0) throw refuse('NOTICE_EMPTY', '行政许可法32');
  return items;
}

/** A refusal (not accepting, refusing the scheme or the acceptance) states its reasons (行政许可法38). */
export function assertReasons(reasons: string | null | undefined): string {
  const text = reasons?.trim() ?? '';
  if (!text) throw refuse('REASONS_REQUIRED', '行政许可法38');
  return text;
}

/** The five classes, each present or not, from the classes of the documents uploaded so far. */
export function schemeChecklist(uploadedClasses: readonly string[]): { docClass: SchemeDocClass; present: boolean }[] {
  const have = new Set(uploadedClasses);
  return SCHEME_DOC_CLASSES.map((docClass) => ({ docClass, present: have.has(docClass) }));
}

/** Project numbers: `XM-<division 6>-<year>-<sequence 5>` (ASCII, URL-safe, unique per division and year). */
export function projectNumberPrefix(divisionCode: string, year: string): string {
  return `XM-${divisionCode}-${year}-`;
}

export function projectNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(5, '0')}`;
}

