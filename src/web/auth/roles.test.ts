import { describe, expect, it } from 'vitest';
import { homePathFor, isOfficer, safeNextPath } from './roles';

describe('homePathFor', () => {
  it.each([
    [null, '/verify'],
    ['company_user', '/company'],
    ['province_officer', '/officer/queue'],
    ['city_officer', '/officer/queue'],
    ['county_officer', '/officer/queue'],
    ['unit_user', '/registry/sites'],
    ['testing_institution', '/projects'],
    ['department_user', '/access/requests'],
    ['supervisor', '/access/oversight'],
  ] as const)('%s → %s', (role, path) => {
    expect(homePathFor(role)).toBe(path);
  });

  it('knows officers', () => {
    expect(isOfficer('city_officer')).toBe(true);
    expect(isOfficer('company_user')).toBe(false);
    expect(isOfficer(null)).toBe(false);
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/applications/abc', '/applications/abc'],
    ['/company?x=1', '/company?x=1'],
    ['//evil.example', null],
    ['/\\evil.example', null],
    ['https://evil.example', null],
    ['/login', null],
    ['/api/auth/logout', null],
    ['', null],
    [null, null],
  ])('%s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
