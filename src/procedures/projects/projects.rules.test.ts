import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import type { UndertakeAnswer } from '../qualification/certificate.rules.js';
import {
  applicantUnitFor,
  assertEligible,
  assertReasons,
  competentAuthority,
  consolidateNotice,
  eligibilityFlags,
  sameFlags,
  scaleClass,
  schemeChecklist,
  type CompanyAnswer,
} from './projects.rules.js';
import { allowedActions, authoriseStep, type ProjectFacts } from './projects.states.js';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('art. 17 — competent authority', () => {
  it.each([
    ['key unit in a district → its county bureau', 'key_unit', '440106', null, 'PSB-440106'],
    ['key unit in a county-level city → its bureau', 'key_unit', '440282', null, 'PSB-440282'],
    ['key unit in Dongguan (no county level) → city bureau', 'key_unit', '441900', null, 'PSB-441900'],
    ['key unit in Zhongshan (no county level) → city bureau', 'key_unit', '442000', null, 'PSB-442000'],
    ['public area built by a county → the city bureau', 'public_area', '440106', 'county', 'PSB-440100'],
    ['public area built by a city → the provincial department', 'public_area', '440106', 'city', 'PSB-440000'],
    ['public area built by the province → the provincial department (documented choice)', 'public_area', '440306', 'province', 'PSB-440000'],
    ['public area built by Shenzhen county → Shenzhen bureau', 'public_area', '440306', 'county', 'PSB-440300'],
  ])('%s', (_label, siteType, divisionCode, builderLevel, unit) => {
    expect(competentAuthority({ siteType, divisionCode, builderLevel })).toBe(unit);
  });

  it('refuses an unknown division or a public area without a builder level', () => {
    expect(refusal(() => competentAuthority({ siteType: 'key_unit', divisionCode: '449999', builderLevel: null })).code).toBe('PROJECT_SITE_NOT_ALLOWED');
    const e = refusal(() => competentAuthority({ siteType: 'public_area', divisionCode: '440106', builderLevel: null }));
    expect([e.code, e.article]).toEqual(['PROJECT_SITE_NOT_ALLOWED', '7']);
  });

  it('art. 7 — the applicant bureau of a public area is at the builder’s level', () => {
    expect(applicantUnitFor({ siteType: 'public_area', divisionCode: '440106', builderLevel: 'county' })).toBe('PSB-440106');
    expect(applicantUnitFor({ siteType: 'public_area', divisionCode: '440106', builderLevel: 'city' })).toBe('PSB-440100');
    expect(applicantUnitFor({ siteType: 'public_area', divisionCode: '440106', builderLevel: 'province' })).toBe('PSB-440000');
    expect(applicantUnitFor({ siteType: 'key_unit', divisionCode: '440106', builderLevel: null })).toBeNull();
  });
});

describe('GA/T 75 — scale class', () => {
  const t = { scaleClass1Yuan: 1_000_000, scaleClass2Yuan: 300_000 };
  it.each([
    [1_000_000, false, 1],
    [999_999, false, 2],
    [300_000, false, 2],
    [299_999, false, 3],
    [0, true, 1],
  ] as const)('%i yuan, level-1 risk %s → class %i', (yuan, risk, cls) => {
    expect(scaleClass(yuan, risk, t)).toBe(cls);
  });
  it('follows the configured thresholds', () => {
    expect(scaleClass(500_000, false, { scaleClass1Yuan: 500_000, scaleClass2Yuan: 100_000 })).toBe(1);
  });
});

describe('art. 14(2), 16 — eligibility', () => {
  const ok: UndertakeAnswer = { allowed: true, article: '14(2)', reason: 'in_scope', certificateNumber: 'GD-JF-4401-2026-000001' };
  const beyond: UndertakeAnswer = { allowed: false, article: '14(2)', reason: 'beyond_level', certificateNumber: 'GD-JF-4401-2026-000002' };
  const noRecord: UndertakeAnswer = { allowed: false, article: '16', reason: 'no_certificate', certificateNumber: null };
  const a = (role: 'designer' | 'builder', answer: UndertakeAnswer, name: string = role): CompanyAnswer => ({ role, companyId: `c-${name}`, companyName: name, answer });

  it('passes when both may undertake the project', () => {
    expect(() => assertEligible([a('designer', ok), a('builder', ok)])).not.toThrow();
  });
  it('names the failing company, why and art. 14(2)', () => {
    const e = refusal(() => assertEligible([a('designer', ok), a('builder', beyond, '三级公司')]));
    expect([e.code, e.article]).toEqual(['PROJECT_COMPANY_NOT_ELIGIBLE', '14(2)']);
    expect(e.extra?.companies).toEqual([
      { role: 'builder', companyId: 'c-三级公司', companyName: '三级公司', reason: 'beyond_level', article: '14(2)', certificateNumber: 'GD-JF-4401-2026-000002' },
    ]);
    expect(e.detail.zh).toContain('三级公司');
  });
  it('an out-of-province company without a record: art. 16', () => {
    const e = refusal(() => assertEligible([a('designer', noRecord, '省外公司'), a('builder', ok)]));
    expect([e.code, e.article]).toEqual(['PROJECT_COMPANY_NOT_ELIGIBLE', '16']);
  });
  it('flags keep their first date and compare as sets', () => {
    const first = eligibilityFlags([a('designer', ok), a('builder', beyond)], [], '2026-05-01');
    expect(first).toEqual([{ companyId: 'c-builder', role: 'builder', reason: 'beyond_level', article: '14(2)', since: '2026-05-01' }]);
    const later = eligibilityFlags([a('designer', ok), a('builder', beyond)], first, '2026-06-01');
    expect(later[0].since).toBe('2026-05-01');
    expect(sameFlags(first, later)).toBe(true);
    expect(sameFlags(first, [])).toBe(false);
  });
});

