// One function per HTTP endpoint the web app calls.
import { api } from './client';
import type {
  ApplicationDetail,
  ApplicationSummary,
  Certificate,
  CreateApplicationRequest,
  DivisionNode,
  ItemsResponse,
  Level,
  LevelDefinition,
  Material,
  PageResponse,
  PublicCertificate,
  QualifiedCompany,
  RegisterCompanyRequest,
  SessionResponse,
  UpdateLevelRequest,
} from './types';

const enc = encodeURIComponent;
const APPS = '/api/qualification/applications';

// Auth
export const login = (username: string, password: string) =>
  api.post<SessionResponse>('/api/auth/login', { username, password }, { quiet401: true });
export const fetchMe = () => api.get<SessionResponse>('/api/auth/me', { quiet401: true });
export const logout = () => api.post<void>('/api/auth/logout', {}, { quiet401: true });
export const registerCompany = (body: RegisterCompanyRequest) =>
  api.post<{ companyId: string; userId: string }>('/api/auth/register-company', body);

// Reference data
export const fetchDivisions = () => api.get<DivisionNode[]>('/api/jurisdictions/divisions');
export const fetchLevels = () => api.get<LevelDefinition[]>('/api/qualification/levels');
export const updateLevel = (level: Level, body: UpdateLevelRequest) =>
  api.put<LevelDefinition>(`/api/qualification/levels/${enc(level)}`, body);

// Qualification applications
export const listApplications = () => api.get<ItemsResponse<ApplicationSummary>>(APPS);
export const getApplication = (id: string) => api.get<ApplicationDetail>(`${APPS}/${enc(id)}`);
export const createApplication = (body: CreateApplicationRequest) => api.post<ApplicationSummary>(APPS, body);
// Each step sends back the `version` the user saw (when the server gave one), so a case changed
// meanwhile by someone else answers 409 CONFLICT instead of being overwritten.
type Seen = { id: string; version?: number };
const step = (a: Seen, verb: string, body: Record<string, unknown> = {}) =>
  api.post<unknown>(`${APPS}/${enc(a.id)}/${verb}`, a.version === undefined ? body : { ...body, version: a.version });

export const acceptApplication = (a: Seen) => step(a, 'accept');
export const noticeApplication = (a: Seen, missing: string[]) => step(a, 'notice', { missing });
export const rejectApplication = (a: Seen, reasons: string) => step(a, 'reject', { reasons });
export const supplementApplication = (a: Seen, materials: Material[]) => step(a, 'supplement', { materials });
export const examineApplication = (a: Seen, pass: boolean, opinion: string) => step(a, 'examine', { pass, opinion });
export const decideApplication = (a: Seen, approve: boolean, reasons: string) =>
  step(a, 'decide', reasons ? { approve, reasons } : { approve });
export const withdrawApplication = (a: Seen) => step(a, 'withdraw');

// Certificates
export const listCertificates = () => api.get<ItemsResponse<Certificate>>('/api/qualification/certificates');
export const certificatePdfUrl = (id: string) => `/api/qualification/certificates/${enc(id)}/pdf`;

// Public (no sign-in)
export const verifyCertificate = (number: string) =>
  api.get<PublicCertificate>(`/api/public/certificates/${enc(number)}`, { quiet401: true });
export const searchCompanies = (q: { name?: string; level?: string; city?: string; page?: number }) =>
  api.get<PageResponse<QualifiedCompany>>('/api/public/companies', { query: q, quiet401: true });
