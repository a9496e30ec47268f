// Shapes of the HTTP API's requests and responses, as the server's contract states them.

export type Role = 'province_officer' | 'city_officer' | 'county_officer' | 'company_user' | 'unit_user';
export const ROLES: readonly Role[] = ['province_officer', 'city_officer', 'county_officer', 'company_user', 'unit_user'];
export const OFFICER_ROLES: readonly Role[] = ['province_officer', 'city_officer', 'county_officer'];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  policeUnitId?: string | null;
  /** The officer's bureau, e.g. 广州市公安局. */
  policeUnitName?: string | null;
  jurisdictionCode?: string | null;
  companyId?: string | null;
  unitId?: string | null;
}

export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export type CompanyOrigin = 'guangdong' | 'out_of_province';

export interface RegisterCompanyRequest {
  company: { name: string; uscc: string; divisionCode: string; origin: CompanyOrigin };
  user: { username: string; password: string; displayName: string };
}

export interface DivisionNode {
  value: string;
  label: string;
  labelEn?: string;
  children?: DivisionNode[];
}

export type Level = 'I' | 'II' | 'III' | 'IV';
export const LEVELS: readonly Level[] = ['I', 'II', 'III', 'IV'];

export interface ChecklistItem {
  id: string;
  zh: string;
  en: string;
}

export interface LevelDefinition {
  level: Level;
  scopeZh: string;
  scopeEn: string;
  projectScales: number[];
  promotionChecklist: ChecklistItem[];
  illustrative: boolean;
}

export type UpdateLevelRequest = Pick<LevelDefinition, 'scopeZh' | 'scopeEn' | 'projectScales' | 'promotionChecklist'>;

export type ApplicationKind = 'first' | 'promotion' | 'renewal' | 'extension' | 'record';
export const APPLICATION_KINDS: readonly ApplicationKind[] = ['first', 'promotion', 'renewal', 'extension', 'record'];

export type ApplicationStatus =
  | 'submitted'
  | 'supplement_required'
  | 'accepted'
  | 'examined'
  | 'approved'
  | 'refused'
  | 'withdrawn'
  | 'not_accepted';

/** `reject` is 不予受理 (not accepted, with reasons), before acceptance; `refuse` is the decision 不予批准. */
export type ApplicationAction = 'accept' | 'notice' | 'reject' | 'supplement' | 'examine' | 'approve' | 'refuse' | 'withdraw';

export interface Material {
  name: string;
  ref: string;
}

export interface ApplicationSummary {
  id: string;
  companyId: string;
  companyName: string;
  kind: ApplicationKind;
  targetLevel: Level | null;
  status: ApplicationStatus;
  submittedAt: string;
  dueDate: string | null;
  /** The due date is counted in calendar days until the legal-day calendar (working days, 调休) covers it. */
  dueDateProvisional?: boolean;
  actions: ApplicationAction[];
  /** Optimistic concurrency: sent back with each step; a changed record answers 409 CONFLICT. */
  version?: number;
}

export interface UnitRef {
  id: string;
  name: string;
}

export interface HistoryEntry {
  at: string;
  action: string;
  actorRole: Role | string;
  article?: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  materials: Material[];
  checklist: Record<string, boolean>;
  missingNotice: string[] | null;
  opinion: string | null;
  examinationPassed?: boolean | null;
  reasons: string | null;
  decidedAt: string | null;
  /** The certificate this application produced (for an extension: the one extended). */
  certificateId: string | null;
  /** The certificate it starts from (renewal, extension, promotion). */
  basedOnCertificateId?: string | null;
  history: HistoryEntry[];
  extensionDays: number | null;
  decidingUnit?: UnitRef;
  examiningUnit?: UnitRef | null;
}

export interface CreateApplicationRequest {
  kind: ApplicationKind;
  targetLevel?: Level;
  certificateId?: string;
  extensionDays?: number;
  materials: Material[];
  checklist?: Record<string, boolean>;
}

export type CertificateKind = 'qualification' | 'record';
export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'revoked' | 'superseded';

export interface Certificate {
  id: string;
  number: string;
  companyId: string;
  companyName: string;
  kind: CertificateKind;
  /** Null for a record certificate without a level. */
  level: Level | null;
  businessScope: string;
  validFrom: string;
  validTo: string;
  status: CertificateStatus;
}

export interface PublicCertificate {
  number: string;
  companyName: string;
  kind: CertificateKind;
  level: Level | null;
  validFrom: string;
  validTo: string;
  status: CertificateStatus;
}

export interface QualifiedCompany {
  companyName: string;
  level: Level | null;
  city: string;
  cityName: string;
  certificateNumber: string;
  validTo: string;
  status: CertificateStatus;
}

export interface ItemsResponse<T> {
  items: T[];
}

/** A page of a longer list (the public register: 50 per page). */
export interface PageResponse<T> extends ItemsResponse<T> {
  page?: number;
  pageSize?: number;
  total?: number;
}
