/**
 * Every action the ledger may record: a closed union, so a typo is a compile error and the
 * audit screens can list (and translate) every kind of entry. Add new names here, never inline.
 * Names are `<object>.<past-tense verb>`; the entry's `article` says which provision applied.
 */
export const LEDGER_ACTIONS = [
  // Sign-in and sessions (ASVS V6/V7): failures and lock-outs are evidence too.
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'user.created',
  'company.registered',
  // Qualification procedure (申请 → 受理/不予受理 → 补正 → 审查 → 决定).
  'qualification.applied',
  'qualification.accepted',
  'qualification.not_accepted',
  'qualification.notice_issued',
  'qualification.supplemented',
  'qualification.examined',
  'qualification.approved',
  'qualification.refused',
  'qualification.withdrawn',
  'qualification.level_updated',
  // No acceptance or notice within the 5 working days (行政许可法32): accepted from receipt, by the scheduler.
  'qualification.deemed_accepted',
  'certificate.issued',
  'certificate.superseded',
  'certificate.revoked',
  // Registry (art. 7–11, 13, 20): sites, systems, devices and the findings computed from them.
  'registry.catalogue_published',
  'site.registered',
  'site.updated',
  'system.registered',
  'system.updated',
  'device.registered',
  'device.updated',
  'device.removed',
  'finding.opened',
  'finding.resolved',
  'retention.reported',
  'import.completed',
  // Legal-day calendar (four eyes) and the deadlines counted on it.
  'calendar.revision_proposed',
  'calendar.revision_approved',
  'calendar.revision_rejected',
  'deadline.recomputed',
  'deadline.paused',
  'deadline.resumed',
  // Projects (art. 17–19): scheme review, testing, acceptance.
  'testing_institution.registered',
  'project.created',
  'project.document_uploaded',
  'project.document_read',
  'project.submitted',
  'project.notice_issued',
  'project.supplemented',
  'project.not_accepted',
  'project.withdrawn',
  'project.scheme_accepted',
  'project.deemed_accepted',
  'project.approved',
  'project.refused',
  'project.construction_started',
  'project.testing_designated',
  'project.test_report_submitted',
  'project.acceptance_applied',
  'project.acceptance_granted',
  'project.acceptance_refused',
  'project.eligibility_flagged',
  'project.eligibility_cleared',
  // The review clock stopped and restarted (行政许可法45: expert review, testing, suspension, hearing).
  'project.review_paused',
  'project.review_resumed',
  'export.created',
  // Information access (art. 21(3), 23–27): requests, approvals, consents, grants, use, the register.
  'access.requested',
  'access.supplemented',
  'access.approved',
  'access.approval_refused',
  'access.consented',
  'access.consent_refused',
  'access.granted',
  'access.registered',
  'access.register_corrected',
  'access.unmasked',
  'access.withdrawn',
  'access.grant_revoked',
  'access.department_registered',
  'access.department_user_created',
  'access.in_charge_set',
  // A department's user looked up cameras and was shown key units' cameras (a read, recorded).
  'access.cameras_looked_up',
  // Complaints and reports (issue 6, art. 30, 39(2)): submission, each status change, the ledgered read of the
  // complainant's identity by the handling bureau, a targeted inspection it led to.
  'complaint.submitted',
  'complaint.accepted',
  'complaint.handling',
  'complaint.transferred',
  'complaint.closed',
  'complaint.rejected',
  'complaint.identity_read',
  'complaint.inspection_requested',
  // Inspections and rectification orders (issue 6, art. 29): plans, the 双随机 draw (seed and candidate digests),
  // checklist answers, photos, completion; orders issued, reported, verified, failed, lapsed.
  'inspection.plan_created',
  'inspection.drawn',
  'inspection.created',
  'inspection.item_recorded',
  'inspection.photo_uploaded',
  'inspection.photo_read',
  'inspection.completed',
  'rectification.issued',
  'rectification.reported',
  'rectification.corrected',
  'rectification.failed',
  'rectification.lapsed',
  // Penalty cases (issue 6, art. 32–38; 行政处罚法): filing, warning, parties, evidence, notice of the proposed
  // penalty, statement/defence and hearing request, hearing, decision or no penalty, service, payment, closing;
  // the ledgered read of an individual party's identity; the province's settings.
  'penalty.opened',
  'penalty.warning_recorded',
  'penalty.party_added',
  'penalty.document_uploaded',
  'penalty.document_read',
  'penalty.proposed',
  'penalty.responded',
  'penalty.hearing_held',
  'penalty.decided',
  'penalty.not_penalised',
  'penalty.served',
  'penalty.paid',
  'penalty.closed',
  'penalty.identity_read',
  'penalty.settings_updated',
  // Credit publicity (art. 31; 双公示): published, removed (credit repair or end of period).
  'credit.published',
  'credit.removed',
  // Reads of personal or protected records are logged (PIPL access records).
  'certificate.read',
  'record.read',
  'token.created',
  'token.revoked',
  'ledger.verified',
] as const;

export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

const known: ReadonlySet<string> = new Set(LEDGER_ACTIONS);

export function isLedgerAction(value: unknown): value is LedgerAction {
  return typeof value === 'string' && known.has(value);
}
