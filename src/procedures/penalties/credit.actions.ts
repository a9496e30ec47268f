import { assertCan } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import { addDays } from '../../platform/calendar/dates.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { countLicensing, countPublic, findPublication, listLicensing, listPublic, publicationsOf, updatePublication, type PublicationRow } from './penalty.repository.js';
import { CLOCKS, loadPenaltySettings } from './penalty.settings.js';
import { closeCaseClock, loadVisibleCase, runStep } from './penalty.workflow.js';

/**
 * Credit publicity (art. 31; 双公示). Reading adopted (docs/interpretations.md): every penalty decision
 * goes on the public list of penalty decisions (双公示 publishes all administrative penalty
 * decisions); a violation with serious consequences is also recorded against the party's credit
 * code as a credit record (art. 31). Both are due within 7 working days of the decision (a deadline
 * of the handling bureau; overdue shows in oversight), stay public for a configured period and may
 * be removed early by credit repair after a configured minimum — each step in the ledger.
 */

/** Publish the case's pending entries today (the decision on the public list; a credit record if serious). */
export async function publishCase(ctx: Ctx, caseId: string, input: { version?: number }): Promise<void> {
  await runStep(ctx, caseId, 'publish', input.version, async (trx, c) => {
    const today = ctx.clock.today();
    const settings = await loadPenaltySettings(trx);
    const published: string[] = [];
    for (const p of await publicationsOf(trx, c.id)) {
      if (p.status !== 'pending') continue;
      const days = p.kind === 'credit_record' ? settings.creditRecordDays : settings.decisionPublicationDays;
      const until = addDays(today, days);
      if ((await updatePublication(trx, p.id, Number(p.version), { status: 'published', published_on: today, publish_until: until, updated_at: ctx.clock.now().toISOString() })) !== 1) throw new AppError('CONFLICT');
      await audit(ctx, trx, {
        action: 'credit.published',
        objectType: 'credit_publication',
        objectId: p.id,
        before: { status: 'pending' },
        after: { status: 'published', publishedOn: today, publishUntil: until },
        article: '31',
        detail: { caseId: c.id, kind: p.kind, decisionNumber: p.decision_number, partyUscc: p.party_uscc },
      });
      published.push(p.id);
    }
    await closeCaseClock(ctx, trx, c.id, CLOCKS.publication.kind, today);
    return { patch: {}, event: { action: 'credit.published', article: '31', detail: { publications: published } } };
  });
}

/**
 * Remove a published entry before its period ends (credit repair, 信用修复), with reasons, once the
 * configured minimum publication has passed (CREDIT_REPAIR_TOO_EARLY otherwise).
 */
export async function removePublication(ctx: Ctx, id: string, input: { reason: string; version?: number }): Promise<void> {
  const reason = (input.reason ?? '').trim();
  if (reason.length < 4) throw new AppError('PENALTY_INPUT_INVALID', { zh: '应说明信用修复（撤下公示）的理由', en: 'State why the entry is removed' }, { extra: { field: 'reason' } });
  await ctx.db.transaction().execute(async (trx) => {
    const p = await findPublication(trx, id);
    if (!p) throw new AppError('NOT_FOUND');
    const c = await loadVisibleCase(ctx, trx, p.case_id);
    assertCan(ctx.actor, 'credit.publish');
    if (ctx.actor.policeUnitId !== c.handling_unit_id) throw new AppError('FORBIDDEN');
    if (p.status !== 'published') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from: p.status, step: 'remove' } });
    if (input.version !== undefined && input.version !== Number(p.version)) throw new AppError('CONFLICT');
    const settings = await loadPenaltySettings(trx);
    const minDays = p.kind === 'credit_record' ? settings.creditRepairMinDays : settings.decisionRepairMinDays;
    const earliest = addDays(p.published_on!, minDays);
    const today = ctx.clock.today();
    if (today < earliest) throw new AppError('CREDIT_REPAIR_TOO_EARLY', undefined, { article: '31', extra: { earliest, minDays } });
    if ((await updatePublication(trx, id, Number(p.version), { status: 'removed', removed_on: today, removal_reason: reason, removed_by: ctx.actor.userId, updated_at: ctx.clock.now().toISOString() })) !== 1) throw new AppError('CONFLICT');
    await audit(ctx, trx, { action: 'credit.removed', objectType: 'credit_publication', objectId: id, before: { status: 'published' }, after: { status: 'removed', removedOn: today }, article: '31', detail: { caseId: c.id, kind: p.kind } });
  });
}

export function presentPublic(p: PublicationRow) {
  return {
    id: p.id,
    kind: p.kind as 'penalty_decision' | 'credit_record',
    decisionNumber: p.decision_number,
    cause: p.cause,
    legalBasis: p.legal_basis,
    partyType: p.party_type as 'unit' | 'individual' | 'responsible',
    partyName: p.party_name,
    partyUscc: p.party_uscc,
    result: p.result,
    authority: p.authority_name,
    decidedOn: p.decided_on,
    publishedOn: p.published_on ?? '',
    publishUntil: p.publish_until ?? '',
  };
}

const PAGE_SIZE = 50;
const pageOf = (page?: number) => Math.max(1, Math.min(10_000, page && Number.isInteger(page) ? page : 1));

export async function publicList(ctx: Pick<Ctx, 'db' | 'clock'>, kind: 'penalty_decision' | 'credit_record', q: { q?: string; uscc?: string; page?: number }) {
  const page = pageOf(q.page);
  const f = { kind, today: ctx.clock.today(), ...(q.q ? { q: q.q.trim() } : {}), ...(q.uscc ? { uscc: q.uscc.trim().toUpperCase() } : {}) };
  const [rows, total] = await Promise.all([listPublic(ctx.db, f, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), countPublic(ctx.db, f)]);
  return { items: rows.map(presentPublic), page, pageSize: PAGE_SIZE, total };
}

const LEVEL_ZH: Record<string, string> = { I: '一级', II: '二级', III: '三级', IV: '四级' };
const KIND_ZH: Record<string, string> = { first: '首次申请', promotion: '升级', renewal: '换证', extension: '延期', record: '省外备案' };

/** Licensing decisions (双公示): approved qualification and record applications, read-only over the qualification procedure. */
export async function licensingList(ctx: Pick<Ctx, 'db'>, q: { q?: string; page?: number }) {
  const page = pageOf(q.page);
  const term = q.q?.trim() || undefined;
  const [rows, total] = await Promise.all([listLicensing(ctx.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, term), countLicensing(ctx.db, term)]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      certificateNumber: r.number,
      kind: r.kind,
      kindZh: KIND_ZH[r.kind] ?? r.kind,
      level: r.level,
      content: `准予许可：${KIND_ZH[r.kind] ?? r.kind}${r.level ? `，${LEVEL_ZH[r.level] ?? r.level}资质` : ''}`,
      legalBasis: '《广东省安全技术防范管理实施办法》第十四条至第十六条',
      companyName: r.company_name,
      uscc: r.uscc,
      authority: getPoliceUnit(r.deciding_unit_id)?.name ?? r.deciding_unit_id,
      decidedOn: (r.decided_at ?? '').slice(0, 10),
      validFrom: r.valid_from,
      validTo: r.valid_to,
    })),
    page,
    pageSize: PAGE_SIZE,
    total,
  };
}
