// Every status value the web shows, mapped once to its labels and colours (cf. ProTable's valueEnum).
import type { ApplicationStatus, CertificateStatus } from './api/types';

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
