// Types and calls of the oversight API (issue 6, art. 39; server: src/procedures/oversight/).
import { api } from '../../api/client';

export type OversightCategory = 'overdue' | 'late' | 'lapsed';
export interface UnitRef {
  id: string;
  name: string;
  nameEn: string;
}
export interface LedgerRef {
  seq: number;
  at: string;
  action: string;
  article: string | null;
  objectType: string;
}
export interface Counts {
  overdue: number;
  late: number;
  lapsed: number;
}
export interface OverdueItem {
  deadlineId: string;
  category: OversightCategory;
  subject: { type: string; id: string; known: boolean; reference: string | null };
  kind: string;
  article: string;
  divisionCode: string;
  ownerUnitId: string | null;
  dayKind: 'working' | 'calendar';
  days: number;
  startDate: string;
  dueDate: string;
  provisional: boolean;
  status: 'open' | 'closed';
  outcome: string | null;
  closedOn: string | null;
  daysPastDue: number;
  ledger: LedgerRef[];
}
export interface OverdueView {
  asOf: string;
  truncated: boolean;
  counts: Counts;
  units: { unit: UnitRef; counts: Counts; items: OverdueItem[] }[];
}
export type AlertKind = 'below_minimum' | 'configured_below_minimum' | 'stale';
export interface ReportItem {
  site: { id: string; name: string; divisionCode: string };
  unitName: string | null;
  since: string;
  daysStanding: number;
  alerts: { kind: AlertKind; since: string; findingId: string | null; deviceId: string | null; deviceName: string | null; article: string; penaltyArticle: string | null }[];
  lastInspection: { id: string; number: string; createdAt: string; status: string } | null;
  bureauId: string | null;
  ledger: LedgerRef[];
}
export interface ReportsView {
  asOf: string;
  days: number;
  cutoff: string;
  units: { unit: UnitRef; items: ReportItem[] }[];
}
export interface LedgerEntry {
  seq: number;
  at: string;
  action: string;
  article: string | null;
  objectType: string;
  objectId: string;
  actor: { role: string; userId: string | null; name: string | null; policeUnit: UnitRef | null };
  detail: Record<string, unknown> | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  alg: string;
  prevHash: string;
  entryHash: string;
  sameObject: LedgerRef[];
}

export const fetchOverdue = (q: { category?: OversightCategory; from?: string }) => api.get<OverdueView>('/api/oversight/deadlines', { query: q });
export const fetchReports = (days?: number) => api.get<ReportsView>('/api/oversight/reports', { query: days ? { days: String(days) } : {} });
export const fetchLedgerEntry = (seq: number) => api.get<LedgerEntry>(`/api/oversight/ledger/${seq}`);
