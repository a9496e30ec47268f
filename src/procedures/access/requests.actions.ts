import { randomUUID } from 'node:crypto';
import { assertCan, can, divisionPrefix } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { piiCipher } from '../../platform/crypto/pii.js';
import { AppError } from '../../platform/http/errors.js';
import { maskResidentId, normaliseResidentId, RESIDENT_ID_REASONS, validateResidentId } from '../../platform/identifiers/resident-id.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import {
  findApprovals,
  findCameras,
  findConsents,
  findGrantOfRequest,
  findOfficials,
  findRequest,
  findRequestCameras,
  findUserAccessInfo,
  insertApproval,
  insertConsent,
  insertOfficials,
  insertRequest,
  insertRevocation,
  findRevocation,
  listRequests as listRequestRows,
  findUserNames,
  pendingRequests,
  updateRequest,
  type OfficialRow,
  type RequestRow,
  type UserAccessInfo,
} from './access.repository.js';
import { builderDivisionOf, factsOf, requesterKindOf } from './access.rules.js';
import { canSeeRequest, isOfficer, requestVisibility, requireSignedIn } from './access.scope.js';
import { allowedSteps, approvalWouldCount, approverOf, mayConsent, waitsFor, type RequestStep, type StepFacts } from './request-steps.js';
import { ACCESS_SETTINGS, OFFICIAL_ID_AAD } from './access.settings.js';
import { issueGrantIfAllowed } from './grants.actions.js';
import { presentRequest, presentRequestSummary } from './access.present.js';
import { evaluateAccess, type AccessDecision, type CheckedCondition } from './matrix.rules.js';

/**
 * Requests, approvals and consents (art. 21(3), 25–27). Every step re-evaluates the matrix; the moment it allows
 * the request, the signed grant is issued in the same transaction. Identity numbers are validated, encrypted and
 * masked here and never logged or put in a ledger entry.
 */


export interface OfficialInput {
  name: string;
  idNumber: string;
  workCertificateNo?: string;
}

export interface CreateRequestInput {
  cameraIds: string[];
  action: 'view' | 'copy' | 'retrieve';
  windowFrom: string;
  windowTo: string;
  purpose: string;
  officials: OfficialInput[];
  legalBasis?: string;
  emergencyReference?: string;
  copyDestination?: string;
  legalReasonForCopy?: string;
  urgentHeavyLoss?: boolean;
  confidentialityUndertaking?: boolean;
  unitCertification?: boolean;
  /** A unit user (or the using bureau of a public area) registers a citizen's urgent request (art. 26(4)). */
  onBehalfOfCitizen?: boolean;
  /** Citizens: how the requester is described (default 公民个人). */
  organisation?: string;
}

const invalid = (zh: string, en: string, field?: string) => new AppError('ACCESS_INPUT_INVALID', { zh, en }, field ? { extra: { field } } : {});
const trimOrNull = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : null);

function parseInstant(value: string, field: string): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw invalid('时间应为带时区的 ISO 8601 时刻', 'Times must be ISO 8601 instants with an offset', field);
  return new Date(t).toISOString();
}

/** Validates, normalises, encrypts and masks officials; the plain number never leaves this function. */
function prepareOfficials(ctx: Ctx, requestId: string, input: readonly OfficialInput[], startAt: number, known: ReadonlySet<string>): OfficialRow[] {
  const cipher = piiCipher(ctx.config);
  const today = ctx.clock.today();
  const seen = new Set(known);
  const now = ctx.clock.now().toISOString();
  return input.map((o, i) => {
    const field = `officials[${i}].idNumber`;
    const id = normaliseResidentId(o.idNumber);
    const res = validateResidentId(id, today);
    if (!res.ok) throw new AppError('RESIDENT_ID_INVALID', RESIDENT_ID_REASONS[res.reason], { article: '21(3)', extra: { field, reason: res.reason } });
    const index = cipher.blindIndex('resident_id', id);
    // Two entries for one person would satisfy "at least two officials" (art. 27(1)) with one.
    if (seen.has(index)) throw invalid('同一人员不能重复登记', 'The same person is listed twice', field);
    seen.add(index);
    const name = o.name.trim();
    if (name === '') throw invalid('请填写人员姓名', 'Give the official’s name', `officials[${i}].name`);
    return {
      id: randomUUID(),
      request_id: requestId,
      position: startAt + i,
      name,
      id_number_enc: cipher.encrypt(id, OFFICIAL_ID_AAD),
      id_number_index: index,
      id_number_masked: maskResidentId(id),
      work_certificate_no: trimOrNull(o.workCertificateNo),
      created_at: now,
    };
  });
}

