import { hasPermission, type Permission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { applicantUnitFor } from './projects.rules.js';
import { PROJECT_STATUSES, type ProjectStatus } from './projects.terms.js';

/**
 * A project's statuses and steps as data (art. 17–19; Administrative Licensing Law arts. 32, 42,
 * 45). Every detail and summary carries `actions` computed here; the web shows exactly those
 * buttons and the server refuses anything else. Who may take a step:
 * - applicant: the construction unit — for a key unit the site's unit user (`unit_id`), for a key
 *   public area an officer of the police bureau at the builder government's level (art. 7);
 * - authority: officers of the competent bureau (`authority_unit_id`, art. 17 and 19);
 * - testing: the testing institution designated on the project (art. 18).
 */
export { PROJECT_STATUSES, type ProjectStatus };

export const TRANSITIONS: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['supplement_required', 'scheme_accepted', 'not_accepted', 'withdrawn'],
  supplement_required: ['submitted', 'withdrawn'],
  scheme_accepted: ['scheme_approved', 'scheme_refused'],
  scheme_approved: ['under_construction', 'acceptance_applied'],
  under_construction: ['acceptance_applied'],
  acceptance_applied: ['completed', 'acceptance_refused'],
  acceptance_refused: ['acceptance_applied'],
  not_accepted: [],
  withdrawn: [],
  scheme_refused: [],
  completed: [],
};

/** Being handled: a clock may run, the project shows in queues and eligibility is watched. */
export const OPEN_STATUSES: readonly ProjectStatus[] = [
  'submitted',
  'supplement_required',
  'scheme_accepted',
  'scheme_approved',
  'under_construction',
  'acceptance_applied',
  'acceptance_refused',
];

/** Before the scheme is approved: construction reported now is the art. 17 → 36 finding. */
export const BEFORE_APPROVAL: readonly ProjectStatus[] = ['draft', 'submitted', 'supplement_required', 'scheme_accepted'];

export function assertTransition(from: string, to: ProjectStatus): void {
  if (from === to) return;
  const allowed = TRANSITIONS[from as ProjectStatus] ?? [];
  if (!allowed.includes(to)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from, to } });
}

/** What the state machine needs to know about a project (a row plus whether its review clock is stopped). */
export interface ProjectFacts {
  status: string;
  site_type: string;
  division_code: string;
  unit_id: string | null;
  builder_level: string | null;
  authority_unit_id: string;
  notice_issued_on: string | null;
  construction_started_on: string | null;
  testing_institution_id: string | null;
  /** The scheme-review clock is paused (expert review, testing, suspension, hearing). */
  paused?: boolean;
}

export type Who = 'applicant' | 'authority' | 'testing';

export interface Verb {
  from: readonly ProjectStatus[];
  /** Target status; `null` = the status stays (a fact is recorded). */
  to: ProjectStatus | null | ((from: ProjectStatus) => ProjectStatus);
  who: Who;
  /** Extra condition beyond the status; when false the step is not offered (409 if tried). */
  when?: (p: ProjectFacts) => boolean;
}

const SCHEME_SUBMITTERS = ['draft', 'submitted', 'supplement_required'] as const;

/** Every step, by the name the API (`POST /api/projects/:id/<step>`) and the web use. */
export const VERBS = {
  submit: { from: ['draft'], to: 'submitted', who: 'applicant' },
  // One consolidated notice (一次性告知): a second one is refused with its own code (see authoriseStep).
  notice: { from: ['submitted'], to: 'supplement_required', who: 'authority', when: (p) => !p.notice_issued_on },
  supplement: { from: ['supplement_required'], to: 'submitted', who: 'applicant' },
  accept: { from: ['submitted'], to: 'scheme_accepted', who: 'authority' },
  'not-accept': { from: ['submitted'], to: 'not_accepted', who: 'authority' },
  pause: { from: ['scheme_accepted'], to: null, who: 'authority', when: (p) => !p.paused },
  resume: { from: ['scheme_accepted'], to: null, who: 'authority', when: (p) => !!p.paused },
  approve: { from: ['scheme_accepted'], to: 'scheme_approved', who: 'authority' },
  refuse: { from: ['scheme_accepted'], to: 'scheme_refused', who: 'authority' },
  withdraw: { from: SCHEME_SUBMITTERS, to: 'withdrawn', who: 'applicant' },
  // Before approval the fact is recorded (status stays; art. 17 → 36); after approval it starts construction.
  'construction-started': {
    from: [...SCHEME_SUBMITTERS.filter((s) => s !== 'draft'), 'scheme_accepted', 'scheme_approved'],
    to: (from) => (from === 'scheme_approved' ? 'under_construction' : from),
    who: 'applicant',
    when: (p) => p.status === 'scheme_approved' || !p.construction_started_on,
  },
  'designate-testing': { from: ['scheme_approved', 'under_construction', 'acceptance_refused'], to: null, who: 'applicant' },
  'test-report': {
    from: ['scheme_approved', 'under_construction', 'acceptance_refused'],
    to: null,
    who: 'testing',
    when: (p) => !!p.testing_institution_id,
  },
  'apply-acceptance': { from: ['scheme_approved', 'under_construction', 'acceptance_refused'], to: 'acceptance_applied', who: 'applicant' },
  'grant-acceptance': { from: ['acceptance_applied'], to: 'completed', who: 'authority' },
  'refuse-acceptance': { from: ['acceptance_applied'], to: 'acceptance_refused', who: 'authority' },
} as const satisfies Record<string, Verb>;

