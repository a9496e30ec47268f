/**
 * Pure rules of the access procedure around the matrix: which row of art. 26 a caller falls under, the facts the
 * matrix judges (built from stored records), whether the art. 21(3) registration is complete, and which uses
 * reported by a VMS fall outside their grant. No I/O, no clock (times are passed in).
 */
import { cityOf, GUANGDONG_CODE } from '../../platform/jurisdictions/divisions.js';
import type { AccessAction, AccessFacts, ApprovalFact, BureauLevel, RequesterKind } from './matrix.rules.js';

const LEVEL_RANK: Record<BureauLevel, number> = { below_county: 0, county: 1, city: 2, province: 3, national: 4 };

/**
 * @article 26 — the row is fixed by who asks, never chosen: officers are the public security organ (26(1)), a
 * department user asks as its department's kind (state security 26(1), emergency 26(2), other 26(3)), and a
 * unit user (or an officer of a public area's using bureau) registers a citizen's urgent request (26(4)).
 */
export function requesterKindOf(role: string, departmentKind: string | null, onBehalfOfCitizen: boolean): RequesterKind | null {
  if (onBehalfOfCitizen) return role === 'unit_user' || role === 'county_officer' || role === 'city_officer' || role === 'province_officer' ? 'citizen' : null;
  if (role === 'province_officer' || role === 'city_officer' || role === 'county_officer') return 'public_security';
  if (role === 'department_user') {
    if (departmentKind === 'state_security') return 'state_security';
    if (departmentKind === 'emergency') return 'emergency_department';
    if (departmentKind === 'administrative') return 'administrative_department';
  }
  return null;
}

/** @article 26(4) — the division of the people's government that built a public-area system. */
export function builderDivisionOf(siteDivision: string, builderLevel: string | null): string | null {
  if (builderLevel === 'county') return siteDivision;
  if (builderLevel === 'city') return cityOf(siteDivision)?.code ?? null;
  if (builderLevel === 'province') return GUANGDONG_CODE;
  return null;
}

/** @article 26(2) — a department of a county-or-higher government whose remit is emergencies. */
export function emergencyDepartmentEntitled(kind: string | null, level: string | null): boolean {
  return kind === 'emergency' && level !== null && (LEVEL_RANK[level as BureauLevel] ?? 0) >= LEVEL_RANK.county;
}

export interface StoredRequest {
  requester_kind: string;
  action: string;
  site_type: string;
  division_code: string;
  builder_division_code: string | null;
  window_from: string;
  window_to: string;
  legal_basis: string | null;
  emergency_reference: string | null;
  purpose: string;
  copy_destination: string | null;
  legal_reason_for_copy: string | null;
  urgent_heavy_loss: number;
  confidentiality_undertaking: number;
  unit_certification: number;
}

export interface StoredApproval {
  organ: string;
  level: string;
  jurisdiction_code: string;
  role: string;
  decision: string;
  document_ref: string | null;
}

const given = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';

/**
 * @article 21(3), 26(4), 27(4) — the register entry is complete when it says who (at least one named person with
 * an identity number), the footage period, the cameras, the purpose, and for a copy or retrieval where it goes.
 * Jifang itself is the register, so this is true once the request carries all of these.
 */
export function registrationComplete(r: StoredRequest, officials: number, cameras: number): boolean {
  if (officials < 1 || cameras < 1 || !given(r.purpose)) return false;
  if (!(r.window_from < r.window_to)) return false;
  return r.action === 'view' || given(r.copy_destination);
}

/** The facts the matrix judges, from the stored request and its steps. */
export function factsOf(
  r: StoredRequest,
  x: {
    approvals: readonly StoredApproval[];
    officials: readonly { work_certificate_no: string | null }[];
    cameras: number;
    consent: boolean;
    departmentKind: string | null;
    departmentLevel: string | null;
  },
): AccessFacts {
  const approved = x.approvals.filter((a) => a.decision === 'approved');
  return {
    requester: r.requester_kind as RequesterKind,
    action: r.action as AccessAction,
    siteType: r.site_type === 'public_area' ? 'public_area' : 'key_unit',
    systemDivisionCode: r.division_code,
    builderDivisionCode: r.builder_division_code,
    approvals: approved.map(
      (a): ApprovalFact => ({
        organ: a.organ === 'state_security' ? 'state_security' : 'public_security',
        level: a.level as BureauLevel,
        jurisdictionCode: a.jurisdiction_code,
        byPersonInCharge: a.role === 'person_in_charge',
      }),
    ),
    officials: x.officials.map((o) => ({ workCertificateShown: given(o.work_certificate_no) })),
    legalBasis: r.legal_basis,
    emergencyReference: r.emergency_reference,
    emergencyDepartmentEntitled: emergencyDepartmentEntitled(x.departmentKind, x.departmentLevel),
    // Reading (README): the approval recorded here, with its document number, is the approval document of 27(3).
    approvalDocumentPresented: approved.some((a) => given(a.document_ref)),
    unitCertificationPresented: r.unit_certification === 1,
    confidentialityUndertaking: r.confidentiality_undertaking === 1,
    urgentHeavyLoss: r.urgent_heavy_loss === 1,
    unitConsent: x.consent,
    legalReasonForCopy: r.legal_reason_for_copy,
    registrationDone: registrationComplete(r, x.officials.length, x.cameras),
  };
}

