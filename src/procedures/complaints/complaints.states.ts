import { AppError } from '../../platform/http/errors.js';

/**
 * Statuses and steps as data. A transfer sends the complaint back to `received` at the new bureau
 * (which must decide again whether to accept); the complainant is told of each step.
 *
 *   received ──accept──► accepted ──start──► handling ──close──► closed
 *      │  ▲                 │  └──────────────close──────────────────┘
 *      │  └──transfer───────┴─────────── (from received/accepted/handling; bureau queue only)
 *      └──reject──► rejected
 */
export const COMPLAINT_STATUSES = ['received', 'accepted', 'handling', 'closed', 'rejected'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_STEPS = ['accept', 'reject', 'start', 'transfer', 'close', 'inspect'] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];

const FROM: Record<ComplaintStep, readonly ComplaintStatus[]> = {
  accept: ['received'],
  reject: ['received'],
  start: ['accepted'],
  transfer: ['received', 'accepted', 'handling'],
  close: ['accepted', 'handling'],
  // A targeted inspection (art. 29) after an accepted complaint; the status does not change.
  inspect: ['accepted', 'handling'],
};

/** Steps only the bureau queue has: the supervisory organ neither transfers nor inspects sites. */
const BUREAU_ONLY: readonly ComplaintStep[] = ['transfer', 'inspect'];

export function allowedSteps(status: string, queue: string): ComplaintStep[] {
  return COMPLAINT_STEPS.filter((s) => FROM[s].includes(status as ComplaintStatus) && (queue === 'bureau' || !BUREAU_ONLY.includes(s)));
}

export function assertStep(step: ComplaintStep, status: string, queue: string): void {
  if (!allowedSteps(status, queue).includes(step)) throw new AppError('TRANSITION_NOT_ALLOWED');
}

export const STATUS_AFTER: Partial<Record<ComplaintStep, ComplaintStatus>> = {
  accept: 'accepted',
  reject: 'rejected',
  start: 'handling',
  transfer: 'received',
  close: 'closed',
};

export const NOTICE_OF: Partial<Record<ComplaintStep, 'accepted' | 'rejected' | 'handling' | 'transferred' | 'closed'>> = {
  accept: 'accepted',
  reject: 'rejected',
  start: 'handling',
  transfer: 'transferred',
  close: 'closed',
};
