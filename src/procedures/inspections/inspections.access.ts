import { can, divisionPrefix, hasPermission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';
import type { InspectionRow, OrderRow, PlanRow, SupervisionScope } from './inspections.repository.js';

/**
 * Who sees what (art. 5: each bureau within its area; art. 29: territorial management). Officers
 * and the supervisory organ see records in their area and those of their own bureau; a unit sees
 * the completed inspections of its own sites (an unannounced inspection is not announced) and the
 * orders issued to it; plans are the bureaus' own. Outside one's view: 404, never 403.
 */

export function requireSignedIn(actor: Actor): void {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
}

const OFFICERISH = new Set(['province_officer', 'city_officer', 'county_officer', 'supervisor']);

export function canSeePlan(actor: Actor, p: Pick<PlanRow, 'division_code' | 'police_unit_id'>): boolean {
  if (!OFFICERISH.has(actor.role)) return false;
  return can(actor, 'inspection.read', { divisionCode: p.division_code, unitIds: [p.police_unit_id] });
}

export function canSeeInspection(actor: Actor, i: Pick<InspectionRow, 'division_code' | 'police_unit_id' | 'unit_id' | 'status'>): boolean {
  if (actor.role === 'unit_user') return i.status === 'completed' && can(actor, 'inspection.read', { unitId: i.unit_id });
  if (!OFFICERISH.has(actor.role)) return false;
  return can(actor, 'inspection.read', { divisionCode: i.division_code, unitIds: [i.police_unit_id] });
}

export function canSeeOrder(actor: Actor, o: Pick<OrderRow, 'division_code' | 'police_unit_id' | 'unit_id'>): boolean {
  return can(actor, 'rectification.read', { divisionCode: o.division_code, unitId: o.unit_id, unitIds: [o.police_unit_id] });
}

/** The same rules as list filters. */
export function supervisionScope(actor: Actor, permission: 'inspection.read' | 'rectification.read'): SupervisionScope {
  if (!hasPermission(actor, permission)) return { kind: 'none' };
  switch (actor.role) {
    case 'province_officer':
      return { kind: 'all' };
    case 'city_officer':
    case 'county_officer':
    case 'supervisor':
      return actor.jurisdictionCode ? { kind: 'officer', prefix: divisionPrefix(actor.jurisdictionCode), policeUnitId: actor.policeUnitId ?? null } : { kind: 'none' };
    case 'unit_user':
      return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}
