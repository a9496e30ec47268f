import { findCategory, type Catalogue } from './catalogue.js';
import { minimumRetentionDays, type RegistrySettings } from './registry.settings.js';
import { CERT_TYPES, PRIVACY_KINDS, SYSTEM_TYPES, type SystemType } from './registry.terms.js';
import { INSTALLED_STATUSES, type SystemStatus } from './systems.states.js';

/**
 * Compliance findings: pure rules over a site's current state. Each cites the article broken
 * (`@article`) and the article that penalises it. Decommissioned systems, and the devices in
 * them, are out of every rule. Findings are computed, never typed in (findings.recompute.ts
 * stores them and keeps their history).
 */
export interface RuleSite {
  id: string;
  siteType: 'key_unit' | 'public_area';
  categoryCode: string | null;
  antiTerrorTarget: boolean;
}
export interface RuleSystem {
  id: string;
  systemType: SystemType;
  status: SystemStatus;
  alarmCentreInterface: boolean;
  authorisationRef: string | null;
  acceptedOn: string | null;
}
export interface RuleDevice {
  id: string;
  systemId: string;
  deviceKind: 'camera' | 'equipment';
  placement: 'public_area' | 'inside_unit' | 'privacy' | null;
  privacyKind: string | null;
  audioCapture: boolean;
  signage: boolean;
  retentionDays: number | null;
  /** Latest retention report (art. 20 watchdog), if any. */
  reportedRecordingDays: number | null;
  certificates: { certType: string; number: string; validTo: string | null }[];
}
/** A construction project on the site (art. 17) whose construction has been reported started. */
export interface RuleProject {
  id: string;
  number: string;
  constructionStartedOn: string | null;
  /** The design scheme is approved (the project is in or past `scheme_approved`). */
  schemeApproved: boolean;
}
export interface SiteState {
  site: RuleSite;
  systems: RuleSystem[];
  devices: RuleDevice[];
  /** Projects of the site; absent means none. */
  projects?: RuleProject[];
}

export interface FindingDraft {
  rule: string;
  subjectType: 'site' | 'system' | 'device';
  subjectId: string;
  article: string;
  /** null: no fine, an order to correct (e.g. art. 7 signage). */
  penaltyArticle: string | null;
  detail: { zh: string; en: string };
}

export interface RuleInput {
  state: SiteState;
  catalogue: Catalogue;
  today: string;
  settings: RegistrySettings;
}

/** Art. 11 for public areas: their video must be networked to the police (alarm centre, command system). */
export const PUBLIC_AREA_ALARM_CENTRE_SYSTEMS: readonly SystemType[] = ['video_surveillance'];

const live = (s: RuleSystem) => s.status !== 'decommissioned';

function liveDevices(state: SiteState): RuleDevice[] {
  const liveIds = new Set(state.systems.filter(live).map((s) => s.id));
  return state.devices.filter((d) => liveIds.has(d.systemId));
}

/** Where a device captures: its own placement, else the site's nature. */
function inPublicArea(d: RuleDevice, site: RuleSite): boolean {
  return d.placement === 'public_area' || (d.placement === null && site.siteType === 'public_area');
}

const sysLabel = (t: SystemType) => SYSTEM_TYPES[t] ?? { zh: t, en: t };

/** @article 9 — a key unit must install the systems its category requires (penalty art. 33). Installed = accepted or in use. */
export function requiredSystemMissing({ state, catalogue }: RuleInput): FindingDraft[] {
  if (state.site.siteType !== 'key_unit') return [];
  const category = findCategory(catalogue, state.site.categoryCode);
  if (!category) return [];
  const installed = new Set(state.systems.filter((s) => INSTALLED_STATUSES.includes(s.status)).map((s) => s.systemType));
  return category.requiredSystems
    .filter((t) => !installed.has(t))
    .map((t) => ({
      rule: `required_system_missing:${t}`,
      subjectType: 'site',
      subjectId: state.site.id,
      article: '9',
      penaltyArticle: '33',
      detail: {
        zh: `类别 ${category.code}（${category.zh}）应当安装${sysLabel(t).zh}，尚未安装（已验收或使用中）`,
        en: `Category ${category.code} requires ${sysLabel(t).en}; none is installed (accepted or in use)`,
      },
    }));
}

