import { addDays, addYears, daysBetween } from '../../platform/calendar/dates.js';
import { AppError, refuse } from '../../platform/http/errors.js';

/**
 * Pure rules of art. 14–16 (numbers decoded in shared/regulation/README.md). Each takes `today`
 * and its thresholds as arguments and either returns a value or throws a refusal naming its
 * article. Certificate dates and statuses live in certificate.rules.ts.
 */
export type Level = 'I' | 'II' | 'III' | 'IV';
/** Highest first: I is the top level, IV the entry level. */
export const LEVELS: readonly Level[] = ['I', 'II', 'III', 'IV'];
export type ApplicationKind = 'first' | 'promotion' | 'renewal' | 'extension' | 'record';
export const APPLICATION_KINDS: readonly ApplicationKind[] = ['first', 'promotion', 'renewal', 'extension', 'record'];
export type Origin = 'guangdong' | 'out_of_province';

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** The level directly above `level`, or null for level I. */
export function nextLevelUp(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return i > 0 ? LEVELS[i - 1] : null;
}

/**
 * @article 16 — out-of-province companies file a record (备案) with the province instead of
 * applying for Guangdong levels; Guangdong-registered companies cannot file records.
 */
export function assertOriginAllows(kind: ApplicationKind, origin: Origin): void {
  if (kind === 'record' && origin !== 'out_of_province') throw refuse('RECORD_FILING_OUT_OF_PROVINCE_ONLY', '16');
  if (kind !== 'record' && origin === 'out_of_province') throw refuse('OUT_OF_PROVINCE_NEEDS_RECORD', '16');
}

/**
 * @article 15 — a first application is for level IV only, and only by a company that does not
 * already hold a current qualification certificate (it renews or is promoted instead).
 */
export function checkFirstApplication(targetLevel: Level | null | undefined, holdsCurrent: boolean): void {
  if (targetLevel !== 'IV') throw refuse('FIRST_APPLICATION_LEVEL_IV_ONLY', '15');
  if (holdsCurrent) throw refuse('ALREADY_QUALIFIED', '15');
}

export interface PromotionFacts {
  currentLevel: Level;
  /** First day of holding the current level (renewals at the same level do not reset it). */
  levelSince: string;
  targetLevel: Level | null | undefined;
  /** Ids of the target level's promotion checklist, as the province configured it. */
  requiredItems: readonly string[];
  /** The applicant's declaration, item id → met. */
  answers: Readonly<Record<string, boolean>>;
}

/**
 * @article 15 — promotion is exactly one level up, after at least `years` at the current level
 * (exactly one year is enough; 29 Feb + 1 year is 28 Feb, Civil Code art. 202), with every item of
 * the target level's checklist met.
 */
export function checkPromotion(f: PromotionFacts, today: string, years: number): void {
  if (!f.targetLevel || f.targetLevel !== nextLevelUp(f.currentLevel)) {
    throw refuse('PROMOTION_ONE_LEVEL_ONLY', '15', { currentLevel: f.currentLevel, allowedLevel: nextLevelUp(f.currentLevel) });
  }
  const earliest = addYears(f.levelSince, years);
  if (today < earliest) throw refuse('PROMOTION_TOO_EARLY', '15', { earliestDate: earliest });
  const missing = f.requiredItems.filter((id) => f.answers[id] !== true);
  if (missing.length > 0) throw refuse('PROMOTION_REQUIREMENTS_UNMET', '15', { missing });
}

/**
 * @article 15 — renewal (换证) and extension (延期) are filed in the `windowDays` days before
 * expiry: 31 days before is too early; the expiry day itself is the last day; after it the
 * application is not accepted (the translation lost the negation: "not accepted" when late).
 */
export function checkRenewalWindow(validTo: string, today: string, windowDays: number): void {
  const daysLeft = daysBetween(today, validTo);
  if (daysLeft < 0) throw refuse('RENEWAL_WINDOW_CLOSED', '15', { validTo });
  if (daysLeft > windowDays) throw refuse('RENEWAL_WINDOW_NOT_OPEN', '15', { opensOn: addDays(validTo, -windowDays) });
}

/**
 * @article 15 — an extension is filed in the renewal window and lasts at most `maxDays` in total
 * per certificate (earlier approved extensions of the same certificate count against it).
 */