export interface Evaluation {
  decision: AccessDecision;
  cameras: Awaited<ReturnType<typeof findRequestCameras>>;
  officials: Awaited<ReturnType<typeof findOfficials>>;
  approvals: Awaited<ReturnType<typeof findApprovals>>;
  consents: Awaited<ReturnType<typeof findConsents>>;
  /** The requesting department's kind and level, and whether the unit's last word was consent (the matrix's inputs). */
  departmentKind: string | null;
  departmentLevel: string | null;
  consent: boolean;
}

/** The matrix's judgement of a stored request with all its steps so far. */
export async function evaluateStored(db: DbOrTrx, r: RequestRow): Promise<Evaluation> {
  const [cameras, officials, approvals, consents] = await Promise.all([findRequestCameras(db, r.id), findOfficials(db, r.id), findApprovals(db, r.id), findConsents(db, r.id)]);
  const dept = r.department_id ? await db.selectFrom('departments').select(['kind', 'level']).where('id', '=', r.department_id).executeTakeFirst() : undefined;
  const lastConsent = consents.at(-1);
  const decision = evaluateAccess(
    factsOf(r, {
      approvals,
      officials,
      cameras: cameras.length,
      consent: lastConsent?.decision === 'consented',
      departmentKind: dept?.kind ?? null,
      departmentLevel: dept?.level ?? null,
    }),
    ACCESS_SETTINGS.matrix,
  );
  return { decision, cameras, officials, approvals, consents, departmentKind: dept?.kind ?? null, departmentLevel: dept?.level ?? null, consent: lastConsent?.decision === 'consented' };
}

/** What `allowedSteps` judges from: the stored evaluation and whether the grant still stands. */
function stepFacts(r: RequestRow, ev: Evaluation, grant: { live: boolean } | null): StepFacts {
  return {
    request: r,
    decision: ev.decision,
    approvals: ev.approvals,
    officials: ev.officials,
    cameras: ev.cameras.length,
    consent: ev.consent,
    departmentKind: ev.departmentKind,
    departmentLevel: ev.departmentLevel,
    grant,
  };
}

const conditionView = (c: CheckedCondition) => ({ code: c.code, article: c.article, zh: c.zh, en: c.en, ...(c.defects ? { defects: c.defects } : {}) });

/** @article 26(4) — what the Measures forbid whatever is brought: refused with the article, nothing written. */
function refuseForbidden(decision: AccessDecision): never {
  const forbidden = decision.missing[0];
  throw new AppError('ACCESS_REFUSED', forbidden ? { zh: forbidden.zh, en: forbidden.en } : undefined, {
    article: forbidden?.article ?? decision.basis,
    extra: { basis: decision.basis, missing: decision.missing.map(conditionView) },
  });
}

async function accessInfo(ctx: Ctx): Promise<UserAccessInfo | undefined> {
  return ctx.actor.userId ? findUserAccessInfo(ctx.db, ctx.actor.userId) : undefined;
}

/**
 * @article 21(3), 26 — register a request. The row of art. 26 follows from who asks; cameras must be of one site
 * (one system location, one approving bureau and one unit); identity numbers pass GB 11643. A request the
 * Measures forbid (a citizen's copy or retrieval) is refused citing art. 26(4); otherwise it is stored with what is
 * still missing, or granted at once when nothing is.
 */
