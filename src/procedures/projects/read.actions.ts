import { deadlinesOf } from '../../platform/calendar/deadlines.js';
import { loadCalendar } from '../../platform/calendar/calendar.service.js';
import { hasPermission } from '../../platform/access/access.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { presentDetail, presentSummary, type Clocks } from './projects.present.js';
import {
  countProjects,
  documentsOfProject,
  findInstitutionName,
  listProjects,
  pausedProjectIds,
  queueOf,
  systemsOfProject,
  testReportsOfProject,
  timelineEntries,
  type ProjectRow,
} from './projects.repository.js';
import { loadVisibleProject, projectScope, requireSignedIn } from './projects.workflow.js';

/** Reads: the scoped list, the officer's queue by due date, one project with its timeline. */

async function clocksFor(ctx: Ctx, ids: string[]): Promise<Clocks> {
  const [cal, deadlines] = await Promise.all([loadCalendar(ctx.db), ids.length > 0 ? deadlinesOf(ctx.db, 'project', ids) : Promise.resolve([])]);
  return { today: ctx.clock.today(), cal, deadlines };
}

async function summaries(ctx: Ctx, rows: ProjectRow[]) {
  const ids = rows.map((r) => r.id);
  const [clocks, paused] = await Promise.all([clocksFor(ctx, ids), pausedProjectIds(ctx.db, ids)]);
  return rows.map((r) => presentSummary(r, { ...r, paused: paused.has(r.id) }, ctx.actor, clocks));
}

export function paging(q: { page?: string; pageSize?: string }) {
  const page = Math.max(1, Number(q.page ?? 1) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(q.pageSize ?? 50) || 50));
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

/** Projects in the actor's scope, most recently changed first. */
export async function listProjectsFor(ctx: Ctx, q: { status?: string; page?: string; pageSize?: string } = {}) {
  requireSignedIn(ctx.actor);
  if (!hasPermission(ctx.actor, 'project.read')) throw new AppError('FORBIDDEN');
  const scope = projectScope(ctx.actor);
  const p = paging(q);
  const [rows, total] = await Promise.all([listProjects(ctx.db, scope, { status: q.status }, p), countProjects(ctx.db, scope, { status: q.status })]);
  return { items: await summaries(ctx, rows), page: p.page, pageSize: p.pageSize, total };
}

export const QUEUE_LIMIT = 500;

/** The officer's queue: projects whose clock the officer's unit must keep, earliest due date first. */
export async function projectQueue(ctx: Ctx) {
  requireSignedIn(ctx.actor);
  if (!hasPermission(ctx.actor, 'project.review') || !ctx.actor.policeUnitId) throw new AppError('FORBIDDEN');
  const rows = await queueOf(ctx.db, ctx.actor.policeUnitId, QUEUE_LIMIT);
  return { items: await summaries(ctx, rows), total: rows.length };
}

/** One project with its documents, clocks, systems, test reports and timeline (ledger). */
export async function getProjectDetail(ctx: Ctx, id: string) {
  const row = await loadVisibleProject(ctx, ctx.db, id);
  const [clocks, paused, documents, systems, testReports, institution] = await Promise.all([
    clocksFor(ctx, [id]),
    pausedProjectIds(ctx.db, [id]),
    documentsOfProject(ctx.db, id),
    systemsOfProject(ctx.db, id),
    testReportsOfProject(ctx.db, id),
    row.testing_institution_id ? findInstitutionName(ctx.db, row.testing_institution_id) : Promise.resolve(undefined),
  ]);
  const timeline = await timelineEntries(ctx.db, id, clocks.deadlines.map((d) => d.id));
  return presentDetail(row, { ...row, paused: paused.has(id) }, ctx.actor, clocks, {
    documents,
    systems,
    testReports,
    institution: institution ?? null,
    timeline,
  });
}
