// Shapes of the issue-4 HTTP API: technical prevention projects (design-scheme review, testing,
// acceptance; art. 11, 12, 17–19), testing institutions (art. 18) and the legal-day calendar.
// Aligned with src/procedures/projects/*.schemas.ts and src/platform/calendar/calendar.schemas.ts.
import type { DocClass, InstitutionScope, PauseReason, ProjectStatus, SchemeDocClass as RequiredDocClass } from '../../procedures/projects/projects.terms';
import type { SiteType, SystemType } from './types';

// The closed lists (statuses, document classes, pause reasons, institution scopes) are the server's own.
export {
  DOC_CLASSES,
  INSTITUTION_SCOPES,
  PAUSE_REASONS,
  PROJECT_STATUSES,
  SCHEME_DOC_CLASSES as REQUIRED_DOC_CLASSES,
  type DocClass,
  type InstitutionScope,
  type PauseReason,
  type ProjectStatus,
  type SchemeDocClass as RequiredDocClass,
} from '../../procedures/projects/projects.terms';

/** Steps a project may take; buttons come only from the `actions` the server lists. */
export type ProjectAction =
  | 'submit'
  | 'notice'
  | 'supplement'
  | 'accept'
  | 'not-accept'
  | 'pause'
  | 'resume'
  | 'approve'
  | 'refuse'
  | 'withdraw'
  | 'construction-started'
  | 'designate-testing'
  | 'test-report'
  | 'apply-acceptance'
  | 'grant-acceptance'
  | 'refuse-acceptance';

export type ScaleClass = 1 | 2 | 3;

export interface ProjectCompanyRef {
  id: string;
  name: string;
  uscc: string;
}

export interface ProjectDocument {
  id: string;
  projectId: string;
  docClass: DocClass | string;
  /** Submission round (0 = first submission, +1 after each supplement). */
  round: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  digest: string;
  alg: string;
  uploadedAt: string;
  downloadUrl: string;
}

/** One of the five classes with its bilingual label and whether a document of it is on file. */
export interface ChecklistEntry {
  docClass: RequiredDocClass | string;
  zh: string;
  en: string;
  present: boolean;
}


export interface DeadlinePause {
  reason: PauseReason | 'supplement' | string;
  article: string;
  from: string;
  to: string | null;
  note: string | null;
}

export type DayKind = 'working' | 'calendar';

/** A deadline as the platform's presentDeadline shows it. */
export interface DeadlineView {
  id: string;
  kind: string;
  article: string;
  dayKind: DayKind | string;
  days: number;
  startDate: string;
  dueDate: string;
  provisional: boolean;
  calendarRevision: number;
  status: 'open' | 'paused' | 'closed' | string;
  outcome: 'met' | 'late' | 'lapsed' | 'cancelled' | string | null;
  closedOn: string | null;
  /** Working (or calendar) days to the due date; negative once overdue. */
  daysLeft: number | null;
  overdue: boolean;
  paused: boolean;
  pauses: DeadlinePause[];
}

export interface TestReportItem {
  item: string;
  result: 'pass' | 'fail' | string;
  note?: string;
}

export interface TestReport {
  id: string;
  institutionId: string;
  institutionName: string;
  reportNumber: string;
  testedOn: string;
  items: TestReportItem[];
  conclusion: 'pass' | 'fail' | string;
  documentId: string | null;
  submittedAt: string;
}

export interface ProjectSystemRef {
  id: string;
  systemType: SystemType | string;
  name: string;
  status: string;
  acceptedOn: string | null;
  authorisationRef: string | null;
}

/** A company's certificate not in force on the project (art. 14(2) or 16). */
export interface EligibilityFlag {
  companyId: string;
  role: 'designer' | 'builder';
  reason: string;
  article: string;
  since: string;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  action: string;
  actorRole: string;
  article: string | null;
}

export interface MissingItem {
  docClass: RequiredDocClass | null;
  zh: string;
  en?: string;
}

export interface NamedRef {
  id: string;
  name: string;
}

export interface ProjectSite {
  id: string;
  name: string;
  siteType: SiteType | string;
  divisionCode: string;
}

