// Every status value the web shows, mapped once to its labels and colours (cf. ProTable's valueEnum).
import type { ApplicationStatus, CertificateStatus, ImportStatus, RetentionStatus, SystemStatus } from './api/types';

export type BadgeStatus = 'success' | 'processing' | 'default' | 'error' | 'warning';

export interface StatusPresentation {
  zh: string;
  en: string;
  /** antd Badge `status`. */
  badge: BadgeStatus;
  /** antd Tag `color` (a preset status or colour name). */
  tag: string;
}

export interface ApplicationStatusPresentation extends StatusPresentation {
  /** Still being handled: a due date runs and the officer queue highlights it. */
  open: boolean;
}

export const APPLICATION_STATUS = {
  submitted: { zh: '待受理', en: 'Awaiting acceptance', badge: 'processing', tag: 'blue', open: true },
  supplement_required: { zh: '待补正', en: 'Awaiting supplementary materials', badge: 'warning', tag: 'orange', open: true },
  accepted: { zh: '已受理，审查中', en: 'Accepted, under review', badge: 'processing', tag: 'geekblue', open: true },
  examined: { zh: '市局已初审，待省厅决定', en: 'Examined by the city bureau, awaiting the provincial decision', badge: 'processing', tag: 'purple', open: true },
  approved: { zh: '已批准', en: 'Approved', badge: 'success', tag: 'green', open: false },
  refused: { zh: '不予批准', en: 'Refused', badge: 'error', tag: 'red', open: false },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', badge: 'default', tag: 'default', open: false },
  not_accepted: { zh: '不予受理', en: 'Not accepted', badge: 'error', tag: 'volcano', open: false },
} as const satisfies Record<ApplicationStatus, ApplicationStatusPresentation>;

export const CERTIFICATE_STATUS = {
  valid: { zh: '有效', en: 'Valid', badge: 'success', tag: 'green' },
  expiring: { zh: '即将到期', en: 'Expiring soon', badge: 'warning', tag: 'gold' },
  expired: { zh: '已过期', en: 'Expired', badge: 'error', tag: 'red' },
  revoked: { zh: '已撤销', en: 'Revoked', badge: 'error', tag: 'magenta' },
  superseded: { zh: '已换发新证', en: 'Superseded', badge: 'default', tag: 'default' },
} as const satisfies Record<CertificateStatus, StatusPresentation>;

/** Technical prevention systems (art. 40): planned → under construction → accepted → in use → decommissioned. */
export const SYSTEM_STATUS = {
  planned: { zh: '规划', en: 'Planned', badge: 'default', tag: 'default' },
  under_construction: { zh: '在建', en: 'Under construction', badge: 'processing', tag: 'blue' },
  accepted: { zh: '已验收', en: 'Accepted', badge: 'success', tag: 'cyan' },
  in_use: { zh: '在用', en: 'In use', badge: 'success', tag: 'green' },
  decommissioned: { zh: '停用', en: 'Decommissioned', badge: 'default', tag: 'default' },
} as const satisfies Record<SystemStatus, StatusPresentation>;

/** A compliance finding: open until the site's state no longer breaks the rule. */
export const FINDING_STATUS = {
  open: { zh: '未整改', en: 'Open', badge: 'error', tag: 'red' },
  resolved: { zh: '已整改', en: 'Resolved', badge: 'success', tag: 'green' },
} as const satisfies Record<'open' | 'resolved', StatusPresentation>;

/** Footage retention of a camera (art. 20). */
export const RETENTION_STATE = {
  ok: { zh: '达标', en: 'Meets the minimum', badge: 'success', tag: 'green' },
  below_minimum: { zh: '存储天数不足', en: 'Below the minimum', badge: 'error', tag: 'red' },
  stale: { zh: '停止上报', en: 'Stopped reporting', badge: 'warning', tag: 'orange' },
  never_reported: { zh: '从未上报', en: 'Never reported', badge: 'warning', tag: 'gold' },
} as const satisfies Record<RetentionStatus, StatusPresentation>;

export const IMPORT_STATUS = {
  running: { zh: '处理中', en: 'Running', badge: 'processing', tag: 'blue' },
  succeeded: { zh: '已完成', en: 'Finished', badge: 'success', tag: 'green' },
  failed: { zh: '未导入', en: 'Not imported', badge: 'error', tag: 'red' },
  interrupted: { zh: '已中断', en: 'Interrupted', badge: 'warning', tag: 'orange' },
} as const satisfies Record<ImportStatus, StatusPresentation>;

export const SYSTEM_STATUSES = Object.keys(SYSTEM_STATUS) as SystemStatus[];

/**
 * The statuses a system may take next: the registry records facts, so a status moves forward,
 * possibly past a step, never back; decommissioned is final (no choice at all).
 */
export function systemStatusChoices(current: SystemStatus | string | undefined): SystemStatus[] {
  if (!current) return [...SYSTEM_STATUSES];
  if (current === 'decommissioned') return [];
  const i = SYSTEM_STATUSES.indexOf(current as SystemStatus);
  return i < 0 ? [...SYSTEM_STATUSES] : SYSTEM_STATUSES.slice(i);
}

export const APPLICATION_STATUSES = Object.keys(APPLICATION_STATUS) as ApplicationStatus[];
export const CERTIFICATE_STATUSES = Object.keys(CERTIFICATE_STATUS) as CertificateStatus[];

const UNKNOWN = (value: string): StatusPresentation => ({ zh: value, en: value, badge: 'default', tag: 'default' });

/** Presentation of an application status; an unknown value (a newer server) is shown as itself. */
export function applicationStatus(value: string): ApplicationStatusPresentation {
  return (APPLICATION_STATUS as Record<string, ApplicationStatusPresentation>)[value] ?? { ...UNKNOWN(value), open: false };
}

export function certificateStatus(value: string): StatusPresentation {
  return (CERTIFICATE_STATUS as Record<string, StatusPresentation>)[value] ?? UNKNOWN(value);
}

export function statusLabel(p: StatusPresentation, lang: 'zh-CN' | 'en'): string {
  return lang === 'en' ? p.en : p.zh;
}

export function systemStatus(value: string): StatusPresentation {
  return (SYSTEM_STATUS as Record<string, StatusPresentation>)[value] ?? UNKNOWN(value);
}

export function retentionState(value: string | undefined | null): StatusPresentation {
  return (RETENTION_STATE as Record<string, StatusPresentation>)[value ?? 'never_reported'] ?? UNKNOWN(String(value));
}

export function importStatus(value: string): StatusPresentation {
  return (IMPORT_STATUS as Record<string, StatusPresentation>)[value] ?? UNKNOWN(value);
}

export function findingStatus(resolvedAt: string | null | undefined): StatusPresentation {
  return resolvedAt ? FINDING_STATUS.resolved : FINDING_STATUS.open;
}
