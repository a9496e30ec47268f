// Types and calls of the complaints API (issue 6; server: src/procedures/complaints/).
import { api } from '../../api/client';

export type ComplaintStep = 'accept' | 'reject' | 'start' | 'transfer' | 'close' | 'inspect';
export interface UnitRef {
  id: string;
  name: string;
  nameEn: string;
}
export interface Authority {
  kind: 'bureau' | 'supervision';
  unit: UnitRef | null;
}
export interface Notice {
  kind: string;
  status: string;
  at: string;
  note: string | null;
  toUnit: UnitRef | null;
  delivery: 'status_page' | 'would_send';
}
export interface Deadline {
  id: string;
  kind: string;
  dueDate: string;
  status: string;
  outcome: string | null;
  closedOn: string | null;
  daysLeft: number | null;
  overdue: boolean;
  provisional: boolean;
}
export interface Submitted {
  trackingNumber: string;
  accessCode: string;
  status: string;
  authority: Authority;
  acknowledgeDue: string;
}
export interface PublicStatus {
  trackingNumber: string;
  kind: string;
  subjectKind: string;
  status: string;
  submittedOn: string;
  divisionCode: string;
  authority: Authority;
  acknowledgeDue: string | null;
  handleDue: string | null;
  notices: Notice[];
}
export interface ComplaintSummary {
  id: string;
  trackingNumber: string;
  kind: string;
  subjectKind: string;
  subjectName: string;
  divisionCode: string;
  queue: string;
  authority: Authority;
  status: string;
  submittedOn: string;
  closedOn: string | null;
  anonymous: boolean;
  overdue: boolean;
  deadlines: Deadline[];
}
export interface ComplaintDetail extends ComplaintSummary {
  content: string;
  certificateNumber: string | null;
  outcome: string | null;
  inspectionId: string | null;
  version: number;
  notices: Notice[];
  allowedSteps: ComplaintStep[];
  canRevealIdentity: boolean;
}
export interface OversightItem extends ComplaintSummary {
  findings: { kind: 'late' | 'overdue'; deadlineKind: string; dueDate: string; closedOn: string | null }[];
  ledger: { seq: number; at: string; action: string; actorRole: string; article: string | null; entryHash: string }[];
}
export interface Oversight {
  asOf: string;
  aboutOfficials: OversightItem[];
  bureaus: { unit: UnitRef; items: OversightItem[] }[];
}
export interface SubmitBody {
  kind: 'complaint' | 'report';
  subjectKind: 'place' | 'company' | 'official';
  subjectName: string;
  divisionCode: string;
  content: string;
  certificateNumber?: string | null;
  name?: string | null;
  contact?: string | null;
}

const enc = encodeURIComponent;
export const submitComplaint = (body: SubmitBody) => api.post<Submitted>('/api/public/complaints', body);
export const complaintStatus = (tracking: string, accessCode: string) =>
  api.post<PublicStatus>(`/api/public/complaints/${enc(tracking.trim().toUpperCase())}/status`, { accessCode });
export const listComplaints = (q: { status?: string; mine?: 'true' } = {}) => api.get<{ items: ComplaintSummary[] }>('/api/complaints', { query: q });
export const getComplaint = (id: string) => api.get<ComplaintDetail>(`/api/complaints/${enc(id)}`);
export const complaintStep = (id: string, step: ComplaintStep, body: Record<string, unknown>) =>
  api.post<ComplaintDetail>(`/api/complaints/${enc(id)}/${step === 'inspect' ? 'inspection' : step}`, body);
export const revealComplainant = (id: string, reason: string) =>
  api.post<{ anonymous: boolean; name: string | null; contact: string | null }>(`/api/complaints/${enc(id)}/identity`, { reason });
export const complaintOversight = () => api.get<Oversight>('/api/oversight/complaints');
