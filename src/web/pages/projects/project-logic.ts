// Pure helpers of the project pages: the five-class checklist, the scale class estimate, deadline
// display (days left, overdue, paused, provisional), the queue order, action order, test reports.
import {
  REQUIRED_DOC_CLASSES,
  type ChecklistEntry,
  type DeadlineView,
  type MissingItem,
  type ProjectAction,
  type ProjectDetail,
  type ProjectDocument,
  type ProjectSummary,
  type RequiredDocClass,
  type ScaleClass,
  type TestReport,
  type TestReportItem,
  type TimelineEntry,
} from '../../api/projects-types';

// ─── Scale class (GA/T 75) ──────────────────────────────────────────────────────────────────

/** Defaults of the server's settings JIFANG_SCALE_CLASS1_YUAN / JIFANG_SCALE_CLASS2_YUAN. */
export const DEFAULT_SCALE_THRESHOLDS = { class1Yuan: 1_000_000, class2Yuan: 300_000 } as const;

/**
 * The class the server will compute: 1 at ≥ ¥1M or a level-1 risk, 2 at ≥ ¥300k, else 3. Shown in
 * the wizard before the draft exists; the draft's own class (server settings) replaces it.
 */
export function estimateScaleClass(
  investmentYuan: number | null | undefined,
  level1Risk: boolean,
  t: { class1Yuan: number; class2Yuan: number } = DEFAULT_SCALE_THRESHOLDS,
): ScaleClass | null {
  if (level1Risk) return 1;
  if (investmentYuan === null || investmentYuan === undefined || !Number.isFinite(investmentYuan) || investmentYuan < 0) return null;
  if (investmentYuan >= t.class1Yuan) return 1;
  if (investmentYuan >= t.class2Yuan) return 2;
  return 3;
}

// ─── The five document classes ──────────────────────────────────────────────────────────────

export interface ChecklistRow {
  docClass: RequiredDocClass;
  /** The server's labels of the class, when it sent them. */
  zh?: string;
  en?: string;
  present: boolean;
  documents: ProjectDocument[];
}

/**
 * The five classes in their legal order with what is on file for each (newest first). The
 * server's checklist decides `present`; the documents fill in where it says nothing.
 */
export function checklistRows(checklist: readonly ChecklistEntry[] | null | undefined, documents: readonly ProjectDocument[] = []): ChecklistRow[] {
  const fromServer = new Map((checklist ?? []).map((c) => [c.docClass, c] as const));
  return REQUIRED_DOC_CLASSES.map((docClass) => {
    const docs = documents.filter((d) => d.docClass === docClass).sort((a, b) => (a.uploadedAt < b.uploadedAt ? 1 : a.uploadedAt > b.uploadedAt ? -1 : 0));
    const entry = fromServer.get(docClass);
    return { docClass, zh: entry?.zh, en: entry?.en, present: entry ? entry.present : docs.length > 0, documents: docs };
  });
}

export function missingClasses(rows: readonly ChecklistRow[]): RequiredDocClass[] {
  return rows.filter((r) => !r.present).map((r) => r.docClass);
}

/**
 * The notice of art. 32 lists everything missing at once: each ticked class, then each free-text
 * line (a line per item); blank lines are dropped.
 */
export function buildNotice(
  classes: readonly RequiredDocClass[],
  freeText: string,
  label: (c: RequiredDocClass) => { zh: string; en: string },
): MissingItem[] {
  const items: MissingItem[] = classes.map((c) => ({ docClass: c, ...label(c) }));
  for (const line of freeText.split(/\r?\n/)) {
    const s = line.trim();
    if (s) items.push({ docClass: null, zh: s });
  }
  return items;
}

/** The items and note of the notice issued, if any. */
export function noticeItems(notice: ProjectDetail['missingNotice'] | undefined): { items: { docClass: string | null; zh: string; en?: string }[]; note: string | null } {
  if (!notice) return { items: [], note: null };
  return { items: notice.items ?? [], note: notice.note ?? null };
}

// ─── Deadlines ──────────────────────────────────────────────────────────────────────────────

export type DeadlineState = 'closed' | 'paused' | 'overdue' | 'due_today' | 'near' | 'ok';

/** Days ahead within which an open deadline counts as near (the shortest period is 5 working days). */
export const NEAR_DAYS = 2;

export function deadlineState(d: Pick<DeadlineView, 'status' | 'paused' | 'overdue' | 'daysLeft'>): DeadlineState {
  if (d.status === 'closed') return 'closed';
  if (d.paused || d.status === 'paused') return 'paused';
  if (d.overdue || (d.daysLeft !== null && d.daysLeft < 0)) return 'overdue';
  if (d.daysLeft === 0) return 'due_today';
  if (d.daysLeft !== null && d.daysLeft <= NEAR_DAYS) return 'near';
  return 'ok';
}

/** Tag colours of the deadline states (antd presets). */
export const DEADLINE_COLOURS: Record<DeadlineState, string> = {
  closed: 'default',
  paused: 'purple',
  overdue: 'red',
  due_today: 'volcano',
  near: 'orange',
  ok: 'blue',
};

