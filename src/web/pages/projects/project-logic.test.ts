import { describe, expect, it } from 'vitest';
import type { ChecklistEntry, DeadlineView, ProjectDocument, ProjectSummary, TestReport } from '../../api/projects-types';
import {
  buildNotice,
  checklistRows,
  compareQueue,
  daysLeftMessage,
  deadlineState,
  estimateScaleClass,
  filterByStatus,
  formatBytes,
  formatYuan,
  missingClasses,
  noticeItems,
  orderedActions,
  passingReports,
  pauseLength,
  reportConclusion,
  summaryState,
  timelineItems,
} from './project-logic';
import { eventColour, projectStatus, PROJECT_STATUS } from './project-labels';
import { PROJECT_STATUSES } from '../../api/projects-types';
import { zhCN } from '../../i18n/messages.zh-CN';

const doc = (id: string, docClass: string, uploadedAt: string): ProjectDocument => ({
  id,
  projectId: 'p',
  docClass,
  round: 0,
  fileName: `${id}.pdf`,
  mediaType: 'application/pdf',
  sizeBytes: 10,
  digest: 'x',
  alg: 'sm3',
  uploadedAt,
  downloadUrl: `/api/projects/p/documents/${id}`,
});

const entry = (docClass: string, present: boolean): ChecklistEntry => ({ docClass, zh: docClass, en: docClass, present });

const deadline = (over: Partial<DeadlineView> = {}): DeadlineView => ({
  id: 'd',
  kind: 'scheme.review',
  article: '17',
  dayKind: 'working',
  days: 15,
  startDate: '2026-09-24',
  dueDate: '2026-10-22',
  provisional: false,
  calendarRevision: 0,
  status: 'open',
  outcome: null,
  closedOn: null,
  daysLeft: 10,
  overdue: false,
  paused: false,
  pauses: [],
  ...over,
});

describe('GA/T 75 scale class estimate', () => {
  it.each([
    [0, false, 3],
    [299_999, false, 3],
    [300_000, false, 2],
    [999_999, false, 2],
    [1_000_000, false, 1],
    [10, true, 1],
  ] as const)('¥%d, level-1 risk %s → class %d', (yuan, risk, cls) => {
    expect(estimateScaleClass(yuan, risk)).toBe(cls);
  });

  it('knows nothing without an investment, unless the risk decides', () => {
    expect(estimateScaleClass(undefined, false)).toBeNull();
    expect(estimateScaleClass(null, true)).toBe(1);
    expect(estimateScaleClass(-1, false)).toBeNull();
  });

  it('follows configured thresholds', () => {
    expect(estimateScaleClass(500_000, false, { class1Yuan: 500_000, class2Yuan: 100_000 })).toBe(1);
  });
});

describe('the five-class checklist', () => {
  it('lists the five classes in legal order, the server deciding what is present', () => {
    const rows = checklistRows(
      [entry('contracts', true), entry('design_scheme', false)],
      [doc('a', 'contracts', '2026-01-01T00:00:00Z'), doc('b', 'contracts', '2026-02-01T00:00:00Z'), doc('c', 'bidding_documents', '2026-01-01T00:00:00Z')],
    );
    expect(rows.map((r) => r.docClass)).toEqual(['design_scheme', 'bidding_documents', 'contracts', 'quality_certificates', 'construction_drawings']);
    expect(rows.find((r) => r.docClass === 'design_scheme')!.present).toBe(false);
    // No server entry: a document of the class is enough.
    expect(rows.find((r) => r.docClass === 'bidding_documents')!.present).toBe(true);
    const contracts = rows.find((r) => r.docClass === 'contracts')!;
    expect(contracts.documents.map((d) => d.id)).toEqual(['b', 'a']);
    expect(missingClasses(rows)).toEqual(['design_scheme', 'quality_certificates', 'construction_drawings']);
  });

  it('treats other classes (test reports, supplements) as outside the five', () => {
    const rows = checklistRows([], [doc('t', 'test_report', '2026-01-01')]);
    expect(missingClasses(rows)).toHaveLength(5);
  });
});

