// Pure helpers of the information-access pages (art. 21(3), 23–27, 39): identity numbers typed into the form
// (the same GB 11643 code the server runs), how the matrix's evaluation is shown, which buttons a user sees
// (the server still decides), the grant's QR payload and the register filters in the address bar. Tested
// without React.
import type { Role } from '../../api/types';
import type {
  AccessEvaluation,
  GrantFile,
  RequestStep,
  MatrixCondition,
  RegisterQuery,
  RegisterKind,
  UseFlag,
} from '../../api/access-types';
import { REGISTER_KINDS, USE_FLAGS } from '../../api/access-types';
import {
  maskResidentId,
  normaliseResidentId,
  RESIDENT_ID_REASONS,
  validateResidentId,
  type ResidentIdReason,
} from '../../../platform/identifiers/resident-id';

// ─── Identity numbers (GB 11643) ─────────────────────────────────────────────────────────────

/** The Asia/Shanghai calendar date of an instant (birth dates in the future are refused against it). */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface IdCheck {
  /** What is sent to the server: whitespace removed, full-width folded, lower-case x raised. */
  value: string;
  ok: boolean;
  reason?: ResidentIdReason;
  /** Bilingual message for the form (never echoing the number). */
  message?: { zh: string; en: string };
  /** Display form once entered, `440***********1234`. */
  masked: string;
}

export function checkOfficialId(input: string | null | undefined, today: string): IdCheck {
  const value = normaliseResidentId(input ?? '');
  const result = validateResidentId(value, today);
  if (result.ok) return { value, ok: true, masked: maskResidentId(value) };
  return { value, ok: false, reason: result.reason, message: RESIDENT_ID_REASONS[result.reason], masked: maskResidentId(value) };
}

/** Two officials with the same number count once (art. 27(1)); the server refuses it too. */
export function duplicateIdIndexes(ids: readonly (string | null | undefined)[]): number[] {
  const seen = new Map<string, number>();
  const dup: number[] = [];
  ids.forEach((raw, i) => {
    const v = normaliseResidentId(raw ?? '');
    if (!v) return;
    if (seen.has(v)) dup.push(i);
    else seen.set(v, i);
  });
  return dup;
}

// ─── Who asks: the row of art. 26 from the account ──────────────────────────────────────────

export const OFFICERS: readonly Role[] = ['province_officer', 'city_officer', 'county_officer'];
export const isOfficerRole = (role: Role | null | undefined) => !!role && OFFICERS.includes(role);

/** What the new-request form asks, by the caller's role (the server derives the row; the form only shapes fields). */
export interface FormShape {
  /** Unit users (and officers for public areas) register a citizen's urgent request (26(4)). */
  citizenOnly: boolean;
  mayRegisterCitizen: boolean;
  /** Officers: case number (26(1)); departments: legal basis (26(3)) or the emergency (26(2)). */
  showLegalBasis: boolean;
  showEmergency: boolean;
  /** Art. 27: other administrative departments need two officials, certificates and an undertaking. */
  showUndertaking: boolean;
  /** Suggested number of officials rows when the form opens. */
  initialOfficials: number;
}

export function formShape(role: Role | null | undefined, citizen: boolean): FormShape {
  if (role === 'unit_user') {
    return { citizenOnly: true, mayRegisterCitizen: true, showLegalBasis: false, showEmergency: false, showUndertaking: false, initialOfficials: 1 };
  }
  if (isOfficerRole(role)) {
    return { citizenOnly: false, mayRegisterCitizen: true, showLegalBasis: !citizen, showEmergency: false, showUndertaking: false, initialOfficials: 1 };
  }
  // Department users: the kind of department (administrative, emergency, state security) is on the server.
  return { citizenOnly: false, mayRegisterCitizen: false, showLegalBasis: true, showEmergency: true, showUndertaking: true, initialOfficials: 2 };
}

/** Citizens may only view (26(4)); a copy from a public area for a legal reason is the one exception. */
export function actionsFor(citizen: boolean, publicArea: boolean): ('view' | 'copy' | 'retrieve')[] {
  if (!citizen) return ['view', 'copy', 'retrieve'];
  return publicArea ? ['view', 'copy'] : ['view'];
}

// ─── The matrix on screen ───────────────────────────────────────────────────────────────────

export const APPROVAL_CODES: readonly string[] = ['BUREAU_HEAD_APPROVAL', 'COUNTY_BUREAU_APPROVAL', 'BUILDER_BUREAU_APPROVAL'];
/** What the requester can still bring (through "supplement"). */
export const REQUESTER_CODES: readonly string[] = [
  'LEGAL_BASIS',
  'EMERGENCY_REFERENCE',
  'MIN_OFFICIALS',
  'WORK_CERTIFICATES',
  'CONFIDENTIALITY_UNDERTAKING',
  'APPROVAL_OR_UNIT_DOCUMENT',
  'REGISTRATION',
];

/** Who has to act for a condition: the requester, an approving bureau, the using unit, or nobody (it is a fact). */
export type Supplier = 'requester' | 'approver' | 'unit' | 'none';

export function supplierOf(code: string): Supplier {
  if (APPROVAL_CODES.includes(code)) return 'approver';
  if (code === 'UNIT_CONSENT') return 'unit';
  if (REQUESTER_CODES.includes(code)) return 'requester';
  return 'none';
}

export type ConditionState = 'met' | 'missing' | 'forbidden';

export interface ConditionRow {
  code: string;
  article: string;
  zh: string;
  en: string;
  state: ConditionState;
  supplier: Supplier;
  /** Why approvals submitted so far do not count (`not_person_in_charge`, `outside_jurisdiction`…). */
  defects: string[];
}

