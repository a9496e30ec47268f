import type { Config } from '../../platform/config.js';

/**
 * The numbers of art. 15–16 (decoded in shared/regulation/README.md) and of the Administrative
 * Licensing Law, in one place. Rules take them as arguments; actions read them from here.
 * `decisionDays` may later come from the platform config (JIFANG_QUALIFICATION_DECISION_DAYS);
 * until then the optional field is read if present and the legal default applies otherwise.
 */
export interface QualificationSettings {
  /** Art. 15: a qualification certificate is valid 2 years. */
  validityYears: number;
  /** Art. 16: a record certificate (out-of-province) is valid 1 year. */
  recordValidityYears: number;
  /** Art. 15: renewal/extension only in the N days before expiry; also the "expiring" threshold. */
  renewalWindowDays: number;
  /** Art. 15: an extension lasts at most N days (in total, per certificate). */
  maxExtensionDays: number;
  /** Art. 15: years at the current level before promotion. */
  promotionYears: number;
  /** Licensing Law art. 32: accept, or send the notice of missing materials, within 5 working days of receipt. */
  acceptanceDays: number;
  /** Licensing Law art. 42/43: decision (for I/II: each of examination and decision) within 20 working days (art. 82). */
  decisionDays: number;
}

export const QUALIFICATION_DEFAULTS: Readonly<QualificationSettings> = Object.freeze({
  validityYears: 2,
  recordValidityYears: 1,
  renewalWindowDays: 30,
  maxExtensionDays: 90,
  promotionYears: 1,
  acceptanceDays: 5,
  decisionDays: 20,
});

export function qualificationSettings(config: Config): QualificationSettings {
  const fromConfig = (config as Config & { qualificationDecisionDays?: number }).qualificationDecisionDays;
  return { ...QUALIFICATION_DEFAULTS, ...(fromConfig ? { decisionDays: fromConfig } : {}) };
}
