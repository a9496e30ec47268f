import { randomBytes } from 'node:crypto';
import { refuse } from '../../platform/http/errors.js';
import { getDivision, isGuangdongDivision } from '../../platform/jurisdictions/divisions.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { countyBureauOf } from '../projects/projects.rules.js';

/**
 * Pure rules of complaints and reports (art. 30; art. 39(2) for complaints about officials). Each
 * returns a value or throws a refusal naming its article.
 */

export const COMPLAINT_KINDS = ['complaint', 'report'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
/** What the complaint is about: a named place or unit, a company (by certificate), or an official. */
export const SUBJECT_KINDS = ['place', 'company', 'official'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export type ComplaintQueue = 'bureau' | 'supervision';

export interface Routing {
  queue: ComplaintQueue;
  /** The competent bureau (bureau queue); null for the supervisory queue, which is found by area. */
  handlingUnitId: string | null;
}

/**
 * @article 30 — a complaint or report goes to the competent bureau of the division the complainant
 * names: its county bureau (`PSB-<county>`), or the city bureau where the city has no county level
 * (Dongguan, Zhongshan) or only a city was named — the same rule as art. 17's competent authority
 * (`countyBureauOf`). @article 39 — a complaint about an official (e.g. designating brands, 39(2))
 * goes to the supervisory organ of that area, never to the officials' own bureau's queue.
 */
export function routeComplaint(subjectKind: SubjectKind, divisionCode: string): Routing {
  if (!isGuangdongDivision(divisionCode) || !getDivision(divisionCode)) throw refuse('DIVISION_UNKNOWN', '30', { divisionCode });
  if (subjectKind === 'official') return { queue: 'supervision', handlingUnitId: null };
  const unit = countyBureauOf(divisionCode);
  // The province itself is not a place a site can be: a division below it must be named.
  if (!unit) throw refuse('COMPLAINT_INPUT_INVALID', '30', { field: 'divisionCode' });
  return { queue: 'bureau', handlingUnitId: unit };
}

/**
 * A bureau a complaint may be transferred to: a county- or city-level organ with an area of its own
 * (functional sub-bureaux without an area cannot hold a complaint queue).
 */
export function assertTransferTarget(unitId: string, fromUnitId: string | null): void {
  const unit = getPoliceUnit(unitId);
  if (!unit || !unit.divisionCode || unit.level === 'province') throw refuse('COMPLAINT_INPUT_INVALID', '30', { field: 'toUnitId' });
  if (unitId === fromUnitId) throw refuse('COMPLAINT_INPUT_INVALID', '30', { field: 'toUnitId' });
}

export const LIMITS = { subjectName: 200, content: 5000, name: 100, contact: 100, certificate: 64, reasons: 2000 } as const;

export interface ComplaintDraft {
  kind: string;
  subjectKind: string;
  subjectName: string;
  divisionCode: string;
  content: string;
  certificateNumber?: string | null;
  name?: string | null;
  contact?: string | null;
}

export interface CleanDraft {
  kind: ComplaintKind;
  subjectKind: SubjectKind;
  subjectName: string;
  divisionCode: string;
  content: string;
  certificateNumber: string | null;
  name: string | null;
  contact: string | null;
}

const blankToNull = (v: string | null | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/**
 * @article 30 — what a complaint needs: its kind, what it is about, the area, and what happened.
 * Name and contact are optional (anonymous reports are taken); a certificate number only for a
 * company. Returns the trimmed draft or refuses naming the first bad field.
 */
export function cleanDraft(d: ComplaintDraft): CleanDraft {
  const bad = (field: string) => refuse('COMPLAINT_INPUT_INVALID', '30', { field });
  if (!(COMPLAINT_KINDS as readonly string[]).includes(d.kind)) throw bad('kind');
  if (!(SUBJECT_KINDS as readonly string[]).includes(d.subjectKind)) throw bad('subjectKind');
  const subjectName = d.subjectName.trim();
  if (!subjectName || subjectName.length > LIMITS.subjectName) throw bad('subjectName');
  const content = d.content.trim();
  if (content.length < 10 || content.length > LIMITS.content) throw bad('content');
  if (!/^\d{6}$/.test(d.divisionCode)) throw bad('divisionCode');
  const certificateNumber = d.subjectKind === 'company' ? blankToNull(d.certificateNumber) : null;
  if (certificateNumber && certificateNumber.length > LIMITS.certificate) throw bad('certificateNumber');
  const name = blankToNull(d.name);
  if (name && name.length > LIMITS.name) throw bad('name');
  const contact = blankToNull(d.contact);
  if (contact && contact.length > LIMITS.contact) throw bad('contact');
  return { kind: d.kind as ComplaintKind, subjectKind: d.subjectKind as SubjectKind, subjectName, divisionCode: d.divisionCode, content, certificateNumber, name, contact };
}

/** Reasons (rejection, transfer) or a result (closing) must be stated (行政程序: 说明理由). */
export function assertReasons(text: string | null | undefined): string {
  const t = (text ?? '').trim();
  if (!t) throw refuse('COMPLAINT_REASON_REQUIRED', '30');
  if (t.length > LIMITS.reasons) throw refuse('COMPLAINT_INPUT_INVALID', '30', { field: 'reasons' });
  return t;
}

// Crockford base32 without I, L, O, U: read aloud or typed from a phone without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/**
 * Tracking numbers are random, not sequential: a running number would tell anyone how many
 * complaints a bureau receives. `TS-<year>-XXXX-XXXX` (40 bits).
 */
export function newTrackingNumber(year: string): string {
  const c = randomCode(8);
  return `TS-${year}-${c.slice(0, 4)}-${c.slice(4)}`;
}

export const TRACKING_PATTERN = /^TS-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The access code shown once: 20 characters (100 bits), grouped for reading. Only its digest is kept. */
export function newAccessCode(): string {
  const c = randomCode(20);
  return c.match(/.{5}/g)!.join('-');
}

/** Codes are typed by hand: case, spaces and dashes do not matter. */
export function normaliseAccessCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** How a notice reaches the complainant: always on the status page; "would be sent" when a contact was given. */
export function noticeDelivery(hasContact: boolean): 'status_page' | 'would_send' {
  return hasContact ? 'would_send' : 'status_page';
}