export async function createRequest(ctx: Ctx, input: CreateRequestInput) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.request');
  const info = await accessInfo(ctx);
  const kind = requesterKindOf(ctx.actor.role, info?.department_kind ?? null, input.onBehalfOfCitizen === true);
  if (!kind) throw new AppError('FORBIDDEN');

  const ids = [...new Set(input.cameraIds)];
  if (ids.length === 0 || ids.length > ACCESS_SETTINGS.maxCameras) throw invalid(`请选择 1–${ACCESS_SETTINGS.maxCameras} 台摄像机`, `Choose 1–${ACCESS_SETTINGS.maxCameras} cameras`, 'cameraIds');
  const cameras = (await findCameras(ctx.db, ids)).filter((c) => c.device_kind === 'camera');
  // A unit only registers citizens' requests for its own cameras; a foreign camera looks unknown.
  const usable = cameras.filter((c) => (ctx.actor.role === 'unit_user' ? c.unit_id === ctx.actor.unitId : true));
  if (usable.length !== ids.length) throw invalid('摄像机不存在', 'Unknown camera', 'cameraIds');
  const site = usable[0];
  if (usable.some((c) => c.site_id !== site.site_id)) throw invalid('一次申请只能涉及同一场所的摄像机', 'One request covers cameras of one site', 'cameraIds');
  if (kind === 'citizen' && isOfficer(ctx.actor) && (site.site_type !== 'public_area' || !can(ctx.actor, 'access.consent', { divisionCode: site.division_code }))) {
    // Officers register citizens' requests only for the public areas their bureau uses; key units do it for theirs.
    throw invalid('只能为本辖区公共区域的摄像机登记公民查看申请', 'Officers register citizens’ requests only for public areas in their jurisdiction', 'cameraIds');
  }

  const windowFrom = parseInstant(input.windowFrom, 'windowFrom');
  const windowTo = parseInstant(input.windowTo, 'windowTo');
  const now = ctx.clock.now();
  if (!(windowFrom < windowTo)) throw invalid('起始时间应早于结束时间', 'The window must start before it ends', 'windowTo');
  if (Date.parse(windowTo) > now.getTime() + ACCESS_SETTINGS.reportSkewMinutes * 60_000) throw invalid('不能申请尚未录制的时段', 'The window cannot reach into the future', 'windowTo');
  if (Date.parse(windowTo) - Date.parse(windowFrom) > ACCESS_SETTINGS.maxWindowDays * 86_400_000) {
    throw invalid(`一次申请的时段不超过 ${ACCESS_SETTINGS.maxWindowDays} 日`, `A window covers at most ${ACCESS_SETTINGS.maxWindowDays} days`, 'windowTo');
  }
  if (input.officials.length < 1 || input.officials.length > ACCESS_SETTINGS.maxOfficials) {
    throw invalid(`请登记 1–${ACCESS_SETTINGS.maxOfficials} 名人员`, `List 1–${ACCESS_SETTINGS.maxOfficials} persons`, 'officials');
  }

  const id = randomUUID();
  const officials = prepareOfficials(ctx, id, input.officials, 1, new Set());
  const policeUnit = ctx.actor.policeUnitId ? getPoliceUnit(ctx.actor.policeUnitId) : undefined;
  const organisation =
    kind === 'citizen'
      ? trimOrNull(input.organisation) ?? '公民个人'
      : kind === 'public_security'
        ? policeUnit?.name ?? ctx.actor.policeUnitId ?? '公安机关'
        : info?.department_name ?? '';
  const at = now.toISOString();
  const row: RequestRow = {
    id,
    requester_kind: kind,
    requester_user_id: ctx.actor.userId!,
    organisation,
    department_id: kind === 'citizen' || kind === 'public_security' ? null : info?.department_id ?? null,
    police_unit_id: kind === 'public_security' ? ctx.actor.policeUnitId ?? null : null,
    site_id: site.site_id,
    site_type: site.site_type,
    unit_id: site.unit_id,
    division_code: site.division_code,
    builder_division_code: site.site_type === 'public_area' ? builderDivisionOf(site.division_code, site.builder_level) : null,
    action: input.action,
    window_from: windowFrom,
    window_to: windowTo,
    legal_basis: trimOrNull(input.legalBasis),
    emergency_reference: trimOrNull(input.emergencyReference),
    purpose: input.purpose.trim(),
    copy_destination: trimOrNull(input.copyDestination),
    legal_reason_for_copy: trimOrNull(input.legalReasonForCopy),
    urgent_heavy_loss: input.urgentHeavyLoss ? 1 : 0,
    confidentiality_undertaking: input.confidentialityUndertaking ? 1 : 0,
    unit_certification: input.unitCertification ? 1 : 0,
    free_of_charge: 0,
    status: 'pending',
    refusal_reasons: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  if (row.purpose === '') throw invalid('请填写用途', 'State the purpose', 'purpose');

  return ctx.db.transaction().execute(async (trx) => {
    const preview = evaluateAccess(
      factsOf(row, { approvals: [], officials, cameras: ids.length, consent: false, departmentKind: info?.department_kind ?? null, departmentLevel: info?.department_level ?? null }),
      ACCESS_SETTINGS.matrix,
    );
    if (preview.outcome === 'refused') refuseForbidden(preview);
    // @article 25 — free of charge for public and state security, shown on the request.
    row.free_of_charge = preview.free ? 1 : 0;
    await insertRequest(trx, row, ids, officials);
    await audit(ctx, trx, {
      action: 'access.requested',
      objectType: 'access_request',
      objectId: id,
      after: row,
      article: preview.basis,
      detail: { kind, action: row.action, cameras: ids.length, officials: officials.length, outcome: preview.outcome },
    });
    const grant = await issueGrantIfAllowed(ctx, trx, row);
    return { id, status: grant ? 'granted' : 'pending', grantId: grant?.id ?? null };
  });
}

