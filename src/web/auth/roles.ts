// Where each role starts and which areas it may open; the server enforces access, this only shapes the UI.
import { OFFICER_ROLES, type Role } from '../api/types';

export function isOfficer(role: Role | null | undefined): boolean {
  return !!role && OFFICER_ROLES.includes(role);
}

/** The page `/` sends a user to. */
export function homePathFor(role: Role | null | undefined): string {
  if (!role) return '/verify';
  if (role === 'company_user') return '/company';
  if (isOfficer(role)) return '/officer/queue';
  if (role === 'unit_user') return '/registry/sites'; // their sites, systems and devices
  if (role === 'testing_institution') return '/projects'; // the projects designated to it (art. 18)
  if (role === 'department_user') return '/access/requests'; // its requests to view or copy footage (art. 26)
  if (role === 'supervisor') return '/access/oversight'; // access per official and unit (art. 39)
  return '/companies';
}

/**
 * Only same-site paths are followed after sign-in (`?next=`), so a crafted link cannot send the
 * user elsewhere.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/login') || next.startsWith('/api/')) return null;
  return next;
}
