import { randomUUID } from 'node:crypto';
import { assertCan } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import { isCalendarDate } from '../../platform/calendar/dates.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { piiCipher } from '../../platform/crypto/pii.js';
import { AppError } from '../../platform/http/errors.js';
import { maskResidentId, normaliseResidentId, validateResidentId } from '../../platform/identifiers/resident-id.js';
import { normaliseUscc, validateUscc } from '../../platform/identifiers/uscc.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { findOrder } from '../inspections/inspections.repository.js';
import { rectificationFailed } from '../inspections/inspections.rules.js';
import {
  PENALTY_PROVISIONS,
  assertCovers,
  assertNoPenaltyJustified,
  assertPreconditions,
  checkAmount,
  hearingDue,
  isPenaltyArticle,
  legalBasisZh,
  maskName,
  provisionFor,
  type PartyType,
  type PenaltyArticle,
} from './penalty.rules.js';
import { countNumbered, findCase, insertCase, insertParty, insertPublication, updateParty, type CaseRow, type PartyRow } from './penalty.repository.js';
import { CLOCKS, DECISION_DAYS, cutsFor, loadPenaltySettings } from './penalty.settings.js';
import {
  closeAllCaseClocks,
  closeCaseClock,
  loadVisibleCase,
  openCaseClock,
  requireSignedIn,
  retryOnUniqueViolation,
  runStep,
  type LoadedCase,
} from './penalty.workflow.js';

/**
 * Penalty cases (art. 32–38) under the Administrative Penalty Law: filing, warning (art. 33), the
 * notice of the proposed penalty with the right to state and defend and, for large fines, to a
 * hearing; the decision or no penalty (行政处罚法33); service, payment, closing. Every step is one
 * transaction with its ledger entry citing the article that governs it.
 */

/** AAD binding an individual party's ciphertexts to their column (a copied ciphertext fails to decrypt). */
export const PARTY_NAME_AAD = 'penalty_parties.name_enc';
export const PARTY_ID_AAD = 'penalty_parties.id_number_enc';

const SOURCE_KINDS = ['rectification', 'inspection', 'finding', 'complaint', 'other'] as const;
type SourceKind = (typeof SOURCE_KINDS)[number];

export interface PartyInput {
  partyType: PartyType;
  name: string;
  uscc?: string;
  unitId?: string;
  companyId?: string;
  idNumber?: string;
}

export interface OpenCaseInput {
  source: { kind: SourceKind; id?: string };
  siteId?: string;
  penaltyArticle?: string;
  violatedArticle?: string;
  facts: string;
  serious?: boolean;
  parties: PartyInput[];
}

const invalid = (zh: string, en: string, extra?: Record<string, unknown>) => new AppError('PENALTY_INPUT_INVALID', { zh, en }, extra ? { extra } : {});

function requireDate(value: string | undefined, field: string): string {
  if (!value || !isCalendarDate(value)) throw invalid(`${field} 不是有效日期`, `${field} is not a valid date`, { field });
  return value;
}

function requireText(value: string | undefined, field: string, min = 1): string {
  const v = (value ?? '').trim();
  if (v.length < min) throw invalid(`${field} 不能为空`, `${field} is required`, { field });
  return v;
}