/** What the days-left tag says: a dictionary key and its number (working or calendar days). */
export function daysLeftMessage(
  d: Pick<DeadlineView, 'status' | 'paused' | 'overdue' | 'daysLeft' | 'dayKind'>,
): { key: 'deadline.closed' | 'deadline.pausedTag' | 'deadline.overdueBy' | 'deadline.dueToday' | 'deadline.leftWorking' | 'deadline.leftCalendar'; n: number } {
  const state = deadlineState(d);
  const n = d.daysLeft ?? 0;
  if (state === 'closed') return { key: 'deadline.closed', n: 0 };
  if (state === 'paused') return { key: 'deadline.pausedTag', n: Math.max(0, n) };
  if (state === 'overdue') return { key: 'deadline.overdueBy', n: Math.abs(n) };
  if (state === 'due_today') return { key: 'deadline.dueToday', n: 0 };
  return { key: d.dayKind === 'calendar' ? 'deadline.leftCalendar' : 'deadline.leftWorking', n };
}

/** The open deadline that drives the project now (paused counts as open), else the latest. */
export function currentDeadline(deadlines: readonly DeadlineView[]): DeadlineView | null {
  const open = deadlines.filter((d) => d.status !== 'closed');
  if (open.length) return [...open].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))[0];
  return deadlines[0] ?? null;
}

/** Whole calendar days of a pause (open pauses up to today): `from` is the last counted day. */
export function pauseLength(p: { from: string; to: string | null }, today: string): number {
  const end = p.to ?? today;
  const ms = Date.parse(`${end.slice(0, 10)}T00:00:00Z`) - Date.parse(`${p.from.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 86_400_000)) : 0;
}

// ─── Queue and lists ────────────────────────────────────────────────────────────────────────

/** Queue order: earliest due date first, undated last; ties by number. */
export function compareQueue(a: Pick<ProjectSummary, 'deadline' | 'number'>, b: Pick<ProjectSummary, 'deadline' | 'number'>): number {
  const da = a.deadline?.dueDate ?? null;
  const db = b.deadline?.dueDate ?? null;
  if (da && db && da !== db) return da < db ? -1 : 1;
  if (!da !== !db) return da ? -1 : 1;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

/** The state of a project's running clock for the queue; 'none' without one. */
export function summaryState(p: Pick<ProjectSummary, 'deadline' | 'paused'>): DeadlineState | 'none' {
  if (!p.deadline) return 'none';
  return deadlineState({ ...p.deadline, paused: p.deadline.paused || p.paused });
}

export function filterByStatus<T extends { status: string }>(rows: readonly T[], statuses: readonly string[]): T[] {
  return statuses.length ? rows.filter((r) => statuses.includes(r.status)) : [...rows];
}

/** The order buttons appear in, whatever order the server lists them. */
export const PROJECT_ACTION_ORDER: readonly ProjectAction[] = [
  'submit',
  'accept',
  'notice',
  'not-accept',
  'supplement',
  'pause',
  'resume',
  'approve',
  'refuse',
  'construction-started',
  'designate-testing',
  'test-report',
  'apply-acceptance',
  'grant-acceptance',
  'refuse-acceptance',
  'withdraw',
];

export function orderedActions(actions: readonly string[]): ProjectAction[] {
  return PROJECT_ACTION_ORDER.filter((a) => actions.includes(a));
}

// ─── Test reports ───────────────────────────────────────────────────────────────────────────

/** The conclusion the server will record: pass only when there are items and all pass. */
export function reportConclusion(items: readonly Pick<TestReportItem, 'result'>[]): 'pass' | 'fail' {
  return items.length > 0 && items.every((i) => i.result === 'pass') ? 'pass' : 'fail';
}

/** Reports an acceptance application may cite: passing ones, newest first. */
export function passingReports(reports: readonly TestReport[]): TestReport[] {
  return reports.filter((r) => r.conclusion === 'pass').sort((a, b) => (a.testedOn < b.testedOn ? 1 : a.testedOn > b.testedOn ? -1 : 0));
}

// ─── Timeline ───────────────────────────────────────────────────────────────────────────────

export interface TimelineItem extends TimelineEntry {
  /** Consecutive entries of the same step by the same role (e.g. five uploads), shown once. */
  count: number;
}

/**
 * The ledger entries as the timeline shows them: the clock's own `deadline.paused/resumed`
 * entries are dropped where the project's step of the same moment already says it, and runs
 * of the same action by the same role (uploads) are folded into one with a count.
 */
export function timelineItems(entries: readonly TimelineEntry[]): TimelineItem[] {
  const projectSteps = new Set(entries.filter((e) => e.action.startsWith('project.')).map((e) => `${e.at}|${e.action}`));
  const twin: Record<string, string> = { 'deadline.paused': 'project.review_paused', 'deadline.resumed': 'project.review_resumed' };
  const out: TimelineItem[] = [];
  for (const e of entries) {
    if (twin[e.action] && projectSteps.has(`${e.at}|${twin[e.action]}`)) continue;
    const last = out[out.length - 1];
    if (last && last.action === e.action && last.actorRole === e.actorRole && last.article === e.article) {
      last.count++;
      continue;
    }
    out.push({ ...e, count: 1 });
  }
  return out;
}

// ─── Eligibility and misc ───────────────────────────────────────────────────────────────────

/** The competent bureau's name (its id when the server knows no name). */
export function authorityName(p: Pick<ProjectSummary, 'authority'>): string {
  return p.authority.name || p.authority.id;
}

/** 1536 → "1.5 KB"; sizes in binary units as file managers show them. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} ${units[u]}`;
}

/** ¥ with thousands separators, no decimals (the investment is whole yuan). */
export function formatYuan(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `¥${Math.round(n).toLocaleString('en-US')}`;
}
