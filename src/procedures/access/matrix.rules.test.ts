import { describe, expect, it } from 'vitest';
import {
  ACCESS_ACTIONS,
  APPROVAL_DEFECTS,
  REQUESTER_KINDS,
  evaluateAccess,
  type AccessAction,
  type AccessDecision,
  type AccessFacts,
  type ApprovalDefect,
  type ApprovalFact,
  type ConditionCode,
  type RequesterKind,
  type SiteType,
} from './matrix.rules.js';

// The system sits in Tianhe district, Guangzhou (440106). Approvals from bureaus around it:
const psb = (level: ApprovalFact['level'], jurisdictionCode: string, byPersonInCharge = true): ApprovalFact => ({
  organ: 'public_security',
  level,
  jurisdictionCode,
  byPersonInCharge,
});
const TIANHE_HEAD = psb('county', '440106');
const TIANHE_STAFF = psb('county', '440106', false);
const GUANGZHOU_HEAD = psb('city', '440100');
const PROVINCE_HEAD = psb('province', '440000');
const MINISTRY_HEAD = psb('national', '000000');
const YUEXIU_HEAD = psb('county', '440104'); // neighbouring district
const SHENZHEN_HEAD = psb('city', '440300');
const TIANHE_STATION = psb('below_county', '440106'); // 派出所
const SS_TIANHE_HEAD: ApprovalFact = { organ: 'state_security', level: 'county', jurisdictionCode: '440106', byPersonInCharge: true };
const SS_GUANGZHOU_STAFF: ApprovalFact = { organ: 'state_security', level: 'city', jurisdictionCode: '440100', byPersonInCharge: false };

const TWO = [{ workCertificateShown: true }, { workCertificateShown: true }];

const base = { siteType: 'key_unit', systemDivisionCode: '440106' } as const;

/** Facts that satisfy every row's conditions when present; each case removes or replaces what it tests. */
function complete(requester: RequesterKind, action: AccessAction, siteType: SiteType = 'key_unit'): AccessFacts {
  return {
    requester,
    action,
    siteType,
    systemDivisionCode: '440106',
    builderDivisionCode: '440106',
    approvals: requester === 'state_security' ? [SS_TIANHE_HEAD] : [TIANHE_HEAD],
    officials: TWO,
    legalBasis: '穗公（天）立字〔2026〕0001号',
    emergencyReference: '天河区 2026-03-02 暴雨内涝',
    emergencyDepartmentEntitled: true,
    approvalDocumentPresented: true,
    unitCertificationPresented: true,
    confidentialityUndertaking: true,
    urgentHeavyLoss: true,
    unitConsent: true,
    legalReasonForCopy: '民事诉讼举证（法院调查令）',
    registrationDone: true,
  };
}

type Expect = {
  outcome: AccessDecision['outcome'];
  basis: AccessDecision['basis'];
  missing?: [ConditionCode, string][];
  defects?: ApprovalDefect[];
};