export type VerbName = keyof typeof VERBS;
export const VERB_NAMES = Object.keys(VERBS) as VerbName[];
/** The steps with a `POST /api/projects/:id/<step>` endpoint (`test-report` posts to `/test-reports`). */
export const STEP_NAMES = VERB_NAMES.filter((v) => v !== 'test-report');

/** The permission each kind of actor needs for its steps. */
export function permissionFor(who: Who, p: Pick<ProjectFacts, 'site_type'>): Permission {
  if (who === 'authority') return 'project.review';
  if (who === 'testing') return 'project.test_report';
  return p.site_type === 'key_unit' ? 'project.submit' : 'project.submit_public_area';
}

/** Is this actor the construction unit of the project? Deny by default. */
export function isApplicant(p: ProjectFacts, actor: Actor): boolean {
  if (!hasPermission(actor, permissionFor('applicant', p))) return false;
  if (p.site_type === 'key_unit') return actor.role === 'unit_user' && !!actor.unitId && actor.unitId === p.unit_id;
  const unit = applicantUnitFor({ siteType: 'public_area', divisionCode: p.division_code, builderLevel: p.builder_level });
  return !!unit && !!actor.policeUnitId && actor.policeUnitId === unit;
}

/** May this actor ever take this step on this project (status aside)? */
export function isActorFor(verb: VerbName, p: ProjectFacts, actor: Actor): boolean {
  const v: Verb = VERBS[verb];
  if (v.who === 'applicant') return isApplicant(p, actor);
  if (!hasPermission(actor, permissionFor(v.who, p))) return false;
  if (v.who === 'authority') return !!actor.policeUnitId && actor.policeUnitId === p.authority_unit_id;
  return actor.role === 'testing_institution' && !!actor.institutionId && actor.institutionId === p.testing_institution_id;
}

function stateAllows(verb: VerbName, p: ProjectFacts): boolean {
  const v: Verb = VERBS[verb];
  return (v.from as readonly string[]).includes(p.status) && (v.when?.(p) ?? true);
}

export function targetOf(verb: VerbName, from: string): ProjectStatus {
  const v: Verb = VERBS[verb];
  if (v.to === null) return from as ProjectStatus;
  return typeof v.to === 'function' ? v.to(from as ProjectStatus) : v.to;
}

/** The steps this actor may take now; the same list drives the server's checks and the web's buttons. */
export function allowedActions(p: ProjectFacts, actor: Actor): VerbName[] {
  return VERB_NAMES.filter((verb) => isActorFor(verb, p, actor) && stateAllows(verb, p));
}

/**
 * Refuse unless this actor may take this step now: FORBIDDEN when it is not theirs to take,
 * PROJECT_NOTICE_ALREADY_ISSUED for a second notice (行政许可法32: one consolidated notice),
 * TRANSITION_NOT_ALLOWED when it is theirs but not in this state. Returns the target status.
 */
export function authoriseStep(verb: VerbName, p: ProjectFacts, actor: Actor): ProjectStatus {
  if (!isActorFor(verb, p, actor)) throw new AppError('FORBIDDEN');
  const to = targetOf(verb, p.status);
  if (verb === 'notice' && p.notice_issued_on) throw refuse('PROJECT_NOTICE_ALREADY_ISSUED', '行政许可法32', { noticeIssuedOn: p.notice_issued_on });
  if (!stateAllows(verb, p)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from: p.status, step: verb } });
  assertTransition(p.status, to);
  return to;
}
