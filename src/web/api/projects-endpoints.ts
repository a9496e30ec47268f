// One function per endpoint of the issue-4 API: projects, testing institutions, the calendar.
import { api } from './client';
import type { ItemsResponse } from './types';
import type {
  ApproveRevisionResponse,
  CalendarRevision,
  CalendarYear,
  CalendarYearSummary,
  CreateInstitutionRequest,
  CreateProjectRequest,
  CreateTestReportRequest,
  DayKind,
  DueResult,
  MissingItem,
  PauseReason,
  ProjectDetail,
  ProjectDocument,
  ProjectListQuery,
  ProjectPage,
  ProjectQueue,
  ProposeRevisionRequest,
  RevisionStatus,
  TestingInstitution,
} from './projects-types';

const enc = encodeURIComponent;
const P = '/api/projects';

// Projects
export const listProjects = (q: ProjectListQuery = {}) => api.get<ProjectPage>(P, { query: { ...q } });
export const projectQueue = () => api.get<ProjectQueue>(`${P}/queue`);
export const getProject = (id: string) => api.get<ProjectDetail>(`${P}/${enc(id)}`);
export const createProject = (body: CreateProjectRequest) => api.post<ProjectDetail>(P, body);

/** The file as it is (the server checks its type by content); 201 with the stored document. */
export const uploadProjectDocument = (id: string, docClass: string, file: File) =>
  api.put<ProjectDocument>(`${P}/${enc(id)}/documents`, file, {
    query: { docClass, fileName: file.name },
    rawContentType: file.type || 'application/octet-stream',
  });
export const documentUrl = (projectId: string, docId: string) => `${P}/${enc(projectId)}/documents/${enc(docId)}`;

type Seen = { id: string; version: number };
const step = <T = ProjectDetail>(p: Seen, verb: string, body: Record<string, unknown> = {}) =>
  api.post<T>(`${P}/${enc(p.id)}/${verb}`, { ...body, version: p.version });

export const submitProject = (p: Seen) => step(p, 'submit');
export const noticeProject = (p: Seen, missing: MissingItem[], note?: string) => step(p, 'notice', note ? { missing, note } : { missing });
export const supplementProject = (p: Seen) => step(p, 'supplement');
export const acceptProject = (p: Seen) => step(p, 'accept');
export const notAcceptProject = (p: Seen, reasons: string) => step(p, 'not-accept', { reasons });
export const pauseProject = (p: Seen, reason: PauseReason, note?: string) => step(p, 'pause', note ? { reason, note } : { reason });
export const resumeProject = (p: Seen) => step(p, 'resume');
export const approveProject = (p: Seen, approvalNumber?: string) => step(p, 'approve', approvalNumber ? { approvalNumber } : {});
export const refuseProject = (p: Seen, reasons: string) => step(p, 'refuse', { reasons });
export const withdrawProject = (p: Seen) => step(p, 'withdraw');
export const constructionStarted = (p: Seen, on: string) => step(p, 'construction-started', { on });
export const designateTesting = (p: Seen, institutionId: string) => step(p, 'designate-testing', { institutionId });
export const applyAcceptance = (p: Seen, testReportId: string) => step(p, 'apply-acceptance', { testReportId });
export const grantAcceptance = (p: Seen) => step(p, 'grant-acceptance');
export const refuseAcceptance = (p: Seen, reasons: string) => step(p, 'refuse-acceptance', { reasons });
/** 201 with the project detail (the report appears in `testReports`). */
export const submitTestReport = (p: Seen, body: CreateTestReportRequest) => step(p, 'test-reports', { ...body });

// Testing institutions
export const listInstitutions = (q: { accredited?: 'true' | 'false' } = {}) => api.get<TestingInstitution[]>('/api/testing-institutions', { query: q });
export const createInstitution = (body: CreateInstitutionRequest) => api.post<TestingInstitution>('/api/testing-institutions', body);

// Calendar
const C = '/api/calendar';
export const listCalendarYears = () => api.get<CalendarYearSummary[]>(`${C}/years`);
export const getCalendarYear = (year: number) => api.get<CalendarYear>(`${C}/years/${year}`);
export const listRevisions = (status?: RevisionStatus) => api.get<ItemsResponse<CalendarRevision>>(`${C}/revisions`, { query: { status } });
export const proposeRevision = (body: ProposeRevisionRequest) => api.post<CalendarRevision>(`${C}/revisions`, body);
export const approveRevision = (id: string) => api.post<ApproveRevisionResponse>(`${C}/revisions/${enc(id)}/approve`, {});
export const rejectRevision = (id: string, reason: string) => api.post<CalendarRevision>(`${C}/revisions/${enc(id)}/reject`, { reason });
export const computeDue = (q: { start: string; days: number; dayKind: DayKind; divisionCode?: string }) =>
  api.get<DueResult>(`${C}/due`, { query: q });