// ---- Use against a grant ------------------------------------------------------------------------

export type UseFlag =
  | 'camera_outside_grant'
  | 'period_outside_grant'
  | 'action_outside_grant'
  | 'before_issue'
  | 'after_expiry'
  | 'after_revocation'
  | 'single_official'
  | 'unknown_official';

export const USE_FLAGS: readonly UseFlag[] = [
  'camera_outside_grant',
  'period_outside_grant',
  'action_outside_grant',
  'before_issue',
  'after_expiry',
  'after_revocation',
  'single_official',
  'unknown_official',
];

/** Flags that mean "use outside the grant" in oversight (the rest concern who was present). */
export const OUTSIDE_GRANT_FLAGS: readonly UseFlag[] = ['camera_outside_grant', 'period_outside_grant', 'action_outside_grant', 'before_issue', 'after_expiry', 'after_revocation'];

export const USE_FLAG_TEXT: Readonly<Record<UseFlag, { zh: string; en: string; article: string }>> = {
  camera_outside_grant: { zh: '使用了授权范围以外的摄像机', en: 'Cameras outside the grant were used', article: '21(3)' },
  period_outside_grant: { zh: '查看、复制的录像时段超出授权时段', en: 'Footage outside the granted period was used', article: '21(3)' },
  action_outside_grant: { zh: '仅授权查看，却导出了录像', en: 'Footage was exported under a view-only grant', article: '26' },
  before_issue: { zh: '使用时间早于授权签发时间', en: 'Used before the grant was issued', article: '26' },
  after_expiry: { zh: '授权过期后仍在使用', en: 'Used after the grant expired', article: '26' },
  after_revocation: { zh: '授权被撤销或申请被撤回后仍在使用', en: 'Used after the grant was revoked or the request withdrawn', article: '26' },
  single_official: { zh: '在场人员少于规定人数', en: 'Fewer officials present than the grant requires', article: '27(1)' },
  unknown_official: { zh: '在场人员不在授权名单内', en: 'An official present is not named in the grant', article: '27(2)' },
};

export interface GrantTerms {
  action: string;
  cameras: readonly string[];
  windowFrom: string;
  windowTo: string;
  issuedAt: string;
  expiresAt: string;
  officialIds: readonly string[];
  officialsRequired: number;
  /** When the grant was revoked (or its request withdrawn), if it was. */
  revokedAt?: string | null;
}

export interface UseFacts {
  event: 'viewing_started' | 'viewing_ended' | 'exported';
  at: string;
  cameras: readonly string[];
  footageFrom: string;
  footageTo: string;
  officialsPresent: readonly string[];
}

const ms = (iso: string) => new Date(iso).getTime();

/**
 * @article 21(3), 26, 27(1) — what in a reported use falls outside its grant. Times compare as instants (the VMS
 * may send any offset). A use is recorded whatever it flags: the register must show what was actually done.
 */
export function useFlags(g: GrantTerms, u: UseFacts): UseFlag[] {
  const flags: UseFlag[] = [];
  const granted = new Set(g.cameras);
  if (u.cameras.some((c) => !granted.has(c))) flags.push('camera_outside_grant');
  if (ms(u.footageFrom) < ms(g.windowFrom) || ms(u.footageTo) > ms(g.windowTo)) flags.push('period_outside_grant');
  if (u.event === 'exported' && g.action === 'view') flags.push('action_outside_grant');
  if (ms(u.at) < ms(g.issuedAt)) flags.push('before_issue');
  if (ms(u.at) > ms(g.expiresAt)) flags.push('after_expiry');
  if (g.revokedAt && ms(u.at) >= ms(g.revokedAt)) flags.push('after_revocation');
  const named = new Set(g.officialIds);
  const present = new Set(u.officialsPresent);
  if ([...present].some((id) => !named.has(id))) flags.push('unknown_official');
  const known = [...present].filter((id) => named.has(id)).length;
  if (known < g.officialsRequired) flags.push('single_official');
  return flags;
}
