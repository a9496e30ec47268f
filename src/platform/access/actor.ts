/** Who is acting. Every action receives one; anonymous visitors are the `public` actor. */
export type Role =
  | 'province_officer'
  | 'city_officer'
  | 'county_officer'
  | 'company_user'
  | 'unit_user'
  // Accredited testing institution (art. 18): uploads test reports on projects designated to it.
  | 'testing_institution'
  // Another administrative or emergency department that asks for information (art. 26(2)(3)).
  | 'department_user'
  // Supervisory organ over officials (art. 39): sees overdue decisions and complaints about officials.
  | 'supervisor'
  | 'system'
  | 'public';

export const OFFICER_ROLES: readonly Role[] = ['province_officer', 'city_officer', 'county_officer'];

export interface Actor {
  /** null for the public and for the system itself. */
  userId: string | null;
  role: Role;
  /** Officers: their police unit and the division subtree it covers. */
  policeUnitId?: string | null;
  jurisdictionCode?: string | null;
  companyId?: string | null;
  unitId?: string | null;
  /** Testing institutions: their institution. */
  institutionId?: string | null;
  /** Source address, recorded in the ledger (not in application logs). */
  ip?: string | null;
}

export const PUBLIC_ACTOR: Actor = { userId: null, role: 'public' };
export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };
