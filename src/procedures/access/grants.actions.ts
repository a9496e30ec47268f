import { randomUUID } from 'node:crypto';
import { assertCan, can } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { canonicalJson } from '../../platform/crypto/hash.js';
import { loadOrCreateSigner } from '../../platform/crypto/provider.js';
import { AppError } from '../../platform/http/errors.js';
import {
  findGrant,
  findOfficials,
  findRequest,
  findRevocation,
  findUserAccessInfo,
  insertGrant,
  insertRevocation,
  insertUseReport,
  siteUserPoliceUnit,
  type GrantRow,
  type RequestRow,
} from './access.repository.js';
import { useFlags, type UseFacts } from './access.rules.js';
import { canSeeRequest, isOfficer, requireSignedIn, stateSecurityScope } from './access.scope.js';
import { isWithin } from '../../platform/jurisdictions/divisions.js';
import { ACCESS_SETTINGS } from './access.settings.js';
import { GRANT_FORMAT, grantBytes, type GrantBody, type GrantFile } from './grant-verify.js';
import { writeRegisterEntry } from './register.actions.js';
import { evaluateStored } from './requests.actions.js';

/**
 * Signed grants and the use a VMS reports against them (art. 21(3), 26, 27). A grant is issued only when the
 * matrix allows the request, in the transaction of the step that made it allowable; it names cameras, footage
 * window, action, officials (masked), how many must be present, expiry and the request, and is signed with the
 * platform's key (SM2 by default; the algorithm and key id travel in the file).
 */

/** @article 26, 27 — issues the grant if (and only if) the matrix now allows the request. */
export async function issueGrantIfAllowed(ctx: Ctx, trx: DbOrTrx, r: RequestRow): Promise<GrantRow | null> {
  if (r.status !== 'pending') return null;
  const ev = await evaluateStored(trx, r);
  if (!ev.decision.allowed) return null;
  const now = ctx.clock.now();
  const issuedAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + ACCESS_SETTINGS.grantValidityHours * 3_600_000).toISOString();
  const site = ev.cameras[0];
  const body: GrantBody = {
    id: randomUUID(),
    requestId: r.id,
    issuer: ctx.config.ledgerOrigin,
    issuedAt,
    expiresAt,
    basis: ev.decision.basis,
    action: r.action as GrantBody['action'],
    requesterKind: r.requester_kind,
    organisation: r.organisation,
    site: { id: r.site_id, name: site?.site_name ?? '' },
    unitId: r.unit_id,
    cameras: ev.cameras.map((c) => ({ deviceId: c.id, deviceCode: c.device_code, name: c.name })),
    window: { from: r.window_from, to: r.window_to },
    officials: ev.officials.map((o) => ({ id: o.id, name: o.name, idNumberMasked: o.id_number_masked, workCertificateNo: o.work_certificate_no })),
    officialsRequired: ev.decision.officialsRequired,
    purpose: r.purpose,
    destination: r.copy_destination,
    free: ev.decision.free,
    duties: ev.decision.duties.map((d) => ({ code: d.code, article: d.article })),
  };
  const signer = loadOrCreateSigner(ctx.config.keysDir, ctx.config.signingAlg);
  const sig = signer.sign(grantBytes(body));
  const row: GrantRow = {
    id: body.id,
    request_id: r.id,
    payload: canonicalJson(body),
    alg: sig.alg,
    key_id: sig.keyId,
    signature: sig.signature,
    public_key: signer.publicKeyPem,
    issued_at: issuedAt,
    expires_at: expiresAt,
  };
  await insertGrant(trx, row);
  const set = { status: 'granted', updated_at: issuedAt };
  const res = await trx.updateTable('access_requests').set({ ...set, version: r.version + 1 }).where('id', '=', r.id).where('version', '=', r.version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
  r.version += 1;
  Object.assign(r, set);
  await audit(ctx, trx, {
    action: 'access.granted',
    objectType: 'access_grant',
    objectId: row.id,
    after: { payload: row.payload, signature: row.signature },
    article: ev.decision.basis,
    detail: { requestId: r.id, alg: row.alg, keyId: row.key_id, expiresAt },
  });
  return row;
}

export function grantFileOf(g: GrantRow): GrantFile {
  return {
    format: GRANT_FORMAT,
    grant: JSON.parse(g.payload) as GrantBody,
    signature: { alg: g.alg, keyId: g.key_id, value: g.signature },
    publicKey: g.public_key,
  };
}

