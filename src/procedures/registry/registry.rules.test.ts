import { describe, expect, it } from 'vitest';
import type { Catalogue } from './catalogue.js';
import { ILLUSTRATIVE_CATEGORIES } from './catalogue.seed.js';
import { REGISTRY_DEFAULTS } from './registry.settings.js';
import { computeFindings, type RuleDevice, type RuleSystem, type SiteState } from './registry.rules.js';

const TODAY = '2026-03-02';
const catalogue: Catalogue = { version: 1, effectiveFrom: '2017-08-01', illustrative: true, categories: ILLUSTRATIVE_CATEGORIES };

const system = (o: Partial<RuleSystem> = {}): RuleSystem => ({
  id: 'sys-video',
  systemType: 'video_surveillance',
  status: 'in_use',
  alarmCentreInterface: true,
  authorisationRef: null,
  acceptedOn: '2025-01-01',
  ...o,
});
const camera = (o: Partial<RuleDevice> = {}): RuleDevice => ({
  id: 'cam-1',
  systemId: 'sys-video',
  deviceKind: 'camera',
  placement: 'inside_unit',
  privacyKind: null,
  audioCapture: false,
  signage: false,
  retentionDays: 30,
  reportedRecordingDays: null,
  certificates: [],
  ...o,
});
const equipment = (o: Partial<RuleDevice> = {}): RuleDevice =>
  camera({ id: 'eq-1', deviceKind: 'equipment', placement: 'inside_unit', retentionDays: null, certificates: [{ certType: 'ccc', number: 'C1', validTo: TODAY }], ...o });

/** A category-7 school (requires video only) with a compliant video system: the clean baseline. */
function school(systems: RuleSystem[] = [system()], devices: RuleDevice[] = [camera()], site: Partial<SiteState['site']> = {}): SiteState {
  return { site: { id: 'site-1', siteType: 'key_unit', categoryCode: '7', antiTerrorTarget: false, ...site }, systems, devices };
}
function publicArea(systems: RuleSystem[], devices: RuleDevice[]): SiteState {
  return { site: { id: 'site-2', siteType: 'public_area', categoryCode: null, antiTerrorTarget: false }, systems, devices };
}

/** Findings as `rule subject article→penalty`, sorted. */
function findings(state: SiteState, today = TODAY): string[] {
  return computeFindings(state, catalogue, today, REGISTRY_DEFAULTS)
    .map((f) => `${f.rule} ${f.subjectId} ${f.article}→${f.penaltyArticle ?? '-'}`)
    .sort();
}

describe('baseline', () => {
  it('a compliant school has no findings', () => expect(findings(school())).toEqual([]));
});

describe('art. 9 — key unit lacks a system its category requires (penalty art. 33)', () => {
  const bank = (systems: RuleSystem[]) => school(systems, [], { categoryCode: '4' });
  const alarm = system({ id: 'sys-alarm', systemType: 'intrusion_alarm' });
  const access = system({ id: 'sys-access', systemType: 'access_control' });
  it.each([
    ['no systems at all', [], ['access_control', 'intrusion_alarm', 'video_surveillance']],
    ['all three installed', [system(), alarm, access], []],
    ['alarm only planned', [system(), access, { ...alarm, status: 'planned', acceptedOn: null }], ['intrusion_alarm']],
    ['alarm under construction', [system(), access, { ...alarm, status: 'under_construction', acceptedOn: null }], ['intrusion_alarm']],
    ['alarm accepted, not yet in use', [system(), access, { ...alarm, status: 'accepted' }], []],
    ['alarm decommissioned', [system(), access, { ...alarm, status: 'decommissioned' }], ['intrusion_alarm']],
  ] as const)('%s', (_n, systems, missing) => {
    const got = findings(bank([...systems]))
      .filter((f) => f.startsWith('required_system_missing'))
      .map((f) => f.split(' ')[0].split(':')[1]);
    expect(got).toEqual([...missing]);
    for (const f of findings(bank([...systems])).filter((x) => x.startsWith('required_system_missing'))) expect(f).toMatch(/ site-1 9→33$/);
  });
  it('category 10 requires nothing; public areas are not key units', () => {
    expect(findings(school([], [], { categoryCode: '10' }))).toEqual([]);
    expect(findings(publicArea([], []))).toEqual([]);
  });
  it('an unknown category yields no art. 9 finding (validation refuses it on input)', () => {
    expect(findings(school([], [], { categoryCode: '99' }))).toEqual([]);
  });
});