/** Loads a request the caller may see, or 404 (its existence is not revealed). */
async function visibleRequest(ctx: Ctx, db: DbOrTrx, id: string, info: UserAccessInfo | undefined): Promise<RequestRow> {
  const r = await findRequest(db, id);
  if (!r || !canSeeRequest(ctx.actor, r, info)) throw new AppError('NOT_FOUND');
  return r;
}

export async function getRequest(ctx: Ctx, id: string) {
  requireSignedIn(ctx.actor);
  const info = await accessInfo(ctx);
  const r = await visibleRequest(ctx, ctx.db, id, info);
  const ev = await evaluateStored(ctx.db, r);
  const grant = await findGrantOfRequest(ctx.db, r.id);
  const revocation = grant ? await findRevocation(ctx.db, grant.id) : undefined;
  const names = await findUserNames(ctx.db, [r.requester_user_id]);
  const actions = allowedSteps(ctx.actor, info, stepFacts(r, ev, grant ? { live: !revocation } : null));
  return presentRequest(r, ev, grant, revocation, {
    actions,
    requester: { name: names.get(r.requester_user_id) ?? null, organisation: r.organisation, isMe: r.requester_user_id === ctx.actor.userId },
  });
}

/** Requests scanned for "waiting for me": the newest pending ones in view (the rest are reported as truncated). */
const WAITING_SCAN = 500;

/**
 * The approver's or unit's queue: pending requests in view whose way forward includes this actor's approval (one
 * that would count, art. 26(1)(3)(4)) or consent (26(4)). The matrix decides, so candidates are read and evaluated
 * here; at most the newest WAITING_SCAN are scanned.
 */
