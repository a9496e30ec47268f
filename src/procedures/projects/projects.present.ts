import type { Actor } from '../../platform/access/actor.js';
import { presentDeadline, type DeadlineView } from '../../platform/calendar/deadlines.js';
import type { LegalCalendar } from '../../platform/calendar/legal-days.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { presentDocument } from './documents.actions.js';
import type { ProjectRow } from './projects.repository.js';
import { SCHEME_DOC_LABELS, schemeChecklist, type EligibilityFlag, type NoticeItem } from './projects.rules.js';
import { allowedActions, type ProjectFacts, type ProjectStatus } from './projects.states.js';

/** Rows → the API shapes the web uses (src/web/api/types.ts mirrors projects.schemas.ts). */

export function json<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export interface Clocks {
  today: string;
  cal: LegalCalendar;
  /** Every deadline of the projects shown (from `deadlinesOf`), newest first. */
  deadlines: readonly DeadlineView[];
}

function deadlinesFor(projectId: string, c: Clocks) {
  return c.deadlines.filter((d) => d.subjectId === projectId).map((d) => presentDeadline(d, c.today, c.cal));
}

function unitRef(id: string) {
  return { id, name: getPoliceUnit(id)?.name ?? id };
}

export function presentSummary(row: ProjectRow, facts: ProjectFacts, actor: Actor, c: Clocks) {
  const deadlines = deadlinesFor(row.id, c);
  const running = deadlines.find((d) => d.status !== 'closed') ?? null;
  const flags = json<EligibilityFlag[]>(row.eligibility_flags, []);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status as ProjectStatus,
    site: { id: row.site_id, name: row.site_name, siteType: row.site_type, divisionCode: row.division_code },
    authority: unitRef(row.authority_unit_id),
    scaleClass: Number(row.scale_class),
    companies: {
      designer: { id: row.designer_company_id, name: row.designer_name, uscc: row.designer_uscc },
      builder: { id: row.builder_company_id, name: row.builder_name, uscc: row.builder_uscc },
    },
    receivedOn: row.received_on,
    deadline: running,
    paused: !!facts.paused,
    eligibilityFlagged: flags.length > 0,
    constructionStartedOn: row.construction_started_on,
    actions: allowedActions(facts, actor),
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

export interface DetailParts {
  documents: Parameters<typeof presentDocument>[0][];
  systems: { id: string; system_type: string; name: string; status: string; accepted_on: string | null; authorisation_ref: string | null }[];
  testReports: {
    id: string;
    institution_id: string;
    institution_name: string;
    report_number: string;
    tested_on: string;
    items: string;
    conclusion: string;
    document_id: string | null;
    submitted_at: string;
  }[];
  institution: { id: string; name: string } | null;
  timeline: { seq: number; at: string; action: string; actor_role: string; article: string | null }[];
}

export function presentDetail(row: ProjectRow, facts: ProjectFacts, actor: Actor, c: Clocks, parts: DetailParts) {
  const notice = json<{ items: NoticeItem[]; note: string | null } | null>(row.missing_notice, null);
  return {
    ...presentSummary(row, facts, actor, c),
    round: Number(row.round),
    constructionUnitName: row.construction_unit_name,
    unitId: row.unit_id,
    builderLevel: row.builder_level,
    systemTypes: json<string[]>(row.system_types, []),
    investmentYuan: Number(row.investment_yuan),
    level1Risk: Number(row.level1_risk) === 1,
    noticeIssuedOn: row.notice_issued_on,
    missingNotice: notice ? { items: notice.items ?? [], note: notice.note ?? null } : null,
    acceptedOn: row.accepted_on,
    deemedAccepted: Number(row.deemed_accepted) === 1,
    decidedOn: row.decided_on,
    approvalNumber: row.approval_number,
    reasons: row.reasons,
    testingInstitution: parts.institution,
    acceptanceAppliedOn: row.acceptance_applied_on,
    acceptanceDecidedOn: row.acceptance_decided_on,
    acceptanceNumber: row.acceptance_number,
    acceptanceReasons: row.acceptance_reasons,
    eligibilityFlags: json<EligibilityFlag[]>(row.eligibility_flags, []),
    documents: parts.documents.map(presentDocument),
    checklist: schemeChecklist(parts.documents.map((d) => d.doc_class)).map((i) => ({ ...i, ...SCHEME_DOC_LABELS[i.docClass] })),
    deadlines: deadlinesFor(row.id, c),
    testReports: parts.testReports.map((t) => ({
      id: t.id,
      institutionId: t.institution_id,
      institutionName: t.institution_name,
      reportNumber: t.report_number,
      testedOn: t.tested_on,
      items: json<{ item: string; result: string; note?: string }[]>(t.items, []),
      conclusion: t.conclusion,
      documentId: t.document_id,
      submittedAt: t.submitted_at,
    })),
    systems: parts.systems.map((s) => ({
      id: s.id,
      systemType: s.system_type,
      name: s.name,
      status: s.status,
      acceptedOn: s.accepted_on,
      authorisationRef: s.authorisation_ref,
    })),
    timeline: parts.timeline.map((e) => ({ seq: e.seq, at: e.at, action: e.action, actorRole: e.actor_role, article: e.article })),
    createdAt: row.created_at,
  };
}
