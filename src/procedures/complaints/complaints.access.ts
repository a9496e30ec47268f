import type { Actor } from '../../platform/access/actor.js';
import { can, hasPermission, withinJurisdiction } from '../../platform/access/access.js';
import type { ComplaintRow } from './complaints.repository.js';

/**
 * Who may see and act on a complaint (art. 30, 39). Deny by default:
 *  - bureau queue: officers holding `complaint.handle` whose unit handles it, or whose jurisdiction
 *    contains its division (a superior bureau sees, e.g. to review a transfer); only the handling
 *    bureau acts and may read the complainant's identity;
 *  - supervision queue (complaints about officials): only the supervisory organ (`complaint.oversee`)
 *    of the area sees, acts and may read the identity — never an officer, whatever their level.
 * Unit users, companies and the public hold neither permission and so reach nothing.
 */
type Row = Pick<ComplaintRow, 'queue' | 'handling_unit_id' | 'division_code'>;

export function canSeeComplaint(actor: Actor, row: Row): boolean {
  if (row.queue === 'supervision') return can(actor, 'complaint.oversee', { divisionCode: row.division_code });
  if (!hasPermission(actor, 'complaint.handle')) return false;
  if (actor.role === 'province_officer') return true;
  return (!!actor.policeUnitId && actor.policeUnitId === row.handling_unit_id) || withinJurisdiction(actor, row.division_code);
}

/** Acting (every step) and reading the identity: the handling organ only. */
export function canActOnComplaint(actor: Actor, row: Row): boolean {
  if (row.queue === 'supervision') return can(actor, 'complaint.oversee', { divisionCode: row.division_code });
  return hasPermission(actor, 'complaint.handle') && !!actor.policeUnitId && actor.policeUnitId === row.handling_unit_id;
}
