// The navigation each role sees. Pure data so it can be tested; the shell adds icons.
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/translate';
import { isOfficer } from '../auth/roles';

export interface MenuEntry {
  /** The route; also the menu key. */
  path: string;
  label: MessageKey;
  icon: 'dashboard' | 'apply' | 'queue' | 'levels' | 'verify' | 'companies';
}

const PUBLIC: MenuEntry[] = [
  { path: '/verify', label: 'menu.verify', icon: 'verify' },
  { path: '/companies', label: 'menu.companies', icon: 'companies' },
];

export function menuFor(role: Role | null | undefined): MenuEntry[] {
  if (role === 'company_user') {
    return [
      { path: '/company', label: 'menu.companyDashboard', icon: 'dashboard' },
      { path: '/company/apply', label: 'menu.apply', icon: 'apply' },
      ...PUBLIC,
    ];
  }
  if (isOfficer(role)) {
    return [
      { path: '/officer/queue', label: 'menu.queue', icon: 'queue' },
      ...(role === 'province_officer' ? [{ path: '/admin/levels', label: 'menu.levels', icon: 'levels' } as MenuEntry] : []),
      ...PUBLIC,
    ];
  }
  return PUBLIC;
}

/** The menu entry a location belongs to: the longest entry path that prefixes it. */
export function selectedMenuKey(entries: MenuEntry[], pathname: string): string | undefined {
  let best: string | undefined;
  for (const e of entries) {
    const hit = pathname === e.path || pathname.startsWith(e.path + '/');
    if (hit && (!best || e.path.length > best.length)) best = e.path;
  }
  if (!best && pathname.startsWith('/applications/')) {
    best = entries.find((e) => e.path === '/officer/queue' || e.path === '/company')?.path;
  }
  return best;
}
