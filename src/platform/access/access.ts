import { AppError } from '../http/errors.js';
import type { Actor, Role } from './actor.js';

/**
 * The one access module. Deny by default: a permission not granted to a role here is refused,
 * and data-level checks confine an officer to its jurisdiction's subtree and a company to its
 * own records (art. 5, 14: each bureau acts within its administrative area).
 */
export type Permission =
  | 'company.read'
  | 'qualification.apply'
  | 'qualification.read'
  | 'qualification.accept'
  | 'qualification.examine'
  | 'qualification.decide'
  | 'qualification.levels.manage'
  | 'certificate.read'
  | 'token.manage'
  | 'ledger.read'
  // Registry: officers read their jurisdiction; unit users maintain their own sites.
  | 'registry.read'
  | 'registry.maintain'
  | 'registry.public_area.maintain'
  | 'registry.catalogue.manage'
  | 'registry.import'
  | 'retention.report'
  // Legal-day calendar: provincial administrators propose a year's arrangement; another approves.
  | 'calendar.read'
  | 'calendar.propose'
  | 'calendar.approve'
  // Projects (art. 17–19): units (and officers for public areas) submit; the competent bureau
  // reviews and accepts; testing institutions report; the province registers institutions.
  | 'project.read'
  | 'project.submit'
  | 'project.submit_public_area'
  | 'project.review'
  | 'project.test_report'
  | 'testing_institution.read'
  | 'testing_institution.manage'
  // Information access (art. 21(3), 23–27, 39): who asks, approves, consents, reads the register,
  // unmasks identity numbers, reports use (the unit's VMS) and oversees. The matrix decides whose
  // approval counts; these only say who may act at all.
  | 'access.request'
  | 'access.approve'
  | 'access.consent'
  | 'access.register.read'
  | 'access.unmask'
  | 'access.report_use'
  | 'access.oversight'
  // Province: registers requesting departments and their users, names persons in charge (art. 26(1)).
  | 'access.departments.manage'
  // Supervision and enforcement (art. 29–39): inspections and 双随机 draws, rectification orders,
  // complaints and reports, penalty cases, credit publicity, oversight of officials.
  | 'inspection.plan'
  | 'inspection.conduct'
  | 'inspection.read'
  | 'rectification.issue'
  | 'rectification.read'
  | 'rectification.report'
  | 'complaint.handle'
  | 'complaint.oversee'
  | 'case.handle'
  | 'case.read'
  | 'case.respond'
  | 'credit.publish'
  | 'penalty.settings.manage'
  | 'supervision.oversight';

const GRANTS: Record<Role, readonly Permission[]> = {
  province_officer: [
    'company.read',
    'qualification.read',
    'qualification.accept',
    'qualification.decide',
    'qualification.levels.manage',
    'certificate.read',
    'token.manage',
    'ledger.read',
    'registry.read',
    'registry.public_area.maintain',
    'registry.catalogue.manage',
    'registry.import',
    'calendar.read',
    'calendar.propose',
    'calendar.approve',
    'project.read',
    'project.submit_public_area',
    'project.review',
    'testing_institution.read',
    'testing_institution.manage',
    'access.request',
    'access.approve',
    'access.consent',
    'access.register.read',
    'access.unmask',
    'access.oversight',
    // Public areas have no unit: the bureau using the system reports use with its own token.
    'access.report_use',
    'access.departments.manage',
  ],
  city_officer: [
    'company.read',
    'qualification.read',
    'qualification.accept',
    'qualification.examine',
    'qualification.decide',
    'certificate.read',
    'token.manage',
    'registry.read',
    'registry.public_area.maintain',
    'registry.import',
    'calendar.read',
    'project.read',
    'project.submit_public_area',
    'project.review',
    'testing_institution.read',
    'access.request',
    'access.approve',
    'access.consent',
    'access.register.read',
    'access.unmask',
    'access.report_use',
  ],
  // County bureaus see the companies and certificates of their county; they do not decide
  // qualification (art. 14 gives that to the city bureau and the province).
  county_officer: [
    'company.read',
    'qualification.read',
    'certificate.read',
    'token.manage',
    'registry.read',
    'registry.public_area.maintain',
    'registry.import',
    'calendar.read',
    'project.read',
    'project.submit_public_area',
    'project.review',
    'testing_institution.read',
    'access.request',
    'access.approve',
    'access.consent',
    'access.register.read',
    'access.report_use',
  ],
  // Companies read the projects they design or build (their certificates are checked on them).
  company_user: ['company.read', 'qualification.apply', 'qualification.read', 'certificate.read', 'token.manage', 'project.read'],
  unit_user: [
    'token.manage',
    'registry.read',
    'registry.maintain',
    'registry.import',
    'retention.report',
    'calendar.read',
    'project.read',
    'project.submit',
    'testing_institution.read',
    'access.request',
    'access.consent',
    'access.register.read',
    'access.report_use',
  ],
  testing_institution: ['token.manage', 'project.read', 'project.test_report', 'calendar.read', 'testing_institution.read'],
  // Granted by the information-access and supervision procedures (issues 5 and 6).
  // Departments ask (art. 26(2)(3)); a state security organ's person in charge approves its own copies (26(1)).
  department_user: ['access.request', 'access.approve'],
  // The supervisory organ (art. 39) reads the register, unmasks with a reason and oversees.
  supervisor: ['access.register.read', 'access.unmask', 'access.oversight'],
  system: [],
  public: [],
};