/** A party row ready to insert: a unit by its valid credit code; an individual encrypted, masked in clear. */
async function partyRow(ctx: Ctx, db: DbOrTrx, caseId: string, p: PartyInput, defaults: { unitId: string | null }) {
  const name = requireText(p.name, 'name');
  const base = {
    id: randomUUID(),
    case_id: caseId,
    party_type: p.partyType,
    proposed_yuan: null,
    decided_yuan: null,
    confiscation_yuan: null,
    created_at: ctx.clock.now().toISOString(),
  };
  if (p.partyType === 'unit') {
    const uscc = normaliseUscc(p.uscc ?? '');
    if (!validateUscc(uscc).ok) throw new AppError('USCC_INVALID', undefined, { extra: { field: 'uscc' } });
    const unitId = p.unitId ?? defaults.unitId;
    if (unitId && !(await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst())) throw invalid('单位不存在', 'Unknown unit', { field: 'unitId' });
    const companyId = p.companyId ?? null;
    if (companyId && !(await db.selectFrom('companies').select('id').where('id', '=', companyId).executeTakeFirst())) throw invalid('企业不存在', 'Unknown company', { field: 'companyId' });
    return { ...base, name, name_enc: null, name_masked: name, id_number_enc: null, id_number_masked: null, uscc, unit_id: unitId, company_id: companyId };
  }
  const cipher = piiCipher(ctx.config);
  let idEnc: string | null = null;
  let idMasked: string | null = null;
  if (p.idNumber) {
    const id = normaliseResidentId(p.idNumber);
    if (!validateResidentId(id, ctx.clock.today()).ok) throw new AppError('RESIDENT_ID_INVALID', undefined, { extra: { field: 'idNumber' } });
    idEnc = cipher.encrypt(id, PARTY_ID_AAD);
    idMasked = maskResidentId(id);
  }
  return {
    ...base,
    name: null,
    name_enc: cipher.encrypt(name, PARTY_NAME_AAD),
    name_masked: maskName(name),
    id_number_enc: idEnc,
    id_number_masked: idMasked,
    uscc: null,
    unit_id: null,
    company_id: null,
  };
}

/** The case number: `CF-<area of the handling bureau>-<year>-<seq, 4 digits>`. */
function areaOf(policeUnitId: string): string {
  return getPoliceUnit(policeUnitId)?.divisionCode ?? policeUnitId.replace(/[^A-Za-z0-9]/g, '');
}

export async function openCase(ctx: Ctx, input: OpenCaseInput): Promise<string> {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'case.handle');
  const unitId = ctx.actor.policeUnitId;
  if (!unitId) throw new AppError('FORBIDDEN');
  if (!(SOURCE_KINDS as readonly string[]).includes(input.source?.kind)) throw invalid('案件来源无效', 'Unknown source', { field: 'source.kind' });
  const facts = requireText(input.facts, 'facts');
  if (!Array.isArray(input.parties) || input.parties.length === 0 || input.parties.length > 20) throw invalid('应列明当事人', 'Name the parties', { field: 'parties' });

  // From a rectification order: its site, unit and violated article; the order must be in the officer's area.
  let orderId: string | null = null;
  let siteId = input.siteId ?? null;
  let defaultUnit: string | null = null;
  let violated = input.violatedArticle ?? null;
  let division: string | null = null;
  if (input.source.kind === 'rectification') {
    const order = input.source.id ? await findOrder(ctx.db, input.source.id) : undefined;
    if (!order) throw invalid('找不到该整改通知', 'Rectification order not found', { field: 'source.id' });
    assertCan(ctx.actor, 'case.handle', { divisionCode: order.division_code, unitIds: [order.police_unit_id] });
    orderId = order.id;
    siteId = order.site_id;
    defaultUnit = order.unit_id;
    violated = violated ?? order.article;
    division = order.division_code;
  }
  if (siteId) {
    const site = await ctx.db.selectFrom('sites').select(['id', 'division_code', 'unit_id']).where('id', '=', siteId).executeTakeFirst();
    if (!site) throw invalid('场所不存在', 'Unknown site', { field: 'siteId' });
    assertCan(ctx.actor, 'case.handle', { divisionCode: site.division_code });
    division = division ?? site.division_code;
    defaultUnit = defaultUnit ?? site.unit_id;
  }
  division = division ?? ctx.actor.jurisdictionCode ?? null;
  if (!division) throw new AppError('FORBIDDEN');
  if (!violated) throw invalid('应写明违反的条款', 'Name the violated article', { field: 'violatedArticle' });
  const mapped = provisionFor(violated);
  const article: PenaltyArticle | null = input.penaltyArticle ? (isPenaltyArticle(input.penaltyArticle) ? input.penaltyArticle : null) : (mapped?.article ?? null);
  if (!article) throw invalid('处罚条款无效（第三十二条至第三十八条）', 'The penalty article must be 32–38', { field: 'penaltyArticle' });
  const violation = assertCovers(article, violated);
  const serious = !!input.serious;
  if (serious && !PENALTY_PROVISIONS[article].serious) throw invalid('该条未规定“造成严重后果”的情形', 'The article has no serious-consequences variant', { field: 'serious' });

  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  return retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      const id = randomUUID();
      const prefix = `CF-${areaOf(unitId)}-${today.slice(0, 4)}-`;
      const number = `${prefix}${String((await countNumbered(trx, 'number', prefix)) + 1).padStart(4, '0')}`;
      const parties = [];
      for (const p of input.parties) parties.push(await partyRow(ctx, trx, id, p, { unitId: defaultUnit }));
      await insertCase(trx, {
        id,
        number,
        status: 'open',
        division_code: division!,
        handling_unit_id: unitId,
        site_id: siteId,
        source_kind: input.source.kind,
        source_id: input.source.id ?? null,
        rectification_order_id: orderId,
        penalty_article: article,
        item: violation.item,
        violated_article: violated!,
        facts,
        serious: serious ? 1 : 0,
        warning_given_on: null,
        hearing_due: 0,
        hearing_requested: 0,
        opened_on: today,
        created_by: ctx.actor.userId!,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      for (const p of parties) await insertParty(trx, p);
      const c = (await findCase(trx, id))!;
      await openCaseClock(ctx, trx, c, { ...CLOCKS.decision, days: DECISION_DAYS }, today);
      await audit(ctx, trx, {
        action: 'penalty.opened',
        objectType: 'penalty_case',
        objectId: id,
        after: { number, status: 'open', penaltyArticle: article, violatedArticle: violated, item: violation.item, serious, source: input.source.kind },
        article,
        // Identifiers only: an individual party's name stays out of the ledger.
        detail: { number, sourceKind: input.source.kind, sourceId: input.source.id ?? null, rectificationOrderId: orderId, parties: parties.map((p) => ({ id: p.id, type: p.party_type, uscc: p.uscc })) },
      });
      return id;
    }),
  );
}

/** Add a party while the case is open (e.g. the unit's responsible person found later). */
export async function addParty(ctx: Ctx, caseId: string, input: PartyInput & { version?: number }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const c = await loadVisibleCase(ctx, trx, caseId);
    if (!(ctx.actor.policeUnitId === c.handling_unit_id)) throw new AppError('FORBIDDEN');
    assertCan(ctx.actor, 'case.handle');
    if (c.status !== 'open') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from: c.status, step: 'add-party' } });
    const row = await partyRow(ctx, trx, caseId, input, { unitId: null });
    await insertParty(trx, row);
    await audit(ctx, trx, { action: 'penalty.party_added', objectType: 'penalty_case', objectId: caseId, article: c.penalty_article, detail: { partyId: row.id, type: row.party_type, uscc: row.uscc } });
  });
}

export async function recordWarning(ctx: Ctx, id: string, input: { version?: number; warnedOn?: string }): Promise<void> {
  const on = input.warnedOn ? requireDate(input.warnedOn, 'warnedOn') : ctx.clock.today();
  if (on > ctx.clock.today()) throw invalid('警告日期不能晚于今天', 'The warning cannot be in the future', { field: 'warnedOn' });
  await runStep(ctx, id, 'warn', input.version, async () => ({
    patch: { warning_given_on: on },
    event: { action: 'penalty.warning_recorded', article: '33', detail: { warnedOn: on } },
  }));
}

export interface AmountInput {
  partyId: string;
  fineYuan: number;
  confiscationYuan?: number;
}

interface CheckedAmount {
  party: PartyRow;
  fine: number;
  confiscation: number;
  band: string;
  hearingDue: boolean;
}

/**
 * Every amount within its range (art. 32–38), the preconditions met (a failed correction, a warning),
 * at least one party fined; returns each party's band and whether a hearing is due.
 */
async function checkAmounts(ctx: Ctx, trx: DbOrTrx, c: LoadedCase, amounts: readonly AmountInput[]): Promise<CheckedAmount[]> {
  const article = c.penalty_article as PenaltyArticle;
  const settings = await loadPenaltySettings(trx);
  const failed = c.rectification_order_id ? await correctionFailed(trx, c.rectification_order_id, ctx.clock.today()) : false;
  assertPreconditions(article, { correctionFailed: failed, warningGiven: !!c.warning_given_on, serious: Number(c.serious) === 1 });
  if (!Array.isArray(amounts) || amounts.length === 0) throw invalid('应至少对一名当事人拟处罚款', 'Propose a fine for at least one party', { field: 'amounts' });
  const seen = new Set<string>();
  const out: CheckedAmount[] = [];
  for (const a of amounts) {
    const party = c.parties.find((p) => p.id === a.partyId);
    if (!party || seen.has(a.partyId)) throw invalid('当事人无效或重复', 'Unknown or repeated party', { field: 'partyId' });
    seen.add(a.partyId);
    const check = checkAmount(article, party.party_type as PartyType, a.fineYuan, { serious: Number(c.serious) === 1, cuts: cutsFor(settings, article) });
    const confiscation = a.confiscationYuan ?? 0;
    if (!Number.isInteger(confiscation) || confiscation < 0) throw invalid('没收违法所得数额无效', 'Invalid confiscation amount', { field: 'confiscationYuan' });
    if (confiscation > 0 && !PENALTY_PROVISIONS[article].confiscation) throw refuseConfiscation(article);
    out.push({ party, fine: a.fineYuan, confiscation, band: check.band, hearingDue: hearingDue(party.party_type as PartyType, a.fineYuan, confiscation, settings.hearing) });
  }
  return out;
}

function refuseConfiscation(article: string): AppError {
  return new AppError('PENALTY_INPUT_INVALID', { zh: '该条未规定没收违法所得', en: 'The article provides no confiscation' }, { article, extra: { field: 'confiscationYuan' } });
}

/** Art. 32–34 "fails to correct within the time limit" — helper N's fact over the rectification order. */
export async function correctionFailed(db: DbOrTrx, orderId: string, today: string): Promise<boolean> {
  const order = await findOrder(db, orderId);
  if (!order) return false;
  return rectificationFailed({ status: order.status, dueDate: order.due_date, reportedOn: order.reported_on }, today);
}

/**
 * The notice of the proposed penalty (行政处罚告知书, 行政处罚法44): the facts, the amounts within their
 * ranges, the right to state and defend within 3 working days and — when any amount reaches the
 * hearing threshold (行政处罚法63) — the right to ask for a hearing within 5 working days (64).
 */
export async function proposePenalty(ctx: Ctx, id: string, input: { version?: number; amounts: AmountInput[]; reasons?: string }): Promise<void> {
  await runStep(ctx, id, 'propose', input.version, async (trx, c) => {
    const checked = await checkAmounts(ctx, trx, c, input.amounts);
    const settings = await loadPenaltySettings(trx);
    const due = checked.some((x) => x.hearingDue);
    for (const p of c.parties) {
      const x = checked.find((k) => k.party.id === p.id);
      await updateParty(trx, p.id, { proposed_yuan: x ? x.fine : null, confiscation_yuan: x && x.confiscation > 0 ? x.confiscation : null });
    }
    const today = ctx.clock.today();
    const clock = due ? { ...CLOCKS.hearingRequest, days: settings.hearingRequestDays } : { ...CLOCKS.statement, days: settings.statementDays };
    const d = await openCaseClock(ctx, trx, c, clock, today);
    return {
      patch: { proposed_on: today, notice_number: `${c.number}-GZ`, hearing_due: due ? 1 : 0, proposal_reasons: input.reasons?.trim() || null },
      event: {
        action: 'penalty.proposed',
        article: c.penalty_article,
        detail: {
          amounts: checked.map((x) => ({ partyId: x.party.id, type: x.party.party_type, fineYuan: x.fine, confiscationYuan: x.confiscation, band: x.band, hearingDue: x.hearingDue })),
          hearingDue: due,
          statementDueDate: d.dueDate,
          periodArticle: clock.article,
        },
      },
    };
  });
}