describe('行政许可法32, 38 — notice and reasons', () => {
  it('the notice lists at least one item, merged and trimmed', () => {
    expect(consolidateNotice([{ docClass: 'contracts', zh: ' 合同 ' }, { docClass: 'contracts', zh: '合同' }, { docClass: null, zh: '' }])).toEqual([
      { docClass: 'contracts', zh: '合同' },
    ]);
    const e = refusal(() => consolidateNotice([{ docClass: null, zh: '  ' }]));
    expect([e.code, e.article]).toEqual(['NOTICE_EMPTY', '行政许可法32']);
  });
  it('a refusal needs reasons', () => {
    expect([refusal(() => assertReasons('  ')).code, refusal(() => assertReasons(null)).article]).toEqual(['REASONS_REQUIRED', '行政许可法38']);
    expect(assertReasons(' 不符合 ')).toBe('不符合');
  });
  it('the checklist shows the five classes', () => {
    expect(schemeChecklist(['design_scheme', 'contracts', 'other']).filter((c) => c.present).map((c) => c.docClass)).toEqual(['design_scheme', 'contracts']);
  });
});

describe('states — who may take which step', () => {
  const keyUnit: ProjectFacts = {
    status: 'draft',
    site_type: 'key_unit',
    division_code: '440106',
    unit_id: 'u1',
    builder_level: null,
    authority_unit_id: 'PSB-440106',
    notice_issued_on: null,
    construction_started_on: null,
    testing_institution_id: null,
  };
  const unit: Actor = { userId: 'x', role: 'unit_user', unitId: 'u1' };
  const otherUnit: Actor = { userId: 'y', role: 'unit_user', unitId: 'u2' };
  const tianhe: Actor = { userId: 'o', role: 'county_officer', policeUnitId: 'PSB-440106', jurisdictionCode: '440106' };
  const gz: Actor = { userId: 'g', role: 'city_officer', policeUnitId: 'PSB-440100', jurisdictionCode: '440100' };

  it('the unit submits and withdraws its draft; the authority acts once submitted', () => {
    expect(allowedActions(keyUnit, unit)).toEqual(['submit', 'withdraw']);
    expect(allowedActions(keyUnit, otherUnit)).toEqual([]);
    expect(allowedActions({ ...keyUnit, status: 'submitted' }, tianhe)).toEqual(['notice', 'accept', 'not-accept']);
    expect(allowedActions({ ...keyUnit, status: 'submitted' }, gz)).toEqual([]);
  });
  it('a second notice is refused with its own code', () => {
    const e = refusal(() => authoriseStep('notice', { ...keyUnit, status: 'submitted', notice_issued_on: '2026-09-01' }, tianhe));
    expect([e.code, e.article]).toEqual(['PROJECT_NOTICE_ALREADY_ISSUED', '行政许可法32']);
  });
  it('pause and resume alternate', () => {
    const accepted = { ...keyUnit, status: 'scheme_accepted' };
    expect(allowedActions(accepted, tianhe)).toEqual(['pause', 'approve', 'refuse']);
    expect(allowedActions({ ...accepted, paused: true }, tianhe)).toEqual(['resume', 'approve', 'refuse']);
  });
  it('construction reported before approval keeps the status; after approval it starts construction', () => {
    expect(authoriseStep('construction-started', { ...keyUnit, status: 'scheme_accepted' }, unit)).toBe('scheme_accepted');
    expect(authoriseStep('construction-started', { ...keyUnit, status: 'scheme_approved' }, unit)).toBe('under_construction');
    expect(refusal(() => authoriseStep('construction-started', { ...keyUnit, status: 'submitted', construction_started_on: '2026-01-01' }, unit)).code).toBe(
      'TRANSITION_NOT_ALLOWED',
    );
  });
  it('wrong actor: FORBIDDEN; wrong state: TRANSITION_NOT_ALLOWED', () => {
    expect(refusal(() => authoriseStep('accept', { ...keyUnit, status: 'submitted' }, unit)).code).toBe('FORBIDDEN');
    expect(refusal(() => authoriseStep('approve', { ...keyUnit, status: 'submitted' }, tianhe)).code).toBe('TRANSITION_NOT_ALLOWED');
  });
  it('a public area is submitted by the builder-level bureau and decided by the one above', () => {
    const area: ProjectFacts = { ...keyUnit, site_type: 'public_area', unit_id: null, builder_level: 'county', authority_unit_id: 'PSB-440100' };
    expect(allowedActions(area, tianhe)).toEqual(['submit', 'withdraw']);
    expect(allowedActions(area, gz)).toEqual([]);
    expect(allowedActions({ ...area, status: 'submitted' }, gz)).toEqual(['notice', 'accept', 'not-accept']);
  });
  it('the designated testing institution reports', () => {
    const approved = { ...keyUnit, status: 'scheme_approved', testing_institution_id: 'ti1' };
    const lab: Actor = { userId: 'l', role: 'testing_institution', institutionId: 'ti1' };
    expect(allowedActions(approved, lab)).toEqual(['test-report']);
    expect(allowedActions(approved, { ...lab, institutionId: 'ti2' })).toEqual([]);
  });
});