async function waitingForMe(ctx: Ctx, info: UserAccessInfo | undefined, q: { requesterKind?: string; division?: string; page: number; pageSize: number }) {
  const mayApprove = approverOf(ctx.actor, info) !== null;
  const consents = can(ctx.actor, 'access.consent');
  if (!mayApprove && !consents) return { total: 0, page: q.page, pageSize: q.pageSize, truncated: false, items: [] };
  const candidates = await pendingRequests(ctx.db, requestVisibility(ctx.actor, info), {
    requesterKind: q.requesterKind,
    divisionPrefix: q.division ? divisionPrefix(q.division) : undefined,
    limit: WAITING_SCAN + 1,
  });
  const scanned = candidates.slice(0, WAITING_SCAN);
  const waiting: { r: RequestRow; ev: Evaluation; actions: RequestStep[] }[] = [];
  for (const r of scanned) {
    if (!canSeeRequest(ctx.actor, r, info)) continue;
    const ev = await evaluateStored(ctx.db, r);
    const actions = allowedSteps(ctx.actor, info, stepFacts(r, ev, null));
    if (waitsFor(actions)) waiting.push({ r, ev, actions });
  }
  const start = (q.page - 1) * q.pageSize;
  return {
    total: waiting.length,
    page: q.page,
    pageSize: q.pageSize,
    truncated: candidates.length > WAITING_SCAN,
    items: waiting.slice(start, start + q.pageSize).map(({ r, ev, actions }) => ({
      ...presentRequestSummary(r),
      actions,
      basis: ev.decision.basis,
      missing: ev.decision.missing.map(conditionView),
    })),
  };
}

export async function listRequests(
  ctx: Ctx,
  q: { status?: string; requesterKind?: string; division?: string; waitingFor?: string; page?: string; pageSize?: string },
) {
  requireSignedIn(ctx.actor);
  const info = await accessInfo(ctx);
  const pageSize = Math.min(Number(q.pageSize ?? 50) || 50, 200);
  const page = Number(q.page ?? 1) || 1;
  if (q.waitingFor === 'me') {
    // Waiting requests are pending by definition; another status filter cannot match.
    if (q.status && q.status !== 'pending') return { total: 0, page, pageSize, truncated: false, items: [] };
    return waitingForMe(ctx, info, { requesterKind: q.requesterKind, division: q.division, page, pageSize });
  }
  const { total, rows } = await listRequestRows(ctx.db, requestVisibility(ctx.actor, info), {
    status: q.status,
    requesterKind: q.requesterKind,
    divisionPrefix: q.division ? divisionPrefix(q.division) : undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { total, page, pageSize, items: rows.map(presentRequestSummary) };
}

function requirePending(r: RequestRow): void {
  if (r.status !== 'pending') throw new AppError('TRANSITION_NOT_ALLOWED');
}

async function saveStatus(trx: DbOrTrx, r: RequestRow, set: Parameters<typeof updateRequest>[3]): Promise<void> {
  if (!(await updateRequest(trx, r.id, r.version, set))) throw new AppError('CONFLICT');
  r.version += 1;
  Object.assign(r, set);
}

export interface SupplementInput {
  officials?: OfficialInput[];
  legalBasis?: string;
  emergencyReference?: string;
  confidentialityUndertaking?: boolean;
  unitCertification?: boolean;
}

/**
 * The requester brings what is missing (another official, the undertaking, a case number). Only adds: nothing
 * given earlier can be taken back, so the register never loses a fact it was told.
 */
export async function supplementRequest(ctx: Ctx, id: string, input: SupplementInput) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.request');
  const info = await accessInfo(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await visibleRequest(ctx, trx, id, info);
    if (r.requester_user_id !== ctx.actor.userId) throw new AppError('FORBIDDEN');
    requirePending(r);
    const existing = await findOfficials(trx, r.id);
    const added = input.officials ?? [];
    if (existing.length + added.length > ACCESS_SETTINGS.maxOfficials) throw invalid(`最多登记 ${ACCESS_SETTINGS.maxOfficials} 名人员`, `At most ${ACCESS_SETTINGS.maxOfficials} persons`, 'officials');
    const officials = prepareOfficials(ctx, r.id, added, existing.length + 1, new Set(existing.map((o) => o.id_number_index)));
    await insertOfficials(trx, officials);
    await saveStatus(trx, r, {
      updated_at: ctx.clock.now().toISOString(),
      ...(trimOrNull(input.legalBasis) && !r.legal_basis ? { legal_basis: trimOrNull(input.legalBasis) } : {}),
      ...(trimOrNull(input.emergencyReference) && !r.emergency_reference ? { emergency_reference: trimOrNull(input.emergencyReference) } : {}),
      ...(input.confidentialityUndertaking ? { confidentiality_undertaking: 1 } : {}),
      ...(input.unitCertification ? { unit_certification: 1 } : {}),
    });
    await audit(ctx, trx, {
      action: 'access.supplemented',
      objectType: 'access_request',
      objectId: r.id,
      after: { request: r, officials: officials.map((o) => o.id) },
      article: r.requester_kind === 'administrative_department' ? '27' : '21(3)',
      detail: { officialsAdded: officials.length },
    });
    const grant = await issueGrantIfAllowed(ctx, trx, r);
    return { id: r.id, status: r.status, grantId: grant?.id ?? null };
  });
}

