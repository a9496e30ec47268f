// Shapes of the HTTP API's requests and responses, as the server's contract states them.

export type Role =
  | 'province_officer'
  | 'city_officer'
  | 'county_officer'
  | 'company_user'
  | 'unit_user'
  | 'testing_institution'
  /** Other administrative, emergency and state security departments (art. 26(1)–(3)). */
  | 'department_user'
  /** The supervisory organ (art. 39). */
  | 'supervisor';
export const ROLES: readonly Role[] = [
  'province_officer',
  'city_officer',
  'county_officer',
  'company_user',
  'unit_user',
  'testing_institution',
  'department_user',
  'supervisor',
];
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
  institutionId?: string | null;
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

/**
 * A licensing period as the server presents it, counted on the legal-day calendar (working days,
 * Licensing Law art. 82): `daysLeft` is in working days (negative once overdue, null once closed).
 */
export interface ApplicationDeadline {
  id: string;
  kind: 'qualification.acceptance' | 'qualification.examination' | 'qualification.decision';
  article: string;
  dayKind: 'working' | 'calendar';
  days: number;
  startDate: string;
  dueDate: string;
  provisional: boolean;
  /** The calendar revision the due date was counted on (0 = shipped State Council data). */
  calendarRevision: number;
  status: 'open' | 'paused' | 'closed';
  outcome: 'met' | 'late' | 'lapsed' | 'cancelled' | null;
  closedOn: string | null;
  daysLeft: number | null;
  overdue: boolean;
  paused: boolean;
}

