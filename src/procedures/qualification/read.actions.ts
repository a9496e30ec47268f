import { assertCan, listScope } from '../../platform/access/access.js';
import { readLedger, type LedgerRow } from '../../platform/audit/ledger.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { deadlinesOf, presentDeadline, type PresentedDeadline } from '../../platform/calendar/deadlines.js';
import type { Ctx } from '../../platform/context.js';
import { presentDetail, presentSummary, runningOf } from './qualification.present.js';
import { DEADLINE_SUBJECT, listApplications } from './qualification.repository.js';
import { loadVisibleApplication, requireSignedIn } from './qualification.workflow.js';

/** The queue or the company's own list, earliest due date first. */
export async function listApplicationsFor(ctx: Ctx, filter: { status?: string } = {}) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'qualification.read');
  const scope = listScope(ctx.actor, 'qualification.read');
  // Officers also see what is routed to their unit (e.g. the province: nothing extra, it sees all).
  const unitId = ctx.actor.role === 'company_user' ? null : (ctx.actor.policeUnitId ?? null);
  const rows = await listApplications(ctx.db, scope, unitId, { status: filter.status, limit: 500 });
  const clocks = await presentedDeadlines(ctx, rows.map((r) => r.id));
  return { items: rows.map((r) => presentSummary(r, ctx.actor, runningOf(clocks.get(r.id) ?? []))) };
}

const STAGE: Record<string, number> = { 'qualification.acceptance': 0, 'qualification.examination': 1, 'qualification.decision': 2 };

/** The applications' deadlines as people see them today (days left, overdue, provisional), newest first. */
async function presentedDeadlines(ctx: Ctx, ids: readonly string[]): Promise<Map<string, PresentedDeadline[]>> {
  const byApp = new Map<string, PresentedDeadline[]>();
  if (ids.length === 0) return byApp;
  const [views, cal] = await Promise.all([deadlinesOf(ctx.db, DEADLINE_SUBJECT, ids), loadCalendar(ctx.db)]);
  const today = ctx.clock.today();
  for (const v of views) {
    const list = byApp.get(v.subjectId) ?? [];
    list.push(presentDeadline(v, today, cal));
    byApp.set(v.subjectId, list);
  }
  // Newest first: a step may close one clock and open the next at the same instant, so the
  // procedure's own order (acceptance → examination → decision) breaks ties on the start date.
  for (const list of byApp.values()) list.sort((a, b) => (a.startDate === b.startDate ? (STAGE[b.kind] ?? 0) - (STAGE[a.kind] ?? 0) : a.startDate < b.startDate ? 1 : -1));
  return byApp;
}

/** One application with its history from the ledger (including the issue of its certificate). */
export async function getApplicationDetail(ctx: Ctx, id: string) {
  const row = await loadVisibleApplication(ctx, ctx.db, id);
  let ledger: LedgerRow[] = await readLedger(ctx.db, { objectType: 'qualification_application', objectId: id });
  if (row.issued_certificate_id) {
    const certEntries = await readLedger(ctx.db, { objectType: 'certificate', objectId: row.issued_certificate_id });
    const issued = certEntries.filter((e) => e.action === 'certificate.issued' && applicationOf(e) === id);
    ledger = [...ledger, ...issued].sort((a, b) => Number(a.seq) - Number(b.seq));
  }
  const clocks = await presentedDeadlines(ctx, [id]);
  return presentDetail(row, ctx.actor, ledger, clocks.get(id) ?? []);
}

function applicationOf(e: LedgerRow): string | null {
  try {
    return (JSON.parse(e.detail ?? '{}') as { applicationId?: string }).applicationId ?? null;
  } catch {
    return null;
  }
}
