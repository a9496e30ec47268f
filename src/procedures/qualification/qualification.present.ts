import type { Actor } from '../../platform/access/actor.js';
import type { LedgerRow } from '../../platform/audit/ledger.js';
import type { PresentedDeadline } from '../../platform/calendar/deadlines.js';
import type { QualificationLevelsTable } from '../../platform/db/schema.js';
import { cityOf, getDivision } from '../../platform/jurisdictions/divisions.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import type { Selectable } from 'kysely';
import { certificateStatus, type CertificateFacts, type CertificateKind } from './certificate.rules.js';
import type { CertificateRow } from './certificate.repository.js';
import type { ApplicationRow } from './qualification.repository.js';
import type { ApplicationKind, Level } from './qualification.rules.js';
import { allowedActions, type ApplicationStatus } from './qualification.states.js';

/** Rows → API shapes. Field names are the web's contract (src/web/api/types.ts). */

function json<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function presentLevel(row: Selectable<QualificationLevelsTable>) {
  return {
    level: row.level as Level,
    scopeZh: row.scope_zh,
    scopeEn: row.scope_en,
    projectScales: json<number[]>(row.project_scales, []),
    promotionChecklist: json<{ id: string; zh: string; en: string }[]>(row.promotion_checklist, []),
    illustrative: Number(row.illustrative) === 1,
  };
}

/**
 * `deadline` is the running clock (open or paused), presented on the calendar in force; null when
 * none runs (the applicant's turn, or closed). An application filed before deadlines existed has
 * none and keeps its stored calendar-day date, flagged provisional.
 */
export function presentSummary(row: ApplicationRow, actor: Actor, deadline: PresentedDeadline | null) {
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    kind: row.kind as ApplicationKind,
    targetLevel: row.target_level as Level | null,
    status: row.status as ApplicationStatus,
    submittedAt: row.submitted_at,
    dueDate: deadline ? deadline.dueDate : row.due_date,
    dueDateProvisional: deadline ? deadline.provisional : row.due_date !== null,
    deadline,
    actions: allowedActions(row, actor),
    version: Number(row.version),
  };
}

/** Ledger actions → the web's history keys (src/web/i18n: history.*). */
const HISTORY_KEYS: Record<string, string> = {
  'qualification.applied': 'submit',
  'qualification.accepted': 'accept',
  // 行政许可法32: no acceptance or notice in time; the scheduler recorded it (web: history.auto_accept).
  'qualification.deemed_accepted': 'auto_accept',
  'qualification.notice_issued': 'notice',
  'qualification.supplemented': 'supplement',
  'qualification.approved': 'approve',
  'qualification.refused': 'refuse',
  'qualification.not_accepted': 'not_accept',
  'qualification.withdrawn': 'withdraw',
  'certificate.issued': 'issue',
};

function historyKey(e: LedgerRow): string {
  if (e.action === 'qualification.examined') return json<{ pass?: boolean }>(e.detail, {}).pass ? 'examine_pass' : 'examine_fail';
  return HISTORY_KEYS[e.action] ?? e.action;
}

/** `deadlines`: every clock the application has run, newest first (closed ones with their outcome). */
export function presentDetail(row: ApplicationRow, actor: Actor, ledger: readonly LedgerRow[], deadlines: readonly PresentedDeadline[]) {
  const examined = [...ledger].reverse().find((e) => e.action === 'qualification.examined');
  const unit = (id: string | null) => (id ? { id, name: getPoliceUnit(id)?.name ?? id } : null);
  return {
    ...presentSummary(row, actor, runningOf(deadlines)),
    materials: json<{ name: string; ref: string }[]>(row.materials, []),
    checklist: json<Record<string, boolean>>(row.checklist, {}),
    missingNotice: json<string[] | null>(row.missing_notice, null),
    opinion: row.opinion,
    examinationPassed: examined ? json<{ pass?: boolean }>(examined.detail, {}).pass === true : null,
    acceptedOn: row.accepted_on,
    // 行政许可法32: accepted by lapse of the period, not by the unit (settle.actions.ts); no column, the ledger says so.
    deemedAccepted: ledger.some((e) => e.action === 'qualification.deemed_accepted'),
    reasons: row.reasons,
    decidedAt: row.decided_at,
    // The certificate this application produced (for an extension: the extended one).
    certificateId: row.issued_certificate_id,
    // The certificate it starts from (renewal, extension, promotion), if any.
    basedOnCertificateId: row.certificate_id,
    extensionDays: row.extension_days === null ? null : Number(row.extension_days),
    decidingUnit: unit(row.deciding_unit_id)!,
    examiningUnit: unit(row.examining_unit_id),
    history: ledger.map((e) => ({ at: e.at, action: historyKey(e), actorRole: e.actor_role, article: e.article })),
    deadlines: [...deadlines],
  };
}

/** The clock running now; a step closes the old one before it opens the next, so there is at most one. */
export function runningOf(deadlines: readonly PresentedDeadline[]): PresentedDeadline | null {
  return deadlines.find((d) => d.status !== 'closed') ?? null;
}

export function certificateFacts(row: {
  id: string;
  number: string;
  kind: string;
  level: string | null;
  valid_from: string;
  valid_to: string;
  revoked_at: string | null;
  superseded_by: string | null;
}): CertificateFacts {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as CertificateKind,
    level: row.level as Level | null,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    revokedAt: row.revoked_at,
    supersededBy: row.superseded_by,
  };
}

export function presentCertificate(row: CertificateRow, today: string, expiringDays: number) {
  return {
    id: row.id,
    number: row.number,
    companyId: row.company_id,
    companyName: row.company_name,
    kind: row.kind as CertificateKind,
    level: row.level as Level | null,
    businessScope: row.business_scope,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    status: certificateStatus(certificateFacts(row), today, expiringDays),
  };
}

/** What anyone may learn about a certificate: nothing beyond these seven fields. */
export function presentPublicCertificate(row: CertificateRow, today: string, expiringDays: number) {
  return {
    number: row.number,
    companyName: row.company_name,
    kind: row.kind as CertificateKind,
    level: row.level as Level | null,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    status: certificateStatus(certificateFacts(row), today, expiringDays),
  };
}

export function cityFields(divisionCode: string) {
  const city = cityOf(divisionCode);
  return { city: city?.code ?? divisionCode, cityName: city?.name ?? getDivision(divisionCode)?.name ?? '' };
}
