// One function per endpoint of the inspections API (issue 6, art. 29), with the shapes it returns.
import { api } from '../../api/client';

export interface Person {
  id: string;
  name: string;
}
export interface UnitRef {
  id: string;
  name: string;
  nameEn: string;
}
export interface TimelineEntry {
  seq: number;
  at: string;
  action: string;
  actorRole: string;
  article: string | null;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type ItemResult = 'pending' | 'ok' | 'problem' | 'na';
export interface ChecklistEntry {
  item: number;
  zh: string;
  en: string;
  result: ItemResult;
  suggested: 'problem' | null;
  observation: string | null;
  article: string | null;
  prefill: { findingId: string; rule: string; article: string; detail: string | null }[];
  recordedAt: string | null;
}
export interface Photo {
  id: string;
  item: number | null;
  purpose: 'checklist' | 'correction';
  fileName: string;
  mediaType: string;
  digest: string;
  uploadedAt: string;
  url: string;
}
export interface InspectionSummary {
  id: string;
  number: string;
  planId: string | null;
  kind: 'random' | 'targeted';
  reasonKind: 'draw' | 'complaint' | 'finding' | 'officer';
  reasonId: string | null;
  site: { id: string; name: string; siteType: string };
  policeUnit: UnitRef;
  inspectors: Person[];
  status: 'planned' | 'in_progress' | 'completed';
  problems: number;
  suggestedProblems: number;
  completedOn: string | null;
  createdAt: string;
  version: number;
}
export interface InspectionDetail extends InspectionSummary {
  reasonNote: string | null;
  summary: string | null;
  checklist: ChecklistEntry[];
  photos: Photo[];
  order: { id: string; number: string; displayNumber: string; status: string; dueDate: string } | null;
  actions: ('record' | 'photo' | 'complete' | 'issue-order')[];
  timeline: TimelineEntry[];
}
export interface Plan {
  id: string;
  title: string;
  kind: 'random' | 'targeted';
  status: 'draft' | 'drawn';
  policeUnit: UnitRef;
  divisionCode: string;
  filters: { categoryCode?: string; siteType?: string; hasOpenFindings?: boolean };
  targetCount: number;
  inspectorsPerTarget: number;
  periodFrom: string;
  periodTo: string;
  draw: {
    seed: string;
    alg: string;
    drawnAt: string;
    drawnBy: Person | null;
    candidateSites: number;
    candidateOfficers: number;
    sitesDigest: string;
    officersDigest: string;
    result: { siteId: string; inspectors: Person[] }[];
  } | null;
  createdAt: string;
  version: number;
  actions: 'draw'[];
}
export interface PlanDetail extends Plan {
  inspections: InspectionSummary[];
}
export interface DrawCheck {
  seed: string;
  alg: string;
  sitesDigestMatches: boolean;
  officersDigestMatches: boolean;
  ledgerMatches: boolean;
  reproduced: boolean;
  ok: boolean;
}
export type OrderStatus = 'issued' | 'reported' | 'corrected' | 'failed' | 'lapsed';
export interface OrderSummary {
  id: string;
  number: string;
  displayNumber: string;
  inspectionId: string;
  site: { id: string; name: string | null };
  policeUnit: UnitRef;
  items: { item: number; article: string; problem: string }[];
  article: string;
  dayKind: 'working' | 'calendar';
  days: number;
  issuedOn: string;
  dueDate: string;
  status: OrderStatus;
  report: { note: string | null; reportedOn: string; photoId: string | null; late: boolean } | null;
  verification: { verifiedOn: string; note: string | null } | null;
  lapsedOn: string | null;
  failed: boolean;
  version: number;
}
export interface OrderDetail extends OrderSummary {
  deadline: {
    dueDate: string;
    provisional: boolean;
    daysLeft: number | null;
    overdue: boolean;
    status: string;
    outcome: string | null;
    dayKind: 'working' | 'calendar';
  } | null;
  photos: Photo[];
  actions: ('report' | 'verify')[];
  timeline: TimelineEntry[];
}

const enc = encodeURIComponent;
const I = '/api/inspections';
const PL = '/api/inspections/plans';
const R = '/api/rectification-orders';

export const listPlans = (page = 1) => api.get<Page<Plan>>(PL, { query: { page } });
export const getPlan = (id: string) => api.get<PlanDetail>(`${PL}/${enc(id)}`);
export const createPlan = (body: { title: string; targetCount: number; inspectorsPerTarget?: number; periodFrom: string; periodTo: string; filters?: Plan['filters'] }) =>
  api.post<PlanDetail>(PL, body);
export const drawPlan = (p: { id: string; version: number }) => api.post<PlanDetail>(`${PL}/${enc(p.id)}/draw`, { version: p.version });
export const verifyDraw = (id: string) => api.get<DrawCheck>(`${PL}/${enc(id)}/verify`);

export const listInspections = (q: { status?: string; assigned?: 'me'; planId?: string; page?: number } = {}) => api.get<Page<InspectionSummary>>(I, { query: { ...q } });
export const getInspection = (id: string) => api.get<InspectionDetail>(`${I}/${enc(id)}`);
export const recordItem = (id: string, item: number, body: { result: Exclude<ItemResult, 'pending'>; observation?: string | null; article?: string | null }) =>
  api.put<InspectionDetail>(`${I}/${enc(id)}/items/${item}`, body);
export const completeInspection = (id: string, summary?: string) => api.post<InspectionDetail>(`${I}/${enc(id)}/complete`, summary ? { summary } : {});
export const uploadInspectionPhoto = (id: string, file: File, item: number | null) =>
  api.put<Photo>(`${I}/${enc(id)}/photos`, file, { query: { fileName: file.name, item: item ?? undefined }, rawContentType: file.type || 'application/octet-stream' });
export const issueOrder = (id: string, body: { items: { item: number; article?: string; problem?: string }[]; dayKind: 'working' | 'calendar'; days: number }) =>
  api.post<OrderDetail>(`${I}/${enc(id)}/rectification-order`, body);

export const listOrders = (q: { status?: string; page?: number } = {}) => api.get<Page<OrderSummary>>(R, { query: { ...q } });
export const getOrder = (id: string) => api.get<OrderDetail>(`${R}/${enc(id)}`);
export const reportCorrection = (o: { id: string; version: number }, note: string, photoId?: string) =>
  api.post<OrderDetail>(`${R}/${enc(o.id)}/report`, { note, ...(photoId ? { photoId } : {}), version: o.version });
export const verifyCorrection = (o: { id: string; version: number }, corrected: boolean, note?: string) =>
  api.post<OrderDetail>(`${R}/${enc(o.id)}/verify`, { corrected, ...(note ? { note } : {}), version: o.version });
export const uploadCorrectionPhoto = (id: string, file: File) =>
  api.put<Photo>(`${R}/${enc(id)}/photos`, file, { query: { fileName: file.name }, rawContentType: file.type || 'application/octet-stream' });
