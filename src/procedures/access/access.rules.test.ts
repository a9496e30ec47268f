import { describe, expect, it } from 'vitest';
import { builderDivisionOf, emergencyDepartmentEntitled, registrationComplete, requesterKindOf, useFlags, type GrantTerms } from './access.rules.js';

const grant: GrantTerms = {
  action: 'view',
  cameras: ['c1', 'c2'],
  windowFrom: '2026-03-01T00:00:00.000Z',
  windowTo: '2026-03-01T02:00:00.000Z',
  issuedAt: '2026-03-02T01:00:00.000Z',
  expiresAt: '2026-03-05T01:00:00.000Z',
  officialIds: ['o1', 'o2'],
  officialsRequired: 2,
};
const use = { event: 'viewing_started' as const, at: '2026-03-02T02:00:00+08:00', cameras: ['c1'], footageFrom: '2026-03-01T08:00:00+08:00', footageTo: '2026-03-01T10:00:00+08:00', officialsPresent: ['o1', 'o2'] };

describe('use against a grant (art. 21(3), 26, 27(1))', () => {
  it('inside the grant: no flags (times compared as instants, any offset)', () => {
    expect(useFlags(grant, { ...use, at: '2026-03-02T10:00:00+08:00' })).toEqual([]);
  });
  it('flags each way out of the grant', () => {
    expect(useFlags(grant, { ...use, at: '2026-03-02T10:00:00+08:00', cameras: ['c3'] })).toEqual(['camera_outside_grant']);
    expect(useFlags(grant, { ...use, at: '2026-03-02T10:00:00+08:00', footageTo: '2026-03-01T10:00:01+08:00' })).toEqual(['period_outside_grant']);
    expect(useFlags(grant, { ...use, at: '2026-03-02T10:00:00+08:00', event: 'exported' })).toEqual(['action_outside_grant']);
    expect(useFlags({ ...grant, action: 'copy' }, { ...use, at: '2026-03-02T10:00:00+08:00', event: 'exported' })).toEqual([]);
    expect(useFlags(grant, { ...use, at: '2026-03-02T08:59:59+08:00' })).toEqual(['before_issue']);
    expect(useFlags(grant, { ...use, at: '2026-03-05T09:00:01+08:00' })).toEqual(['after_expiry']);
    expect(useFlags(grant, { ...use, at: '2026-03-05T09:00:00+08:00' })).toEqual([]);
  });
  it('one official where two are required, or a stranger, is flagged', () => {
    const at = '2026-03-02T10:00:00+08:00';
    expect(useFlags(grant, { ...use, at, officialsPresent: ['o1'] })).toEqual(['single_official']);
    expect(useFlags(grant, { ...use, at, officialsPresent: ['o1', 'o1'] })).toEqual(['single_official']);
    expect(useFlags(grant, { ...use, at, officialsPresent: ['o1', 'x'] })).toEqual(['unknown_official', 'single_official']);
    expect(useFlags({ ...grant, officialsRequired: 1 }, { ...use, at, officialsPresent: ['o2'] })).toEqual([]);
  });
});

describe('who asks, and the facts around the matrix', () => {
  it('the row of art. 26 follows from the caller, never chosen', () => {
    expect(requesterKindOf('city_officer', null, false)).toBe('public_security');
    expect(requesterKindOf('department_user', 'state_security', false)).toBe('state_security');
    expect(requesterKindOf('department_user', 'emergency', false)).toBe('emergency_department');
    expect(requesterKindOf('department_user', 'administrative', false)).toBe('administrative_department');
    expect(requesterKindOf('department_user', null, false)).toBeNull();
    expect(requesterKindOf('unit_user', null, false)).toBeNull();
    expect(requesterKindOf('unit_user', null, true)).toBe('citizen');
    expect(requesterKindOf('department_user', 'administrative', true)).toBeNull();
    expect(requesterKindOf('company_user', null, false)).toBeNull();
  });
  it('26(4): the builder government of a public area from its level', () => {
    expect(builderDivisionOf('440106', 'county')).toBe('440106');
    expect(builderDivisionOf('440106', 'city')).toBe('440100');
    expect(builderDivisionOf('440106', 'province')).toBe('440000');
    expect(builderDivisionOf('440106', null)).toBeNull();
  });
  it('26(2): only county-or-higher emergency departments', () => {
    expect(emergencyDepartmentEntitled('emergency', 'county')).toBe(true);
    expect(emergencyDepartmentEntitled('emergency', 'below_county')).toBe(false);
    expect(emergencyDepartmentEntitled('administrative', 'city')).toBe(false);
  });
  it('21(3): registration needs who, period, cameras, purpose, and a destination for copies', () => {
    const r = {
      requester_kind: 'public_security', action: 'copy', site_type: 'key_unit', division_code: '440106', builder_division_code: null,
      window_from: '2026-03-01T00:00:00.000Z', window_to: '2026-03-01T01:00:00.000Z', legal_basis: 'x', emergency_reference: null,
      purpose: '侦查', copy_destination: null, legal_reason_for_copy: null, urgent_heavy_loss: 0, confidentiality_undertaking: 0, unit_certification: 0,
    };
    expect(registrationComplete(r, 1, 1)).toBe(false);
    expect(registrationComplete({ ...r, copy_destination: '市局' }, 1, 1)).toBe(true);
    expect(registrationComplete({ ...r, action: 'view' }, 1, 1)).toBe(true);
    expect(registrationComplete({ ...r, action: 'view' }, 0, 1)).toBe(false);
    expect(registrationComplete({ ...r, action: 'view', purpose: ' ' }, 1, 1)).toBe(false);
  });
});