/** A grant and its request, if the caller may see the request (the requester, the unit, officers in jurisdiction). */
async function visibleGrant(ctx: Ctx, db: DbOrTrx, id: string) {
  const g = await findGrant(db, id);
  const r = g ? await findRequest(db, g.request_id) : undefined;
  if (!g || !r) throw new AppError('NOT_FOUND');
  const info = ctx.actor.userId ? await findUserAccessInfo(db, ctx.actor.userId) : undefined;
  if (!canSeeRequest(ctx.actor, r, info)) throw new AppError('NOT_FOUND');
  return { g, r };
}

/** The grant file the VMS verifies offline. */
export async function getGrantFile(ctx: Ctx, id: string): Promise<GrantFile> {
  requireSignedIn(ctx.actor);
  const { g } = await visibleGrant(ctx, ctx.db, id);
  return grantFileOf(g);
}

/** The platform's current signing key, to pin in a VMS (grants) and for inspectors (ledger checkpoints). */
export function signingKey(ctx: Pick<Ctx, 'config'>) {
  const signer = loadOrCreateSigner(ctx.config.keysDir, ctx.config.signingAlg);
  return { alg: signer.alg, keyId: signer.keyId, publicKeyPem: signer.publicKeyPem };
}

export interface UseReportInput {
  event: 'viewing_started' | 'viewing_ended' | 'exported';
  at: string;
  cameras: string[];
  footageFrom: string;
  footageTo: string;
  officialsPresent: string[];
  fileDigest?: string;
  digestAlg?: 'sm3' | 'sha256';
}

const invalid = (zh: string, en: string, field: string) => new AppError('ACCESS_INPUT_INVALID', { zh, en }, { extra: { field } });

function instant(value: string, field: string): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw invalid('时间应为带时区的 ISO 8601 时刻', 'Times must be ISO 8601 instants with an offset', field);
  return new Date(t).toISOString();
}

/**
 * @article 21(3), 26, 27 — the unit's VMS (its API token) reports what was actually done under a grant. Every
 * report becomes a register entry and a ledger entry, whatever it shows: use outside the grant (cameras, period,
 * action, before issue or after expiry) or by fewer officials than required is flagged, not refused, because the
 * register must hold what happened. Cameras are named by device code (or device id when a camera has no code).
 */
export async function reportUse(ctx: Ctx, grantId: string, input: UseReportInput) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.report_use');
  const at = instant(input.at, 'at');
  const footageFrom = instant(input.footageFrom, 'footageFrom');
  const footageTo = instant(input.footageTo, 'footageTo');
  const now = ctx.clock.now();
  if (Date.parse(at) > now.getTime() + ACCESS_SETTINGS.reportSkewMinutes * 60_000) throw invalid('上报时间晚于当前时间', 'The use is reported in the future', 'at');
  if (!(footageFrom <= footageTo)) throw invalid('录像起始时间应早于结束时间', 'Footage must start before it ends', 'footageTo');
  if (input.event === 'exported' && !input.fileDigest) throw invalid('导出须上报文件摘要', 'An export must report the file’s digest', 'fileDigest');

  return ctx.db.transaction().execute(async (trx) => {
    const g = await findGrant(trx, grantId);
    const r = g ? await findRequest(trx, g.request_id) : undefined;
    // Only whoever runs the system the grant covers reports on it; anyone else learns nothing about the grant.
    if (!g || !r || !(await mayReportUse(ctx, trx, r))) throw new AppError('NOT_FOUND');
    const body = JSON.parse(g.payload) as GrantBody;
    const revocation = await findRevocation(trx, g.id);
    const granted = new Map<string, string>();
    for (const c of body.cameras) {
      granted.set(c.deviceId, c.deviceId);
      if (c.deviceCode) granted.set(c.deviceCode, c.deviceId);
    }
    const cameras = [...new Set(input.cameras)];
    const facts: UseFacts = { event: input.event, at, cameras: cameras.map((c) => granted.get(c) ?? c), footageFrom, footageTo, officialsPresent: [...new Set(input.officialsPresent)] };
    const flags = useFlags(
      {
        action: body.action,
        cameras: body.cameras.map((c) => c.deviceId),
        windowFrom: body.window.from,
        windowTo: body.window.to,
        issuedAt: body.issuedAt,
        expiresAt: body.expiresAt,
        officialIds: body.officials.map((o) => o.id),
        officialsRequired: body.officialsRequired,
        revokedAt: revocation?.at ?? null,
      },
      facts,
    );
    const reportId = randomUUID();
    await insertUseReport(trx, {
      id: reportId,
      grant_id: g.id,
      event: input.event,
      at,
      cameras: JSON.stringify(cameras),
      footage_from: footageFrom,
      footage_to: footageTo,
      file_digest: input.fileDigest ?? null,
      digest_alg: input.fileDigest ? (input.digestAlg ?? 'sm3') : null,
      officials_present: JSON.stringify(facts.officialsPresent),
      flags: JSON.stringify(flags),
      reported_by: ctx.actor.userId!,
      received_at: now.toISOString(),
    });
    const officials = await findOfficials(trx, r.id);
    const present = new Set(facts.officialsPresent);
    const entry = await writeRegisterEntry(ctx, trx, {
      kind: input.event,
      request_id: r.id,
      grant_id: g.id,
      use_report_id: reportId,
      corrects_id: null,
      actor_user_id: r.requester_user_id,
      requester_kind: r.requester_kind,
      organisation: r.organisation,
      unit_id: r.unit_id,
      division_code: r.division_code,
      at,
      cameras: JSON.stringify(cameras),
      period_from: footageFrom,
      period_to: footageTo,
      purpose: r.purpose,
      destination: r.copy_destination,
      flags: JSON.stringify(flags),
      note: input.fileDigest ? `${input.digestAlg ?? 'sm3'}:${input.fileDigest}` : null,
      officials: officials.filter((o) => present.has(o.id)).map((o) => ({ official_id: o.id, id_number_index: o.id_number_index })),
      article: r.requester_kind === 'administrative_department' ? '27(4)' : r.requester_kind === 'citizen' ? '26(4)' : '21(3)',
    });
    return { useReportId: reportId, registerEntryId: entry.id, ledgerSeq: entry.ledgerSeq, flags };
  });
}

