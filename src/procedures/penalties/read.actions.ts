import { assertCan, hasPermission } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { presentDeadline } from '../../platform/calendar/deadlines.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { findOrder } from '../inspections/inspections.repository.js';
import { correctionFailed } from './cases.actions.js';
import { PENALTY_PROVISIONS, bandOf, bandsOf, checkAmount, finableParties, hearingDue, isPenaltyArticle, rangeFor, PARTY_TYPES, type PartyType } from './penalty.rules.js';
import { countCases, documentsOf, listCases, partiesOf, publicationsOf, timelineEntries, type CaseRow, type PartyRow } from './penalty.repository.js';
import { cutsFor, loadPenaltySettings, rowOfSettings, SETTINGS_ID, type PenaltySettings } from './penalty.settings.js';
import { allowedActions, CASE_STATUSES } from './penalty.states.js';
import { caseScope, factsOf, isUniqueViolation, loadVisibleCase, requireSignedIn, type LoadedCase } from './penalty.workflow.js';

/** Reads: the scoped list, one case with its parties, amounts, bands, clocks, documents, publications and timeline. */

const PAGE_SIZE = 50;

function presentParty(p: PartyRow, c: Pick<CaseRow, 'penalty_article' | 'serious'>, settings: PenaltySettings) {
  const article = c.penalty_article as keyof typeof PENALTY_PROVISIONS;
  const range = rangeFor(article, p.party_type as PartyType, { serious: Number(c.serious) === 1 });
  const cuts = cutsFor(settings, article);
  const amount = p.decided_yuan ?? p.proposed_yuan;
  return {
    id: p.id,
    partyType: p.party_type as PartyType,
    // Individuals appear masked everywhere; the handler reads the full identity through a ledgered route.
    name: p.name_masked,
    uscc: p.uscc,
    unitId: p.unit_id,
    companyId: p.company_id,
    idNumberMasked: p.id_number_masked,
    proposedYuan: p.proposed_yuan === null ? null : Number(p.proposed_yuan),
    decidedYuan: p.decided_yuan === null ? null : Number(p.decided_yuan),
    confiscationYuan: p.confiscation_yuan === null ? null : Number(p.confiscation_yuan),
    range,
    band: range && amount !== null ? bandOf(range, Number(amount), cuts) : null,
  };
}

function presentSummary(c: CaseRow, parties: PartyRow[]) {
  return {
    id: c.id,
    number: c.number,
    status: c.status as (typeof CASE_STATUSES)[number],
    penaltyArticle: c.penalty_article,
    item: c.item,
    violatedArticle: c.violated_article,
    divisionCode: c.division_code,
    handlingUnit: { id: c.handling_unit_id, name: getPoliceUnit(c.handling_unit_id)?.name ?? c.handling_unit_id },
    parties: parties.map((p) => ({ id: p.id, partyType: p.party_type, name: p.name_masked })),
    openedOn: c.opened_on,
    decisionNumber: c.decision_number,
    updatedAt: c.updated_at,
    version: Number(c.version),
  };
}

export async function listCasesFor(ctx: Ctx, q: { status?: string; page?: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'case.read');
  const page = Math.max(1, Math.min(10_000, Number.parseInt(q.page ?? '1', 10) || 1));
  const status = q.status && (CASE_STATUSES as readonly string[]).includes(q.status) ? q.status : undefined;
  const scope = caseScope(ctx.actor);
  const [rows, total] = await Promise.all([listCases(ctx.db, scope, { status }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), countCases(ctx.db, scope, { status })]);
  const parties = await partiesOf(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => presentSummary(r, parties.filter((p) => p.case_id === r.id))), page, pageSize: PAGE_SIZE, total };
}

