import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/types';
import { menuFor, selectedMenuKey } from './menu-items';
import { zhCN } from '../i18n/messages.zh-CN';

describe('menuFor', () => {
  it('gives visitors only the public pages', () => {
    expect(menuFor(null).map((e) => e.path)).toEqual(['/verify', '/companies', '/complaints/new', '/penalty-decisions']);
  });

  it('gives companies their dashboard and the application form', () => {
    expect(menuFor('company_user').map((e) => e.path)).toEqual(['/company', '/company/apply', '/projects', '/penalty-cases', '/verify', '/companies']);
  });

  it('shows the level administration to the province only', () => {
    expect(menuFor('province_officer').map((e) => e.path)).toContain('/admin/levels');
    expect(menuFor('city_officer').map((e) => e.path)).not.toContain('/admin/levels');
    expect(menuFor('county_officer').map((e) => e.path)).toContain('/officer/queue');
  });

  it('gives unit users their sites and the import, officers the registry, the province the catalogue', () => {
    expect(menuFor('unit_user').map((e) => e.path)).toEqual([
      '/registry/sites',
      '/projects',
      '/registry/import',
      '/access/requests',
      '/access/queue',
      '/access/register',
      '/rectification-orders',
      '/penalty-cases',
      '/verify',
      '/companies',
    ]);
    const county = menuFor('county_officer').map((e) => e.path);
    for (const p of ['/registry/sites', '/registry/findings', '/registry/retention', '/registry/import']) expect(county).toContain(p);
    expect(county).not.toContain('/admin/catalogue');
    expect(menuFor('province_officer').map((e) => e.path)).toContain('/admin/catalogue');
    expect(menuFor('company_user').map((e) => e.path)).not.toContain('/registry/sites');
    expect(selectedMenuKey(menuFor('unit_user'), '/registry/sites/abc/edit')).toBe('/registry/sites');
  });

  it('gives projects to their parties, the scheme queue and calendar to officers, institutions to the province', () => {
    expect(menuFor('testing_institution').map((e) => e.path)).toEqual(['/projects', '/verify', '/companies']);
    const county = menuFor('county_officer').map((e) => e.path);
    for (const p of ['/officer/projects', '/projects', '/calendar']) expect(county).toContain(p);
    expect(county).not.toContain('/admin/institutions');
    expect(menuFor('province_officer').map((e) => e.path)).toContain('/admin/institutions');
    // The department administration of information access (art. 26(1)–(3)): the province only.
    expect(menuFor('province_officer').map((e) => e.path)).toContain('/access/departments');
    expect(menuFor('city_officer').map((e) => e.path)).not.toContain('/access/departments');
    expect(selectedMenuKey(menuFor('city_officer'), '/officer/projects')).toBe('/officer/projects');
    expect(selectedMenuKey(menuFor('unit_user'), '/projects/abc/wizard')).toBe('/projects');
    expect(selectedMenuKey(menuFor('province_officer'), '/calendar/2026')).toBe('/calendar');
  });

  it('gives information access to those who ask, approve, keep the register and oversee (art. 26, 39)', () => {
    const county = menuFor('county_officer').map((e) => e.path);
    for (const p of ['/access/queue', '/access/requests', '/access/register']) expect(county).toContain(p);
    expect(county).not.toContain('/access/oversight');
    expect(menuFor('province_officer').map((e) => e.path)).toContain('/access/oversight');
    expect(menuFor('unit_user').map((e) => e.path)).toEqual(expect.arrayContaining(['/access/requests', '/access/queue', '/access/register']));
    expect(menuFor('department_user').map((e) => e.path)).toEqual(['/access/requests', '/access/requests/new', '/access/queue', '/verify', '/companies']);
    expect(menuFor('supervisor').map((e) => e.path)).toEqual(['/oversight', '/access/oversight', '/access/register', '/access/requests', '/complaints', '/oversight/complaints', '/verify', '/companies']);
    expect(menuFor('company_user').map((e) => e.path)).not.toContain('/access/requests');
    expect(menuFor('testing_institution').map((e) => e.path)).not.toContain('/access/register');
    expect(selectedMenuKey(menuFor('department_user'), '/access/requests/new')).toBe('/access/requests/new');
    expect(selectedMenuKey(menuFor('department_user'), '/access/requests/abc')).toBe('/access/requests');
    expect(selectedMenuKey(menuFor('city_officer'), '/access/grants/g1')).toBe('/access/requests');
  });

  it('gives visitors the complaint form, officers the complaint queue, the supervisor its oversight (art. 30, 39)', () => {
    expect(menuFor(null).map((e) => e.path)).toContain('/complaints/new');
    expect(menuFor('county_officer').map((e) => e.path)).toContain('/complaints');
    expect(menuFor('unit_user').map((e) => e.path)).not.toContain('/complaints');
    expect(menuFor('company_user').map((e) => e.path)).not.toContain('/complaints');
    expect(selectedMenuKey(menuFor('supervisor'), '/complaints/abc')).toBe('/complaints');
  });

  it('gives penalty cases to officers and units, the public 双公示 list to visitors and officers (art. 31–38)', () => {
    for (const role of ['county_officer', 'city_officer', 'province_officer', 'unit_user'] as const) expect(menuFor(role).map((e) => e.path)).toContain('/penalty-cases');
    expect(menuFor('county_officer').map((e) => e.path)).toContain('/penalty-decisions');
    expect(menuFor('province_officer').map((e) => e.path)).toContain('/admin/penalty-settings');
    expect(menuFor('city_officer').map((e) => e.path)).not.toContain('/admin/penalty-settings');
    expect(selectedMenuKey(menuFor('county_officer'), '/penalty-cases/abc')).toBe('/penalty-cases');
  });

  it('gives the supervisor and the province the oversight of officials; its ledger entries stay under it (art. 39)', () => {
    expect(menuFor('supervisor').map((e) => e.path)[0]).toBe('/oversight');
    expect(menuFor('province_officer').map((e) => e.path)).toContain('/oversight');
    for (const role of ['county_officer', 'city_officer', 'unit_user', 'company_user'] as const) expect(menuFor(role).map((e) => e.path)).not.toContain('/oversight');
    expect(selectedMenuKey(menuFor('supervisor'), '/oversight/ledger/12')).toBe('/oversight');
    expect(selectedMenuKey(menuFor('supervisor'), '/oversight/complaints')).toBe('/oversight/complaints');
  });

  it('labels every entry from the dictionary', () => {
    for (const role of [null, ...ROLES]) {
      for (const e of menuFor(role)) expect(zhCN[e.label]).toBeTruthy();
    }
  });
});