/**
 * @article 21(3) — who reports use under a grant: the key unit for its own system (its VMS, with an API token);
 * for a public-area system, which has no unit, the police bureau that uses it (`sites.user_police_unit_id`), or,
 * when no using bureau is recorded, an officer whose jurisdiction covers the site. Reading: README "Choices".
 */
async function mayReportUse(ctx: Ctx, db: DbOrTrx, r: RequestRow): Promise<boolean> {
  if (r.unit_id) return can(ctx.actor, 'access.report_use', { unitId: r.unit_id });
  if (r.site_type !== 'public_area' || !isOfficer(ctx.actor) || !can(ctx.actor, 'access.report_use')) return false;
  const usingBureau = await siteUserPoliceUnit(db, r.site_id);
  return usingBureau ? ctx.actor.policeUnitId === usingBureau : can(ctx.actor, 'access.report_use', { divisionCode: r.division_code });
}

/**
 * @article 26, 27 — the approving side revokes a grant it no longer stands behind (the case closed, the
 * officials changed, a mistake found). The signed file cannot be recalled from the VMS, so the revocation is a
 * record of its own and a ledger entry; later use is still registered, flagged `after_revocation`. Officers with
 * the approving permission where the system is (art. 26(1)(3): the county-or-higher bureau), or a state security
 * approver for its organ's grants.
 */
export async function revokeGrant(ctx: Ctx, grantId: string, input: { reasons: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.approve');
  const reasons = input.reasons.trim();
  if (reasons === '') throw new AppError('REASONS_REQUIRED');
  const info = ctx.actor.userId ? await findUserAccessInfo(ctx.db, ctx.actor.userId) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const g = await findGrant(trx, grantId);
    const r = g ? await findRequest(trx, g.request_id) : undefined;
    if (!g || !r || !canSeeRequest(ctx.actor, r, info)) throw new AppError('NOT_FOUND');
    const ss = stateSecurityScope(info);
    const approvingSide = isOfficer(ctx.actor)
      ? can(ctx.actor, 'access.approve', { divisionCode: r.division_code })
      : ss !== null && r.requester_kind === 'state_security' && (ss === '' || isWithin(r.division_code, info!.department_division!));
    if (!approvingSide) throw new AppError('FORBIDDEN');
    if (await findRevocation(trx, g.id)) throw new AppError('TRANSITION_NOT_ALLOWED');
    const at = ctx.clock.now().toISOString();
    const row = { grant_id: g.id, revoked_by: ctx.actor.userId!, cause: 'revoked', reasons, at };
    await insertRevocation(trx, row);
    await audit(ctx, trx, {
      action: 'access.grant_revoked',
      objectType: 'access_grant',
      objectId: g.id,
      after: row,
      article: r.requester_kind === 'administrative_department' ? '26(3)' : r.requester_kind === 'citizen' ? '26(4)' : '26(1)',
      detail: { requestId: r.id },
    });
    return { grantId: g.id, requestId: r.id, revokedAt: at, cause: 'revoked' as const };
  });
}
