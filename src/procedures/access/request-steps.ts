import { can, hasPermission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { isWithin } from '../../platform/jurisdictions/divisions.js';
import { getPoliceUnit, unitJurisdiction } from '../../platform/jurisdictions/police-units.js';
import type { RequestRow, UserAccessInfo } from './access.repository.js';
import { factsOf, type StoredApproval } from './access.rules.js';
import { isOfficer, stateSecurityScope } from './access.scope.js';
import { ACCESS_SETTINGS } from './access.settings.js';
import { evaluateAccess, type AccessDecision } from './matrix.rules.js';

/**
 * The steps an actor may take on a request now, computed on the server (the screen shows these, it does not guess
 * from roles), and who the approving organ is. Pure apart from the static police-unit table.
 */

export type RequestStep = 'approve' | 'refuse' | 'consent' | 'refuse-consent' | 'supplement' | 'withdraw' | 'revoke';

/** The approving organ an account acts for (art. 26(1)(3)(4)): its kind, level and area, from the account only. */
export interface Approver {
  organ: 'public_security' | 'state_security';
  level: string;
  jurisdiction: string;
  policeUnitId: string | null;
  departmentId: string | null;
  inCharge: boolean;
}

/** Officers approve as their police unit; a state security department's users as that organ; nobody else. */
export function approverOf(actor: Actor, info: UserAccessInfo | undefined): Approver | null {
  if (!hasPermission(actor, 'access.approve')) return null;
  if (isOfficer(actor)) {
    const unit = actor.policeUnitId ? getPoliceUnit(actor.policeUnitId) : undefined;
    if (!unit) return null;
    return { organ: 'public_security', level: unit.level, jurisdiction: unitJurisdiction(unit), policeUnitId: unit.id, departmentId: null, inCharge: info?.in_charge === 1 };
  }
  // Department users approve only as a state security organ (26(1)); other departments ask, never approve.
  if (stateSecurityScope(info) === null) return null;
  return { organ: 'state_security', level: info!.department_level!, jurisdiction: info!.department_division!, policeUnitId: null, departmentId: info!.department_id, inCharge: info!.in_charge === 1 };
}

/** Conditions an approving organ fulfils; the approval document (27(3)) is the document number of an approval. */
const APPROVALS = ['BUREAU_HEAD_APPROVAL', 'COUNTY_BUREAU_APPROVAL', 'BUILDER_BUREAU_APPROVAL'];
const APPROVER_SUPPLIES = [...APPROVALS, 'APPROVAL_DOCUMENT'];
/** What the requester can still bring through "supplement" (officials, case number, emergency, undertaking, own unit's document). */
const REQUESTER_SUPPLIES = ['LEGAL_BASIS', 'EMERGENCY_REFERENCE', 'MIN_OFFICIALS', 'WORK_CERTIFICATES', 'CONFIDENTIALITY_UNDERTAKING', 'APPROVAL_OR_UNIT_DOCUMENT'];

export interface StepFacts {
  request: RequestRow;
  decision: AccessDecision;
  approvals: readonly StoredApproval[];
  officials: readonly { work_certificate_no: string | null }[];
  cameras: number;
  consent: boolean;
  departmentKind: string | null;
  departmentLevel: string | null;
  grant: { live: boolean } | null;
}

/**
 * @article 26(1), 26(3), 26(4) — would this organ's approval (with a document number) satisfy the approval the
 * cell still needs? The matrix answers on the stored facts plus that one approval: an approver below county level,
 * outside the system's area, of the wrong organ or not its person in charge where 26(1) asks for one is not
 * waited for.
 */
export function approvalWouldCount(f: StepFacts, a: Approver): boolean {
  const needed = f.decision.requires.filter((c) => APPROVALS.includes(c.code)).map((c) => c.code);
  if (!f.decision.missing.some((c) => APPROVER_SUPPLIES.includes(c.code))) return false;
  const mine: StoredApproval = {
    organ: a.organ,
    level: a.level,
    jurisdiction_code: a.jurisdiction,
    role: a.inCharge ? 'person_in_charge' : 'officer',
    decision: 'approved',
    document_ref: 'pending',
  };
  const after = evaluateAccess(
    factsOf(f.request, {
      approvals: [...f.approvals, mine],
      officials: f.officials,
      cameras: f.cameras,
      consent: f.consent,
      departmentKind: f.departmentKind,
      departmentLevel: f.departmentLevel,
    }),
    ACCESS_SETTINGS.matrix,
  );
  return needed.length > 0 && needed.every((code) => after.requires.some((c) => c.code === code && c.met));
}

/** The key unit consents for its own site; for a public area (no unit), the bureau whose jurisdiction holds it. */
export function mayConsent(actor: Actor, r: Pick<RequestRow, 'unit_id' | 'division_code'>): boolean {
  return r.unit_id ? can(actor, 'access.consent', { unitId: r.unit_id }) : isOfficer(actor) && can(actor, 'access.consent', { divisionCode: r.division_code });
}

/** @article 26, 27 — the approving side: an approving officer where the system is, a state security organ for its own organ's grants. */
export function isApprovingSide(actor: Actor, r: Pick<RequestRow, 'division_code' | 'requester_kind'>, info: UserAccessInfo | undefined): boolean {
  if (isOfficer(actor)) return can(actor, 'access.approve', { divisionCode: r.division_code });
  const ss = hasPermission(actor, 'access.approve') ? stateSecurityScope(info) : null;
  return ss !== null && r.requester_kind === 'state_security' && (ss === '' || isWithin(r.division_code, info!.department_division!));
}

/** The steps this actor may take now, in the order the screen offers them. */
export function allowedSteps(actor: Actor, info: UserAccessInfo | undefined, f: StepFacts): RequestStep[] {
  if (!actor.userId) return [];
  const r = f.request;
  const mine = r.requester_user_id === actor.userId;
  const missing = f.decision.missing.map((c) => c.code);
  const out: RequestStep[] = [];
  if (r.status === 'pending') {
    const approver = mine ? null : approverOf(actor, info);
    if (approver && approvalWouldCount(f, approver)) out.push('approve', 'refuse');
    if (missing.includes('UNIT_CONSENT') && hasPermission(actor, 'access.consent') && mayConsent(actor, r)) out.push('consent', 'refuse-consent');
    if (mine && hasPermission(actor, 'access.request') && missing.some((c) => REQUESTER_SUPPLIES.includes(c))) out.push('supplement');
    if (mine) out.push('withdraw');
  } else if (r.status === 'granted') {
    if (f.grant?.live && isApprovingSide(actor, r, info)) out.push('revoke');
    if (mine) out.push('withdraw');
  }
  return out;
}

/** A request waits for this actor when its way forward includes the actor's approval or consent. */
export const waitsFor = (steps: readonly RequestStep[]) => steps.includes('approve') || steps.includes('consent');