/** @article 10(2) — no video or audio capture in hotel rooms, dormitories, bathrooms, changing rooms, toilets (penalty art. 32). */
export function privacyCapture({ state }: RuleInput): FindingDraft[] {
  return liveDevices(state)
    .filter((d) => d.placement === 'privacy' && (d.deviceKind === 'camera' || d.audioCapture))
    .map((d) => {
      const place = PRIVACY_KINDS[d.privacyKind as keyof typeof PRIVACY_KINDS] ?? { zh: '隐私场所', en: 'a privacy place' };
      const what = d.deviceKind === 'camera' ? { zh: '视频', en: 'video' } : { zh: '音频', en: 'audio' };
      return {
        rule: 'privacy_capture',
        subjectType: 'device',
        subjectId: d.id,
        article: '10',
        penaltyArticle: '32',
        detail: { zh: `在${place.zh}安装具有${what.zh}采集功能的设备`, en: `Device capturing ${what.en} installed in ${place.en.toLowerCase()}` },
      };
    });
}

/** @article 7(3) — video capture in a public area needs obvious signs; an order to correct, no fine. */
export function signageMissing({ state }: RuleInput): FindingDraft[] {
  return liveDevices(state)
    .filter((d) => d.deviceKind === 'camera' && inPublicArea(d, state.site) && !d.signage)
    .map((d) => ({
      rule: 'signage_missing',
      subjectType: 'device',
      subjectId: d.id,
      article: '7',
      penaltyArticle: null,
      detail: { zh: '公共区域视频采集设备未设置明显提示标识', en: 'Public-area camera without visible signage' },
    }));
}

/**
 * @article 11 — systems must reserve an interface to the local alarm centre (penalty art. 34(1)).
 * Which systems: at a key unit, the types its category lists in `alarmCentreSystems`; in a public
 * area, video surveillance (PUBLIC_AREA_ALARM_CENTRE_SYSTEMS).
 */
export function alarmCentreInterfaceMissing({ state, catalogue }: RuleInput): FindingDraft[] {
  const needs: readonly SystemType[] =
    state.site.siteType === 'public_area'
      ? PUBLIC_AREA_ALARM_CENTRE_SYSTEMS
      : (findCategory(catalogue, state.site.categoryCode)?.alarmCentreSystems ?? []);
  return state.systems
    .filter((s) => live(s) && needs.includes(s.systemType) && !s.alarmCentreInterface)
    .map((s) => ({
      rule: 'alarm_centre_interface_missing',
      subjectType: 'system',
      subjectId: s.id,
      article: '11',
      penaltyArticle: '34(1)',
      detail: { zh: `${sysLabel(s.systemType).zh}未预留与报警中心联网的接口`, en: `${sysLabel(s.systemType).en} has no interface to the alarm centre` },
    }));
}

/** @article 13 — main equipment needs a quality certificate valid today (penalty art. 34(3)). Applies to devices registered as main equipment. */
export function qualityCertificateMissing({ state, today }: RuleInput): FindingDraft[] {
  return liveDevices(state)
    .filter((d) => d.deviceKind === 'equipment' && !d.certificates.some((c) => c.validTo === null || c.validTo >= today))
    .map((d) => {
      const expired = d.certificates.length > 0;
      return {
        rule: 'quality_certificate_missing',
        subjectType: 'device',
        subjectId: d.id,
        article: '13',
        penaltyArticle: '34(3)',
        detail: expired
          ? { zh: `主要设备的质量证明（${d.certificates.map((c) => CERT_TYPES[c.certType as keyof typeof CERT_TYPES]?.zh ?? c.certType).join('、')}）均已过期`, en: 'Every quality certificate of this main equipment has expired' }
          : { zh: '主要设备没有质量证明', en: 'Main equipment without a quality certificate' },
      };
    });
}

/**
 * @article 20 — footage kept at least 30 days, 90 on an anti-terrorism key target (penalty art.
 * 34(4)): the camera's configured retention, and separately the recording days it last reported.
 */
