import { randomUUID } from 'node:crypto';
import { assertCan, divisionPrefix, hasPermission } from '../../platform/access/access.js';
import { NoCheckpointError, checkpointNow, exportProof } from '../../platform/audit/checkpoints.js';
import type { ProofBundle } from '../../platform/audit/proof-check.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { digestOf, type HashAlg } from '../../platform/crypto/hash.js';
import { piiCipher } from '../../platform/crypto/pii.js';
import type { AccessRegisterTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import {
  findOfficial,
  findRegisterEntry,
  findRegisterOfficials,
  findRequest,
  insertRegisterEntry,
  insertUnmaskEvent,
  listRegister as listRegisterRows,
  oversightEntries,
  oversightOfficials,
  unitNames,
  type RegisterRow,
} from './access.repository.js';
import { OUTSIDE_GRANT_FLAGS, USE_FLAGS, type UseFlag } from './access.rules.js';
import { canSeeRegisterEntry, isOfficer, registerVisibility, requireSignedIn } from './access.scope.js';
import { presentRegisterEntry } from './access.present.js';
import { OFFICIAL_ID_AAD } from './access.settings.js';
import { MAX_REGISTER_IDS } from './access.schemas.js';

/**
 * The register of art. 21(3): every viewing, copying (export), unmasking and correction, append-only in the
 * database (art. 23(2), 24(3)). Each entry is also a ledger entry whose `after_digest` is the digest of the
 * entry's row, so the ledger's Merkle proofs cover the register and `checkRegister` finds a row altered by hand.
 */

export type RegisterDraft = Omit<AccessRegisterTable, 'id' | 'ledger_seq' | 'created_at'> & {
  officials: { official_id: string; id_number_index: string }[];
  article: string;
};

/** What the ledger digests for an entry: every column but the ledger's own sequence number. */
export function registerDigestSource(row: Omit<RegisterRow, 'ledger_seq'>) {
  return {
    id: row.id,
    kind: row.kind,
    request_id: row.request_id,
    grant_id: row.grant_id,
    use_report_id: row.use_report_id,
    corrects_id: row.corrects_id,
    actor_user_id: row.actor_user_id,
    requester_kind: row.requester_kind,
    organisation: row.organisation,
    unit_id: row.unit_id,
    division_code: row.division_code,
    at: row.at,
    cameras: row.cameras,
    period_from: row.period_from,
    period_to: row.period_to,
    purpose: row.purpose,
    destination: row.destination,
    flags: row.flags,
    note: row.note,
    created_at: row.created_at,
  };
}

/** Appends a register entry and its ledger entry in the caller's transaction. */
export async function writeRegisterEntry(ctx: Ctx, trx: DbOrTrx, draft: RegisterDraft): Promise<{ id: string; ledgerSeq: number }> {
  const { officials, article, ...fields } = draft;
  const row = { ...fields, id: randomUUID(), created_at: ctx.clock.now().toISOString() };
  const flags = JSON.parse(row.flags) as string[];
  const appended = await audit(ctx, trx, {
    action: row.kind === 'correction' ? 'access.register_corrected' : row.kind === 'unmasked' ? 'access.unmasked' : 'access.registered',
    objectType: 'access_register',
    objectId: row.id,
    after: registerDigestSource(row),
    article,
    detail: { kind: row.kind, requestId: row.request_id, grantId: row.grant_id, flags, ...(row.corrects_id ? { corrects: row.corrects_id } : {}) },
  });
  await insertRegisterEntry(trx, { ...row, ledger_seq: appended.seq }, officials);
  return { id: row.id, ledgerSeq: appended.seq };
}

export type RegisterFault = 'altered' | 'unlinked' | 'missing';

export interface RegisterCheck {
  checked: number;
  /** Ids of rows that fail, in ledger order (kept for callers that only need the ids). */
  altered: string[];
  faults: { id: string; ledgerSeq: number | null; reason: RegisterFault }[];
}

const REGISTER_ACTIONS = ['access.registered', 'access.register_corrected', 'access.unmasked'];

/**
 * @article 23(2), 24(3) — compares every register row with the digest its ledger entry recorded (`altered`: a
 * row changed by hand — the triggers stop the application, not a database superuser; `unlinked`: its
 * `ledger_seq` no longer points at its own entry), and every register entry of the ledger with a row
 * (`missing`: a row deleted by hand). Reads a page at a time, so memory stays flat on a large register.
 */
export async function checkRegister(db: DbOrTrx, opts: { batchSize?: number } = {}): Promise<RegisterCheck> {
  const batch = opts.batchSize ?? 5000;
  const faults: RegisterCheck['faults'] = [];
  let checked = 0;
  let lastId = '';
  for (;;) {
    const rows = await db
      .selectFrom('access_register')
      .leftJoin('ledger_entries', 'ledger_entries.seq', 'access_register.ledger_seq')
      .selectAll('access_register')
      .select(['ledger_entries.after_digest', 'ledger_entries.alg', 'ledger_entries.object_id', 'ledger_entries.object_type'])
      .where('access_register.id', '>', lastId)
      .orderBy('access_register.id')
      .limit(batch)
      .execute();
    for (const r of rows) {
      checked += 1;
      const seq = Number(r.ledger_seq);
      if (r.object_id !== r.id || r.object_type !== 'access_register') faults.push({ id: r.id, ledgerSeq: Number.isFinite(seq) ? seq : null, reason: 'unlinked' });
      else if (digestOf(registerDigestSource(r), r.alg as HashAlg) !== r.after_digest) faults.push({ id: r.id, ledgerSeq: seq, reason: 'altered' });
    }
    if (rows.length < batch) break;
    lastId = rows[rows.length - 1].id;
  }
  // Ledger entries about register rows that no longer exist.
  let lastSeq = 0;
  for (;;) {
    const entries = await db
      .selectFrom('ledger_entries')
      .leftJoin('access_register', 'access_register.id', 'ledger_entries.object_id')
      .select(['ledger_entries.seq', 'ledger_entries.object_id', 'access_register.id as row_id'])
      .where('ledger_entries.object_type', '=', 'access_register')
      .where('ledger_entries.action', 'in', REGISTER_ACTIONS)
      .where('ledger_entries.seq', '>', lastSeq)
      .orderBy('ledger_entries.seq')
      .limit(batch)
      .execute();
    for (const e of entries) if (e.row_id === null) faults.push({ id: e.object_id, ledgerSeq: Number(e.seq), reason: 'missing' });
    if (entries.length < batch) break;
    lastSeq = Number(entries[entries.length - 1].seq);
  }
  faults.sort((a, b) => (a.ledgerSeq ?? Infinity) - (b.ledgerSeq ?? Infinity));
  return { checked, altered: faults.map((f) => f.id), faults };
}

/**
 * The register row as the ledger digested it, for a proof bundle (`record`): check-proof recomputes its digest
 * and compares it with the entry's `after_digest`, offline. Undefined when the row is gone.
 */
export async function registerProofRecord(db: DbOrTrx, id: string): Promise<{ type: 'access_register'; fields: ReturnType<typeof registerDigestSource> } | undefined> {
  const row = await findRegisterEntry(db, id);
  return row ? { type: 'access_register', fields: registerDigestSource(row) } : undefined;
}

export interface RegisterQuery {
  kind?: string;
  unitId?: string;
  requestId?: string;
  division?: string;
  from?: string;
  to?: string;
  flag?: string;
  outsideGrant?: string;
  officialId?: string;
  organisation?: string;
  organisationContains?: string;
  ids?: string;
  page?: string;
  pageSize?: string;
}

/** `ids=a,b,c` → distinct ids, at most MAX_REGISTER_IDS (more is refused, not silently cut). */
function parseIds(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length > MAX_REGISTER_IDS) {
    throw new AppError('ACCESS_INPUT_INVALID', { zh: `一次最多查询 ${MAX_REGISTER_IDS} 条登记`, en: `At most ${MAX_REGISTER_IDS} entries at once` }, { extra: { field: 'ids' } });
  }
  return ids;
}

