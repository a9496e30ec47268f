import { randomUUID } from 'node:crypto';
import { isCalendarDate } from '../../platform/calendar/dates.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { recomputeSiteFindings } from '../registry/findings.recompute.js';
import { markSystemsAccepted } from '../registry/systems.actions.js';
import { findInstitution } from './institutions.actions.js';
import { assertAccredited } from './institutions.rules.js';
import { assertReasons } from './projects.rules.js';
import { DEADLINE_KINDS, projectSettings } from './projects.settings.js';
import { BEFORE_APPROVAL, type ProjectStatus } from './projects.states.js';
import { checkEligibility, closeProjectClock, openProjectClock, runStep } from './projects.workflow.js';
import { getProjectDetail } from './read.actions.js';

/**
 * Construction, testing and acceptance (art. 17–19, 36): the unit reports construction started
 * (before approval that is recorded and is the art. 17 → 36 finding), designates an accredited
 * testing institution (art. 18), which reports; the unit applies for acceptance with a passing
 * report to the bureau that approved the scheme (art. 19), which grants — the registry's systems
 * become `accepted` — or refuses with reasons, after which the unit may apply again.
 */
type V = { version?: number };

function inputInvalid(zh: string, en: string, article: string): AppError {
  return new AppError('PROJECT_INPUT_INVALID', { zh, en }, { article });
}

/** A real calendar day, not after today (a fact reported, never a plan). */
function pastDate(value: string, today: string, what: { zh: string; en: string }, article: string): string {
  if (!isCalendarDate(value)) throw inputInvalid(`${what.zh}不是有效日期`, `${what.en} is not a valid date`, article);
  if (value > today) throw inputInvalid(`${what.zh}不能晚于今天`, `${what.en} cannot be in the future`, article);
  return value;
}

/**
 * Construction started. Before approval (art. 17) the status stays and the fact raises the
 * registry finding `construction_before_approval` (penalty art. 36); after approval the project
 * is under construction. The first reported day is kept. The site's findings are recomputed in the
 * same transaction, so the finding opens (or, once approved, resolves) with the report.
 */
export async function reportConstructionStarted(ctx: Ctx, id: string, input: V & { on: string }) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'construction-started', input.version, async (trx, row) => {
    const on = pastDate(input.on, today, { zh: '开工日期', en: 'The start date' }, '17');
    const beforeApproval = BEFORE_APPROVAL.includes(row.status as ProjectStatus);
    const startedOn = row.construction_started_on ?? on;
    // The findings read the project row: write the fact first (runStep's versioned write follows).
    await trx.updateTable('projects').set({ construction_started_on: startedOn }).where('id', '=', id).execute();
    await recomputeSiteFindings(ctx, trx, row.site_id);
    return {
      patch: { construction_started_on: startedOn },
      event: { action: 'project.construction_started', article: '17', detail: { on: startedOn, reported: on, beforeApproval } },
    };
  });
  return getProjectDetail(ctx, id);
}

/** The applicant designates the testing institution (art. 18): it must hold an accreditation valid today. */
export async function designateTesting(ctx: Ctx, id: string, input: V & { institutionId: string }) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'designate-testing', input.version, async (trx, row) => {
    const inst = await findInstitution(trx, input.institutionId);
    if (!inst) throw inputInvalid('找不到该检测机构', 'No such testing institution', '18');
    assertAccredited(inst, today);
    return {
      patch: { testing_institution_id: inst.id },
      event: {
        action: 'project.testing_designated',
        article: '18',
        detail: { institutionId: inst.id, accreditationNumber: inst.accreditation_number, previous: row.testing_institution_id },
      },
    };
  });
  return getProjectDetail(ctx, id);
}

export interface TestReportInput extends V {
  reportNumber: string;
  testedOn: string;
  items: { item: string; result: 'pass' | 'fail'; note?: string }[];
  documentId?: string;
}

/**
 * The designated institution's report (art. 18): its accreditation must be valid today; the
 * conclusion is `pass` only if every item passes; an attached document must be a `test_report`
 * document of this project.
 */