export async function presentCase(ctx: Ctx, c: LoadedCase) {
  const today = ctx.clock.today();
  const settings = await loadPenaltySettings(ctx.db);
  const cal = await loadCalendar(ctx.db);
  const docs = await documentsOf(ctx.db, c.id);
  const pubs = await publicationsOf(ctx.db, c.id);
  const order = c.rectification_order_id ? await findOrder(ctx.db, c.rectification_order_id) : undefined;
  const failed = order ? await correctionFailed(ctx.db, order.id, today) : false;
  const timeline = await timelineEntries(ctx.db, c.id, { deadline: c.deadlines.map((d) => d.id), publication: pubs.map((p) => p.id) });
  const provision = PENALTY_PROVISIONS[c.penalty_article as keyof typeof PENALTY_PROVISIONS];
  const isOfficer = hasPermission(ctx.actor, 'case.handle');
  return {
    ...presentSummary(c, c.parties),
    siteId: c.site_id,
    source: { kind: c.source_kind, id: c.source_id },
    rectificationOrder: order ? { id: order.id, number: order.number, status: order.status, dueDate: order.due_date, failed } : null,
    facts: c.facts,
    serious: Number(c.serious) === 1,
    warningGivenOn: c.warning_given_on,
    precondition: provision.precondition,
    confiscation: provision.confiscation,
    finableParties: finableParties(provision.article, { serious: Number(c.serious) === 1 }),
    partiesDetail: c.parties.map((p) => presentParty(p, c, settings)),
    proposedOn: c.proposed_on,
    noticeNumber: c.notice_number,
    proposalReasons: c.proposal_reasons,
    hearingDue: Number(c.hearing_due) === 1,
    hearingThresholds: settings.hearing,
    respondedOn: c.responded_on,
    statement: c.statement,
    hearingRequested: Number(c.hearing_requested) === 1,
    hearingOn: c.hearing_on,
    hearingRecord: c.hearing_record,
    decidedOn: c.decided_on,
    decisionReasons: c.decision_reasons,
    noPenaltyReasons: c.no_penalty_reasons,
    correctedOn: c.corrected_on,
    servedOn: c.served_on,
    serviceMethod: c.service_method,
    paidOn: c.paid_on,
    paidYuan: c.paid_yuan === null ? null : Number(c.paid_yuan),
    paymentRef: isOfficer ? c.payment_ref : null,
    closedOn: c.closed_on,
    decisionPdfUrl: c.decision_number ? `/api/penalty-cases/${encodeURIComponent(c.id)}/decision.pdf` : null,
    deadlines: c.deadlines.map((d) => presentDeadline(d, today, cal)),
    documents: docs.map((d) => ({
      id: d.id,
      docClass: d.doc_class,
      fileName: d.file_name,
      mediaType: d.media_type,
      sizeBytes: Number(d.size_bytes),
      digest: d.digest,
      alg: d.alg,
      uploadedAt: d.uploaded_at,
      downloadUrl: `/api/penalty-cases/${encodeURIComponent(c.id)}/documents/${encodeURIComponent(d.id)}`,
    })),
    publications: pubs.map((p) => ({ id: p.id, kind: p.kind, partyId: p.party_id, status: p.status, publishedOn: p.published_on, publishUntil: p.publish_until, removedOn: p.removed_on, removalReason: p.removal_reason, version: Number(p.version) })),
    timeline: timeline.map((t) => ({ seq: t.seq, at: t.at, action: t.action, actorRole: t.actor_role, article: t.article, objectType: t.object_type })),
    actions: allowedActions(c, ctx.actor),
    periodOver: c.periodOver,
  };
}

export async function getCaseDetail(ctx: Ctx, id: string) {
  const c = await loadVisibleCase(ctx, ctx.db, id);
  return presentCase(ctx, c);
}

export async function reloadCase(ctx: Ctx, id: string) {
  const c = await loadVisibleCase(ctx, ctx.db, id);
  return presentCase(ctx, await factsOf(ctx.db, c, ctx.clock.today()));
}

// ---- Rules and settings --------------------------------------------------------------------------

export function presentSettings(s: PenaltySettings) {
  return {
    bands: Object.entries(s.bands).map(([article, cuts]) => ({ article, mildUpTo: cuts[0], generalUpTo: cuts[1] })),
    hearingIndividualYuan: s.hearing.individual,
    hearingUnitYuan: s.hearing.unit,
    statementDays: s.statementDays,
    hearingRequestDays: s.hearingRequestDays,
    publicationDays: s.publicationDays,
    decisionPublicationDays: s.decisionPublicationDays,
    creditRecordDays: s.creditRecordDays,
    decisionRepairMinDays: s.decisionRepairMinDays,
    creditRepairMinDays: s.creditRepairMinDays,
    version: s.version,
    updatedAt: s.updatedAt,
  };
}

export async function getRules(ctx: Ctx) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'case.read');
  const settings = await loadPenaltySettings(ctx.db);
  return {
    provisions: Object.values(PENALTY_PROVISIONS).map((p) => ({
      article: p.article,
      precondition: p.precondition,
      confiscation: p.confiscation,
      zh: p.zh,
      en: p.en,
      violations: p.violations.map((v) => ({ ...v })),
      fines: PARTY_TYPES.flatMap((t) => (p.fines[t] ? [{ partyType: t, ...p.fines[t]!, serious: false }] : [])).concat(
        PARTY_TYPES.flatMap((t) => (p.serious?.[t] ? [{ partyType: t, ...p.serious[t]!, serious: true }] : [])),
      ),
    })),
    settings: presentSettings(settings),
  };
}

