import type { ApprovalRow, GrantRow, RegisterRow, RequestRow, RevocationRow } from './access.repository.js';
import type { Evaluation } from './requests.actions.js';
import type { CheckedCondition } from './matrix.rules.js';
import { USE_FLAG_TEXT, type UseFlag } from './access.rules.js';

/** Rows → API views (camelCase, booleans). Identity numbers only ever masked. */

const parseList = (text: string): string[] => {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

const condition = (c: CheckedCondition) => ({ code: c.code, article: c.article, zh: c.zh, en: c.en, met: c.met, ...(c.defects ? { defects: c.defects } : {}) });

export function presentRequestSummary(r: RequestRow) {
  return {
    id: r.id,
    requesterKind: r.requester_kind,
    organisation: r.organisation,
    siteId: r.site_id,
    unitId: r.unit_id,
    divisionCode: r.division_code,
    action: r.action,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    purpose: r.purpose,
    status: r.status,
    freeOfCharge: Number(r.free_of_charge) === 1,
    createdAt: r.created_at,
  };
}

const presentApproval = (a: ApprovalRow) => ({
  id: a.id,
  organ: a.organ,
  policeUnitId: a.police_unit_id,
  departmentId: a.department_id,
  level: a.level,
  jurisdictionCode: a.jurisdiction_code,
  role: a.role,
  decision: a.decision,
  documentRef: a.document_ref,
  reasons: a.reasons,
  at: a.at,
});

export function presentRequest(
  r: RequestRow,
  ev: Evaluation,
  grant: GrantRow | undefined,
  revocation: RevocationRow | undefined,
  extra: { actions: readonly string[]; requester: { name: string | null; organisation: string; isMe: boolean } },
) {
  const d = ev.decision;
  return {
    ...presentRequestSummary(r),
    requester: extra.requester,
    actions: [...extra.actions],
    siteType: r.site_type,
    legalBasis: r.legal_basis,
    emergencyReference: r.emergency_reference,
    copyDestination: r.copy_destination,
    legalReasonForCopy: r.legal_reason_for_copy,
    urgentHeavyLoss: Number(r.urgent_heavy_loss) === 1,
    confidentialityUndertaking: Number(r.confidentiality_undertaking) === 1,
    unitCertification: Number(r.unit_certification) === 1,
    refusalReasons: r.refusal_reasons,
    cameras: ev.cameras.map((c) => ({ id: c.id, deviceCode: c.device_code, name: c.name })),
    officials: ev.officials.map((o) => ({ id: o.id, name: o.name, idNumberMasked: o.id_number_masked, workCertificateNo: o.work_certificate_no })),
    approvals: ev.approvals.map(presentApproval),
    consents: ev.consents.map((c) => ({ id: c.id, decision: c.decision, reasons: c.reasons, at: c.at })),
    evaluation: {
      outcome: d.outcome,
      allowed: d.allowed,
      basis: d.basis,
      requires: d.requires.map(condition),
      missing: d.missing.map(condition),
      duties: d.duties.map((x) => ({ code: x.code, article: x.article, zh: x.zh, en: x.en })),
      free: d.free,
      officialsRequired: d.officialsRequired,
    },
    grant: grant
      ? {
          id: grant.id,
          alg: grant.alg,
          keyId: grant.key_id,
          issuedAt: grant.issued_at,
          expiresAt: grant.expires_at,
          revocation: revocation ? { at: revocation.at, cause: revocation.cause, reasons: revocation.reasons } : null,
        }
      : null,
    version: Number(r.version),
  };
}

export function presentRegisterEntry(
  e: RegisterRow,
  officials: readonly { id: string; name: string; id_number_masked: string; work_certificate_no: string | null }[],
) {
  const flags = parseList(e.flags) as UseFlag[];
  return {
    id: e.id,
    kind: e.kind,
    requestId: e.request_id,
    grantId: e.grant_id,
    correctsId: e.corrects_id,
    requesterKind: e.requester_kind,
    organisation: e.organisation,
    unitId: e.unit_id,
    divisionCode: e.division_code,
    at: e.at,
    cameras: parseList(e.cameras),
    periodFrom: e.period_from,
    periodTo: e.period_to,
    purpose: e.purpose,
    destination: e.destination,
    note: e.note,
    flags: flags.map((f) => ({ code: f, ...(USE_FLAG_TEXT[f] ?? { zh: f, en: f, article: '' }) })),
    officials: officials.map((o) => ({ id: o.id, name: o.name, idNumberMasked: o.id_number_masked, workCertificateNo: o.work_certificate_no })),
    ledgerSeq: Number(e.ledger_seq),
  };
}
