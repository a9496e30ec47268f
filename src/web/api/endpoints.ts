// One function per HTTP endpoint the web app calls.
import { api } from './client';
import type {
  Announcement,
  ApplicationDetail,
  Catalogue,
  DeviceInput,
  Finding,
  FindingCount,
  FindingListQuery,
  ImportJob,
  ImportKind,
  ImportMode,
  PublishCatalogueRequest,
  RetentionAlertsPage,
  SiteRetention,
  SiteDetail,
  SiteInput,
  SiteListQuery,
  SiteSummary,
  SystemInput,
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

// Registry (contract: src/procedures/registry/README.md)
const REG = '/api/registry';
type Q = Record<string, string | number | undefined | null>;
export const fetchCatalogue = () => api.get<Catalogue>(`${REG}/catalogue`);
export const publishCatalogue = (body: PublishCatalogueRequest) => api.put<Catalogue>(`${REG}/catalogue`, body);
export const fetchAnnouncements = () => api.get<Announcement[]>('/api/public/announcements', { quiet401: true });

export const listSites = (q: SiteListQuery) => api.get<PageResponse<SiteSummary>>(`${REG}/sites`, { query: q as Q });
export const getSite = (id: string) => api.get<SiteDetail>(`${REG}/sites/${enc(id)}`);
export const createSite = (body: SiteInput) => api.post<SiteDetail>(`${REG}/sites`, body);
export const updateSite = (id: string, body: SiteInput & { version: number }) => api.put<SiteDetail>(`${REG}/sites/${enc(id)}`, body);

export const addSystem = (siteId: string, body: SystemInput) => api.post<SiteDetail>(`${REG}/sites/${enc(siteId)}/systems`, body);
export const updateSystem = (id: string, body: SystemInput & { version?: number }) => api.put<SiteDetail>(`${REG}/systems/${enc(id)}`, body);
export const addDevice = (systemId: string, body: DeviceInput) => api.post<SiteDetail>(`${REG}/systems/${enc(systemId)}/devices`, body);
export const updateDevice = (id: string, body: DeviceInput & { version?: number }) => api.put<SiteDetail>(`${REG}/devices/${enc(id)}`, body);
export const removeDevice = (id: string) => api.del<SiteDetail | undefined>(`${REG}/devices/${enc(id)}`);

export const listFindings = (q: FindingListQuery) => api.get<PageResponse<Finding>>(`${REG}/findings`, { query: q as Q });
export const findingCounts = (by: 'division' | 'article' | 'category', q: Q = {}) =>
  api.get<FindingCount[]>(`${REG}/findings/counts`, { query: { ...q, by } });

export const fetchSiteRetention = (siteId: string) => api.get<SiteRetention>(`${REG}/sites/${enc(siteId)}/retention`);
export const fetchRetentionAlerts = (q: { division?: string; status?: string; page?: number; pageSize?: number } = {}) =>
  api.get<RetentionAlertsPage>(`${REG}/retention/alerts`, { query: q });

export const startImport = (file: Blob, contentType: string, q: { kind: ImportKind; mode: ImportMode; fileName: string }) =>
  api.upload<ImportJob>(`${REG}/imports`, file, contentType, { query: q });
export const getImport = (id: string) => api.get<ImportJob>(`${REG}/imports/${enc(id)}`);
export const importReportUrl = (id: string) => `${REG}/imports/${enc(id)}/report.xlsx`;
export const importTemplateUrl = (kind: ImportKind) => `${REG}/imports/template?kind=${enc(kind)}`;
export const exportUrl = (list: 'sites' | 'findings' | 'devices', q: Q) => {
  const params = new URLSearchParams({ list });
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '' && k !== 'page' && k !== 'pageSize') params.set(k, String(v));
  return `${REG}/export?${params.toString()}`;
};
