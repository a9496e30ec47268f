import type { SystemType } from './registry.terms.js';

/**
 * The key-unit catalogue (art. 9): ten categories, their kinds, and — a table the province
 * maintains — the systems each category must have and which of them must connect to the alarm
 * centre (art. 11). Versioned: the provincial department adjusts the scope and announces it
 * (art. 9(2)); rules use the version in force today.
 */
export interface CatalogueKind {
  code: string;
  zh: string;
  en: string;
}

export interface CatalogueCategory {
  code: string;
  zh: string;
  en: string;
  kinds: CatalogueKind[];
  /** Art. 9 → 33: a key unit of this category lacking an installed system of these types is a finding. */
  requiredSystems: SystemType[];
  /** Art. 11 → 34(1): systems of these types at a key unit of this category must have the alarm-centre interface. */
  alarmCentreSystems: SystemType[];
}

export interface Catalogue {
  version: number;
  effectiveFrom: string;
  illustrative: boolean;
  categories: CatalogueCategory[];
}

export function findCategory(catalogue: Catalogue, code: string | null | undefined): CatalogueCategory | undefined {
  return code ? catalogue.categories.find((c) => c.code === code) : undefined;
}

/** The catalogue version in force on `today`: the newest already effective, else the oldest. */
export function versionInForce<T extends { version: number; effective_from: string }>(rows: readonly T[], today: string): T | undefined {
  const sorted = [...rows].sort((a, b) => Number(b.version) - Number(a.version));
  return sorted.find((r) => r.effective_from <= today) ?? sorted.at(-1);
}