const OFFICER_SUPERVISION: readonly Permission[] = [
  'inspection.plan',
  'inspection.conduct',
  'inspection.read',
  'rectification.issue',
  'rectification.read',
  'complaint.handle',
  'case.handle',
  'case.read',
  'credit.publish',
];

/**
 * Supervision and enforcement grants, kept beside GRANTS so that procedure's permissions read as
 * one block. Units see and answer what concerns them (inspections of their sites, orders, cases
 * against them); the supervisory organ (art. 39) oversees officials and takes complaints about them.
 */
const SUPERVISION_GRANTS: Partial<Record<Role, readonly Permission[]>> = {
  province_officer: [...OFFICER_SUPERVISION, 'penalty.settings.manage', 'supervision.oversight'],
  city_officer: OFFICER_SUPERVISION,
  county_officer: OFFICER_SUPERVISION,
  unit_user: ['inspection.read', 'rectification.read', 'rectification.report', 'case.read', 'case.respond'],
  // A company fined under art. 35 states its case and asks for a hearing like any party.
  company_user: ['case.read', 'case.respond'],
  supervisor: ['complaint.oversee', 'supervision.oversight', 'inspection.read', 'case.read'],
};

/** What a record exposes for data-level checks. */
export interface Scope {
  /** Division code of the record (e.g. the company's place of registration). */
  divisionCode?: string | null;
  companyId?: string | null;
  /** Key-unit organisation owning the record (a unit user sees only its own). */
  unitId?: string | null;
  /** Police units named on the record as deciding or examining authority. */
  unitIds?: readonly (string | null)[];
}

/** The prefix of division codes inside a jurisdiction: 440000 → "44", 440100 → "4401", 440106 → "440106". */
export function divisionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function withinJurisdiction(actor: Actor, divisionCode: string | null | undefined): boolean {
  if (!actor.jurisdictionCode || !divisionCode) return false;
  return divisionCode.startsWith(divisionPrefix(actor.jurisdictionCode));
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return (GRANTS[actor.role]?.includes(permission) ?? false) || (SUPERVISION_GRANTS[actor.role]?.includes(permission) ?? false);
}

export function can(actor: Actor, permission: Permission, scope?: Scope): boolean {
  if (!hasPermission(actor, permission)) return false;
  if (!scope) return true;
  switch (actor.role) {
    case 'company_user':
      return !!actor.companyId && scope.companyId === actor.companyId;
    case 'unit_user':
      return !!actor.unitId && scope.unitId === actor.unitId;
    case 'province_officer':
      return true;
    case 'city_officer':
    case 'county_officer':
    // The supervisory organ (art. 39) sees within the area of the police unit it supervises.
    case 'supervisor':
      return (
        withinJurisdiction(actor, scope.divisionCode) ||
        (!!actor.policeUnitId && (scope.unitIds ?? []).includes(actor.policeUnitId))
      );
    default:
      return false;
  }
}

export function assertCan(actor: Actor, permission: Permission, scope?: Scope): void {
  if (actor.role === 'public' && !hasPermission(actor, permission)) throw new AppError('UNAUTHENTICATED');
  if (!can(actor, permission, scope)) throw new AppError('FORBIDDEN');
}

/** How a list query must be narrowed for this actor; `none` means it may list nothing. */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'division'; prefix: string }
  | { kind: 'company'; companyId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'none' };

export function listScope(actor: Actor, permission: Permission): ListScope {
  if (!hasPermission(actor, permission)) return { kind: 'none' };
  if (actor.role === 'province_officer') return { kind: 'all' };
  if ((actor.role === 'city_officer' || actor.role === 'county_officer' || actor.role === 'supervisor') && actor.jurisdictionCode) {
    return { kind: 'division', prefix: divisionPrefix(actor.jurisdictionCode) };
  }
  if (actor.role === 'company_user' && actor.companyId) return { kind: 'company', companyId: actor.companyId };
  if (actor.role === 'unit_user' && actor.unitId) return { kind: 'unit', unitId: actor.unitId };
  return { kind: 'none' };
}
