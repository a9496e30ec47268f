import type { Insertable } from 'kysely';
import type { UsersTable } from '../db/schema.js';

/** A new, active account: one place that knows every column's starting value. */
export function newUserRow(u: {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  policeUnitId?: string | null;
  companyId?: string | null;
  unitId?: string | null;
  institutionId?: string | null;
  now: string;
}): Insertable<UsersTable> {
  return {
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    password_hash: u.passwordHash,
    role: u.role,
    police_unit_id: u.policeUnitId ?? null,
    company_id: u.companyId ?? null,
    unit_id: u.unitId ?? null,
    institution_id: u.institutionId ?? null,
    status: 'active',
    failed_logins: 0,
    locked_until: null,
    password_changed_at: u.now,
    last_login_at: null,
    created_at: u.now,
  };
}
