// The navigation each role sees. Pure data so it can be tested; the shell adds icons.
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/translate';
import { isOfficer } from '../auth/roles';

export interface MenuEntry {
  /** The route; also the menu key. */
  path: string;
  label: MessageKey;
  icon:
    | 'dashboard'
    | 'apply'
    | 'queue'
    | 'levels'
    | 'verify'
    | 'companies'
    | 'sites'
    | 'findings'
    | 'retention'
    | 'import'
    | 'catalogue'
    | 'projects'
    | 'schemeQueue'
    | 'calendar'
    | 'institutions';
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
      { path: '/projects', label: 'menu.projects', icon: 'projects' },
      ...PUBLIC,
    ];
  }
  if (role === 'unit_user') {
    return [
      { path: '/registry/sites', label: 'menu.mySites', icon: 'sites' },
      { path: '/projects', label: 'menu.projects', icon: 'projects' },
      { path: '/registry/import', label: 'menu.import', icon: 'import' },
      ...PUBLIC,
    ];
  }
  if (role === 'testing_institution') {
    return [{ path: '/projects', label: 'menu.testingProjects', icon: 'projects' }, ...PUBLIC];
  }
  if (isOfficer(role)) {
    const province = role === 'province_officer';
    return [
      { path: '/officer/queue', label: 'menu.queue', icon: 'queue' },
      { path: '/officer/projects', label: 'menu.schemeQueue', icon: 'schemeQueue' },
      { path: '/projects', label: 'menu.projects', icon: 'projects' },
      { path: '/registry/sites', label: 'menu.sites', icon: 'sites' },
      { path: '/registry/findings', label: 'menu.findings', icon: 'findings' },
      { path: '/registry/retention', label: 'menu.retention', icon: 'retention' },
      { path: '/registry/import', label: 'menu.import', icon: 'import' },
      { path: '/calendar', label: 'menu.calendar', icon: 'calendar' },
      ...(province
        ? ([
            { path: '/admin/levels', label: 'menu.levels', icon: 'levels' },
            { path: '/admin/catalogue', label: 'menu.catalogue', icon: 'catalogue' },
            { path: '/admin/institutions', label: 'menu.institutions', icon: 'institutions' },
          ] as MenuEntry[])
        : []),
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
