import type { Actor, Role } from '../access/actor.js';
import { getPoliceUnit, unitJurisdiction } from '../jurisdictions/police-units.js';

/** An officer's jurisdiction is the division subtree of its police unit. */
export function actorOfUser(
  u: { user_id: string; role: string; police_unit_id: string | null; company_id: string | null; unit_id: string | null; institution_id?: string | null },
  ip: string | null,
): Actor {
  const unit = u.police_unit_id ? getPoliceUnit(u.police_unit_id) : undefined;
  return {
    userId: u.user_id,
    role: u.role as Role,
    policeUnitId: u.police_unit_id,
    jurisdictionCode: unit ? unitJurisdiction(unit) : null,
    companyId: u.company_id,
    unitId: u.unit_id,
    institutionId: u.institution_id ?? null,
    ip,
  };
}