describe('selectedMenuKey', () => {
  const company = menuFor('company_user');
  it('picks the most specific entry', () => {
    expect(selectedMenuKey(company, '/company/apply')).toBe('/company/apply');
    expect(selectedMenuKey(company, '/company')).toBe('/company');
    expect(selectedMenuKey(company, '/verify/GD-123')).toBe('/verify');
  });

  it('puts an application under the home of the role', () => {
    expect(selectedMenuKey(company, '/applications/x')).toBe('/company');
    expect(selectedMenuKey(menuFor('city_officer'), '/applications/x')).toBe('/officer/queue');
  });

  it('gives officers inspections and orders, units their rectification inbox (art. 29)', () => {
    for (const role of ['county_officer', 'city_officer', 'province_officer'] as const) {
      expect(menuFor(role).map((e) => e.path)).toEqual(expect.arrayContaining(['/inspections', '/rectification-orders']));
    }
    expect(menuFor('unit_user').map((e) => e.path)).toContain('/rectification-orders');
    expect(menuFor('unit_user').map((e) => e.path)).not.toContain('/inspections');
    expect(selectedMenuKey(menuFor('county_officer'), '/inspections/plans/abc')).toBe('/inspections');
    expect(selectedMenuKey(menuFor('unit_user'), '/rectification-orders/abc')).toBe('/rectification-orders');
  });
});