/** @article 21(3), 39 — the register with filters; identities masked. */
export async function listRegister(ctx: Ctx, q: RegisterQuery) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.register.read');
  const v = registerVisibility(ctx.actor);
  if (!v) throw new AppError('FORBIDDEN');
  const pageSize = Math.min(Number(q.pageSize ?? 50) || 50, 200);
  const page = Number(q.page ?? 1) || 1;
  let officialIndex: string | undefined;
  if (q.officialId) {
    const o = await findOfficial(ctx.db, q.officialId);
    officialIndex = o?.id_number_index ?? 'none';
  }
  const ids = parseIds(q.ids);
  const { total, rows } = await listRegisterRows(ctx.db, v, {
    ids,
    organisation: q.organisation?.trim() || undefined,
    organisationContains: q.organisationContains?.trim() || undefined,
    kind: q.kind,
    unitId: q.unitId,
    requestId: q.requestId,
    divisionPrefix: q.division ? divisionPrefix(q.division) : undefined,
    from: q.from,
    to: q.to,
    flag: q.flag,
    anyFlags: q.outsideGrant === 'true' ? OUTSIDE_GRANT_FLAGS : undefined,
    officialIndex,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const officials = await findRegisterOfficials(ctx.db, rows.map((r) => r.id));
  return { total, page, pageSize, items: rows.map((r) => presentRegisterEntry(r, officials.filter((o) => o.entry_id === r.id))) };
}

export async function getRegisterEntry(ctx: Ctx, id: string) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.register.read');
  const e = await findRegisterEntry(ctx.db, id);
  if (!e || !canSeeRegisterEntry(ctx.actor, e)) throw new AppError('NOT_FOUND');
  return presentRegisterEntry(e, await findRegisterOfficials(ctx.db, [e.id]));
}

