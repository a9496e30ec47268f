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
    | 'institutions'
    | 'accessRequests'
    | 'accessNew'
    | 'accessQueue'
    | 'accessRegister'
    | 'accessOversight';
}

// Information access (art. 21(3), 26, 27, 39).
const ACCESS_REQUESTS: MenuEntry = { path: '/access/requests', label: 'menu.accessRequests', icon: 'accessRequests' };
const ACCESS_QUEUE: MenuEntry = { path: '/access/queue', label: 'menu.accessQueue', icon: 'accessQueue' };
const ACCESS_REGISTER: MenuEntry = { path: '/access/register', label: 'menu.accessRegister', icon: 'accessRegister' };
const ACCESS_OVERSIGHT: MenuEntry = { path: '/access/oversight', label: 'menu.accessOversight', icon: 'accessOversight' };

// Complaints and reports (art. 30, 39): a public form for visitors; the queues for those who handle them.
const COMPLAINT_NEW: MenuEntry = { path: '/complaints/new', label: 'menu.complaintNew', icon: 'apply' };
const COMPLAINTS: MenuEntry = { path: '/complaints', label: 'menu.complaints', icon: 'queue' };
// Oversight of officials (art. 39): overdue decisions of every procedure and reports not acted on.
const SUPERVISION_OVERSIGHT: MenuEntry = { path: '/oversight', label: 'menu.oversight', icon: 'accessOversight' };
const COMPLAINT_OVERSIGHT: MenuEntry = { path: '/oversight/complaints', label: 'menu.complaintOversight', icon: 'accessOversight' };

// Rectification orders (art. 29): a unit's inbox.
const RECTIFICATION_INBOX: MenuEntry = { path: '/rectification-orders', label: 'menu.rectificationInbox', icon: 'queue' };

// Penalty cases (art. 32–38) and the public 双公示 lists (art. 31).
const PENALTY_CASES: MenuEntry = { path: '/penalty-cases', label: 'menu.penaltyCases', icon: 'findings' };
const PENALTY_DECISIONS: MenuEntry = { path: '/penalty-decisions', label: 'menu.penaltyDecisions', icon: 'companies' };

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
      // Cases naming the company as party (e.g. art. 35), to state its case or ask for a hearing.
      PENALTY_CASES,
      ...PUBLIC,
    ];
  }
  if (role === 'unit_user') {
    return [
      { path: '/registry/sites', label: 'menu.mySites', icon: 'sites' },
      { path: '/projects', label: 'menu.projects', icon: 'projects' },
      { path: '/registry/import', label: 'menu.import', icon: 'import' },
      ACCESS_REQUESTS,
      ACCESS_QUEUE,
      ACCESS_REGISTER,
      RECTIFICATION_INBOX,
      PENALTY_CASES,
      ...PUBLIC,
    ];
  }
  if (role === 'department_user') {
    return [ACCESS_REQUESTS, { path: '/access/requests/new', label: 'menu.accessNew', icon: 'accessNew' }, ACCESS_QUEUE, ...PUBLIC];
  }
  if (role === 'supervisor') {
    return [SUPERVISION_OVERSIGHT, ACCESS_OVERSIGHT, ACCESS_REGISTER, ACCESS_REQUESTS, COMPLAINTS, COMPLAINT_OVERSIGHT, ...PUBLIC];
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
      // Supervision and inspection (art. 29): inspections and plans, rectification orders.
      { path: '/inspections', label: 'menu.inspections', icon: 'findings' },
      { path: '/rectification-orders', label: 'menu.rectification', icon: 'queue' },
      PENALTY_CASES,
      { path: '/calendar', label: 'menu.calendar', icon: 'calendar' },
      COMPLAINTS,
      ACCESS_QUEUE,
      ACCESS_REQUESTS,
      ACCESS_REGISTER,
      ...(province ? [ACCESS_OVERSIGHT, SUPERVISION_OVERSIGHT] : []),
      ...(province
        ? ([
            { path: '/admin/levels', label: 'menu.levels', icon: 'levels' },
            { path: '/admin/catalogue', label: 'menu.catalogue', icon: 'catalogue' },
            { path: '/admin/institutions', label: 'menu.institutions', icon: 'institutions' },
            { path: '/access/departments', label: 'menu.accessDepartments', icon: 'institutions' },
            { path: '/admin/penalty-settings', label: 'menu.penaltySettings', icon: 'levels' },
          ] as MenuEntry[])
        : []),
      ...PUBLIC,
      PENALTY_DECISIONS,
    ];
  }
  return [...PUBLIC, COMPLAINT_NEW, PENALTY_DECISIONS];
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
  if (!best && pathname.startsWith('/access/grants/')) best = entries.find((e) => e.path === '/access/requests')?.path;
  return best;
}
