import { audit } from '../../platform/audit/audit.js';
import { closeDeadline } from '../../platform/calendar/deadlines.js';
import type { Ctx } from '../../platform/context.js';
import { companyMayUndertake } from '../qualification/certificates.actions.js';
import type { UndertakeAnswer } from '../qualification/certificate.rules.js';
import { findProject, lapsedCompleteness, lockProject, projectsAfter, updateProject } from './projects.repository.js';
import { eligibilityFlags, sameFlags, type CompanyAnswer, type EligibilityFlag } from './projects.rules.js';
import { DEADLINE_KINDS, projectSettings } from './projects.settings.js';
import { OPEN_STATUSES } from './projects.states.js';
import { openProjectClock } from './projects.workflow.js';
import { json } from './projects.present.js';

/**
 * The procedure's own passage of time, run at server start, hourly and by `npx jifang projects
 * settle` (as the system actor):
 * - deemed acceptance (行政许可法32): a submitted project whose 5-working-day completeness clock ran
 *   out with neither acceptance nor notice counts as accepted on the day it was received; its
 *   review clock runs from that day;
 * - eligibility (art. 14(2), 16): a project in progress whose designing or building company no
 *   longer holds a certificate in force covering it is flagged (and cleared once it does again).
 * Each project is its own transaction; a rerun does only what is left (idempotent).
 */
export interface SettleResult {
  deemedAccepted: number;
  flagged: number;
  cleared: number;
  checked: number;
}

const BATCH = 200;

export async function settleProjects(ctx: Ctx, opts: { onProgress?: (done: number) => void; signal?: AbortSignal } = {}): Promise<SettleResult> {
  const result: SettleResult = { deemedAccepted: 0, flagged: 0, cleared: 0, checked: 0 };
  result.deemedAccepted = await settleDeemedAcceptance(ctx, opts.signal);
  const r = await settleEligibility(ctx, opts);
  return { ...result, ...r };
}

/** 行政许可法32: no notice within the period ⇒ accepted from the day of receipt. */
export async function settleDeemedAcceptance(ctx: Ctx, signal?: AbortSignal): Promise<number> {
  const today = ctx.clock.today();
  const s = projectSettings(ctx.config);
  let done = 0;
  for (;;) {
    if (signal?.aborted) break;
    const lapsed = await lapsedCompleteness(ctx.db, today, DEADLINE_KINDS.completeness, BATCH);
    if (lapsed.length === 0) break;
    let progressed = 0;
    for (const l of lapsed) {
      const changed = await ctx.db.transaction().execute(async (trx) => {
        await lockProject(trx, l.id);
        const row = await findProject(trx, l.id);
        // Acted on meanwhile (accepted, noticed, withdrawn): nothing to settle.
        if (!row || row.status !== 'submitted' || !row.received_on) return false;
        const d = await closeDeadline(ctx, trx, l.deadline_id, { on: l.due_date, outcome: 'lapsed' });
        await openProjectClock(
          ctx,
          trx,
          row,
          { kind: DEADLINE_KINDS.review, article: '17', days: s.schemeReviewDays, dayKind: s.schemeReviewDayKind },
          row.received_on,
        );
        const version = Number(row.version);
        const patch = { status: 'scheme_accepted', accepted_on: row.received_on, deemed_accepted: 1, updated_at: ctx.clock.now().toISOString() };
        if ((await updateProject(trx, row.id, version, patch)) !== 1) return false;
        await audit(ctx, trx, {
          action: 'project.deemed_accepted',
          objectType: 'project',
          objectId: row.id,
          before: { status: row.status, version },
          after: { ...patch, version: version + 1 },
          article: '行政许可法32',
          detail: { receivedOn: row.received_on, completenessDueDate: d.dueDate },
        });
        return true;
      });
      if (changed) {
        done++;
        progressed++;
      }
    }
    // Rows that could not be settled stay lapsed: stop rather than loop on them.
    if (progressed === 0) break;
  }
  return done;
}

/** Art. 14(2), 16: flag (and clear) projects whose companies' certificates stopped being in force. */
export async function settleEligibility(
  ctx: Ctx,
  opts: { onProgress?: (done: number) => void; signal?: AbortSignal } = {},
): Promise<Omit<SettleResult, 'deemedAccepted'>> {
  const today = ctx.clock.today();
  const out = { flagged: 0, cleared: 0, checked: 0 };
  // One answer per (company, scale) per run: many projects share their companies.
  const answers = new Map<string, Promise<UndertakeAnswer>>();
  const answer = (companyId: string, scale: 1 | 2 | 3) => {
    const key = `${companyId}:${scale}`;
    if (!answers.has(key)) answers.set(key, companyMayUndertake(ctx.db, companyId, scale, today));
    return answers.get(key)!;
  };
  let after: string | null = null;
  for (;;) {
    if (opts.signal?.aborted) break;
    const page = await projectsAfter(ctx.db, OPEN_STATUSES, after, BATCH);
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    for (const p of page) {
      out.checked++;
      const scale = Number(p.scale_class) as 1 | 2 | 3;
      const facts: CompanyAnswer[] = [
        { role: 'designer', companyId: p.designer_company_id, companyName: p.designer_company_id, answer: await answer(p.designer_company_id, scale) },
        { role: 'builder', companyId: p.builder_company_id, companyName: p.builder_company_id, answer: await answer(p.builder_company_id, scale) },
      ];
      const before = json<EligibilityFlag[]>(p.eligibility_flags, []);
      const next = eligibilityFlags(facts, before, today);
      if (sameFlags(before, next)) continue;
      const wrote = await ctx.db.transaction().execute(async (trx) => {
        const version = Number(p.version);
        const patch = { eligibility_flags: next.length > 0 ? JSON.stringify(next) : null, updated_at: ctx.clock.now().toISOString() };
        // Someone moved the project meanwhile: the next run looks again.
        if ((await updateProject(trx, p.id, version, patch)) !== 1) return false;
        await audit(ctx, trx, {
          action: next.length > 0 ? 'project.eligibility_flagged' : 'project.eligibility_cleared',
          objectType: 'project',
          objectId: p.id,
          before: { eligibilityFlags: before, version },
          after: { eligibilityFlags: next, version: version + 1 },
          article: next[0]?.article ?? before[0]?.article ?? '14(2)',
          detail: { flags: next.map((f) => ({ companyId: f.companyId, role: f.role, reason: f.reason, article: f.article })) },
        });
        return true;
      });
      if (wrote) {
        if (next.length > 0) out.flagged++;
        else out.cleared++;
      }
    }
    opts.onProgress?.(out.checked);
  }
  return out;
}