describe('art. 10 — video or audio capture in a privacy place (penalty art. 32)', () => {
  it.each([
    ['camera in a changing room', camera({ placement: 'privacy', privacyKind: 'changing_room' }), ['privacy_capture cam-1 10→32']],
    ['camera in a toilet', camera({ placement: 'privacy', privacyKind: 'toilet' }), ['privacy_capture cam-1 10→32']],
    ['audio-capturing equipment in a hotel room', equipment({ placement: 'privacy', privacyKind: 'hotel_room', audioCapture: true }), ['privacy_capture eq-1 10→32']],
    ['equipment without audio in a dormitory (an alarm panel)', equipment({ placement: 'privacy', privacyKind: 'dormitory' }), []],
    ['camera inside the unit', camera(), []],
  ] as const)('%s', (_n, device, expected) => {
    expect(findings(school([system()], [device]))).toEqual(expected);
  });
  it('decommissioned system: its camera in a changing room no longer counts', () => {
    const state = school([system(), system({ id: 'sys-old', status: 'decommissioned' })], [camera({ systemId: 'sys-old', placement: 'privacy', privacyKind: 'changing_room' })]);
    expect(findings(state)).toEqual([]);
  });
});

describe('art. 7 — public-area camera without signage (order to correct, no fine)', () => {
  it.each([
    ['key unit camera facing the street, no sign', school([system({ authorisationRef: 'A1' })], [camera({ placement: 'public_area' })]), ['signage_missing cam-1 7→-']],
    ['with a sign', school([system({ authorisationRef: 'A1' })], [camera({ placement: 'public_area', signage: true })]), []],
    ['public-area site, camera without a placement', publicArea([system({ authorisationRef: 'A1' })], [camera({ placement: null })]), ['signage_missing cam-1 7→-']],
    ['equipment is not video capture', school([system()], [equipment({ placement: 'public_area' })]), ['public_area_unauthorised sys-video 8→32']],
  ] as const)('%s', (_n, state, expected) => expect(findings(state)).toEqual(expected));
});

describe('art. 11 — no alarm-centre interface where required (penalty art. 34(1))', () => {
  it.each([
    ['bank intrusion alarm without interface', '4', system({ id: 'sys-alarm', systemType: 'intrusion_alarm', alarmCentreInterface: false }), ['alarm_centre_interface_missing sys-alarm 11→34(1)']],
    ['bank intrusion alarm with interface', '4', system({ id: 'sys-alarm', systemType: 'intrusion_alarm' }), []],
    ['bank video without interface (not required)', '4', system({ alarmCentreInterface: false }), []],
    ['school intrusion alarm without interface (category 7 does not require it)', '7', system({ id: 'sys-alarm', systemType: 'intrusion_alarm', alarmCentreInterface: false }), []],
    ['planned alarm without interface (art. 11: reserve it in the design)', '4', system({ id: 'sys-alarm', systemType: 'intrusion_alarm', alarmCentreInterface: false, status: 'planned', acceptedOn: null }), ['alarm_centre_interface_missing sys-alarm 11→34(1)']],
    ['decommissioned alarm', '4', system({ id: 'sys-alarm', systemType: 'intrusion_alarm', alarmCentreInterface: false, status: 'decommissioned' }), []],
  ] as const)('%s', (_n, category, sys, expected) => {
    const got = findings(school([sys], [], { categoryCode: category })).filter((f) => !f.startsWith('required_system_missing'));
    expect(got).toEqual(expected);
  });
  it('public-area video must be networked to the police', () => {
    expect(findings(publicArea([system({ alarmCentreInterface: false, authorisationRef: 'A1' })], []))).toEqual(['alarm_centre_interface_missing sys-video 11→34(1)']);
  });
});

describe('art. 13 — main equipment without a valid quality certificate (penalty art. 34(3))', () => {
  it.each([
    ['certificate valid to today', [{ certType: 'ccc', number: 'C1', validTo: TODAY }], []],
    ['certificate expired yesterday', [{ certType: 'ccc', number: 'C1', validTo: '2026-03-01' }], ['quality_certificate_missing eq-1 13→34(3)']],
    ['no certificate', [], ['quality_certificate_missing eq-1 13→34(3)']],
    ['inspection report without expiry', [{ certType: 'inspection_report', number: 'R1', validTo: null }], []],
    ['one expired, one valid', [{ certType: 'ccc', number: 'C1', validTo: '2020-01-01' }, { certType: 'production_licence', number: 'P1', validTo: '2027-01-01' }], []],
  ] as const)('%s', (_n, certificates, expected) => {
    expect(findings(school([system()], [camera(), equipment({ certificates: [...certificates] })]))).toEqual(expected);
  });
  it('cameras are identified by their code; certificates are not required of them', () => {
    expect(findings(school([system()], [camera({ certificates: [] })]))).toEqual([]);
  });
});

