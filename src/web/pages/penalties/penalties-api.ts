// The penalty-case and credit-publicity API (issue 6, art. 31–38): one function per endpoint.
import { api, request } from '../../api/client';

export type CaseStatus = 'open' | 'notified' | 'hearing_requested' | 'heard' | 'decided' | 'served' | 'paid' | 'closed' | 'no_penalty';
export type PartyType = 'unit' | 'individual' | 'responsible';
export type Band = 'mild' | 'general' | 'serious';
export type CaseAction = 'warn' | 'propose' | 'respond' | 'request-hearing' | 'hold-hearing' | 'decide' | 'no-penalty' | 'serve' | 'pay' | 'close' | 'publish';
export interface Range {
  min: number;
  max: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface CaseSummary {
  id: string;
  number: string;
  status: CaseStatus;
  penaltyArticle: string;
  item: string | null;
  violatedArticle: string;
  divisionCode: string;
  handlingUnit: { id: string; name: string };
  parties: { id: string; partyType: PartyType; name: string }[];
  openedOn: string;
  decisionNumber: string | null;
  updatedAt: string;
  version: number;
}

export interface PartyDetail {
  id: string;
  partyType: PartyType;
  name: string;
  uscc: string | null;
  unitId: string | null;
  idNumberMasked: string | null;
  proposedYuan: number | null;
  decidedYuan: number | null;
  confiscationYuan: number | null;
  range: Range | null;
  band: Band | null;
}

export interface CaseDeadline {
  id: string;
  kind: string;
  article: string;
  dayKind: string;
  days: number;
  dueDate: string;
  status: string;
  outcome: string | null;
  daysLeft: number | null;
  overdue: boolean;
  provisional: boolean;
}

export interface CaseDetail extends CaseSummary {
  siteId: string | null;
  source: { kind: string; id: string | null };
  rectificationOrder: { id: string; number: string; status: string; dueDate: string; failed: boolean } | null;
  facts: string;
  serious: boolean;
  warningGivenOn: string | null;
  precondition: string;
  confiscation: boolean;
  finableParties: PartyType[];
  partiesDetail: PartyDetail[];
  proposedOn: string | null;
  noticeNumber: string | null;
  hearingDue: boolean;
  hearingThresholds: { individual: number; unit: number };
  respondedOn: string | null;
  statement: string | null;
  hearingRequested: boolean;
  hearingOn: string | null;
  hearingRecord: string | null;
  decidedOn: string | null;
  decisionReasons: string | null;
  noPenaltyReasons: string | null;
  servedOn: string | null;
  serviceMethod: string | null;
  paidOn: string | null;
  paidYuan: number | null;
  closedOn: string | null;
  decisionPdfUrl: string | null;
  deadlines: CaseDeadline[];
  documents: { id: string; docClass: string; fileName: string; uploadedAt: string; downloadUrl: string }[];
  publications: { id: string; kind: string; partyId: string; status: string; publishedOn: string | null; publishUntil: string | null }[];
  timeline: { seq: number; at: string; action: string; actorRole: string; article: string | null }[];
  actions: CaseAction[];
  periodOver: boolean;
}

export interface Assessment {
  ok: boolean;
  article: string;
  range: Range | null;
  band: Band | null;
  bands: Record<Band, Range> | null;
  hearingDue: boolean;
  code: string | null;
}

export interface PenaltySettings {
  bands: { article: string; mildUpTo: number; generalUpTo: number }[];
  hearingIndividualYuan: number;
  hearingUnitYuan: number;
  statementDays: number;
  hearingRequestDays: number;
  publicationDays: number;
  decisionPublicationDays: number;
  creditRecordDays: number;
  decisionRepairMinDays: number;
  creditRepairMinDays: number;
  version: number;
  updatedAt: string | null;
}

export interface PublicEntry {
  id: string;
  kind: 'penalty_decision' | 'credit_record';
  decisionNumber: string;
  cause: string;
  legalBasis: string;
  partyType: PartyType;
  partyName: string;
  partyUscc: string | null;
  result: string;
  authority: string;
  decidedOn: string;
  publishedOn: string;
  publishUntil: string;
}

export interface LicensingEntry {
  id: string;
  certificateNumber: string;
  kindZh: string;
  content: string;
  legalBasis: string;
  companyName: string;
  uscc: string;
  authority: string;
  decidedOn: string;
  validTo: string;
}

export interface OpenCaseBody {
  source: { kind: string; id?: string };
  siteId?: string;
  violatedArticle?: string;
  facts: string;
  serious?: boolean;
  parties: { partyType: PartyType; name: string; uscc?: string; idNumber?: string }[];
}

const enc = encodeURIComponent;
const P = '/api/penalty-cases';

export const listCases = (q: { status?: string; page?: number } = {}) => api.get<Page<CaseSummary>>(P, { query: { ...q } });
export const getCase = (id: string) => api.get<CaseDetail>(`${P}/${enc(id)}`);
export const openCase = (body: OpenCaseBody) => api.post<CaseDetail>(P, body);
export const caseStep = (c: { id: string; version: number }, action: CaseAction, body: Record<string, unknown> = {}) =>
  api.post<CaseDetail>(`${P}/${enc(c.id)}/${action}`, { version: c.version, ...body });
export const assess = (q: { article: string; partyType: PartyType; amount: number; serious?: boolean }) =>
  api.get<Assessment>('/api/penalty-rules/assess', { query: { article: q.article, partyType: q.partyType, amount: Math.max(0, Math.floor(q.amount)), serious: q.serious ? 'true' : undefined } });
export const uploadCaseDocument = (id: string, docClass: string, file: File) =>
  request<unknown>('PUT', `${P}/${enc(id)}/documents`, file, { rawContentType: file.type || 'application/octet-stream', query: { docClass, fileName: file.name } });
export const getSettings = () => api.get<PenaltySettings>('/api/penalty-settings');
export const putSettings = (s: Omit<PenaltySettings, 'updatedAt'>) => api.put<PenaltySettings>('/api/penalty-settings', s);

export const publicPenalties = (q: { q?: string; page?: number }) => api.get<Page<PublicEntry>>('/api/public/penalty-decisions', { query: { ...q } });
export const publicCredit = (q: { q?: string; page?: number }) => api.get<Page<PublicEntry>>('/api/public/credit', { query: { ...q } });
export const publicLicensing = (q: { q?: string; page?: number }) => api.get<Page<LicensingEntry>>('/api/public/licensing-decisions', { query: { ...q } });