const APPROVAL_CODES = new Set(['BUREAU_HEAD_APPROVAL', 'COUNTY_BUREAU_APPROVAL', 'BUILDER_BUREAU_APPROVAL']);

/**
 * @article 26(1), 26(3), 26(4) — a bureau's approval or refusal. Only where the matrix asks for an approval
 * (nothing is approved that needs none, and no step is skipped); never by the requester. Whose approval counts
 * is the matrix's judgement: the approver's organ, level, jurisdiction and whether they are its person in charge
 * are recorded from their account, not declared.
 */
export async function decideApproval(ctx: Ctx, id: string, input: { decision: 'approved' | 'refused'; reasons?: string; documentRef?: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.approve');
  const info = await accessInfo(ctx);
  // Officers approve as their police unit; a state security department's users as that organ; nobody else.
  const approver = approverOf(ctx.actor, info);
  if (!approver) throw new AppError('FORBIDDEN');
  const { organ, level, jurisdiction, policeUnitId, departmentId } = approver;
  const reasons = trimOrNull(input.reasons);
  if (input.decision === 'refused' && !reasons) throw new AppError('REASONS_REQUIRED');

  return ctx.db.transaction().execute(async (trx) => {
    const r = await visibleRequest(ctx, trx, id, info);
    requirePending(r);
    if (r.requester_user_id === ctx.actor.userId) throw new AppError('APPROVER_IS_REQUESTER');
    const ev = await evaluateStored(trx, r);
    if (!ev.decision.requires.some((c) => APPROVAL_CODES.has(c.code))) throw new AppError('TRANSITION_NOT_ALLOWED');
    // A refusal ends the request, so only an organ whose approval would count may refuse (an approval that
    // does not count is merely recorded, and the matrix says why).
    if (input.decision === 'refused' && !approvalWouldCount(stepFacts(r, ev, null), approver)) throw new AppError('FORBIDDEN');
    const at = ctx.clock.now().toISOString();
    const approval = {
      id: randomUUID(),
      request_id: r.id,
      approver_user_id: ctx.actor.userId!,
      organ,
      police_unit_id: policeUnitId,
      department_id: departmentId,
      level,
      jurisdiction_code: jurisdiction,
      role: approver.inCharge ? 'person_in_charge' : 'officer',
      decision: input.decision,
      document_ref: trimOrNull(input.documentRef),
      reasons,
      at,
    };
    await insertApproval(trx, approval);
    if (input.decision === 'refused') await saveStatus(trx, r, { status: 'refused', refusal_reasons: reasons, updated_at: at });
    await audit(ctx, trx, {
      action: input.decision === 'approved' ? 'access.approved' : 'access.approval_refused',
      objectType: 'access_request',
      objectId: r.id,
      after: approval,
      article: ev.decision.basis,
      detail: { approvalId: approval.id, organ, level, role: approval.role },
    });
    const grant = input.decision === 'approved' ? await issueGrantIfAllowed(ctx, trx, r) : null;
    return { id: r.id, status: r.status, approvalId: approval.id, grantId: grant?.id ?? null };
  });
}

/**
 * @article 26(4) — the using unit consents (or not) to a citizen viewing part of its footage. Only where the
 * matrix asks for consent; by the key unit itself, or for a public area the bureau that uses it.
 */
export async function decideConsent(ctx: Ctx, id: string, input: { decision: 'consented' | 'refused'; reasons?: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.consent');
  const info = await accessInfo(ctx);
  const reasons = trimOrNull(input.reasons);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await visibleRequest(ctx, trx, id, info);
    if (!mayConsent(ctx.actor, r)) throw new AppError('FORBIDDEN');
    requirePending(r);
    const ev = await evaluateStored(trx, r);
    if (!ev.decision.requires.some((c) => c.code === 'UNIT_CONSENT')) throw new AppError('TRANSITION_NOT_ALLOWED');
    const at = ctx.clock.now().toISOString();
    const consent = { id: randomUUID(), request_id: r.id, unit_id: r.unit_id, police_unit_id: r.unit_id ? null : ctx.actor.policeUnitId ?? null, user_id: ctx.actor.userId!, decision: input.decision, reasons, at };
    await insertConsent(trx, consent);
    if (input.decision === 'refused') await saveStatus(trx, r, { status: 'refused', refusal_reasons: reasons, updated_at: at });
    await audit(ctx, trx, {
      action: input.decision === 'consented' ? 'access.consented' : 'access.consent_refused',
      objectType: 'access_request',
      objectId: r.id,
      after: consent,
      article: '26(4)',
      detail: { consentId: consent.id },
    });
    const grant = input.decision === 'consented' ? await issueGrantIfAllowed(ctx, trx, r) : null;
    return { id: r.id, status: r.status, consentId: consent.id, grantId: grant?.id ?? null };
  });
}