export function checkExtension(
  validTo: string,
  today: string,
  req: { days: number | null | undefined; alreadyExtended: number },
  limits: { windowDays: number; maxDays: number },
): void {
  if (req.days == null || !Number.isInteger(req.days) || req.days < 1) {
    throw new AppError('VALIDATION_FAILED', { zh: '延期申请须填写延期天数', en: 'extensionDays (1–90) is required for an extension' });
  }
  checkRenewalWindow(validTo, today, limits.windowDays);
  const remaining = limits.maxDays - req.alreadyExtended;
  if (req.days > remaining) throw refuse('EXTENSION_TOO_LONG', '15', { maxDays: Math.max(remaining, 0) });
}

/**
 * @article 16 — record filing: the record certificate lasts one year; a company that holds a
 * current record certificate files again only in the window before it expires.
 */
export function checkRecordFiling(currentRecordValidTo: string | null, today: string, windowDays: number): void {
  if (currentRecordValidTo && daysBetween(today, currentRecordValidTo) > windowDays) {
    throw refuse('ALREADY_QUALIFIED', '16', { validTo: currentRecordValidTo });
  }
}

export interface Routing {
  /** Who decides and issues the certificate. */
  decider: 'city' | 'province';
  /** Who examines first (初审), or null. */
  examiner: 'city' | null;
}

/**
 * @article 14 — levels III and IV are decided by the city bureau of the place of registration;
 * levels I and II are examined by that city bureau, then decided by the province;
 * @article 16 — record filings are handled by the province.
 */
export function routeFor(kind: ApplicationKind, level: Level | null): Routing {
  if (kind === 'record') return { decider: 'province', examiner: null };
  if (level === 'I' || level === 'II') return { decider: 'province', examiner: 'city' };
  return { decider: 'city', examiner: null };
}

/** An open application blocks another of the same kind; renewal and extension exclude each other. */
export function assertNoConflictingApplication(
  open: readonly { kind: string }[],
  kind: ApplicationKind,
): void {
  const family = (k: string) => (k === 'renewal' || k === 'extension' ? 'renewal' : k);
  if (open.some((a) => family(a.kind) === family(kind))) throw new AppError('APPLICATION_PENDING');
}

export type ClockEvent = 'received' | 'accepted' | 'examined';
export type ClockKind = 'qualification.acceptance' | 'qualification.examination' | 'qualification.decision';

export interface ClockSpec {
  kind: ClockKind;
  article: string;
  days: number;
  /** Licensing Law art. 82: the periods an organ has for a licence are counted in working days. */
  dayKind: 'working';
  /** The police unit that must act by the due date (its officers' queue). */
  ownerUnitId: string;
}

/**
 * @article 行政许可法32, 42, 43, 82 — the clock an event starts, counted in working days from the
 * day after it: materials received (applied or supplemented) → the handling unit accepts or sends
 * its one notice within 5; accepted → the decision within 20, or for I/II the city's examination
 * within 20 (art. 43); examined → the province's own 20 for the decision.
 */
export function clockAfter(
  event: ClockEvent,
  units: { decidingUnitId: string; examiningUnitId: string | null },
  days: { acceptanceDays: number; decisionDays: number },
): ClockSpec {
  const decision = { kind: 'qualification.decision', article: '行政许可法42', days: days.decisionDays, dayKind: 'working', ownerUnitId: units.decidingUnitId } as const;
  switch (event) {
    case 'received':
      // Acceptance is by the unit the materials go to first (the examining city for I/II).
      return { kind: 'qualification.acceptance', article: '行政许可法32', days: days.acceptanceDays, dayKind: 'working', ownerUnitId: units.examiningUnitId ?? units.decidingUnitId };
    case 'accepted':
      return units.examiningUnitId
        ? { kind: 'qualification.examination', article: '行政许可法43', days: days.decisionDays, dayKind: 'working', ownerUnitId: units.examiningUnitId }
        : decision;
    case 'examined':
      return decision;
  }
}

/** The notice of missing materials lists at least one item; blanks are dropped, duplicates merged. */
export function consolidateNotice(missing: readonly string[]): string[] {
  const items = [...new Set(missing.map((m) => m.trim()).filter((m) => m.length > 0))];
  if (items.length === 0) throw refuse('NOTICE_EMPTY', '行政许可法32');
  return items;
}

/** A refusal states its reasons (Licensing Law art. 38(2)). */
export function assertReasons(approve: boolean, reasons: string | null | undefined): string | null {
  const text = reasons?.trim() ?? '';
  if (!approve && text.length === 0) throw refuse('REASONS_REQUIRED', '行政许可法38');
  return text.length > 0 ? text : null;
}
