import { hasPermission, withinJurisdiction } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * A penalty case's statuses and steps as data (Administrative Penalty Law: 立案 → 告知 → 陈述申辩 /
 * 听证 → 决定 (or 不予处罚) → 送达 → 缴纳 → 结案). Every detail carries `actions` computed here; the
 * web shows exactly those buttons and the server refuses anything else.
 *
 * ```
 *  open ──propose──► notified ──request-hearing──► hearing_requested ──hold-hearing──► heard
 *   │ warn (33)        │ respond (stays)                                                 │
 *   │                  └──────────── decide (period over or answered) ──► decided ◄──────┘ decide
 *   └─ no-penalty (also from notified, heard) ─► no_penalty          decided ─serve─► served ─pay─► paid ─close─► closed
 * ```
 * `publish` (credit.publish) keeps the status: it publishes the decision once decided.
 */
export const CASE_STATUSES = ['open', 'notified', 'hearing_requested', 'heard', 'decided', 'served', 'paid', 'closed', 'no_penalty'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type Who = 'handler' | 'party' | 'publisher';

export interface CaseFacts {
  status: string;
  division_code: string;
  handling_unit_id: string;
  penalty_article: string;
  warning_given_on: string | null;
  hearing_due: number | string;
  hearing_requested: number | string;
  responded_on: string | null;
  /** Key-unit organisations among the parties (their users answer). */
  partyUnitIds: readonly string[];
  /** Companies named as parties (e.g. art. 35: undertaking without a qualification certificate). */
  partyCompanyIds: readonly string[];
  /** The party's period to state/defend (or to ask for a hearing) has ended, or it has answered. */
  periodOver: boolean;
  /** A publication of the decision is waiting. */
  publicationPending: boolean;
}

interface Verb {
  from: readonly CaseStatus[];
  to: CaseStatus | null;
  who: Who;
  when?: (c: CaseFacts) => boolean;
}

const DECIDED: readonly CaseStatus[] = ['decided', 'served', 'paid', 'closed'];

export const VERBS = {
  warn: { from: ['open'], to: null, who: 'handler', when: (c) => c.penalty_article === '33' && !c.warning_given_on },
  propose: { from: ['open'], to: 'notified', who: 'handler' },
  respond: { from: ['notified'], to: null, who: 'party', when: (c) => !c.responded_on },
  'request-hearing': { from: ['notified'], to: 'hearing_requested', who: 'party', when: (c) => Number(c.hearing_due) === 1 },
  'hold-hearing': { from: ['hearing_requested'], to: 'heard', who: 'handler' },
  decide: { from: ['notified', 'heard'], to: 'decided', who: 'handler', when: (c) => c.periodOver || c.status === 'heard' },
  'no-penalty': { from: ['open', 'notified', 'heard'], to: 'no_penalty', who: 'handler' },
  serve: { from: ['decided'], to: 'served', who: 'handler' },
  pay: { from: ['served'], to: 'paid', who: 'handler' },
  close: { from: ['paid'], to: 'closed', who: 'handler' },
  publish: { from: DECIDED, to: null, who: 'publisher', when: (c) => c.publicationPending },
} as const satisfies Record<string, Verb>;

export type VerbName = keyof typeof VERBS;
export const VERB_NAMES = Object.keys(VERBS) as VerbName[];

/** A user of a party to the case: the key unit's users, or the company's (art. 35 cases name companies). */
export function isPartyUser(actor: Actor, c: Pick<CaseFacts, 'partyUnitIds' | 'partyCompanyIds'>): boolean {
  if (actor.role === 'unit_user') return !!actor.unitId && c.partyUnitIds.includes(actor.unitId);
  if (actor.role === 'company_user') return !!actor.companyId && c.partyCompanyIds.includes(actor.companyId);
  return false;
}

/** Officers of the handling bureau (the one that filed the case) handle and publish it; the party's users answer. */
export function isActorFor(verb: VerbName, c: CaseFacts, actor: Actor): boolean {
  const v: Verb = VERBS[verb];
  if (v.who === 'party') return hasPermission(actor, 'case.respond') && isPartyUser(actor, c);
  const perm = v.who === 'publisher' ? 'credit.publish' : 'case.handle';
  return hasPermission(actor, perm) && !!actor.policeUnitId && actor.policeUnitId === c.handling_unit_id;
}

function stateAllows(verb: VerbName, c: CaseFacts): boolean {
  const v: Verb = VERBS[verb];
  return (v.from as readonly string[]).includes(c.status) && (v.when?.(c) ?? true);
}

export function allowedActions(c: CaseFacts, actor: Actor): VerbName[] {
  return VERB_NAMES.filter((verb) => isActorFor(verb, c, actor) && stateAllows(verb, c));
}

/**
 * FORBIDDEN when the step is not the actor's; PENALTY_STATEMENT_PERIOD_RUNNING for a decision while
 * the party may still state, defend or ask for a hearing (行政处罚法44, 45, 64); PENALTY_HEARING_NOT_AVAILABLE
 * for a hearing request below the threshold (行政处罚法63); TRANSITION_NOT_ALLOWED otherwise.
 */
export function authoriseStep(verb: VerbName, c: CaseFacts, actor: Actor): CaseStatus {
  if (!isActorFor(verb, c, actor)) throw new AppError('FORBIDDEN');
  const v: Verb = VERBS[verb];
  const inFrom = (v.from as readonly string[]).includes(c.status);
  if (verb === 'decide' && c.status === 'notified' && !c.periodOver) throw new AppError('PENALTY_STATEMENT_PERIOD_RUNNING', undefined, { article: '行政处罚法44' });
  if (verb === 'request-hearing' && inFrom && Number(c.hearing_due) !== 1) throw new AppError('PENALTY_HEARING_NOT_AVAILABLE', undefined, { article: '行政处罚法63' });
  if (!stateAllows(verb, c)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from: c.status, step: verb } });
  return (v.to ?? c.status) as CaseStatus;
}

/** Who sees a case: officers of its area or of the handling bureau, the supervisory organ of the area, the party's unit. */
export function canSeeCase(actor: Actor, c: Pick<CaseFacts, 'division_code' | 'handling_unit_id' | 'partyUnitIds' | 'partyCompanyIds'>): boolean {
  if (!hasPermission(actor, 'case.read')) return false;
  switch (actor.role) {
    case 'province_officer':
      return true;
    case 'city_officer':
    case 'county_officer':
    case 'supervisor':
      return withinJurisdiction(actor, c.division_code) || (!!actor.policeUnitId && actor.policeUnitId === c.handling_unit_id);
    case 'unit_user':
    case 'company_user':
      return isPartyUser(actor, c);
    default:
      return false;
  }
}