/**
 * @article 21(3) — the requester withdraws a request: a pending one stops there; a granted one's grant is
 * revoked with it (a revocation row, cause `withdrawn`), so later use of the signed file is flagged. The request
 * keeps every step it went through; only its status changes. Refused or withdrawn requests cannot be withdrawn.
 */
export async function withdrawRequest(ctx: Ctx, id: string, input: { reasons?: string }) {
  requireSignedIn(ctx.actor);
  const info = await accessInfo(ctx);
  const reasons = trimOrNull(input.reasons);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await visibleRequest(ctx, trx, id, info);
    if (r.requester_user_id !== ctx.actor.userId) throw new AppError('FORBIDDEN');
    if (r.status !== 'pending' && r.status !== 'granted') throw new AppError('TRANSITION_NOT_ALLOWED');
    const at = ctx.clock.now().toISOString();
    const grant = r.status === 'granted' ? await findGrantOfRequest(trx, r.id) : undefined;
    const revoke = grant && !(await findRevocation(trx, grant.id));
    const from = r.status;
    await saveStatus(trx, r, { status: 'withdrawn', updated_at: at });
    if (grant && revoke) await insertRevocation(trx, { grant_id: grant.id, revoked_by: ctx.actor.userId!, cause: 'withdrawn', reasons: reasons ?? '申请人撤回', at });
    await audit(ctx, trx, {
      action: 'access.withdrawn',
      objectType: 'access_request',
      objectId: r.id,
      after: { status: 'withdrawn', from, grantRevoked: grant?.id ?? null, reasons },
      article: '21(3)',
      detail: { from, ...(grant ? { grantId: grant.id } : {}) },
    });
    return { id: r.id, status: r.status, grantId: grant?.id ?? null };
  });
}