/** The party's statement and defence (陈述、申辩, 行政处罚法44–45), or that it waives them: the period then ends. */
export async function respond(ctx: Ctx, id: string, input: { version?: number; statement?: string; waive?: boolean }): Promise<void> {
  const statement = (input.statement ?? '').trim();
  if (!statement && !input.waive) throw invalid('请填写陈述、申辩意见，或选择放弃', 'State your defence, or waive it', { field: 'statement' });
  await runStep(ctx, id, 'respond', input.version, async (trx, c) => {
    const today = ctx.clock.today();
    await closeCaseClock(ctx, trx, c.id, CLOCKS.statement.kind, today);
    return {
      patch: { responded_on: today, statement: statement || null },
      event: { action: 'penalty.responded', article: '行政处罚法44', detail: { waived: !statement, hearingRequested: false } },
    };
  });
}

/** The party asks for a hearing (行政处罚法63–64): only when the proposed amounts reach the threshold. */
export async function requestHearing(ctx: Ctx, id: string, input: { version?: number; statement?: string }): Promise<void> {
  await runStep(ctx, id, 'request-hearing', input.version, async (trx, c) => {
    const today = ctx.clock.today();
    await closeCaseClock(ctx, trx, c.id, CLOCKS.statement.kind, today);
    const statement = (input.statement ?? '').trim();
    return {
      patch: { hearing_requested: 1, responded_on: today, ...(statement ? { statement } : {}) },
      event: { action: 'penalty.responded', article: '行政处罚法64', detail: { hearingRequested: true } },
    };
  });
}

/** The hearing record (听证笔录, 行政处罚法64(8)). */
export async function holdHearing(ctx: Ctx, id: string, input: { version?: number; heldOn: string; record: string }): Promise<void> {
  const heldOn = requireDate(input.heldOn, 'heldOn');
  const record = requireText(input.record, 'record');
  if (heldOn > ctx.clock.today()) throw invalid('听证日期不能晚于今天', 'The hearing cannot be in the future', { field: 'heldOn' });
  await runStep(ctx, id, 'hold-hearing', input.version, async () => ({
    patch: { hearing_on: heldOn, hearing_record: record },
    event: { action: 'penalty.hearing_held', article: '行政处罚法64', detail: { heldOn } },
  }));
}

/** The decision number printed on the document and the public list: `粤公(<area>)行罚决字〔<year>〕<seq>号`. */
function decisionPrefix(c: Pick<CaseRow, 'handling_unit_id'>, today: string): string {
  return `粤公(${areaOf(c.handling_unit_id)})行罚决字〔${today.slice(0, 4)}〕`;
}

/**
 * The decision (行政处罚决定, 行政处罚法57, 59): amounts within range and not above the proposal (the
 * defence may not make it heavier, 行政处罚法45); a numbered document; the service clock; and the
 * publication — every decision on the public list, serious consequences also as a credit record
 * against the party (art. 31) — due within 7 working days.
 */