/** What the proposal form shows while typing: the range, the band, whether a hearing notice is due — or the refusal. */
export async function assess(ctx: Ctx, q: { article: string; partyType: string; amount: string; serious?: string; confiscation?: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'case.read');
  if (!isPenaltyArticle(q.article) || !(PARTY_TYPES as readonly string[]).includes(q.partyType)) throw new AppError('PENALTY_INPUT_INVALID');
  const amount = Number(q.amount);
  const confiscation = q.confiscation ? Number(q.confiscation) : 0;
  if (!Number.isFinite(amount) || !Number.isFinite(confiscation)) throw new AppError('PENALTY_INPUT_INVALID');
  const serious = q.serious === 'true';
  const settings = await loadPenaltySettings(ctx.db);
  const partyType = q.partyType as PartyType;
  const range = rangeFor(q.article, partyType, { serious });
  const cuts = cutsFor(settings, q.article);
  const due = hearingDue(partyType, amount, confiscation, settings.hearing);
  try {
    const r = checkAmount(q.article, partyType, amount, { serious, cuts });
    return { ok: true, article: q.article, range: r.range, band: r.band, bands: r.bands, hearingDue: due, code: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ok: false, article: q.article, range, band: null, bands: range ? bandsOf(range, cuts) : null, hearingDue: due, code: e.code };
  }
}

export async function getSettings(ctx: Ctx) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'case.read');
  return presentSettings(await loadPenaltySettings(ctx.db));
}

export interface SettingsInput {
  version: number;
  bands: { article: string; mildUpTo: number; generalUpTo: number }[];
  hearingIndividualYuan: number;
  hearingUnitYuan: number;
  statementDays: number;
  hearingRequestDays: number;
  publicationDays: number;
  decisionPublicationDays: number;
  creditRecordDays: number;
  decisionRepairMinDays: number;
  creditRepairMinDays: number;
}

/** The province sets bands, thresholds and periods; the whole before/after goes into the ledger. */
export async function updateSettings(ctx: Ctx, input: SettingsInput) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'penalty.settings.manage');
  const bands: Record<string, [number, number]> = {};
  for (const b of input.bands) {
    if ((b.article !== '*' && !isPenaltyArticle(b.article)) || !(b.mildUpTo > 0 && b.mildUpTo < b.generalUpTo && b.generalUpTo < 1) || bands[b.article]) {
      throw new AppError('PENALTY_INPUT_INVALID', { zh: '裁量档次应为 0 < 轻 < 一般 < 1 的比例', en: 'Bands must be fractions 0 < mild < general < 1' }, { extra: { field: 'bands', article: b.article } });
    }
    bands[b.article] = [b.mildUpTo, b.generalUpTo];
  }
  if (!bands['*']) throw new AppError('PENALTY_INPUT_INVALID', { zh: '应设置默认裁量档次（*）', en: 'A default band (*) is required' }, { extra: { field: 'bands' } });
  const next = {
    bands,
    hearing: { individual: input.hearingIndividualYuan, unit: input.hearingUnitYuan },
    statementDays: input.statementDays,
    hearingRequestDays: input.hearingRequestDays,
    publicationDays: input.publicationDays,
    decisionPublicationDays: input.decisionPublicationDays,
    creditRecordDays: input.creditRecordDays,
    decisionRepairMinDays: input.decisionRepairMinDays,
    creditRepairMinDays: input.creditRepairMinDays,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadPenaltySettings(trx);
    if (before.version !== input.version) throw new AppError('CONFLICT');
    const now = ctx.clock.now().toISOString();
    const row = { ...rowOfSettings(next), version: before.version + 1, updated_at: now, updated_by: ctx.actor.userId };
    if (before.version === 0) {
      // Two first saves at once: the loser's insert hits the primary key — a stale write, not a fault.
      await trx.insertInto('penalty_settings').values({ id: SETTINGS_ID, ...row }).execute().catch((e: unknown) => {
        throw isUniqueViolation(e) ? new AppError('CONFLICT') : e;
      });
    }
    else {
      const r = await trx.updateTable('penalty_settings').set(row).where('id', '=', SETTINGS_ID).where('version', '=', before.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    }
    await audit(ctx, trx, { action: 'penalty.settings_updated', objectType: 'penalty_settings', objectId: SETTINGS_ID, before: presentSettings(before), after: next, article: '行政处罚法63' });
  });
  return getSettings(ctx);
}