const CASES: [string, AccessFacts, Expect][] = [
  // ── 26(1): public security and state security ────────────────────────────────────────────────
  ['police view: legal basis + registration', { ...base, requester: 'public_security', action: 'view', legalBasis: '案号 A1', registrationDone: true }, { outcome: 'allowed', basis: '26(1)' }],
  ['police view needs no approval and no second official', { ...base, requester: 'public_security', action: 'view', legalBasis: 'A1', registrationDone: true, officials: [{ workCertificateShown: false }] }, { outcome: 'allowed', basis: '26(1)' }],
  ['police view without a legal basis', { ...base, requester: 'public_security', action: 'view', registrationDone: true }, { outcome: 'incomplete', basis: '26(1)', missing: [['LEGAL_BASIS', '26(1)']] }],
  ['police view without registration', { ...base, requester: 'public_security', action: 'view', legalBasis: 'A1' }, { outcome: 'incomplete', basis: '26(1)', missing: [['REGISTRATION', '21(3)']] }],
  ['police copy without approval', { ...complete('public_security', 'copy'), approvals: [] }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']] }],
  ['police copy approved by the county bureau chief', complete('public_security', 'copy'), { outcome: 'allowed', basis: '26(1)' }],
  ['police retrieve approved by the county bureau chief', complete('public_security', 'retrieve'), { outcome: 'allowed', basis: '26(1)' }],
  ['police retrieve approved by the city bureau chief', { ...complete('public_security', 'retrieve'), approvals: [GUANGZHOU_HEAD] }, { outcome: 'allowed', basis: '26(1)' }],
  ['police copy approved by the provincial department head', { ...complete('public_security', 'copy'), approvals: [PROVINCE_HEAD] }, { outcome: 'allowed', basis: '26(1)' }],
  ['police copy approved at national level', { ...complete('public_security', 'copy'), approvals: [MINISTRY_HEAD] }, { outcome: 'allowed', basis: '26(1)' }],
  ['police copy approved by a neighbouring county chief', { ...complete('public_security', 'copy'), approvals: [YUEXIU_HEAD] }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']], defects: ['outside_jurisdiction'] }],
  ['police copy approved by another city’s chief', { ...complete('public_security', 'copy'), approvals: [SHENZHEN_HEAD] }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']], defects: ['outside_jurisdiction'] }],
  ['police copy approved by a police station', { ...complete('public_security', 'copy'), approvals: [TIANHE_STATION] }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']], defects: ['below_county_level'] }],
  ['police copy approved by bureau staff, not its person in charge', { ...complete('public_security', 'copy'), approvals: [TIANHE_STAFF] }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']], defects: ['not_person_in_charge'] }],
  ['police copy: one bad and one good approval', { ...complete('public_security', 'copy'), approvals: [YUEXIU_HEAD, TIANHE_HEAD] }, { outcome: 'allowed', basis: '26(1)' }],
  ['police copy approved by the state security chief', { ...complete('public_security', 'copy'), approvals: [SS_TIANHE_HEAD] }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']], defects: ['wrong_organ'] }],
  ['state security view', { ...base, requester: 'state_security', action: 'view', legalBasis: 'A1', registrationDone: true }, { outcome: 'allowed', basis: '26(1)' }],
  ['state security copy approved by its own chief', complete('state_security', 'copy'), { outcome: 'allowed', basis: '26(1)' }],
  ['state security retrieve approved by the police chief', { ...complete('state_security', 'retrieve'), approvals: [TIANHE_HEAD] }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']], defects: ['wrong_organ'] }],
  ['state security copy: staff of the city organ (two defects)', { ...complete('state_security', 'copy'), approvals: [SS_GUANGZHOU_STAFF] }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']], defects: ['not_person_in_charge'] }],
  ['police copy of an unknown division', { ...complete('public_security', 'copy'), systemDivisionCode: '440199' }, { outcome: 'incomplete', basis: '26(1)', missing: [['BUREAU_HEAD_APPROVAL', '26(1)']], defects: ['outside_jurisdiction'] }],

  // ── 26(2): public emergency ───────────────────────────────────────────────────────────────────
  ['emergency view', complete('emergency_department', 'view'), { outcome: 'allowed', basis: '26(2)' }],
  ['emergency copy', complete('emergency_department', 'copy'), { outcome: 'allowed', basis: '26(2)' }],
  ['emergency retrieve needs no approval', { ...complete('emergency_department', 'retrieve'), approvals: [] }, { outcome: 'allowed', basis: '26(2)' }],
  ['emergency copy without the emergency referenced', { ...complete('emergency_department', 'copy'), emergencyReference: '  ' }, { outcome: 'incomplete', basis: '26(2)', missing: [['EMERGENCY_REFERENCE', '26(2)']] }],
  ['emergency copy by a department without power over it', { ...complete('emergency_department', 'copy'), emergencyDepartmentEntitled: false }, { outcome: 'incomplete', basis: '26(2)', missing: [['EMERGENCY_DEPARTMENT', '26(2)']] }],
  ['emergency retrieve without registration', { ...complete('emergency_department', 'retrieve'), registrationDone: false }, { outcome: 'incomplete', basis: '26(2)', missing: [['REGISTRATION', '21(3)']] }],

  // ── 26(3) + 27: other administrative departments ─────────────────────────────────────────────
  ['department view with everything', complete('administrative_department', 'view'), { outcome: 'allowed', basis: '26(3)' }],
  ['department copy with everything', complete('administrative_department', 'copy'), { outcome: 'allowed', basis: '26(3)' }],
  ['department retrieve with everything (city bureau)', { ...complete('administrative_department', 'retrieve'), approvals: [GUANGZHOU_HEAD] }, { outcome: 'allowed', basis: '26(3)' }],
  ['department approval signed by bureau staff (organ approval suffices)', { ...complete('administrative_department', 'copy'), approvals: [TIANHE_STAFF] }, { outcome: 'allowed', basis: '26(3)' }],
  ['department view without police approval', { ...complete('administrative_department', 'view'), approvals: [] }, { outcome: 'incomplete', basis: '26(3)', missing: [['COUNTY_BUREAU_APPROVAL', '26(3)']] }],
  ['department copy approved by a police station', { ...complete('administrative_department', 'copy'), approvals: [TIANHE_STATION] }, { outcome: 'incomplete', basis: '26(3)', missing: [['COUNTY_BUREAU_APPROVAL', '26(3)']], defects: ['below_county_level'] }],
  ['department copy approved by another county', { ...complete('administrative_department', 'copy'), approvals: [YUEXIU_HEAD] }, { outcome: 'incomplete', basis: '26(3)', missing: [['COUNTY_BUREAU_APPROVAL', '26(3)']], defects: ['outside_jurisdiction'] }],
  ['department copy approved by state security', { ...complete('administrative_department', 'copy'), approvals: [SS_TIANHE_HEAD] }, { outcome: 'incomplete', basis: '26(3)', missing: [['COUNTY_BUREAU_APPROVAL', '26(3)']], defects: ['wrong_organ'] }],
  ['department copy without a legal basis', { ...complete('administrative_department', 'copy'), legalBasis: null }, { outcome: 'incomplete', basis: '26(3)', missing: [['LEGAL_BASIS', '26(3)']] }],
  ['department copy by one official', { ...complete('administrative_department', 'copy'), officials: [{ workCertificateShown: true }] }, { outcome: 'incomplete', basis: '26(3)', missing: [['MIN_OFFICIALS', '27(1)']] }],
  ['department view by one official', { ...complete('administrative_department', 'view'), officials: [{ workCertificateShown: true }] }, { outcome: 'incomplete', basis: '26(3)', missing: [['MIN_OFFICIALS', '27(1)']] }],
  ['department copy: one official without a work certificate', { ...complete('administrative_department', 'copy'), officials: [{ workCertificateShown: true }, { workCertificateShown: false }] }, { outcome: 'incomplete', basis: '26(3)', missing: [['WORK_CERTIFICATES', '27(2)']] }],
  ['department copy without the approval document', { ...complete('administrative_department', 'copy'), approvalDocumentPresented: false }, { outcome: 'incomplete', basis: '26(3)', missing: [['APPROVAL_DOCUMENT', '27(3)']] }],
  ['department: a unit certificate does not replace the approval document', { ...complete('administrative_department', 'copy'), approvalDocumentPresented: false, unitCertificationPresented: true }, { outcome: 'incomplete', basis: '26(3)', missing: [['APPROVAL_DOCUMENT', '27(3)']] }],
  ['department copy without registration', { ...complete('administrative_department', 'copy'), registrationDone: false }, { outcome: 'incomplete', basis: '26(3)', missing: [['REGISTRATION', '27(4)']] }],
  ['department copy without the confidentiality undertaking', { ...complete('administrative_department', 'copy'), confidentialityUndertaking: false }, { outcome: 'incomplete', basis: '26(3)', missing: [['CONFIDENTIALITY_UNDERTAKING', '27(5)']] }],
  [
    'department copy with nothing yet: every condition, in order',
    { ...base, requester: 'administrative_department', action: 'copy' },
    {
      outcome: 'incomplete',
      basis: '26(3)',
      missing: [
        ['LEGAL_BASIS', '26(3)'],
        ['COUNTY_BUREAU_APPROVAL', '26(3)'],
        ['MIN_OFFICIALS', '27(1)'],
        ['WORK_CERTIFICATES', '27(2)'],
        ['APPROVAL_DOCUMENT', '27(3)'],
        ['REGISTRATION', '27(4)'],
        ['CONFIDENTIALITY_UNDERTAKING', '27(5)'],
      ],
    },
  ],

  // ── 26(4): citizens ──────────────────────────────────────────────────────────────────────────
  ['citizen view with consent', complete('citizen', 'view'), { outcome: 'allowed', basis: '26(4)' }],
  ['citizen view of a public area with consent', complete('citizen', 'view', 'public_area'), { outcome: 'allowed', basis: '26(4)' }],
  ['citizen view without the unit’s consent', { ...complete('citizen', 'view'), unitConsent: false }, { outcome: 'incomplete', basis: '26(4)', missing: [['UNIT_CONSENT', '26(4)']] }],
  ['citizen view without an urgent heavy loss', { ...complete('citizen', 'view'), urgentHeavyLoss: false }, { outcome: 'incomplete', basis: '26(4)', missing: [['URGENT_HEAVY_LOSS', '26(4)']] }],
  ['citizen view not registered', { ...complete('citizen', 'view'), registrationDone: false }, { outcome: 'incomplete', basis: '26(4)', missing: [['CITIZEN_REGISTRATION', '26(4)']] }],
  ['citizen copy of a key unit: refused', complete('citizen', 'copy', 'key_unit'), { outcome: 'refused', basis: '26(4)', missing: [['CITIZEN_COPY_PROHIBITED', '26(4)']] }],
  ['citizen retrieve from a key unit: refused', complete('citizen', 'retrieve', 'key_unit'), { outcome: 'refused', basis: '26(4)', missing: [['CITIZEN_COPY_PROHIBITED', '26(4)']] }],
  ['citizen retrieve from a public area: refused even with a legal reason', complete('citizen', 'retrieve', 'public_area'), { outcome: 'refused', basis: '26(4)', missing: [['CITIZEN_COPY_PROHIBITED', '26(4)']] }],
  ['citizen copy of a public area without a legal reason: refused', { ...complete('citizen', 'copy', 'public_area'), legalReasonForCopy: '' }, { outcome: 'refused', basis: '26(4)', missing: [['CITIZEN_COPY_PROHIBITED', '26(4)']] }],
  ['citizen copy of a public area, legal reason, builder’s bureau approves', complete('citizen', 'copy', 'public_area'), { outcome: 'allowed', basis: '26(4)' }],
  ['citizen copy of a public area, legal reason, no approval yet', { ...complete('citizen', 'copy', 'public_area'), approvals: [] }, { outcome: 'incomplete', basis: '26(4)', missing: [['BUILDER_BUREAU_APPROVAL', '26(4)']] }],
  ['citizen copy of a public area approved by a higher bureau, not the builder’s', { ...complete('citizen', 'copy', 'public_area'), approvals: [GUANGZHOU_HEAD] }, { outcome: 'incomplete', basis: '26(4)', missing: [['BUILDER_BUREAU_APPROVAL', '26(4)']], defects: ['not_builder_government'] }],
  ['citizen copy of a public area approved by a police station', { ...complete('citizen', 'copy', 'public_area'), approvals: [TIANHE_STATION] }, { outcome: 'incomplete', basis: '26(4)', missing: [['BUILDER_BUREAU_APPROVAL', '26(4)']], defects: ['not_builder_government'] }],
  ['citizen copy of a city-built public area approved by the city bureau', { ...complete('citizen', 'copy', 'public_area'), builderDivisionCode: '440100', approvals: [GUANGZHOU_HEAD] }, { outcome: 'allowed', basis: '26(4)' }],
  ['citizen copy of a public area whose builder is not recorded', { ...complete('citizen', 'copy', 'public_area'), builderDivisionCode: null }, { outcome: 'incomplete', basis: '26(4)', missing: [['BUILDER_BUREAU_APPROVAL', '26(4)']], defects: ['builder_government_unknown'] }],
  ['citizen copy of a public area approved by state security of the builder', { ...complete('citizen', 'copy', 'public_area'), approvals: [SS_TIANHE_HEAD] }, { outcome: 'incomplete', basis: '26(4)', missing: [['BUILDER_BUREAU_APPROVAL', '26(4)']], defects: ['wrong_organ'] }],
  ['citizen copy of a public area, legal reason, not registered', { ...complete('citizen', 'copy', 'public_area'), registrationDone: false }, { outcome: 'incomplete', basis: '26(4)', missing: [['REGISTRATION', '21(3)']] }],
];

describe('evaluateAccess: the art. 26 matrix, row by row', () => {
  it.each(CASES)('%s', (_name, facts, want) => {
    const d = evaluateAccess(facts);
    expect(d.outcome).toBe(want.outcome);
    expect(d.allowed).toBe(want.outcome === 'allowed');
    expect(d.basis).toBe(want.basis);
    expect(d.missing.map((m) => [m.code, m.article])).toEqual(want.missing ?? []);
    expect(d.missing).toEqual(d.requires.filter((c) => !c.met));
    if (want.defects) expect(d.missing[0].defects).toEqual(want.defects);
    else for (const m of d.missing) expect(m.defects).toBeUndefined();
  });

  it('lists every defect of an approval that fails several ways', () => {
    const d = evaluateAccess({ ...complete('public_security', 'copy'), approvals: [{ organ: 'state_security', level: 'below_county', jurisdictionCode: '440304', byPersonInCharge: false }] });
    expect(d.missing[0].defects).toEqual(['wrong_organ', 'below_county_level', 'outside_jurisdiction', 'not_person_in_charge']);
  });

  it('gives the defects of every failing approval, once each', () => {
    const d = evaluateAccess({ ...complete('administrative_department', 'copy'), approvals: [YUEXIU_HEAD, SHENZHEN_HEAD, TIANHE_STATION] });
    expect(d.missing[0].defects).toEqual(['outside_jurisdiction', 'below_county_level']);
  });
});

describe('evaluateAccess: the whole matrix with every fact present', () => {
  const cells = REQUESTER_KINDS.flatMap((r) => ACCESS_ACTIONS.flatMap((a) => (['key_unit', 'public_area'] as const).map((s) => [r, a, s] as const)));
  it.each(cells)('%s %s %s', (requester, action, siteType) => {
    const d = evaluateAccess(complete(requester, action, siteType));
    const citizenRefused = requester === 'citizen' && (action === 'retrieve' || (action === 'copy' && siteType === 'key_unit'));
    expect(d.outcome).toBe(citizenRefused ? 'refused' : 'allowed');
    // Art. 25: free of charge for police and state security only.
    expect(d.free).toBe(requester === 'public_security' || requester === 'state_security');
    // Art. 27(1): two officials for other administrative departments (default reading).
    expect(d.officialsRequired).toBe(requester === 'administrative_department' ? 2 : 1);
    // Art. 26(5): confidentiality binds everyone who views, copies or retrieves.
    expect(d.duties.map((x) => x.code)).toContain('CONFIDENTIALITY');
  });

  it('a citizen’s copy or retrieval is refused citing art. 26(4), with a reason in both languages', () => {
    for (const action of ['copy', 'retrieve'] as const) {
      const d = evaluateAccess({ requester: 'citizen', action, siteType: 'key_unit', systemDivisionCode: '440106', unitConsent: true, urgentHeavyLoss: true });
      expect(d.allowed).toBe(false);
      expect(d.outcome).toBe('refused');
      expect(d.missing).toHaveLength(1);
      expect(d.missing[0]).toMatchObject({ code: 'CITIZEN_COPY_PROHIBITED', article: '26(4)', met: false });
      expect(d.missing[0].zh).toMatch(/不得/);
      expect(d.missing[0].en).toMatch(/may not/);
    }
  });

  it('a citizen who views is bound not to re-record, copy or retrieve', () => {
    const d = evaluateAccess(complete('citizen', 'view'));
    expect(d.duties.find((x) => x.code === 'NO_REPRINT')).toMatchObject({ article: '26(4)' });
  });

  it('police access is free of charge (art. 25) and the unit may not obstruct it (art. 24(4))', () => {
    const d = evaluateAccess(complete('public_security', 'copy'));
    expect(d.duties.map((x) => [x.code, x.article])).toEqual([
      ['FREE_OF_CHARGE', '25'],
      ['NO_OBSTRUCTION', '24(4)'],
      ['CONFIDENTIALITY', '26(5)'],
    ]);
  });

  it('every condition and duty states its article and reads in Chinese and English', () => {
    for (const [, facts] of CASES) {
      const d = evaluateAccess(facts);
      for (const c of [...d.requires, ...d.duties]) {
        expect(c.article).toMatch(/^\d+(\(\d\))?$/);
        expect(c.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(c.en).toMatch(/^[A-Z]/);
      }
      for (const m of d.missing) for (const def of m.defects ?? []) expect(APPROVAL_DEFECTS[def].zh).toBeTruthy();
    }
  });
});

describe('evaluateAccess: settings', () => {
  const all = { article27Scope: 'all_departments', minOfficials: 2 } as const;

  it('article27Scope=all_departments: police viewing also needs two officials, certificates, a document and an undertaking', () => {
    const d = evaluateAccess({ ...base, requester: 'public_security', action: 'view', legalBasis: 'A1', registrationDone: true }, all);
    expect(d.missing.map((m) => [m.code, m.article])).toEqual([
      ['MIN_OFFICIALS', '27(1)'],
      ['WORK_CERTIFICATES', '27(2)'],
      ['APPROVAL_OR_UNIT_DOCUMENT', '27(3)'],
      ['CONFIDENTIALITY_UNDERTAKING', '27(5)'],
    ]);
    expect(d.officialsRequired).toBe(2);
  });

  it('article27Scope=all_departments: a unit certificate serves police and emergency departments', () => {
    for (const requester of ['public_security', 'emergency_department'] as const) {
      const d = evaluateAccess({ ...complete(requester, 'copy'), approvalDocumentPresented: false, unitCertificationPresented: true }, all);
      expect(d.outcome).toBe('allowed');
      expect(d.requires.map((c) => c.code)).toContain('APPROVAL_OR_UNIT_DOCUMENT');
    }
  });

  it('article27Scope=all_departments leaves citizens alone', () => {
    expect(evaluateAccess({ ...complete('citizen', 'view'), officials: [] }, all).outcome).toBe('allowed');
  });

  it('minOfficials=3 asks for three and says so', () => {
    const d = evaluateAccess(complete('administrative_department', 'copy'), { article27Scope: 'other_departments', minOfficials: 3 });
    expect(d.missing).toHaveLength(1);
    expect(d.missing[0]).toMatchObject({ code: 'MIN_OFFICIALS', zh: '不少于3人', en: 'At least 3 officials' });
    expect(d.officialsRequired).toBe(3);
  });

  it('the default says 两人 (two)', () => {
    const d = evaluateAccess({ ...complete('administrative_department', 'copy'), officials: [] });
    expect(d.missing.find((m) => m.code === 'MIN_OFFICIALS')?.zh).toBe('不少于两人');
  });
});