export async function decidePenalty(ctx: Ctx, id: string, input: { version?: number; amounts: AmountInput[]; reasons: string }): Promise<void> {
  const reasons = requireText(input.reasons, 'reasons');
  await retryOnUniqueViolation(() =>
    runStep(ctx, id, 'decide', input.version, async (trx, c) => {
      const checked = await checkAmounts(ctx, trx, c, input.amounts);
      for (const x of checked) {
        if (x.party.proposed_yuan === null || x.fine > Number(x.party.proposed_yuan) || x.confiscation > Number(x.party.confiscation_yuan ?? 0)) {
          throw new AppError('PENALTY_INPUT_INVALID', { zh: '不得超出告知的拟处罚数额（不得因陈述申辩加重处罚）', en: 'The decision may not exceed the notified proposal' }, { article: '行政处罚法45', extra: { partyId: x.party.id, proposedYuan: x.party.proposed_yuan } });
        }
      }
      const today = ctx.clock.today();
      const settings = await loadPenaltySettings(trx);
      const prefix = decisionPrefix(c, today);
      const decisionNumber = `${prefix}${String((await countNumbered(trx, 'decision_number', prefix)) + 1).padStart(4, '0')}号`;
      for (const p of c.parties) {
        const x = checked.find((k) => k.party.id === p.id);
        await updateParty(trx, p.id, { decided_yuan: x ? x.fine : null, confiscation_yuan: x && x.confiscation > 0 ? x.confiscation : null });
      }
      await closeCaseClock(ctx, trx, c.id, CLOCKS.statement.kind, today);
      await closeCaseClock(ctx, trx, c.id, CLOCKS.decision.kind, today);
      await openCaseClock(ctx, trx, c, CLOCKS.service, today);
      const pub = await openCaseClock(ctx, trx, c, { ...CLOCKS.publication, days: settings.publicationDays }, today);
      const article = c.penalty_article as PenaltyArticle;
      const authority = getPoliceUnit(c.handling_unit_id)?.name ?? c.handling_unit_id;
      const basis = legalBasisZh(article, c.violated_article, c.item);
      const violation = PENALTY_PROVISIONS[article].violations.find((v) => v.violated === c.violated_article);
      const now = ctx.clock.now().toISOString();
      for (const x of checked) {
        const kinds = Number(c.serious) === 1 ? (['penalty_decision', 'credit_record'] as const) : (['penalty_decision'] as const);
        for (const kind of kinds) {
          await insertPublication(trx, {
            id: randomUUID(),
            kind,
            case_id: c.id,
            party_id: x.party.id,
            division_code: c.division_code,
            authority_unit_id: c.handling_unit_id,
            authority_name: authority,
            decision_number: decisionNumber,
            cause: violation?.zh ?? basis,
            legal_basis: basis,
            party_type: x.party.party_type,
            // Units by name and credit code; individuals (and responsible persons) masked (PIPL; 双公示 rules).
            party_name: x.party.party_type === 'unit' ? (x.party.name ?? x.party.name_masked) : x.party.name_masked,
            party_uscc: x.party.party_type === 'unit' ? x.party.uscc : null,
            result: resultText(x.fine, x.confiscation),
            decided_on: today,
            status: 'pending',
            published_on: null,
            publish_until: null,
            removed_on: null,
            removal_reason: null,
            removed_by: null,
            created_at: now,
            updated_at: now,
            version: 1,
          });
        }
      }
      return {
        patch: { decided_on: today, decision_number: decisionNumber, decision_reasons: reasons },
        event: {
          action: 'penalty.decided',
          article,
          detail: {
            decisionNumber,
            amounts: checked.map((x) => ({ partyId: x.party.id, type: x.party.party_type, fineYuan: x.fine, confiscationYuan: x.confiscation, band: x.band })),
            publicationDueDate: pub.dueDate,
            creditRecord: Number(c.serious) === 1,
          },
        },
      };
    }),
  );
}

export function resultText(fine: number, confiscation: number): string {
  const yuan = (n: number) => `${n.toLocaleString('zh-CN')}元`;
  return confiscation > 0 ? `没收违法所得${yuan(confiscation)}，罚款${yuan(fine)}` : `罚款${yuan(fine)}`;
}

/** No penalty (行政处罚法33(1)): a first, minor violation corrected in time — justified in writing. */
export async function decideNoPenalty(ctx: Ctx, id: string, input: { version?: number; firstViolation: boolean; correctedOn?: string; reasons: string }): Promise<void> {
  assertNoPenaltyJustified({ firstViolation: input.firstViolation, correctedOn: input.correctedOn, reasons: input.reasons });
  const correctedOn = requireDate(input.correctedOn, 'correctedOn');
  await runStep(ctx, id, 'no-penalty', input.version, async (trx, c) => {
    const today = ctx.clock.today();
    await closeAllCaseClocks(ctx, trx, c.id, today, 'cancelled');
    return {
      patch: { decided_on: today, no_penalty_reasons: input.reasons.trim(), corrected_on: correctedOn, closed_on: today },
      event: { action: 'penalty.not_penalised', article: '行政处罚法33', detail: { firstViolation: true, correctedOn } },
    };
  });
}

export const SERVICE_METHODS = ['direct', 'left_at_address', 'post', 'electronic', 'announcement'] as const;