export function retentionBelowMinimum({ state, settings }: RuleInput): FindingDraft[] {
  const min = minimumRetentionDays(settings, state.site.antiTerrorTarget);
  const why = state.site.antiTerrorTarget ? { zh: '（反恐怖防范重点目标）', en: ' (anti-terrorism key target)' } : { zh: '', en: '' };
  const out: FindingDraft[] = [];
  for (const d of liveDevices(state)) {
    if (d.deviceKind !== 'camera') continue;
    if (d.retentionDays !== null && d.retentionDays < min) {
      out.push({
        rule: 'retention_configured_below_minimum',
        subjectType: 'device',
        subjectId: d.id,
        article: '20',
        penaltyArticle: '34(4)',
        detail: { zh: `设定存储 ${d.retentionDays} 天，少于 ${min} 天${why.zh}`, en: `Configured retention ${d.retentionDays} days, below ${min}${why.en}` },
      });
    }
    if (d.reportedRecordingDays !== null && d.reportedRecordingDays < min) {
      out.push({
        rule: 'retention_reported_below_minimum',
        subjectType: 'device',
        subjectId: d.id,
        article: '20',
        penaltyArticle: '34(4)',
        detail: { zh: `实际存储 ${d.reportedRecordingDays} 天，少于 ${min} 天${why.zh}`, en: `Reported recordings span ${d.reportedRecordingDays} days, below ${min}${why.en}` },
      });
    }
  }
  return out;
}

/** @article 19 — a system may be put into use only after acceptance (penalty art. 36): in use without an acceptance date. */
export function inUseWithoutAcceptance({ state }: RuleInput): FindingDraft[] {
  return state.systems
    .filter((s) => s.status === 'in_use' && !s.acceptedOn)
    .map((s) => ({
      rule: 'in_use_without_acceptance',
      subjectType: 'system',
      subjectId: s.id,
      article: '19',
      penaltyArticle: '36',
      detail: { zh: `${sysLabel(s.systemType).zh}未经验收即投入使用`, en: `${sysLabel(s.systemType).en} in use without acceptance` },
    }));
}

/**
 * @article 8 — no system in a public area without authorisation (penalty art. 32): a live system
 * of a public-area site, or one with a device placed in a public area, needs its authorisation reference.
 */
export function publicAreaUnauthorised({ state }: RuleInput): FindingDraft[] {
  const devices = liveDevices(state);
  return state.systems
    .filter((s) => live(s) && !s.authorisationRef)
    .filter((s) => state.site.siteType === 'public_area' || devices.some((d) => d.systemId === s.id && d.placement === 'public_area'))
    .map((s) => ({
      rule: 'public_area_unauthorised',
      subjectType: 'system',
      subjectId: s.id,
      article: '8',
      penaltyArticle: '32',
      detail: { zh: `${sysLabel(s.systemType).zh}安装在公共区域，未登记批准文号`, en: `${sysLabel(s.systemType).en} in a public area without an authorisation reference` },
    }));
}

/**
 * @article 17 — construction only after the design scheme is approved (penalty art. 36): a project
 * reported started while its scheme is not approved. One finding per project (the rule carries
 * the project number); it resolves once the scheme is approved, and stays open if it never is.
 */
export function constructionBeforeApproval({ state }: RuleInput): FindingDraft[] {
  return (state.projects ?? [])
    .filter((p) => p.constructionStartedOn !== null && !p.schemeApproved)
    .map((p) => ({
      rule: `construction_before_approval:${p.number}`,
      subjectType: 'site',
      subjectId: state.site.id,
      article: '17',
      penaltyArticle: '36',
      detail: {
        zh: `项目 ${p.number} 的设计方案未经审核批准，已于 ${p.constructionStartedOn} 开工`,
        en: `Project ${p.number}: construction started on ${p.constructionStartedOn} without an approved design scheme`,
      },
    }));
}

export const RULES = [
  requiredSystemMissing,
  privacyCapture,
  signageMissing,
  alarmCentreInterfaceMissing,
  qualityCertificateMissing,
  retentionBelowMinimum,
  inUseWithoutAcceptance,
  publicAreaUnauthorised,
  constructionBeforeApproval,
] as const;

/** Every finding for one site's current state. */
export function computeFindings(state: SiteState, catalogue: Catalogue, today: string, settings: RegistrySettings): FindingDraft[] {
  const input = { state, catalogue, today, settings };
  return RULES.flatMap((rule) => rule(input));
}
