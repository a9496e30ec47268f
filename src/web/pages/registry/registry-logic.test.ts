import { describe, expect, it } from 'vitest';
import {
  XLSX_TYPE,
  checkDeviceCode,
  divisionName,
  divisionPath,
  findingFilterFromParams,
  findingFilterToQuery,
  importContentType,
  importPercent,
  needsPrivacyConfirmation,
  siteCan,
  siteFilterFromParams,
  siteFilterToQuery,
  toDeviceInput,
  toSearchParams,
  withFilter,
} from './registry-logic';

describe('GB/T 28181 device code', () => {
  it('accepts 20 digits and reads its parts', () => {
    const c = checkDeviceCode('44010600001320000001');
    expect(c.ok).toBe(true);
    expect(c.parts).toEqual({ centre: '44010600', division: '440106', industry: '00', type: '132', network: '0', serial: '000001' });
  });

  it('ignores spaces and dashes used to group digits', () => {
    expect(checkDeviceCode('4401 0600 0013 2000 0001').ok).toBe(true);
    expect(checkDeviceCode('44010600-00132-0-000001').ok).toBe(true);
  });

  it.each([
    ['', 'required', 0],
    ['4401060000132000000', 'length', 19],
    ['440106000013200000012', 'length', 21],
    ['4401060000132000000A', 'digits', 20],
    ['４４０１０６００００１３２００００００１', 'digits', 20],
  ])('%j → %s', (code, problem, length) => {
    const c = checkDeviceCode(code);
    expect(c.ok).toBe(false);
    expect(c.problem).toBe(problem);
    expect(c.length).toBe(length);
  });

  it('lets an optional code be empty', () => {
    expect(checkDeviceCode('', false).ok).toBe(true);
    expect(checkDeviceCode(null, false).ok).toBe(true);
  });
});

describe('art. 10 confirmation', () => {
  it('asks before a camera or an audio capture is recorded in a privacy place', () => {
    expect(needsPrivacyConfirmation({ deviceKind: 'camera', placement: 'privacy', audioCapture: false })).toBe(true);
    expect(needsPrivacyConfirmation({ deviceKind: 'equipment', placement: 'privacy', audioCapture: true })).toBe(true);
    expect(needsPrivacyConfirmation({ deviceKind: 'camera', placement: 'inside_unit', audioCapture: true })).toBe(false);
    expect(needsPrivacyConfirmation({ deviceKind: 'camera', placement: 'public_area', audioCapture: false })).toBe(false);
    expect(needsPrivacyConfirmation({ deviceKind: 'equipment', placement: 'privacy', audioCapture: false })).toBe(false);
  });

  it('sends only the fields that apply', () => {
    const camera = toDeviceInput({
      deviceKind: 'camera',
      name: ' 更衣室摄像机 ',
      deviceCode: '4401 0600 0013 2000 0001',
      placement: 'privacy',
      privacyKind: 'changing_room',
      audioCapture: false,
      signage: true,
      retentionDays: 30,
      equipmentType: 'x',
      certificates: [{ certType: 'ccc', number: '1', validTo: null }],
    });
    expect(camera).toMatchObject({ name: '更衣室摄像机', deviceCode: '44010600001320000001', privacyKind: 'changing_room', equipmentType: null, certificates: [] });
    const inside = toDeviceInput({ deviceKind: 'camera', name: 'a', placement: 'inside_unit', privacyKind: 'toilet', audioCapture: false, signage: false });
    expect(inside.privacyKind).toBeNull();
    const eq = toDeviceInput({
      deviceKind: 'equipment',
      name: '报警主机',
      deviceCode: '44010600001320000001',
      audioCapture: false,
      signage: true,
      retentionDays: 30,
      equipmentType: ' 报警主机 ',
      certificates: [
        { certType: 'ccc', number: ' 2020010001 ', validTo: '2027-01-01' },
        { certType: 'inspection_report', number: '  ', validTo: null },
      ],
    });
    expect(eq).toMatchObject({ deviceCode: null, signage: false, retentionDays: null, equipmentType: '报警主机' });
    expect(eq.certificates).toEqual([{ certType: 'ccc', number: '2020010001', validTo: '2027-01-01' }]);
  });
});

