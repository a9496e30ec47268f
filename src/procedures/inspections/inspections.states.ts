import { can, hasPermission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import type { OrderStatus } from './inspections.rules.js';

/**
 * Statuses and steps as data. Plans: draft → drawn (once). Inspections: planned → in_progress (first
 * item recorded) → completed. Rectification orders:
 *
 *   issued ──report──► reported ──verify(corrected)──► corrected
 *     │                   └──────verify(not corrected)──► failed
 *     └─(due date passed, settle)─► lapsed ──report (late)──► reported
 */
export const PLAN_STATUSES = ['draft', 'drawn'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const INSPECTION_STATUSES = ['planned', 'in_progress', 'completed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_KINDS = ['random', 'targeted'] as const;
export const REASON_KINDS = ['draw', 'complaint', 'finding', 'officer'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export const ORDER_VERBS = ['report', 'verify'] as const;
export type OrderVerb = (typeof ORDER_VERBS)[number];

export const ORDER_STEPS: Record<OrderVerb, { from: readonly OrderStatus[]; who: 'unit' | 'issuer' }> = {
  // A late report is still recorded (the correction matters), but the order stays failed for art. 32–34.
  report: { from: ['issued', 'lapsed'], who: 'unit' },
  verify: { from: ['reported'], who: 'issuer' },
};

export const INSPECTION_VERBS = ['record', 'photo', 'complete', 'issue-order'] as const;
export type InspectionVerb = (typeof INSPECTION_VERBS)[number];

/** The unit of the order's site reports; officers of the issuing bureau re-inspect. */
export function isOrderParty(verb: OrderVerb, order: { unit_id: string | null; police_unit_id: string }, actor: Actor): boolean {
  if (ORDER_STEPS[verb].who === 'unit') return actor.role === 'unit_user' && can(actor, 'rectification.report', { unitId: order.unit_id });
  return hasPermission(actor, 'rectification.issue') && !!actor.policeUnitId && actor.policeUnitId === order.police_unit_id;
}

export function orderActions(order: { status: string; unit_id: string | null; police_unit_id: string }, actor: Actor): OrderVerb[] {
  return ORDER_VERBS.filter((v) => ORDER_STEPS[v].from.includes(order.status as OrderStatus) && isOrderParty(v, order, actor));
}

/** Inspectors named on the inspection (drawn, or the targeting officer and those they named) conduct it. */
export function isInspector(ins: { inspector_ids: string }, actor: Actor): boolean {
  if (!actor.userId || !hasPermission(actor, 'inspection.conduct')) return false;
  return (JSON.parse(ins.inspector_ids) as string[]).includes(actor.userId);
}

export function inspectionActions(
  ins: { status: string; inspector_ids: string; police_unit_id: string },
  actor: Actor,
  hasOrder: boolean,
  hasProblems: boolean,
): InspectionVerb[] {
  const out: InspectionVerb[] = [];
  const inspector = isInspector(ins, actor);
  if (ins.status !== 'completed' && inspector) out.push('record', 'photo', 'complete');
  if (
    ins.status === 'completed' &&
    !hasOrder &&
    hasProblems &&
    hasPermission(actor, 'rectification.issue') &&
    (inspector || actor.policeUnitId === ins.police_unit_id)
  ) {
    out.push('issue-order');
  }
  return out;
}
