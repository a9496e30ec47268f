import { can, divisionPrefix, hasPermission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { isWithin } from '../../platform/jurisdictions/divisions.js';
import type { CameraLookupScope, RegisterVisibility, RequestRow, RequestVisibility, UserAccessInfo } from './access.repository.js';

/**
 * Who sees which access requests and register entries (deny by default; 404 outside one's view). Officers see
 * requests for systems in their jurisdiction (they approve them, art. 26(1)(3)); a key unit sees those on its
 * own systems (it consents and hands the footage over, 26(4), 21(3)); a department sees its own; a state
 * security organ's approver sees state security requests where it is competent; the supervisory organ sees all
 * (art. 39). A requester always sees their own request.
 */
export function requireSignedIn(actor: Actor): void {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
}

const OFFICERS = new Set(['province_officer', 'city_officer', 'county_officer']);

export function isOfficer(actor: Actor): boolean {
  return OFFICERS.has(actor.role);
}

/** A state security department's user: approves its own organ's copies (art. 26(1)). */
export function stateSecurityScope(info: UserAccessInfo | undefined): string | null {
  if (info?.department_kind !== 'state_security' || !info.department_division) return null;
  return info.department_level === 'national' ? '' : divisionPrefix(info.department_division);
}

export function canSeeRequest(actor: Actor, r: RequestRow, info: UserAccessInfo | undefined): boolean {
  if (!actor.userId) return false;
  if (r.requester_user_id === actor.userId) return true;
  if (actor.role === 'supervisor') return hasPermission(actor, 'access.register.read');
  if (isOfficer(actor)) return can(actor, 'access.register.read', { divisionCode: r.division_code });
  if (actor.role === 'unit_user') return !!r.unit_id && can(actor, 'access.register.read', { unitId: r.unit_id });
  if (actor.role === 'department_user') {
    if (info?.department_id && r.department_id === info.department_id) return true;
    const ss = stateSecurityScope(info);
    return ss !== null && r.requester_kind === 'state_security' && (ss === '' || isWithin(r.division_code, info!.department_division!));
  }
  return false;
}

export function requestVisibility(actor: Actor, info: UserAccessInfo | undefined): RequestVisibility {
  if (!actor.userId) return {};
  if (actor.role === 'supervisor') return hasPermission(actor, 'access.register.read') ? { all: true } : { requesterUserId: actor.userId };
  if (actor.role === 'province_officer') return { all: true };
  if (isOfficer(actor) && actor.jurisdictionCode) return { requesterUserId: actor.userId, divisionPrefix: divisionPrefix(actor.jurisdictionCode) };
  if (actor.role === 'unit_user' && actor.unitId) return { requesterUserId: actor.userId, unitId: actor.unitId };
  if (actor.role === 'department_user') {
    const ss = stateSecurityScope(info);
    return {
      requesterUserId: actor.userId,
      ...(info?.department_id ? { departmentId: info.department_id } : {}),
      ...(ss !== null ? { stateSecurityPrefix: ss } : {}),
    };
  }
  return { requesterUserId: actor.userId };
}

/** @article 21(3), 39 — the register: officers their jurisdiction, a unit its own, the supervisory organ all. */
export function registerVisibility(actor: Actor): RegisterVisibility | null {
  if (!hasPermission(actor, 'access.register.read')) return null;
  if (actor.role === 'supervisor' || actor.role === 'province_officer') return { kind: 'all' };
  if (isOfficer(actor) && actor.jurisdictionCode) return { kind: 'division', prefix: divisionPrefix(actor.jurisdictionCode) };
  if (actor.role === 'unit_user' && actor.unitId) return { kind: 'unit', unitId: actor.unitId };
  return null;
}

export function canSeeRegisterEntry(actor: Actor, e: { division_code: string; unit_id: string | null }): boolean {
  const v = registerVisibility(actor);
  if (!v) return false;
  if (v.kind === 'all') return true;
  if (v.kind === 'division') return e.division_code.startsWith(v.prefix);
  return e.unit_id === v.unitId;
}

/**
 * @article 26 — where a requester may look for cameras to name in a request: a department within its own
 * government's area (the division subtree of its department; a provincial department the province), an officer
 * within the jurisdiction (a provincial officer everywhere), a key unit among its own sites (it registers citizens'
 * requests for its own cameras only). Anyone else (the supervisory organ, companies) asks for nothing: null.
 */
export function cameraLookupScope(actor: Actor, info: UserAccessInfo | undefined): CameraLookupScope | null {
  if (!actor.userId || !hasPermission(actor, 'access.request')) return null;
  if (actor.role === 'department_user') {
    if (!info?.department_division) return null;
    return { kind: 'division', prefix: info.department_level === 'national' ? '' : divisionPrefix(info.department_division) };
  }
  if (isOfficer(actor) && actor.jurisdictionCode) return { kind: 'division', prefix: divisionPrefix(actor.jurisdictionCode) };
  if (actor.role === 'unit_user' && actor.unitId) return { kind: 'unit', unitId: actor.unitId };
  return null;
}