describe('the one notice', () => {
  const label = (c: string) => ({ zh: `中${c}`, en: `en ${c}` });
  it('lists the ticked classes then each non-empty line', () => {
    expect(buildNotice(['contracts'], 'a\n\n  b  \r\n', label)).toEqual([
      { docClass: 'contracts', zh: '中contracts', en: 'en contracts' },
      { docClass: null, zh: 'a' },
      { docClass: null, zh: 'b' },
    ]);
    expect(buildNotice([], '   ', label)).toEqual([]);
  });

  it('reads the notice back', () => {
    expect(noticeItems(null)).toEqual({ items: [], note: null });
    expect(noticeItems({ items: [{ docClass: null, zh: 'x' }], note: 'n' })).toEqual({ items: [{ docClass: null, zh: 'x' }], note: 'n' });
  });
});

describe('deadline display', () => {
  it.each([
    [{ status: 'closed' }, 'closed', 'deadline.closed', 0],
    [{ paused: true, daysLeft: 4 }, 'paused', 'deadline.pausedTag', 4],
    [{ status: 'paused', daysLeft: 4 }, 'paused', 'deadline.pausedTag', 4],
    [{ overdue: true, daysLeft: -3 }, 'overdue', 'deadline.overdueBy', 3],
    [{ daysLeft: -1 }, 'overdue', 'deadline.overdueBy', 1],
    [{ daysLeft: 0 }, 'due_today', 'deadline.dueToday', 0],
    [{ daysLeft: 2 }, 'near', 'deadline.leftWorking', 2],
    [{ daysLeft: 9 }, 'ok', 'deadline.leftWorking', 9],
    [{ daysLeft: 9, dayKind: 'calendar' }, 'ok', 'deadline.leftCalendar', 9],
  ] as const)('%j → %s', (over, state, key, n) => {
    const d = deadline(over as Partial<DeadlineView>);
    expect(deadlineState(d)).toBe(state);
    expect(daysLeftMessage(d)).toEqual({ key, n });
  });

  it('counts pause days, an open pause up to today', () => {
    expect(pauseLength({ from: '2026-10-01', to: '2026-10-08' }, '2026-12-01')).toBe(7);
    expect(pauseLength({ from: '2026-10-01', to: null }, '2026-10-03')).toBe(2);
    expect(pauseLength({ from: '2026-10-05', to: null }, '2026-10-01')).toBe(0);
  });
});

describe('the queue', () => {
  const s = (number: string, dueDate: string | null, over: Partial<DeadlineView> = {}, paused = false) =>
    ({ number, status: 'submitted', paused, deadline: dueDate ? deadline({ dueDate, ...over }) : null }) as unknown as ProjectSummary;

  it('orders by due date, undated last, ties by number', () => {
    const rows = [s('C', null), s('B', '2026-10-22'), s('A', '2026-10-22'), s('D', '2026-10-01')].sort(compareQueue);
    expect(rows.map((r) => r.number)).toEqual(['D', 'A', 'B', 'C']);
  });

  it('marks a project paused when its clock is, and none without a clock', () => {
    expect(summaryState(s('A', null))).toBe('none');
    expect(summaryState(s('A', '2026-10-22', {}, true))).toBe('paused');
    expect(summaryState(s('A', '2026-10-22', { overdue: true, daysLeft: -2 }))).toBe('overdue');
  });

  it('filters by status, none chosen meaning all', () => {
    const rows = [{ status: 'submitted' }, { status: 'scheme_accepted' }];
    expect(filterByStatus(rows, [])).toHaveLength(2);
    expect(filterByStatus(rows, ['scheme_accepted'])).toEqual([{ status: 'scheme_accepted' }]);
  });
});

