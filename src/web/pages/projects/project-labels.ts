// Labels and colours of the project enumerations: statuses (with zh/en like status.ts), document
// classes, pause reasons, deadline kinds, actions and ledger events. Unknown values (a newer
// server) show as themselves.
import type { ProjectStatus } from '../../api/projects-types';
import { isMessageKey, type MessageKey, type Vars } from '../../i18n/translate';
import type { ApplicationStatusPresentation } from '../../status';

type T = (key: MessageKey, vars?: Vars) => string;

export const PROJECT_STATUS = {
  draft: { zh: '草稿', en: 'Draft', badge: 'default', tag: 'default', open: false },
  submitted: { zh: '已提交，待受理', en: 'Submitted, awaiting acceptance', badge: 'processing', tag: 'blue', open: true },
  supplement_required: { zh: '待补正', en: 'Awaiting supplementary documents', badge: 'warning', tag: 'orange', open: true },
  not_accepted: { zh: '不予受理', en: 'Not accepted', badge: 'error', tag: 'volcano', open: false },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', badge: 'default', tag: 'default', open: false },
  scheme_accepted: { zh: '已受理，方案审核中', en: 'Accepted, scheme under review', badge: 'processing', tag: 'geekblue', open: true },
  scheme_approved: { zh: '方案已批准', en: 'Scheme approved', badge: 'success', tag: 'green', open: true },
  scheme_refused: { zh: '方案不予批准', en: 'Scheme refused', badge: 'error', tag: 'red', open: false },
  under_construction: { zh: '施工中', en: 'Under construction', badge: 'processing', tag: 'cyan', open: true },
  acceptance_applied: { zh: '已申请验收', en: 'Acceptance applied for', badge: 'processing', tag: 'purple', open: true },
  acceptance_refused: { zh: '验收不合格', en: 'Acceptance refused', badge: 'error', tag: 'magenta', open: true },
  completed: { zh: '已验收', en: 'Accepted (completed)', badge: 'success', tag: 'success', open: false },
} as const satisfies Record<ProjectStatus, ApplicationStatusPresentation>;

export function projectStatus(value: string): ApplicationStatusPresentation {
  return (PROJECT_STATUS as Record<string, ApplicationStatusPresentation>)[value] ?? { zh: value, en: value, badge: 'default', tag: 'default', open: false };
}

function labelOr(t: T, key: string, raw: string): string {
  return isMessageKey(key) ? t(key) : raw;
}

export const docClassLabel = (t: T, c: string): string => labelOr(t, `docClass.${c}`, c);
export const pauseReasonLabel = (t: T, r: string): string => labelOr(t, `pauseReason.${r}`, r);
export const deadlineKindLabel = (t: T, k: string): string => labelOr(t, `deadlineKind.${k}`, k);
export const projectActionLabel = (t: T, a: string): string => labelOr(t, `projectAction.${a}`, a);
/** Ledger actions come as `project.submitted`, `deadline.paused`, …; a bare step name works too. */
export const projectEventLabel = (t: T, a: string): string =>
  labelOr(t, `projectEvent.${a}`, isMessageKey(`projectEvent.project.${a}`) ? t(`projectEvent.project.${a}` as MessageKey) : a);
export const eligibilityReasonLabel = (t: T, r: string): string => labelOr(t, `eligibility.${r}`, r);
export const outcomeLabel = (t: T, o: string): string => labelOr(t, `deadlineOutcome.${o}`, o);

/** Timeline dot colours: refusals red, approvals and acceptance green, clock events grey. */
export function eventColour(action: string): string {
  if (/refus|not_accepted|withdrawn|flagged/.test(action)) return 'red';
  if (/approved|granted|scheme_accepted|deemed_accepted|cleared/.test(action)) return 'green';
  if (/notice|paused/.test(action)) return 'orange';
  if (/^deadline\./.test(action)) return 'gray';
  return 'blue';
}
