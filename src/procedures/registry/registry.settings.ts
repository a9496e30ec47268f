import type { Config } from '../../platform/config.js';

/**
 * Registry thresholds. Defaults are the Measures' own numbers; they are arguments to the rules,
 * never read inside them. `config` is accepted so an environment setting can be added in
 * platform/config.ts later without changing any caller.
 */
export interface RegistrySettings {
  /** Art. 20: footage kept at least 30 days. */
  minRetentionDays: number;
  /** Art. 20: anti-terrorism key targets keep footage at least 90 days. */
  antiTerrorMinRetentionDays: number;
  /** Retention watchdog: a camera not reporting for this many hours is flagged as stale. */
  staleReportHours: number;
}

export const REGISTRY_DEFAULTS: Readonly<RegistrySettings> = Object.freeze({
  minRetentionDays: 30,
  antiTerrorMinRetentionDays: 90,
  staleReportHours: 48,
});

export function registrySettings(_config?: Config): RegistrySettings {
  return { ...REGISTRY_DEFAULTS };
}

/** The minimum that applies to a site (art. 20). */
export function minimumRetentionDays(settings: RegistrySettings, antiTerrorTarget: boolean): number {
  return antiTerrorTarget ? settings.antiTerrorMinRetentionDays : settings.minRetentionDays;
}