describe('actions and reports', () => {
  it('shows only the actions the server allows, in a fixed order', () => {
    expect(orderedActions(['withdraw', 'notice', 'accept', 'unknown'])).toEqual(['accept', 'notice', 'withdraw']);
    expect(orderedActions([])).toEqual([]);
  });

  it('concludes pass only when every item passes', () => {
    expect(reportConclusion([{ result: 'pass' }, { result: 'pass' }])).toBe('pass');
    expect(reportConclusion([{ result: 'pass' }, { result: 'fail' }])).toBe('fail');
    expect(reportConclusion([])).toBe('fail');
  });

  it('offers passing reports newest first', () => {
    const r = (id: string, conclusion: string, testedOn: string) => ({ id, conclusion, testedOn }) as TestReport;
    expect(passingReports([r('a', 'pass', '2026-01-01'), r('b', 'fail', '2026-03-01'), r('c', 'pass', '2026-02-01')]).map((x) => x.id)).toEqual(['c', 'a']);
  });
});

describe('labels', () => {
  it('presents every project status and falls back for unknown ones', () => {
    expect(Object.keys(PROJECT_STATUS).sort()).toEqual([...PROJECT_STATUSES].sort());
    expect(projectStatus('nope').zh).toBe('nope');
  });

  it('has a dictionary entry for each class, pause reason, step and ledger event', () => {
    const keys = [
      ...['design_scheme', 'bidding_documents', 'contracts', 'quality_certificates', 'construction_drawings', 'supplement', 'test_report', 'acceptance', 'decision', 'other'].map((c) => `docClass.${c}`),
      ...['supplement', 'suspension', 'testing', 'expert_review', 'hearing'].map((r) => `pauseReason.${r}`),
      ...['scheme.completeness', 'scheme.review', 'acceptance.decision'].map((k) => `deadlineKind.${k}`),
      ...orderedActions([
        'submit', 'notice', 'supplement', 'accept', 'not-accept', 'pause', 'resume', 'approve', 'refuse', 'withdraw',
        'construction-started', 'designate-testing', 'test-report', 'apply-acceptance', 'grant-acceptance', 'refuse-acceptance',
      ]).map((a) => `projectAction.${a}`),
    ];
    expect(keys).toHaveLength(10 + 5 + 3 + 16);
    for (const k of keys) expect(zhCN[k as keyof typeof zhCN], k).toBeTruthy();
  });

  it('colours refusals red and approvals green on the timeline', () => {
    expect(eventColour('project.refused')).toBe('red');
    expect(eventColour('project.acceptance_granted')).toBe('green');
    expect(eventColour('project.notice_issued')).toBe('orange');
    expect(eventColour('deadline.recomputed')).toBe('gray');
  });
});

describe('timeline', () => {
  const e = (seq: number, action: string, at = `2026-11-0${seq}T00:00:00Z`, actorRole = 'unit_user', article: string | null = '17') => ({ seq, at, action, actorRole, article });
  it('folds runs of the same step and drops the clock twin of a project step', () => {
    const items = timelineItems([
      e(1, 'project.created'),
      e(2, 'project.document_uploaded', 'T'),
      e(3, 'project.document_uploaded', 'T'),
      e(4, 'project.document_uploaded', 'T'),
      e(5, 'project.submitted'),
      e(6, 'project.review_paused', 'P', 'county_officer', '行政许可法45'),
      e(7, 'deadline.paused', 'P', 'county_officer', '行政许可法45'),
      e(8, 'deadline.recomputed', 'R', 'system', null),
      e(9, 'project.document_uploaded', 'U'),
    ]);
    expect(items.map((i) => [i.action, i.count])).toEqual([
      ['project.created', 1],
      ['project.document_uploaded', 3],
      ['project.submitted', 1],
      ['project.review_paused', 1],
      ['deadline.recomputed', 1],
      ['project.document_uploaded', 1],
    ]);
  });

  it('keeps a clock pause that no project step explains', () => {
    expect(timelineItems([e(1, 'deadline.paused', 'P')]).map((i) => i.action)).toEqual(['deadline.paused']);
  });
});

describe('formatting', () => {
  it('formats sizes and yuan', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatYuan(1234567)).toBe('¥1,234,567');
  });
});