/**
 * @article 23(2), 24(3) — a correction is a new entry pointing at the old one, which stays as it was. By the unit
 * that keeps the register or an officer of the jurisdiction; the note says what was wrong.
 */
export async function correctRegisterEntry(ctx: Ctx, id: string, input: { note: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.register.read');
  if (!(isOfficer(ctx.actor) || ctx.actor.role === 'unit_user')) throw new AppError('FORBIDDEN');
  const note = input.note.trim();
  if (note === '') throw new AppError('ACCESS_INPUT_INVALID', { zh: '请说明更正内容', en: 'Say what is corrected' }, { extra: { field: 'note' } });
  return ctx.db.transaction().execute(async (trx) => {
    const old = await findRegisterEntry(trx, id);
    if (!old || !canSeeRegisterEntry(ctx.actor, old)) throw new AppError('NOT_FOUND');
    const entry = await writeRegisterEntry(ctx, trx, {
      kind: 'correction',
      request_id: old.request_id,
      grant_id: old.grant_id,
      use_report_id: null,
      corrects_id: old.id,
      actor_user_id: ctx.actor.userId,
      requester_kind: old.requester_kind,
      organisation: old.organisation,
      unit_id: old.unit_id,
      division_code: old.division_code,
      at: ctx.clock.now().toISOString(),
      cameras: old.cameras,
      period_from: old.period_from,
      period_to: old.period_to,
      purpose: old.purpose,
      destination: old.destination,
      flags: '[]',
      note,
      officials: [],
      article: '23(2)',
    });
    return { id: entry.id, corrects: old.id, ledgerSeq: entry.ledgerSeq };
  });
}

/**
 * PIPL; art. 21(3) — shows an official's full identity number to someone with the permission who states why.
 * The unmasking is itself a register entry (and a ledger entry); the number is in the response only.
 */
export async function unmaskOfficial(ctx: Ctx, officialId: string, input: { reason: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.unmask');
  const reason = input.reason.trim();
  if (reason.length < 4) throw new AppError('REASONS_REQUIRED');
  return ctx.db.transaction().execute(async (trx) => {
    const o = await findOfficial(trx, officialId);
    const r = o ? await findRequest(trx, o.request_id) : undefined;
    if (!o || !r || !canSeeRegisterEntry(ctx.actor, { division_code: r.division_code, unit_id: r.unit_id })) throw new AppError('NOT_FOUND');
    const idNumber = piiCipher(ctx.config).decrypt(o.id_number_enc, OFFICIAL_ID_AAD);
    const at = ctx.clock.now().toISOString();
    const entry = await writeRegisterEntry(ctx, trx, {
      kind: 'unmasked',
      request_id: r.id,
      grant_id: null,
      use_report_id: null,
      corrects_id: null,
      actor_user_id: ctx.actor.userId,
      requester_kind: r.requester_kind,
      organisation: r.organisation,
      unit_id: r.unit_id,
      division_code: r.division_code,
      at,
      cameras: '[]',
      period_from: null,
      period_to: null,
      purpose: reason,
      destination: null,
      flags: '[]',
      note: null,
      officials: [{ official_id: o.id, id_number_index: o.id_number_index }],
      article: '21(3)',
    });
    await insertUnmaskEvent(trx, { id: randomUUID(), official_id: o.id, user_id: ctx.actor.userId!, reason, register_entry_id: entry.id, at });
    return { officialId: o.id, name: o.name, idNumber, registerEntryId: entry.id };
  });
}

const OVERSIGHT_LIMIT = 50_000;
const LINKED_IDS = 100;

interface Tally {
  entries: number;
  viewings: number;
  exports: number;
  outsideGrant: number;
  singleOfficial: number;
  unmasked: number;
  flaggedEntryIds: string[];
  unmaskEntryIds: string[];
}

const tally = (): Tally => ({ entries: 0, viewings: 0, exports: 0, outsideGrant: 0, singleOfficial: 0, unmasked: 0, flaggedEntryIds: [], unmaskEntryIds: [] });

function count(t: Tally, e: { id: string; kind: string; flags: string }): void {
  const flags = JSON.parse(e.flags) as UseFlag[];
  t.entries += 1;
  if (e.kind === 'viewing_started') t.viewings += 1;
  if (e.kind === 'exported') t.exports += 1;
  const outside = flags.some((f) => OUTSIDE_GRANT_FLAGS.includes(f));
  if (outside) t.outsideGrant += 1;
  if (flags.includes('single_official')) t.singleOfficial += 1;
  if ((outside || flags.includes('single_official')) && t.flaggedEntryIds.length < LINKED_IDS) t.flaggedEntryIds.push(e.id);
  if (e.kind === 'unmasked') {
    t.unmasked += 1;
    if (t.unmaskEntryIds.length < LINKED_IDS) t.unmaskEntryIds.push(e.id);
  }
}

/**
 * @article 39 — per unit, per requesting organisation and per official: volumes, uses outside grants,
 * single-official uses and unmaskings, each with the register entries behind it (ids, and a register query).
 * Officials are grouped by the blind index of their identity number, so one person across requests is one row.
 */
export async function oversight(ctx: Ctx, q: { from?: string; to?: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.oversight');
  const v = registerVisibility(ctx.actor);
  if (!v || !hasPermission(ctx.actor, 'access.oversight')) throw new AppError('FORBIDDEN');
  const entries = await oversightEntries(ctx.db, v, { from: q.from, to: q.to, limit: OVERSIGHT_LIMIT });
  const perUnit = new Map<string, Tally>();
  const perOrganisation = new Map<string, Tally>();
  const perOfficial = new Map<string, Tally & { name: string; idNumberMasked: string; officialId: string }>();
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of entries) {
    const unitKey = e.unit_id ?? '';
    if (!perUnit.has(unitKey)) perUnit.set(unitKey, tally());
    count(perUnit.get(unitKey)!, e);
    if (!perOrganisation.has(e.organisation)) perOrganisation.set(e.organisation, tally());
    count(perOrganisation.get(e.organisation)!, e);
  }
  const officials = await oversightOfficials(ctx.db, entries.map((e) => e.id));
  for (const o of officials) {
    if (!perOfficial.has(o.id_number_index)) {
      perOfficial.set(o.id_number_index, { ...tally(), name: o.name, idNumberMasked: o.id_number_masked, officialId: o.official_id });
    }
    count(perOfficial.get(o.id_number_index)!, byId.get(o.entry_id)!);
  }
  const names = await unitNames(ctx.db, [...perUnit.keys()].filter((k) => k !== ''));
  const view = (t: Tally) => ({
    entries: t.entries,
    viewings: t.viewings,
    exports: t.exports,
    outsideGrant: t.outsideGrant,
    singleOfficial: t.singleOfficial,
    unmasked: t.unmasked,
    flaggedEntryIds: t.flaggedEntryIds,
    unmaskEntryIds: t.unmaskEntryIds,
  });
  const period = `${q.from ? `&from=${encodeURIComponent(q.from)}` : ''}${q.to ? `&to=${encodeURIComponent(q.to)}` : ''}`;
  return {
    truncated: entries.length >= OVERSIGHT_LIMIT,
    flags: USE_FLAGS,
    perUnit: [...perUnit.entries()]
      .map(([unitId, t]) => ({ unitId: unitId || null, unitName: unitId ? (names.get(unitId) ?? unitId) : null, ...view(t), registerLink: unitId ? `/api/access/register?unitId=${encodeURIComponent(unitId)}${period}` : null }))
      .sort((a, b) => b.outsideGrant + b.singleOfficial - (a.outsideGrant + a.singleOfficial) || b.entries - a.entries),
    perOrganisation: [...perOrganisation.entries()]
      .map(([organisation, t]) => ({ organisation, ...view(t), registerLink: `/api/access/register?organisation=${encodeURIComponent(organisation)}${period}` }))
      .sort((a, b) => b.outsideGrant + b.singleOfficial - (a.outsideGrant + a.singleOfficial) || b.entries - a.entries),
    perOfficial: [...perOfficial.values()]
      .map((t) => ({ name: t.name, idNumberMasked: t.idNumberMasked, officialId: t.officialId, ...view(t), registerLink: t.officialId ? `/api/access/register?officialId=${encodeURIComponent(t.officialId)}${period}` : null }))
      .sort((a, b) => b.outsideGrant + b.singleOfficial - (a.outsideGrant + a.singleOfficial) || b.entries - a.entries),
  };
}


/**
 * @article 21(3), 23(2) — the proof bundle of a register entry, for an inspector to check offline with
 * `npx jifang ledger check-proof`: its ledger entry, the inclusion proof against a signed checkpoint, the public
 * key, and the row itself (`record`, checked against the entry's after_digest). An entry newer than the last
 * checkpoint gets one signed now (as `jifang ledger export-proof` does): a checkpoint only states the log.
 */
export async function registerEntryProof(ctx: Ctx, id: string): Promise<ProofBundle> {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.register.read');
  const e = await findRegisterEntry(ctx.db, id);
  if (!e || !canSeeRegisterEntry(ctx.actor, e)) throw new AppError('NOT_FOUND');
  const seq = Number(e.ledger_seq);
  let bundle: ProofBundle;
  try {
    bundle = await exportProof(ctx.db, seq);
  } catch (err) {
    if (!(err instanceof NoCheckpointError)) throw err;
    await checkpointNow(ctx.db, ctx.config, ctx.clock.now());
    bundle = await exportProof(ctx.db, seq);
  }
  return { ...bundle, record: { type: 'access_register', fields: registerDigestSource(e) } };
}
