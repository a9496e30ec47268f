import type { Actor } from '../../platform/access/actor.js';
import { getDivision } from '../../platform/jurisdictions/divisions.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { findCategory, type Catalogue } from './catalogue.js';
import type { CertificateRow, DeviceRow } from './devices.repository.js';
import type { FindingListRow, FindingRow } from './findings.repository.js';
import { canEditSite } from './registry.access.js';
import type { SiteRow } from './sites.repository.js';
import type { SystemRow } from './systems.repository.js';

/** Rows → API views (camelCase, booleans, names resolved). */

const bool = (n: number | string) => Number(n) === 1;
const divisionName = (code: string) => getDivision(code)?.name ?? code;

function parseDetail(text: string | null): { zh: string; en: string } {
  try {
    const d = JSON.parse(text ?? '') as { zh?: string; en?: string };
    return { zh: d.zh ?? '', en: d.en ?? '' };
  } catch {
    return { zh: text ?? '', en: text ?? '' };
  }
}

export function presentFinding(f: FindingRow | FindingListRow, siteName?: string) {
  return {
    id: f.id,
    siteId: f.site_id,
    siteName: 'site_name' in f ? f.site_name : (siteName ?? ''),
    subjectType: f.subject_type as 'site' | 'system' | 'device',
    subjectId: f.subject_id,
    rule: f.rule,
    article: f.article,
    penaltyArticle: f.penalty_article,
    divisionCode: f.division_code,
    categoryCode: f.category_code,
    openedAt: f.opened_at,
    resolvedAt: f.resolved_at,
    detail: parseDetail(f.detail),
  };
}

export function presentSiteSummary(s: Pick<SiteRow, 'id' | 'site_type' | 'name' | 'division_code' | 'category_code' | 'kind_code' | 'open_findings' | 'anti_terror_target' | 'unit_id'>) {
  return {
    id: s.id,
    siteType: s.site_type as 'key_unit' | 'public_area',
    name: s.name,
    divisionCode: s.division_code,
    divisionName: divisionName(s.division_code),
    categoryCode: s.category_code,
    kindCode: s.kind_code,
    unitId: s.unit_id,
    openFindings: Number(s.open_findings),
    antiTerrorTarget: bool(s.anti_terror_target),
  };
}

export function presentSystem(y: SystemRow) {
  return {
    id: y.id,
    systemType: y.system_type,
    name: y.name,
    status: y.status,
    alarmCentreInterface: bool(y.alarm_centre_interface),
    authorisationRef: y.authorisation_ref,
    acceptedOn: y.accepted_on,
    version: Number(y.version),
  };
}

export function presentDevice(d: DeviceRow, certs: CertificateRow[]) {
  return {
    id: d.id,
    systemId: d.system_id,
    deviceKind: d.device_kind,
    name: d.name,
    deviceCode: d.device_code,
    placement: d.placement,
    privacyKind: d.privacy_kind,
    audioCapture: bool(d.audio_capture),
    signage: bool(d.signage),
    retentionDays: d.retention_days === null ? null : Number(d.retention_days),
    equipmentType: d.equipment_type,
    lastReportAt: d.last_report_at,
    reportedRecordingDays: d.reported_recording_days === null ? null : Number(d.reported_recording_days),
    oldestRecordingAt: d.oldest_recording_at,
    certificates: certs.filter((c) => c.device_id === d.id).map((c) => ({ id: c.id, certType: c.cert_type, number: c.number, validTo: c.valid_to })),
    version: Number(d.version),
  };
}

export interface SiteParts {
  site: SiteRow;
  systems: SystemRow[];
  devices: DeviceRow[];
  certificates: CertificateRow[];
  findings: FindingRow[];
  catalogue: Catalogue | undefined;
}

export function presentSiteDetail(p: SiteParts, actor: Actor) {
  const { site } = p;
  const category = p.catalogue ? findCategory(p.catalogue, site.category_code) : undefined;
  const police = site.user_police_unit_id ? getPoliceUnit(site.user_police_unit_id) : undefined;
  return {
    ...presentSiteSummary(site),
    address: site.address,
    categoryName: category?.zh ?? null,
    kindName: category?.kinds.find((k) => k.code === site.kind_code)?.zh ?? null,
    catalogueVersion: site.catalogue_version === null ? null : Number(site.catalogue_version),
    responsibleParty: site.responsible_party,
    responsibleBasis: site.responsible_basis,
    areaKind: site.area_kind,
    builderLevel: site.builder_level,
    userPoliceUnitId: site.user_police_unit_id,
    userPoliceUnitName: police?.name ?? null,
    version: Number(site.version),
    createdAt: site.created_at,
    updatedAt: site.updated_at,
    systems: p.systems.map(presentSystem),
    devices: p.devices.map((d) => presentDevice(d, p.certificates)),
    findings: p.findings.map((f) => presentFinding(f, site.name)),
    /** `edit`: the caller may change this site, its systems and devices. */
    actions: canEditSite(actor, site) ? (['edit'] as const) : [],
  };
}
