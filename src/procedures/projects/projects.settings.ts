import type { Config } from '../../platform/config.js';
import type { DayKind } from '../../platform/calendar/legal-days.js';

/**
 * The numbers of the projects procedure in one place: rules take them as arguments, actions read
 * them from here. Review period, acceptance period and scale thresholds are platform settings
 * (README settings table); the completeness period is the law's own.
 */
export interface ProjectSettings {
  /** 行政许可法32: accept or send the one notice within 5 working days of receipt. */
  completenessDays: number;
  completenessDayKind: DayKind;
  /** Art. 17: scheme review within 15 days of acceptance (working by default, 行政许可法82). */
  schemeReviewDays: number;
  schemeReviewDayKind: DayKind;
  /** Art. 19 / 行政许可法42: the acceptance decision. */
  acceptanceDecisionDays: number;
  acceptanceDecisionDayKind: DayKind;
  /** GA/T 75 scale classes by investment (yuan). */
  scaleClass1Yuan: number;
  scaleClass2Yuan: number;
}

export const DEADLINE_KINDS = {
  completeness: 'scheme.completeness',
  review: 'scheme.review',
  acceptance: 'acceptance.decision',
} as const;

export function projectSettings(config: Config): ProjectSettings {
  return {
    completenessDays: 5,
    completenessDayKind: 'working',
    schemeReviewDays: config.schemeReviewDays,
    schemeReviewDayKind: config.schemeReviewDayKind,
    acceptanceDecisionDays: config.acceptanceDecisionDays,
    acceptanceDecisionDayKind: 'working',
    scaleClass1Yuan: config.scaleClass1Yuan,
    scaleClass2Yuan: config.scaleClass2Yuan,
  };
}