describe('site list filters', () => {
  it('maps the address bar to the API query and back', () => {
    const f = siteFilterFromParams(new URLSearchParams('siteType=key_unit&division=440106&category=4&q=%20银行%20&hasFindings=true&article=10&page=2&pageSize=50'));
    expect(siteFilterToQuery(f)).toEqual({ siteType: 'key_unit', division: '440106', category: '4', q: '银行', hasFindings: 'true', article: '10', page: 2, pageSize: 50 });
    expect(siteFilterFromParams(toSearchParams(siteFilterToQuery(f)))).toEqual({ ...f, q: '银行' });
  });

  it('leaves empty and unknown values out', () => {
    const f = siteFilterFromParams(new URLSearchParams('siteType=castle&hasFindings=maybe&page=-3&pageSize=9999&q=%20'));
    expect(siteFilterToQuery(f)).toEqual({ page: 1, pageSize: 200 });
    expect(siteFilterToQuery({ ...f, hasFindings: false, pageSize: 20 })).toEqual({ hasFindings: 'false', page: 1, pageSize: 20 });
  });

  it('goes back to page 1 when a filter changes, not when the page does', () => {
    const f = siteFilterFromParams(new URLSearchParams('page=4'));
    expect(withFilter(f, { article: '10' }).page).toBe(1);
    expect(withFilter(f, { page: 5 }).page).toBe(5);
    expect(withFilter(f, { page: 4, pageSize: 50 }).pageSize).toBe(50);
  });

  it('maps the findings filter, open by default', () => {
    const f = findingFilterFromParams(new URLSearchParams('article=10&division=440100'));
    expect(findingFilterToQuery(f)).toEqual({ status: 'open', article: '10', division: '440100', page: 1, pageSize: 20 });
    expect(findingFilterFromParams(new URLSearchParams('status=resolved')).status).toBe('resolved');
  });
});

describe('divisions', () => {
  const tree = [
    { value: '440100', label: '广州市', labelEn: 'Guangzhou', children: [{ value: '440106', label: '天河区', labelEn: 'Tianhe' }] },
    { value: '440300', label: '深圳市', children: [] },
  ];
  it('finds the Cascader path and the name of a code', () => {
    expect(divisionPath(tree, '440106')).toEqual(['440100', '440106']);
    expect(divisionPath(tree, '440300')).toEqual(['440300']);
    expect(divisionPath(tree, '999999')).toEqual([]);
    expect(divisionName(tree, '440106')).toBe('广州市 天河区');
    expect(divisionName(tree, '440106', true)).toBe('Guangzhou Tianhe');
    expect(divisionName(tree, undefined)).toBeUndefined();
  });
});

describe('site actions', () => {
  it('follows the actions the server sends', () => {
    expect(siteCan({ siteType: 'key_unit', actions: ['edit'] }, 'remove_device', 'city_officer')).toBe(true);
    expect(siteCan({ siteType: 'key_unit', actions: [] }, 'add_system', 'unit_user')).toBe(false);
  });
  it('falls back to the access rule without actions', () => {
    expect(siteCan({ siteType: 'key_unit' }, 'add_device', 'unit_user')).toBe(true);
    expect(siteCan({ siteType: 'key_unit' }, 'add_device', 'county_officer')).toBe(false);
    expect(siteCan({ siteType: 'public_area' }, 'edit', 'city_officer')).toBe(true);
    expect(siteCan({ siteType: 'public_area' }, 'edit', 'company_user')).toBe(false);
  });
});

describe('imports', () => {
  it('sends .xlsx and .csv with their media types and refuses anything else', () => {
    expect(importContentType('场所.XLSX')).toBe(XLSX_TYPE);
    expect(importContentType('sites.csv')).toBe('text/csv');
    expect(importContentType('sites.xls')).toBeNull();
  });
  it('shows progress up to 99% while running, 100% once done', () => {
    expect(importPercent({ status: 'running', totalRows: 0, processedRows: 0 })).toBe(0);
    expect(importPercent({ status: 'running', totalRows: 200, processedRows: 50 })).toBe(25);
    expect(importPercent({ status: 'running', totalRows: 10, processedRows: 10 })).toBe(99);
    expect(importPercent({ status: 'succeeded', totalRows: 10, processedRows: 10 })).toBe(100);
  });
});
