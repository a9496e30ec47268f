import { addDays, addYears, daysBetween } from '../../platform/calendar/dates.js';
import type { Level } from './qualification.rules.js';

/** Pure rules about certificates: validity, status, succession, and what a holder may undertake. */
export type CertificateKind = 'qualification' | 'record';
export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'revoked' | 'superseded';

export interface CertificateFacts {
  id: string;
  number: string;
  kind: CertificateKind;
  level: Level | null;
  validFrom: string;
  validTo: string;
  revokedAt: string | null;
  supersededBy: string | null;
}

/**
 * @article 15 — a qualification certificate is valid 2 years, @article 16 — a record certificate
 * 1 year: the last valid day is the eve of the anniversary of `validFrom` (2026-03-01 →
 * 2028-02-29), so two certificates in succession neither overlap nor leave a gap. The anniversary
 * of 29 February in a common year is 1 March (else a leap-day certificate would lose a day).
 */
export function certificateValidTo(validFrom: string, years: number): string {
  const same = addYears(validFrom, years);
  const anniversary = validFrom.endsWith('-02-29') && same.endsWith('-02-28') ? addDays(same, 1) : same;
  return addDays(anniversary, -1);
}

/**
 * @article 15 — status from dates: revoked and superseded win; after `validTo` expired; with at
 * most `expiringDays` left (the renewal window) expiring. A certificate issued ahead of its start
 * (a renewal) is valid: it is in force, from `validFrom`.
 */
export function certificateStatus(c: CertificateFacts, today: string, expiringDays: number): CertificateStatus {
  if (c.revokedAt) return 'revoked';
  if (c.supersededBy) return 'superseded';
  const left = daysBetween(today, c.validTo);
  if (left < 0) return 'expired';
  return left <= expiringDays ? 'expiring' : 'valid';
}

/**
 * @article 15 — a renewed certificate starts the day after the old one expires, or today if that
 * day has passed (an approval after expiry of a renewal filed in time); its number is new.
 */
export function renewalStart(oldValidTo: string, today: string): string {
  const next = addDays(oldValidTo, 1);
  return next > today ? next : today;
}

/** @article 15 — an extension pushes the existing certificate's last day by `days`. */
export function extendedValidTo(validTo: string, days: number): string {
  return addDays(validTo, days);
}

/**
 * The certificate of `kind` that stands for the company now: not revoked, not superseded, not
 * expired (possibly starting later, after a renewal). The highest level wins if several.
 */
export function currentCertificate<C extends CertificateFacts>(certs: readonly C[], kind: CertificateKind, today: string): C | null {
  const rank = (c: C) => (c.level ? ['I', 'II', 'III', 'IV'].indexOf(c.level) : 9);
  const live = certs.filter((c) => c.kind === kind && !c.revokedAt && !c.supersededBy && c.validTo >= today);
  return live.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * The certificate a renewal or extension is about when the applicant names none: the latest one
 * not revoked or superseded, even if expired (so a late filing is told it is late, art. 15).
 */
export function latestCertificate<C extends CertificateFacts>(certs: readonly C[], kind: CertificateKind): C | null {
  const live = certs.filter((c) => c.kind === kind && !c.revokedAt && !c.supersededBy);
  return live.sort((a, b) => (a.validTo < b.validTo ? 1 : a.validTo > b.validTo ? -1 : 0))[0] ?? null;
}

/**
 * @article 15 — time "at the current level" runs from the first certificate at that level: walk
 * back through predecessors at the same level (renewals), stop at a promotion or a gap.
 */
export function levelHeldSince(certs: readonly CertificateFacts[], current: CertificateFacts): string {
  let since = current;
  for (;;) {
    const prev = certs.find((c) => c.supersededBy === since.id && c.level === since.level && !c.revokedAt);
    if (!prev) return since.validFrom;
    since = prev;
  }
}

/** In force on `today`: within its dates, not revoked, and not yet replaced by a successor in force. */
export function inForce(c: CertificateFacts, all: readonly CertificateFacts[], today: string): boolean {
  if (c.revokedAt || today < c.validFrom || today > c.validTo) return false;
  if (!c.supersededBy) return true;
  const successor = all.find((s) => s.id === c.supersededBy);
  return !!successor && today < successor.validFrom;
}

export interface LevelScope {
  level: Level;
  projectScales: readonly number[];
}

export interface UndertakeAnswer {
  allowed: boolean;
  article: string;
  reason: 'in_scope' | 'beyond_level' | 'no_certificate' | 'expired' | 'revoked';
  certificateNumber: string | null;
}

/**
 * @article 14(2) — a company undertakes only projects within its level's scope, and none without a
 * certificate in force; @article 16 — an out-of-province company only with a record certificate.
 * `projectScale` is the GA/T 75 class (1 largest … 3 smallest).
 */
export function canUndertake(
  certs: readonly CertificateFacts[],
  projectScale: 1 | 2 | 3,
  today: string,
  levels: readonly LevelScope[],
  origin: 'guangdong' | 'out_of_province' = 'guangdong',
): UndertakeAnswer {
  const kind: CertificateKind = origin === 'out_of_province' ? 'record' : 'qualification';
  const article = kind === 'record' ? '16' : '14(2)';
  const mine = certs.filter((c) => c.kind === kind);
  const live = mine.filter((c) => inForce(c, mine, today));
  const fits = live.find((c) => levels.find((l) => l.level === c.level)?.projectScales.includes(projectScale));
  if (fits) return { allowed: true, article, reason: 'in_scope', certificateNumber: fits.number };
  if (live.length > 0) return { allowed: false, article, reason: 'beyond_level', certificateNumber: live[0].number };
  const revoked = mine.find((c) => c.revokedAt && c.validFrom <= today && today <= c.validTo);
  if (revoked) return { allowed: false, article, reason: 'revoked', certificateNumber: revoked.number };
  const expired = mine.find((c) => c.validTo < today);
  if (expired) return { allowed: false, article, reason: 'expired', certificateNumber: expired.number };
  return { allowed: false, article, reason: 'no_certificate', certificateNumber: null };
}

/**
 * Certificate numbers are ASCII and URL-safe (they appear in /verify/{number} and QR codes):
 * `GD-JF-<city 4 digits>-<year>-<6-digit sequence>`; record certificates `GD-JFBA-<year>-<seq>`.
 * The sequence runs per year (and per city for qualification certificates).
 */
export function certificateNumberPrefix(kind: CertificateKind, cityCode: string | null, year: string): string {
  if (kind === 'record') return `GD-JFBA-${year}-`;
  if (!cityCode || !/^44\d{4}$/.test(cityCode)) throw new Error(`not a Guangdong city code: ${cityCode}`);
  return `GD-JF-${cityCode.slice(0, 4)}-${year}-`;
}

export function certificateNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(6, '0')}`;
}

/** The sequence part of a number with this prefix; 0 when absent or foreign. */
export function sequenceOf(prefix: string, number: string | null | undefined): number {
  if (!number?.startsWith(prefix)) return 0;
  const n = Number(number.slice(prefix.length));
  return Number.isInteger(n) ? n : 0;
}