export interface ApplicationSummary {
  id: string;
  companyId: string;
  companyName: string;
  kind: ApplicationKind;
  targetLevel: Level | null;
  status: ApplicationStatus;
  submittedAt: string;
  /** The running deadline's due date; null when no clock runs (the applicant's turn, or closed). */
  dueDate: string | null;
  /** The period touches a year without an official holiday arrangement (Monday–Friday assumed until one is approved). */
  dueDateProvisional?: boolean;
  /** The running deadline (null when none runs). */
  deadline?: ApplicationDeadline | null;
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
  /** Every period the application has run, newest first. */
  deadlines?: ApplicationDeadline[];
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

// ─── Registry (issue 3): sites, systems, devices, findings, retention, import ───────────────────
// Shapes follow the working contract in src/procedures/registry/README.md ("HTTP API").

export type SiteType = 'key_unit' | 'public_area';
export const SITE_TYPES: readonly SiteType[] = ['key_unit', 'public_area'];

/** The ten system types of art. 40. */
export type SystemType =
  | 'intrusion_alarm'
  | 'video_surveillance'
  | 'road_checkpoint'
  | 'access_control'
  | 'electronic_patrol'
  | 'parking_management'
  | 'explosion_proof_inspection'
  | 'biometric'
  | 'intelligent_video_analysis'
  | 'integrated_platform';
export const SYSTEM_TYPES: readonly SystemType[] = [
  'intrusion_alarm',
  'video_surveillance',
  'road_checkpoint',
  'access_control',
  'electronic_patrol',
  'parking_management',
  'explosion_proof_inspection',
  'biometric',
  'intelligent_video_analysis',
  'integrated_platform',
];

export type SystemStatus = 'planned' | 'under_construction' | 'accepted' | 'in_use' | 'decommissioned';

export type DeviceKind = 'camera' | 'equipment';
export const DEVICE_KINDS: readonly DeviceKind[] = ['camera', 'equipment'];

export type Placement = 'public_area' | 'inside_unit' | 'privacy';
export const PLACEMENTS: readonly Placement[] = ['public_area', 'inside_unit', 'privacy'];

/** The privacy places of art. 10. */
export type PrivacyKind = 'hotel_room' | 'dormitory' | 'public_bathroom' | 'changing_room' | 'toilet';
export const PRIVACY_KINDS: readonly PrivacyKind[] = ['hotel_room', 'dormitory', 'public_bathroom', 'changing_room', 'toilet'];

/** Art. 9, last paragraph: the agreed party; else the owner; for state property the holder of the right of use or management. */
export type ResponsibleBasis = 'agreement' | 'owner' | 'state_use_right' | 'state_management';
export const RESPONSIBLE_BASES: readonly ResponsibleBasis[] = ['agreement', 'owner', 'state_use_right', 'state_management'];

/** The key public areas of art. 7. */
export type AreaKind = 'main_entrance' | 'main_road' | 'complex_section' | 'intersection';
export const AREA_KINDS: readonly AreaKind[] = ['main_entrance', 'main_road', 'complex_section', 'intersection'];

/** The government level that builds and funds a public area's system (county or above). */
export type BuilderLevel = 'county' | 'city' | 'province';
export const BUILDER_LEVELS: readonly BuilderLevel[] = ['county', 'city', 'province'];

/** Quality certificates of main equipment (art. 13). */
export type CertType = 'ccc' | 'production_licence' | 'inspection_report' | 'voluntary';
export const CERT_TYPES: readonly CertType[] = ['ccc', 'production_licence', 'inspection_report', 'voluntary'];

export interface CatalogueKind {
  code: string;
  zh: string;
  en: string;
}

export interface CatalogueCategory {
  code: string;
  zh: string;
  en: string;
  kinds: CatalogueKind[];
  /** Systems a key unit of this category must install (art. 9 → 33). */
  requiredSystems: string[];
  /** Systems that must connect to the alarm centre (art. 11 → 34(1)). */
  alarmCentreSystems: string[];
}

export interface Catalogue {
  version: number;
  effectiveFrom: string;
  illustrative: boolean;
  categories: CatalogueCategory[];
}

export interface PublishCatalogueRequest {
  effectiveFrom: string;
  categories: CatalogueCategory[];
  announcementZh: string;
  announcementEn: string;
}

export interface Announcement {
  version: number;
  effectiveFrom: string;
  announcementZh: string;
  announcementEn: string;
  publishedAt: string;
}

export interface SiteSummary {
  id: string;
  siteType: SiteType;
  name: string;
  divisionCode: string;
  divisionName?: string;
  categoryCode: string | null;
  kindCode: string | null;
  unitId?: string | null;
  openFindings: number;
  antiTerrorTarget: boolean;
}

export interface SiteListQuery {
  siteType?: SiteType;
  division?: string;
  category?: string;
  q?: string;
  hasFindings?: 'true' | 'false';
  article?: string;
  page?: number;
  pageSize?: number;
}

export interface SiteInput {
  siteType: SiteType;
  name: string;
  divisionCode: string;
  address: string;
  categoryCode?: string | null;
  kindCode?: string | null;
  responsibleParty?: string | null;
  responsibleBasis?: ResponsibleBasis | null;
  areaKind?: AreaKind | null;
  builderLevel?: BuilderLevel | null;
  userPoliceUnitId?: string | null;
  antiTerrorTarget: boolean;
}

export interface SystemInput {
  systemType: SystemType;
  name: string;
  status: SystemStatus;
  alarmCentreInterface: boolean;
  authorisationRef?: string | null;
  acceptedOn?: string | null;
}

export interface SystemRecord extends SystemInput {
  id: string;
  siteId?: string;
  version?: number;
}

export interface EquipmentCertificate {
  id?: string;
  certType: CertType;
  number: string;
  validTo: string | null;
}

export interface DeviceInput {
  deviceKind: DeviceKind;
  name: string;
  deviceCode?: string | null;
  placement?: Placement | null;
  privacyKind?: PrivacyKind | null;
  audioCapture: boolean;
  signage: boolean;
  retentionDays?: number | null;
  equipmentType?: string | null;
  certificates?: EquipmentCertificate[];
}

export interface DeviceRecord extends DeviceInput {
  id: string;
  systemId: string;
  siteId?: string;
  version?: number;
  lastReportAt?: string | null;
  reportedRecordingDays?: number | null;
  oldestRecordingAt?: string | null;
}

export interface Finding {
  id: string;
  siteId: string;
  siteName?: string;
  rule: string;
  subjectType?: 'site' | 'system' | 'device' | string;
  subjectId?: string;
  article: string;
  penaltyArticle: string | null;
  divisionCode?: string;
  categoryCode?: string | null;
  openedAt: string;
  resolvedAt: string | null;
  /** What exactly is wrong, in both languages. */
  detail: Bilingual | string | null;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface SiteDetail extends SiteInput {
  id: string;
  version: number;
  unitId?: string | null;
  divisionName?: string;
  userPoliceUnitName?: string | null;
  categoryName?: string | null;
  kindName?: string | null;
  catalogueVersion?: number | null;
  openFindings: number;
  systems: SystemRecord[];
  devices: DeviceRecord[];
  findings: Finding[];
  /** What the caller may do here; buttons come only from these (`edit`: the site, its systems and devices). */
  actions?: string[];
}

export interface FindingListQuery {
  siteId?: string;
  division?: string;
  article?: string;
  category?: string;
  status?: 'open' | 'resolved';
  page?: number;
  pageSize?: number;
}

export interface FindingCount {
  key: string;
  label: string;
  labelEn?: string;
  open: number;
}

/** Retention of one camera (art. 20): the legal floor, the latest report and the verdict. */
export type RetentionStatus = 'ok' | 'below_minimum' | 'stale' | 'never_reported';

export interface RetentionEvaluation {
  status: RetentionStatus | string;
  /** Legal floor: 30, or 90 on an anti-terrorism key target. */
  requiredDays: number;
  configuredDays: number | null;
  targetDays?: number;
  recordingDays: number | null;
  oldestRecordingAt: string | null;
  lastReportAt: string | null;
  hoursSinceReport?: number | null;
  /** recordingDays − requiredDays; negative is a breach. */
  marginDays?: number | null;
  stale?: boolean;
  warnings?: string[];
}

export interface RetentionCamera extends RetentionEvaluation {
  deviceId: string;
  deviceCode: string | null;
  name: string;
  systemId: string;
  reports?: { reportedAt: string; receivedAt: string; oldestRecordingAt: string; recordingDays: number; retainedDays: number }[];
}

/** Proof per site that footage is kept long enough. */
export interface SiteRetention {
  siteId: string;
  siteName: string;
  antiTerrorTarget: boolean;
  article: string;
  requiredDays: number;
  staleReportHours: number;
  evaluatedAt: string;
  /** Every camera in service reported, fresh, at or above the legal floor. */
  holds: boolean;
  counts: { total: number; ok: number; belowMinimum: number; stale: number; neverReported: number };
  cameras: RetentionCamera[];
}

export interface RetentionAlert extends RetentionEvaluation {
  deviceId: string;
  deviceCode: string | null;
  deviceName: string;
  siteId: string;
  siteName: string;
  divisionCode: string;
  divisionName?: string;
  antiTerrorTarget?: boolean;
  article?: string;
}

export interface RetentionAlertsPage extends PageResponse<RetentionAlert> {
  staleReportHours?: number;
  evaluatedAt?: string;
}

export type ImportKind = 'sites' | 'systems' | 'devices';
export const IMPORT_KINDS: readonly ImportKind[] = ['sites', 'systems', 'devices'];
export type ImportMode = 'dry_run' | 'all_or_nothing' | 'valid_rows_only';
export type ImportStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface ImportReportRow {
  row: number;
  column: string;
  /** In Chinese. */
  message: string;
  messageEn?: string;
}

export interface ImportJob {
  id: string;
  kind?: ImportKind;
  mode?: ImportMode;
  fileName?: string;
  status: ImportStatus | string;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  errorCount: number;
  phase?: 'parsing' | 'checking' | 'writing' | 'done' | string;
  counts?: { inserted: number; updated: number; unchanged: number };
  report?: ImportReportRow[];
  /** The report shown is the first part of a longer one. */
  reportTruncated?: boolean;
}