export interface ProjectSummary {
  id: string;
  number: string;
  title: string;
  status: ProjectStatus;
  site: ProjectSite;
  authority: NamedRef;
  scaleClass: number;
  companies: { designer: ProjectCompanyRef; builder: ProjectCompanyRef };
  receivedOn: string | null;
  /** The clock running now (completeness, review or acceptance decision), if any. */
  deadline: DeadlineView | null;
  paused: boolean;
  eligibilityFlagged: boolean;
  constructionStartedOn: string | null;
  actions: ProjectAction[];
  version: number;
  updatedAt: string;
}

export interface ProjectDetail extends ProjectSummary {
  round: number;
  constructionUnitName: string;
  unitId: string | null;
  builderLevel: string | null;
  systemTypes: (SystemType | string)[];
  investmentYuan: number;
  level1Risk: boolean;
  noticeIssuedOn: string | null;
  missingNotice: { items: { docClass: string | null; zh: string; en?: string }[]; note: string | null } | null;
  acceptedOn: string | null;
  deemedAccepted: boolean;
  decidedOn: string | null;
  approvalNumber: string | null;
  reasons: string | null;
  testingInstitution: NamedRef | null;
  acceptanceAppliedOn: string | null;
  acceptanceDecidedOn: string | null;
  acceptanceNumber: string | null;
  acceptanceReasons: string | null;
  eligibilityFlags: EligibilityFlag[];
  documents: ProjectDocument[];
  checklist: ChecklistEntry[];
  deadlines: DeadlineView[];
  testReports: TestReport[];
  systems: ProjectSystemRef[];
  timeline: TimelineEntry[];
  createdAt: string;
}

export interface CreateProjectRequest {
  title: string;
  siteId: string;
  systemTypes: string[];
  designerCompanyId: string;
  builderCompanyId: string;
  investmentYuan: number;
  level1Risk?: boolean;
}

export interface ProjectListQuery {
  status?: ProjectStatus;
  page?: number;
  pageSize?: number;
}

export interface ProjectPage {
  items: ProjectSummary[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ProjectQueue {
  items: ProjectSummary[];
  total: number;
}

export interface CreateTestReportRequest {
  reportNumber: string;
  testedOn: string;
  items: TestReportItem[];
  documentId?: string;
}

// ─── Testing institutions (art. 18) ──────────────────────────────────────────────────────────


export interface TestingInstitution {
  id: string;
  name: string;
  uscc: string;
  accreditationNumber: string;
  accreditationValidTo: string;
  scope: InstitutionScope;
  divisionCode: string;
  divisionName: string | null;
  /** Accreditation valid today (art. 18): only then may it be designated or report. */
  accredited: boolean;
}

export type CreateInstitutionRequest = Pick<
  TestingInstitution,
  'name' | 'uscc' | 'accreditationNumber' | 'accreditationValidTo' | 'scope' | 'divisionCode'
>;

// ─── Legal-day calendar ────────────────────────────────────────────────────────────────────────

export type YearStatus = 'official' | 'revised' | 'provisional';

export interface CalendarYearSummary {
  year: number;
  status: YearStatus;
  revision: number | null;
  source: string | null;
}

export interface LocalOverride {
  divisionCode: string;
  off: string[];
  work: string[];
  revision: number | null;
}

export interface CalendarYear extends CalendarYearSummary {
  off: string[];
  work: string[];
  localOverrides: LocalOverride[];
}

export type RevisionStatus = 'proposed' | 'approved' | 'rejected';

export interface CalendarRevision {
  id: string;
  year: number;
  divisionCode: string;
  off: string[];
  work: string[];
  source: string;
  note: string | null;
  status: RevisionStatus;
  revision: number | null;
  proposedBy: string;
  proposedByName: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface ProposeRevisionRequest {
  year: number;
  divisionCode: string;
  off: string[];
  work: string[];
  source: string;
  note?: string;
}

export interface ApproveRevisionResponse {
  revision: number;
  recomputed: { checked: number; changed: number };
}

export interface DueResult {
  dueDate: string;
  provisional: boolean;
  revision: number;
  pausedDays: number;
  paused: boolean;
}