/** Every condition of the cell in the server's order; a prohibition (a citizen's copy) is never "missing", it is forbidden. */
export function conditionRows(ev: Pick<AccessEvaluation, 'requires'>): ConditionRow[] {
  return ev.requires.map((c: MatrixCondition) => ({
    code: c.code,
    article: c.article,
    zh: c.zh,
    en: c.en,
    state: c.code === 'CITIZEN_COPY_PROHIBITED' && !c.met ? 'forbidden' : c.met ? 'met' : 'missing',
    supplier: supplierOf(c.code),
    defects: c.defects ?? [],
  }));
}

export interface MatrixSummary {
  met: number;
  total: number;
  /** Who is awaited, in order: the requester first, then the bureau, then the unit. */
  waitingFor: Supplier[];
}

export function matrixSummary(ev: Pick<AccessEvaluation, 'requires' | 'missing'>): MatrixSummary {
  const order: Supplier[] = ['requester', 'approver', 'unit', 'none'];
  const waiting = new Set(ev.missing.map((c) => supplierOf(c.code)));
  return { met: ev.requires.filter((c) => c.met).length, total: ev.requires.length, waitingFor: order.filter((s) => waiting.has(s)) };
}

/** The steps offered on a request are the server's `actions`; the caller's role is never used to guess them. */
export function hasStep(r: { actions?: readonly string[] } | null | undefined, step: RequestStep): boolean {
  return !!r?.actions?.includes(step);
}

/** The queue's tags: what the caller is waited for (approval, consent). */
export function awaitedSteps(actions: readonly string[] | undefined): ('approve' | 'consent')[] {
  const out: ('approve' | 'consent')[] = [];
  if (actions?.includes('approve')) out.push('approve');
  if (actions?.includes('consent')) out.push('consent');
  return out;
}

// ─── The grant for the VMS ──────────────────────────────────────────────────────────────────

/**
 * A QR code holds about 2.3 KB at error-correction level M. A small grant goes in whole (verifiable offline with
 * the pinned key, so the public key copy is left out); a large one is replaced by the address of the file.
 */
export const QR_MAX_BYTES = 2300;

export function grantQrPayload(file: GrantFile, url: string, max = QR_MAX_BYTES): { kind: 'file' | 'url'; text: string } {
  const { publicKey: _omit, ...rest } = file;
  const text = JSON.stringify(rest);
  return new TextEncoder().encode(text).length <= max ? { kind: 'file', text } : { kind: 'url', text: url };
}

export function grantFileName(file: Pick<GrantFile, 'grant'>): string {
  return `jifang-grant-${file.grant.id}.json`;
}

/** Valid, expired or not yet valid at `now`. */
export function grantValidity(g: { issuedAt: string; expiresAt: string }, now: Date): 'valid' | 'expired' | 'not_yet' {
  const t = now.getTime();
  if (t < Date.parse(g.issuedAt)) return 'not_yet';
  return t > Date.parse(g.expiresAt) ? 'expired' : 'valid';
}

// ─── The register in the address bar ───────────────────────────────────────────────────────

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Register filters from the address bar; unknown or malformed values are dropped (the server would answer 400). */
export function registerQueryFrom(params: URLSearchParams): RegisterQuery {
  const q: RegisterQuery = {};
  const kind = params.get('kind');
  if (kind && (REGISTER_KINDS as readonly string[]).includes(kind)) q.kind = kind as RegisterKind;
  const flag = params.get('flag');
  if (flag && (USE_FLAGS as readonly string[]).includes(flag)) q.flag = flag as UseFlag;
  for (const k of ['unitId', 'requestId', 'officialId'] as const) {
    const v = params.get(k);
    if (v && v.length <= 64) q[k] = v;
  }
  const division = params.get('division');
  if (division && /^\d{6}$/.test(division)) q.division = division;
  for (const k of ['from', 'to'] as const) {
    const v = params.get(k);
    if (v && (DAY.test(v) || /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/.test(v))) q[k] = v;
  }
  if (params.get('outsideGrant') === 'true') q.outsideGrant = 'true';
  const organisation = params.get('organisation');
  if (organisation && organisation.length <= 200) q.organisation = organisation;
  const contains = params.get('organisationContains')?.trim();
  if (contains && contains.length <= 100) q.organisationContains = contains;
  const ids = idsFrom(params);
  if (ids.length) q.ids = ids.join(',');
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1 && page < 100000) q.page = page;
  return q;
}

/** Entry ids an oversight flag links to (`?ids=a,b`), at most 100 as the server accepts them. */
export function idsFrom(params: URLSearchParams): string[] {
  return [
    ...new Set(
      (params.get('ids') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s)),
    ),
  ].slice(0, 100);
}

/** The web address of a register view: the server's `/api/access/register?…` link or a list of entry ids. */
export function registerHref(source: { apiLink?: string | null; ids?: readonly string[]; extra?: Record<string, string> }): string {
  const params = new URLSearchParams();
  if (source.apiLink) {
    const i = source.apiLink.indexOf('?');
    if (i >= 0) new URLSearchParams(source.apiLink.slice(i + 1)).forEach((v, k) => params.set(k, v));
  }
  if (source.ids && source.ids.length) params.set('ids', source.ids.join(','));
  for (const [k, v] of Object.entries(source.extra ?? {})) params.set(k, v);
  const qs = params.toString();
  return qs ? `/access/register?${qs}` : '/access/register';
}

/** Outside-grant flags (oversight counts them together); the rest concern who was present. */
export const OUTSIDE_GRANT_FLAGS: readonly string[] = ['camera_outside_grant', 'period_outside_grant', 'action_outside_grant', 'before_issue', 'after_expiry', 'after_revocation'];
