import { hasPermission, type Permission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * The application's states and transitions as data (申请 → 受理/补正/不予受理 → 初审 → 决定).
 * The server answers every request with `actions` computed here; the web shows exactly those
 * buttons. Who may take a step follows art. 14's routing: the unit named on the application.
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'supplement_required',
  'accepted',
  'examined',
  'approved',
  'refused',
  'withdrawn',
  'not_accepted',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  submitted: ['accepted', 'supplement_required', 'not_accepted', 'withdrawn'],
  supplement_required: ['submitted', 'withdrawn'],
  // I/II: accepted → examined (city) → approved | refused (province); III/IV: accepted → decided (city).
  accepted: ['examined', 'approved', 'refused'],
  examined: ['approved', 'refused'],
  approved: [],
  refused: [],
  withdrawn: [],
  not_accepted: [],
};

/** Still being handled: a due date runs (or the applicant's turn, for supplement_required). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'supplement_required', 'accepted', 'examined'];

export function assertTransition(from: string, to: ApplicationStatus): void {
  const allowed = TRANSITIONS[from as ApplicationStatus] ?? [];
  if (!allowed.includes(to)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from, to } });
}

/** What the state machine needs to know about an application. */
export interface ApplicationFacts {
  status: string;
  company_id: string;
  deciding_unit_id: string;
  examining_unit_id: string | null;
  missing_notice: string | null;
}

type Who = 'applicant' | 'handler' | 'examiner' | 'decider';

interface Verb {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  who: Who;
  permission: Permission;
  /** Extra condition on the application beyond its status. */
  when?: (a: ApplicationFacts) => boolean;
}

/** Every step, by the name the API and the web use. */
export const VERBS = {
  accept: { from: ['submitted'], to: 'accepted', who: 'handler', permission: 'qualification.accept' },
  // One consolidated notice (一次性告知): after the applicant supplements, no second notice.
  notice: { from: ['submitted'], to: 'supplement_required', who: 'handler', permission: 'qualification.accept', when: (a) => !a.missing_notice },
  reject: { from: ['submitted'], to: 'not_accepted', who: 'handler', permission: 'qualification.accept' },
  supplement: { from: ['supplement_required'], to: 'submitted', who: 'applicant', permission: 'qualification.apply' },
  withdraw: { from: ['submitted', 'supplement_required'], to: 'withdrawn', who: 'applicant', permission: 'qualification.apply' },
  examine: { from: ['accepted'], to: 'examined', who: 'examiner', permission: 'qualification.examine', when: (a) => !!a.examining_unit_id },
  approve: { from: ['accepted', 'examined'], to: 'approved', who: 'decider', permission: 'qualification.decide', when: decidable },
  refuse: { from: ['accepted', 'examined'], to: 'refused', who: 'decider', permission: 'qualification.decide', when: decidable },
} as const satisfies Record<string, Verb>;

export type VerbName = keyof typeof VERBS;
export const VERB_NAMES = Object.keys(VERBS) as VerbName[];

/** I/II are decided only after the city's examination; III/IV and records straight after acceptance. */
function decidable(a: ApplicationFacts): boolean {
  return a.examining_unit_id ? a.status === 'examined' : a.status === 'accepted';
}

/** The police unit that takes this step: acceptance by the unit the materials go to first. */
function unitFor(who: Who, a: ApplicationFacts): string | null {
  if (who === 'handler') return a.examining_unit_id ?? a.deciding_unit_id;
  if (who === 'examiner') return a.examining_unit_id;
  if (who === 'decider') return a.deciding_unit_id;
  return null;
}

/** May this actor ever take this step on this application (status aside)? Deny by default. */
export function isActorFor(verb: VerbName, a: ApplicationFacts, actor: Actor): boolean {
  const v: Verb = VERBS[verb];
  if (!hasPermission(actor, v.permission)) return false;
  if (v.who === 'applicant') return actor.role === 'company_user' && !!actor.companyId && actor.companyId === a.company_id;
  const unit = unitFor(v.who, a);
  return !!unit && !!actor.policeUnitId && actor.policeUnitId === unit;
}

function stateAllows(verb: VerbName, a: ApplicationFacts): boolean {
  const v: Verb = VERBS[verb];
  return (v.from as readonly string[]).includes(a.status) && (v.when?.(a) ?? true);
}

/** The steps this actor may take now; the same list drives the server's checks and the web's buttons. */
export function allowedActions(a: ApplicationFacts, actor: Actor): VerbName[] {
  return VERB_NAMES.filter((verb) => isActorFor(verb, a, actor) && stateAllows(verb, a));
}

/**
 * Refuse unless this actor may take this step now: FORBIDDEN when it is not theirs to take,
 * TRANSITION_NOT_ALLOWED when it is theirs but not in this state. Returns the target status.
 */
export function authoriseStep(verb: VerbName, a: ApplicationFacts, actor: Actor): ApplicationStatus {
  if (!isActorFor(verb, a, actor)) throw new AppError('FORBIDDEN');
  const to = VERBS[verb].to;
  if (!stateAllows(verb, a)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from: a.status, to } });
  assertTransition(a.status, to);
  return to;
}
