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
export const acceptApplication = (id: string) => api.post<unknown>(`${APPS}/${enc(id)}/accept`, {});
export const noticeApplication = (id: string, missing: string[]) =>
  api.post<unknown>(`${APPS}/${enc(id)}/notice`, { missing });
export const supplementApplication = (id: string, materials: Material[]) =>
  api.post<unknown>(`${APPS}/${enc(id)}/supplement`, { materials });
export const examineApplication = (id: string, pass: boolean, opinion: string) =>
  api.post<unknown>(`${APPS}/${enc(id)}/examine`, { pass, opinion });
export const decideApplication = (id: string, approve: boolean, reasons: string) =>
  api.post<unknown>(`${APPS}/${enc(id)}/decide`, { approve, reasons });
export const withdrawApplication = (id: string) => api.post<unknown>(`${APPS}/${enc(id)}/withdraw`, {});

// Certificates
export const listCertificates = () => api.get<ItemsResponse<Certificate>>('/api/qualification/certificates');
export const certificatePdfUrl = (id: string) => `/api/qualification/certificates/${enc(id)}/pdf`;

// Public (no sign-in)
export const verifyCertificate = (number: string) =>
  api.get<PublicCertificate>(`/api/public/certificates/${enc(number)}`, { quiet401: true });
export const searchCompanies = (q: { name?: string; level?: string; city?: string }) =>
  api.get<ItemsResponse<QualifiedCompany>>('/api/public/companies', { query: q, quiet401: true });
