// Pure helpers of the oversight pages: where each procedure's record opens, and the label keys.
import type { MessageKey } from '../../i18n/translate';
import { isMessageKey } from '../../i18n/translate';

/** The web page of a procedure's record, by the `subject_type` its deadlines carry; null when there is none. */
export function subjectHref(type: string, id: string): string | null {
  const e = encodeURIComponent(id);
  switch (type) {
    case 'project':
      return `/projects/${e}`;
    case 'qualification_application':
      return `/applications/${e}`;
    case 'rectification_order':
      return `/rectification-orders/${e}`;
    case 'complaint':
      return `/complaints/${e}`;
    case 'penalty_case':
      return `/penalty-cases/${e}`;
    default:
      return null;
  }
}

export const ledgerHref = (seq: number) => `/oversight/ledger/${seq}`;

/** The message key of a subject type or a period kind, or null (the raw code is shown then). */
export function subjectLabelKey(type: string): MessageKey | null {
  const k = `oversight.subject.${type}`;
  return isMessageKey(k) ? k : null;
}
export function kindLabelKey(kind: string): MessageKey | null {
  const k = `oversight.kind.${kind}`;
  return isMessageKey(k) ? k : null;
}

export const CATEGORY_COLOURS = { overdue: 'red', late: 'orange', lapsed: 'volcano' } as const;

/** A positive whole number of days from a query value, else undefined. */
export function parseDays(value: string | null): number | undefined {
  if (!value || !/^[0-9]{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= 365 ? n : undefined;
}
