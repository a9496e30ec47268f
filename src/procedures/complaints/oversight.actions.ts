import { assertCan, listScope } from '../../platform/access/access.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { deadlinesOf, type DeadlineView } from '../../platform/calendar/deadlines.js';
import type { Ctx } from '../../platform/context.js';
import { inDivision } from '../../platform/db/division-filter.js';
import { presentDeadlines, summaryView, unitRef } from './complaints.present.js';
import { ledgerEntriesAbout, listComplaints, type ComplaintRow } from './complaints.repository.js';
import { SUBJECT_TYPE } from './complaints.actions.js';

/**
 * @article 39 — the supervisory organ's view of complaints: every complaint about an official in
 * its area, and for each bureau the complaints handled late (a period closed after its due date) or
 * not acted on (a period still open past it), each with the ledger entries behind it. No identity
 * of any complainant is shown here.
 */
export async function complaintOversight(ctx: Ctx) {
  assertCan(ctx.actor, 'complaint.oversee');
  const scope = listScope(ctx.actor, 'complaint.oversee');
  const prefix = scope.kind === 'all' ? null : scope.kind === 'division' ? scope.prefix : undefined;
  const today = ctx.clock.today();
  if (prefix === undefined) return { asOf: today, aboutOfficials: [], bureaus: [] };

  // Late or overdue complaint periods of the area, found from the deadlines (indexed by subject).
  let q = ctx.db
    .selectFrom('deadlines')
    .select('subject_id')
    .distinct()
    .where('subject_type', '=', SUBJECT_TYPE)
    .where((eb) => eb.or([eb('outcome', '=', 'late'), eb.and([eb('status', '!=', 'closed'), eb('due_date', '<', today)])]));
  if (prefix !== null) q = q.where(inDivision('division_code', prefix));
  const lateIds = (await q.execute()).map((r) => r.subject_id);

  const officials = await listComplaints(ctx.db, { queue: 'supervision', prefix, status: null, limit: 500 });
  const late = lateIds.length
    ? await ctx.db.selectFrom('complaints').selectAll().where('id', 'in', lateIds).where('queue', '=', 'bureau').orderBy('submitted_on').execute()
    : [];

  const rows: ComplaintRow[] = [...officials, ...late];
  const deadlines = await deadlinesOf(ctx.db, SUBJECT_TYPE, rows.map((r) => r.id));
  const ledger = await ledgerEntriesAbout(ctx.db, rows.map((r) => r.id), deadlines.map((d) => d.id));
  const cal = await loadCalendar(ctx.db);

  const item = (row: ComplaintRow) => {
    const mine = deadlines.filter((d) => d.subjectId === row.id);
    const ids = new Set<string>([row.id, ...mine.map((d) => d.id)]);
    return {
      ...summaryView(row, presentDeadlines(mine, today, cal)),
      findings: findingsOf(mine, today),
      ledger: ledger
        .filter((e) => ids.has(e.object_id))
        .map((e) => ({
          seq: Number(e.seq),
          at: e.at,
          action: e.action,
          actorRole: e.actor_role,
          objectType: e.object_type,
          objectId: e.object_id,
          article: e.article,
          entryHash: e.entry_hash,
        })),
    };
  };

  const byUnit = new Map<string, ComplaintRow[]>();
  for (const r of late) {
    const key = r.handling_unit_id ?? '-';
    byUnit.set(key, [...(byUnit.get(key) ?? []), r]);
  }
  const bureaus = [...byUnit.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([unitId, list]) => ({ unit: unitRef(unitId)!, items: list.map(item) }));
  return { asOf: today, aboutOfficials: officials.map(item), bureaus };
}

/** Late: closed after the due date. Overdue: still running past it (nobody acted). */
export function findingsOf(deadlines: readonly DeadlineView[], today: string) {
  return deadlines.flatMap((d) => {
    if (d.status === 'closed' && d.outcome === 'late') return [{ kind: 'late', deadlineKind: d.kind, dueDate: d.dueDate, closedOn: d.closedOn }];
    if (d.status !== 'closed' && d.dueDate < today) return [{ kind: 'overdue', deadlineKind: d.kind, dueDate: d.dueDate, closedOn: null }];
    return [];
  });
}