/** Service of the decision (送达, 行政处罚法61): date and method; the 15-day payment period starts (67). */
export async function serveDecision(ctx: Ctx, id: string, input: { version?: number; servedOn: string; method: string }): Promise<void> {
  const servedOn = requireDate(input.servedOn, 'servedOn');
  if (!(SERVICE_METHODS as readonly string[]).includes(input.method)) throw invalid('送达方式无效', 'Unknown service method', { field: 'method' });
  await runStep(ctx, id, 'serve', input.version, async (trx, c) => {
    if (servedOn < (c.decided_on ?? servedOn) || servedOn > ctx.clock.today()) throw invalid('送达日期应在决定之后、今天之前', 'Service must fall between the decision and today', { field: 'servedOn' });
    await closeCaseClock(ctx, trx, c.id, CLOCKS.service.kind, servedOn);
    await openCaseClock(ctx, trx, c, CLOCKS.payment, servedOn);
    return { patch: { served_on: servedOn, service_method: input.method }, event: { action: 'penalty.served', article: '行政处罚法61', detail: { servedOn, method: input.method } } };
  });
}

/** Payment recorded (行政处罚法67): the full amount decided (fines plus confiscation). */
export async function recordPayment(ctx: Ctx, id: string, input: { version?: number; paidOn: string; paidYuan: number; paymentRef: string }): Promise<void> {
  const paidOn = requireDate(input.paidOn, 'paidOn');
  const ref = requireText(input.paymentRef, 'paymentRef');
  await runStep(ctx, id, 'pay', input.version, async (trx, c) => {
    const total = c.parties.reduce((s, p) => s + Number(p.decided_yuan ?? 0) + Number(p.confiscation_yuan ?? 0), 0);
    if (input.paidYuan !== total) throw new AppError('PENALTY_PAYMENT_MISMATCH', undefined, { article: '行政处罚法67', extra: { paidYuan: input.paidYuan, totalYuan: total } });
    if (paidOn > ctx.clock.today() || paidOn < (c.served_on ?? c.decided_on ?? paidOn)) throw invalid('缴纳日期无效', 'Invalid payment date', { field: 'paidOn' });
    await closeCaseClock(ctx, trx, c.id, CLOCKS.payment.kind, paidOn);
    return { patch: { paid_on: paidOn, paid_yuan: input.paidYuan, payment_ref: ref }, event: { action: 'penalty.paid', article: '行政处罚法67', detail: { paidOn, paidYuan: input.paidYuan } } };
  });
}

export async function closeCase(ctx: Ctx, id: string, input: { version?: number }): Promise<void> {
  await runStep(ctx, id, 'close', input.version, async () => ({
    patch: { closed_on: ctx.clock.today() },
    event: { action: 'penalty.closed', article: null, detail: {} },
  }));
}

/** The handler reads an individual party's identity (for the decision document): decrypted, and the read is ledgered. */
export async function readPartyIdentity(ctx: Ctx, caseId: string, partyId: string): Promise<{ name: string; idNumber: string | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await loadVisibleCase(ctx, trx, caseId);
    assertCan(ctx.actor, 'case.handle');
    if (ctx.actor.policeUnitId !== c.handling_unit_id) throw new AppError('FORBIDDEN');
    const p = c.parties.find((x) => x.id === partyId);
    if (!p) throw new AppError('NOT_FOUND');
    const identity = decryptParty(ctx, p);
    await audit(ctx, trx, { action: 'penalty.identity_read', objectType: 'penalty_case', objectId: caseId, detail: { partyId } });
    return identity;
  });
}

export function decryptParty(ctx: Pick<Ctx, 'config'>, p: PartyRow): { name: string; idNumber: string | null } {
  if (!p.name_enc) return { name: p.name ?? p.name_masked, idNumber: null };
  const cipher = piiCipher(ctx.config);
  return { name: cipher.decrypt(p.name_enc, PARTY_NAME_AAD), idNumber: p.id_number_enc ? cipher.decrypt(p.id_number_enc, PARTY_ID_AAD) : null };
}

