import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.js';
import { getPoliceUnit, unitJurisdiction } from '../jurisdictions/police-units.js';

export interface PresentedUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  policeUnitId: string | null;
  policeUnitName: string | null;
  jurisdictionCode: string | null;
  companyId: string | null;
  unitId: string | null;
  institutionId: string | null;
}

export function presentUser(u: Selectable<UsersTable>): PresentedUser {
  const unit = u.police_unit_id ? getPoliceUnit(u.police_unit_id) : undefined;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    policeUnitId: u.police_unit_id,
    policeUnitName: unit?.name ?? null,
    jurisdictionCode: unit ? unitJurisdiction(unit) : null,
    companyId: u.company_id,
    unitId: u.unit_id,
    institutionId: u.institution_id ?? null,
  };
}