describe('art. 20 — retention below 30 days, or 90 on an anti-terrorism target (penalty art. 34(4))', () => {
  const CONF = 'retention_configured_below_minimum cam-1 20→34(4)';
  const REP = 'retention_reported_below_minimum cam-1 20→34(4)';
  it.each([
    [29, false, null, [CONF]],
    [30, false, null, []],
    [89, true, null, [CONF]],
    [90, true, null, []],
    [60, true, null, [CONF]],
    [0, false, null, [CONF]],
    [30, false, 29, [REP]],
    [30, false, 30, []],
    [90, true, 89, [REP]],
    [90, true, 90, []],
    [29, false, 20, [CONF, REP]],
    [null, false, null, []],
  ] as const)('configured %s days, anti-terror %s, reported %s → %j', (retentionDays, antiTerrorTarget, reported, expected) => {
    const state = school([system()], [camera({ retentionDays, reportedRecordingDays: reported })], { antiTerrorTarget });
    expect(findings(state)).toEqual([...expected].sort());
  });
  it('a decommissioned system’s cameras are out of the rule', () => {
    expect(findings(school([system({ status: 'decommissioned' })], [camera({ retentionDays: 7 })]))).toEqual(['required_system_missing:video_surveillance site-1 9→33']);
  });
});

describe('art. 19 — system in use without acceptance (penalty art. 36)', () => {
  it.each([
    ['in use, no acceptance date', system({ acceptedOn: null }), ['in_use_without_acceptance sys-video 19→36']],
    ['in use, accepted', system(), []],
    ['under construction, not accepted', system({ status: 'under_construction', acceptedOn: null }), ['required_system_missing:video_surveillance site-1 9→33']],
    ['decommissioned, never accepted', system({ status: 'decommissioned', acceptedOn: null }), ['required_system_missing:video_surveillance site-1 9→33']],
  ] as const)('%s', (_n, sys, expected) => expect(findings(school([sys], []))).toEqual(expected));
});

describe('art. 8 — system in a public area without authorisation (penalty art. 32)', () => {
  it.each([
    ['public-area system without reference', publicArea([system()], []), ['public_area_unauthorised sys-video 8→32']],
    ['public-area system with reference', publicArea([system({ authorisationRef: '穗公技防审〔2025〕1号' })], []), []],
    ['key unit camera in the public area, no reference', school([system()], [camera({ placement: 'public_area', signage: true })]), ['public_area_unauthorised sys-video 8→32']],
    ['key unit cameras inside only', school([system()], [camera()]), []],
    ['decommissioned public-area system', publicArea([system({ status: 'decommissioned' })], []), []],
  ] as const)('%s', (_n, state, expected) => expect(findings(state)).toEqual(expected));
});

describe('art. 17 — construction before the design scheme is approved (penalty art. 36)', () => {
  const project = (o: Partial<NonNullable<SiteState['projects']>[number]> = {}) => ({
    id: 'p-1',
    number: 'XM-4401-2026-000001',
    constructionStartedOn: '2026-02-20' as string | null,
    schemeApproved: false,
    ...o,
  });
  it.each([
    ['started, not approved', [project()], ['construction_before_approval:XM-4401-2026-000001 site-1 17→36']],
    ['started, approved since', [project({ schemeApproved: true })], []],
    ['not started', [project({ constructionStartedOn: null })], []],
    ['two projects, one early', [project(), project({ id: 'p-2', number: 'XM-2', schemeApproved: true })], ['construction_before_approval:XM-4401-2026-000001 site-1 17→36']],
  ] as const)('%s', (_n, projects, expected) => expect(findings({ ...school(), projects: [...projects] })).toEqual(expected));
});

describe('every finding cites its article and penalty article', () => {
  it('details are bilingual', () => {
    const state = school([system({ acceptedOn: null })], [camera({ placement: 'privacy', privacyKind: 'changing_room', retentionDays: 7 })], { categoryCode: '4' });
    const all = computeFindings(state, catalogue, TODAY, REGISTRY_DEFAULTS);
    expect(all.length).toBeGreaterThan(3);
    for (const f of all) {
      expect(f.article).toMatch(/^\d+$/);
      expect(f.detail.zh.length).toBeGreaterThan(0);
      expect(f.detail.en.length).toBeGreaterThan(0);
    }
  });
});
