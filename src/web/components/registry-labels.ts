// Labels of the registry's enumerations (art. 7–11, 13, 19, 20, 40) and the finding rules with the
// article each breaks and the one that penalises it. Statuses with colours live in status.ts.
import {
  AREA_KINDS,
  BUILDER_LEVELS,
  CERT_TYPES,
  DEVICE_KINDS,
  PLACEMENTS,
  PRIVACY_KINDS,
  RESPONSIBLE_BASES,
  SITE_TYPES,
  SYSTEM_TYPES,
} from '../api/types';
import { isMessageKey, type MessageKey, type Vars } from '../i18n/translate';

type T = (key: MessageKey, vars?: Vars) => string;

/** Each enumeration: its dictionary prefix and its values. Tests check every value has a label. */
export const REGISTRY_ENUMS = {
  siteType: SITE_TYPES,
  systemType: SYSTEM_TYPES,
  deviceKind: DEVICE_KINDS,
  placement: PLACEMENTS,
  privacyKind: PRIVACY_KINDS,
  basis: RESPONSIBLE_BASES,
  areaKind: AREA_KINDS,
  builderLevel: BUILDER_LEVELS,
  certType: CERT_TYPES,
} as const;

export type RegistryEnum = keyof typeof REGISTRY_ENUMS;

/** The label of a value; a value a newer server added shows as itself. */
export function enumLabel(t: T, kind: RegistryEnum, value: string | null | undefined): string {
  if (!value) return '—';
  const key = `${kind}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

export function enumOptions(t: T, kind: RegistryEnum): { value: string; label: string }[] {
  return REGISTRY_ENUMS[kind].map((v) => ({ value: v, label: enumLabel(t, kind, v) }));
}

export interface RuleInfo {
  article: string;
  /** Null: no penalty article, the police order a correction. */
  penaltyArticle: string | null;
}

/**
 * The finding rules (names as registry.rules.ts gives them): what each breaks and what penalises it.
 * A rule may carry a qualifier after a colon, e.g. `required_system_missing:video_surveillance`.
 */
export const FINDING_RULES = {
  required_system_missing: { article: '9', penaltyArticle: '33' },
  privacy_capture: { article: '10', penaltyArticle: '32' },
  signage_missing: { article: '7', penaltyArticle: null },
  alarm_centre_interface_missing: { article: '11', penaltyArticle: '34(1)' },
  quality_certificate_missing: { article: '13', penaltyArticle: '34(3)' },
  retention_configured_below_minimum: { article: '20', penaltyArticle: '34(4)' },
  retention_reported_below_minimum: { article: '20', penaltyArticle: '34(4)' },
  in_use_without_acceptance: { article: '19', penaltyArticle: '36' },
  public_area_unauthorised: { article: '8', penaltyArticle: '32' },
} as const satisfies Record<string, RuleInfo>;

export type FindingRule = keyof typeof FINDING_RULES;
export const FINDING_RULE_NAMES = Object.keys(FINDING_RULES) as FindingRule[];

/** Articles findings can cite, in article order (for filters). */
export const FINDING_ARTICLES: readonly string[] = [...new Set(Object.values(FINDING_RULES).map((r) => r.article))].sort(
  (a, b) => Number(a) - Number(b),
);

/** `required_system_missing:video_surveillance` → ['required_system_missing', 'video_surveillance']. */
export function splitRule(rule: string): [string, string | undefined] {
  const i = rule.indexOf(':');
  return i < 0 ? [rule, undefined] : [rule.slice(0, i), rule.slice(i + 1)];
}

/** The rule's name; a qualifying system type is named after it ("缺少…：视频监控"). */
export function ruleLabel(t: T, rule: string): string {
  const [base, qualifier] = splitRule(rule);
  const key = `rule.${base}`;
  const label = isMessageKey(key) ? t(key) : base;
  if (!qualifier) return label;
  const sys = `systemType.${qualifier}`;
  return `${label}${t('common.colon')}${isMessageKey(sys) ? t(sys) : qualifier}`;
}

/** The plain-language explanation of a rule, or null for a rule this web version does not know. */
export function ruleHelp(t: T, rule: string): string | null {
  const key = `ruleHelp.${splitRule(rule)[0]}`;
  return isMessageKey(key) ? t(key) : null;
}

export function ruleInfo(rule: string): RuleInfo | undefined {
  const base = splitRule(rule)[0];
  return base in FINDING_RULES ? FINDING_RULES[base as FindingRule] : undefined;
}

/** The rule(s) citing an article, for the article filter's labels. */
export function rulesOfArticle(article: string): FindingRule[] {
  return FINDING_RULE_NAMES.filter((r) => FINDING_RULES[r].article === article);
}