export async function submitTestReport(ctx: Ctx, id: string, input: TestReportInput) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'test-report', input.version, async (trx, row) => {
    const inst = await findInstitution(trx, row.testing_institution_id!);
    if (!inst) throw new AppError('FORBIDDEN');
    assertAccredited(inst, today);
    const reportNumber = input.reportNumber.trim();
    if (!reportNumber) throw inputInvalid('检测报告编号不能为空', 'The report number is required', '18');
    const testedOn = pastDate(input.testedOn, today, { zh: '检测日期', en: 'The test date' }, '18');
    const items = input.items.map((i) => ({ item: i.item.trim(), result: i.result, ...(i.note?.trim() ? { note: i.note.trim() } : {}) }));
    if (items.some((i) => !i.item)) throw inputInvalid('检测项目名称不能为空', 'Every item needs a name', '18');
    if (input.documentId) {
      const doc = await trx
        .selectFrom('project_documents')
        .select(['id', 'doc_class'])
        .where('id', '=', input.documentId)
        .where('project_id', '=', id)
        .executeTakeFirst();
      if (!doc || doc.doc_class !== 'test_report') throw inputInvalid('附件应为本项目的检测报告文件', 'The document must be a test report of this project', '18');
    }
    const conclusion = items.every((i) => i.result === 'pass') ? 'pass' : 'fail';
    const reportId = randomUUID();
    await trx
      .insertInto('test_reports')
      .values({
        id: reportId,
        project_id: id,
        institution_id: inst.id,
        report_number: reportNumber,
        tested_on: testedOn,
        items: JSON.stringify(items),
        conclusion,
        document_id: input.documentId ?? null,
        submitted_by: ctx.actor.userId!,
        submitted_at: ctx.clock.now().toISOString(),
      })
      .execute();
    return {
      patch: {},
      event: {
        action: 'project.test_report_submitted',
        article: '18',
        detail: { testReportId: reportId, reportNumber, conclusion, items: items.length, failed: items.filter((i) => i.result === 'fail').length, documentId: input.documentId ?? null },
      },
    };
  });
  return getProjectDetail(ctx, id);
}

/**
 * Apply for acceptance to the bureau that approved the scheme (art. 19), with a passing test
 * report of this project (else TEST_REPORT_REQUIRED); opens the acceptance-decision clock
 * (JIFANG_ACCEPTANCE_DECISION_DAYS working days, art. 41 / 行政许可法42).
 */
export async function applyForAcceptance(ctx: Ctx, id: string, input: V & { testReportId: string }) {
  const today = ctx.clock.today();
  const s = projectSettings(ctx.config);
  await runStep(ctx, id, 'apply-acceptance', input.version, async (trx, row) => {
    const report = await trx
      .selectFrom('test_reports')
      .select(['id', 'report_number', 'conclusion'])
      .where('id', '=', input.testReportId)
      .where('project_id', '=', id)
      .executeTakeFirst();
    if (!report || report.conclusion !== 'pass') throw refuse('TEST_REPORT_REQUIRED', '19', { testReportId: input.testReportId });
    const clock = await openProjectClock(
      ctx,
      trx,
      row,
      { kind: DEADLINE_KINDS.acceptance, article: '19', days: s.acceptanceDecisionDays, dayKind: s.acceptanceDecisionDayKind },
      today,
    );
    return {
      patch: { acceptance_applied_on: today, acceptance_decided_on: null, acceptance_reasons: null },
      event: { action: 'project.acceptance_applied', article: '19', detail: { testReportId: report.id, reportNumber: report.report_number, deadlineId: clock.id, dueDate: clock.dueDate } },
    };
  });
  return getProjectDetail(ctx, id);
}

/**
 * Grant acceptance (art. 19): both companies still eligible (art. 14(2), 16); the project's
 * registry systems become `accepted` on today with the project number as their authorisation
 * reference (art. 8), through the registry's own update (ledger + findings); the clock closes.
 */
export async function grantAcceptance(ctx: Ctx, id: string, input: V = {}) {
  const today = ctx.clock.today();
  await runStep(ctx, id, 'grant-acceptance', input.version, async (trx, row) => {
    await checkEligibility(trx, row, today);
    const links = await trx.selectFrom('project_systems').select('system_id').where('project_id', '=', id).orderBy('system_id').execute();
    const systems = await markSystemsAccepted(
      ctx,
      trx,
      links.map((l) => l.system_id),
      { acceptedOn: today, authorisationRef: row.number, projectId: id },
    );
    await closeProjectClock(ctx, trx, id, DEADLINE_KINDS.acceptance, today);
    const acceptanceNumber = `${row.number}-YS`;
    return {
      patch: { acceptance_decided_on: today, acceptance_number: acceptanceNumber, acceptance_reasons: null },
      event: { action: 'project.acceptance_granted', article: '19', detail: { acceptanceNumber, systems } },
    };
  });
  return getProjectDetail(ctx, id);
}

/** Refuse acceptance with reasons (行政许可法38); the unit may apply again (with a new report if the old one no longer holds). */
export async function refuseAcceptance(ctx: Ctx, id: string, input: V & { reasons: string }) {
  const reasons = assertReasons(input.reasons);
  const today = ctx.clock.today();
  await runStep(ctx, id, 'refuse-acceptance', input.version, async (trx) => {
    await closeProjectClock(ctx, trx, id, DEADLINE_KINDS.acceptance, today);
    return {
      patch: { acceptance_decided_on: today, acceptance_reasons: reasons },
      event: { action: 'project.acceptance_refused', article: '19' },
    };
  });
  return getProjectDetail(ctx, id);
}
