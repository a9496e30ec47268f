import type { LegalCalendar } from '../../platform/calendar/legal-days.js';
import { presentDeadline, type DeadlineView, type PresentedDeadline } from '../../platform/calendar/deadlines.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import type { ComplaintRow, NoticeRow } from './complaints.repository.js';

/** Rows → API shapes. Nothing here decrypts: the complainant's identity has its own ledgered read. */

export interface UnitRef {
  id: string;
  name: string;
  nameEn: string;
}

export function unitRef(id: string | null): UnitRef | null {
  if (!id) return null;
  const u = getPoliceUnit(id);
  return u ? { id: u.id, name: u.name, nameEn: u.nameEn } : { id, name: id, nameEn: id };
}

export function authorityOf(row: Pick<ComplaintRow, 'queue' | 'handling_unit_id'>) {
  return { kind: row.queue as 'bureau' | 'supervision', unit: row.queue === 'bureau' ? unitRef(row.handling_unit_id) : null };
}

export function noticeView(n: NoticeRow) {
  return { kind: n.kind, status: n.status, at: n.at, note: n.note, toUnit: unitRef(n.to_unit_id), delivery: n.delivery as 'status_page' | 'would_send' };
}

/** The due date of the latest period of a kind (a transfer opens a new acknowledgement period). */
export function latestDue(deadlines: readonly DeadlineView[], kind: string): string | null {
  const d = [...deadlines].filter((x) => x.kind === kind).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return d ? d.dueDate : null;
}

export function presentDeadlines(views: readonly DeadlineView[], today: string, cal: LegalCalendar): PresentedDeadline[] {
  return [...views].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((v) => presentDeadline(v, today, cal));
}

export function summaryView(row: ComplaintRow, deadlines: PresentedDeadline[]) {
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    kind: row.kind,
    subjectKind: row.subject_kind,
    subjectName: row.subject_name,
    divisionCode: row.division_code,
    queue: row.queue,
    authority: authorityOf(row),
    status: row.status,
    submittedOn: row.submitted_on,
    closedOn: row.closed_on,
    anonymous: row.complainant_name === null && row.complainant_contact === null,
    overdue: deadlines.some((d) => d.overdue),
    deadlines,
  };
}
