import { describe, it, expect } from 'vitest';
import { isWithin, listCities, listCounties } from './divisions.js';
import {
  cityBureauFor,
  getPoliceUnit,
  listPoliceUnits,
  provincialDepartment,
  unitJurisdiction,
} from './police-units.js';

describe('police unit tree', () => {
  it('has 1 department + 21 city bureaux + 122 county units + 2 special units', () => {
    const units = listPoliceUnits();
    expect(units).toHaveLength(146);
    expect(units.filter((u) => u.level === 'province')).toHaveLength(1);
    expect(units.filter((u) => u.level === 'city')).toHaveLength(21);
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
  });

  it('has the provincial department as the only root', () => {
    expect(provincialDepartment()).toEqual({
      id: 'PSB-440000',
      name: '广东省公安厅',
      nameEn: 'Guangdong Provincial Public Security Department',
      level: 'province',
      parentId: null,
      divisionCode: '440000',
    });
    expect(listPoliceUnits().filter((u) => u.parentId === null)).toEqual([provincialDepartment()]);
  });

  it('has one city bureau per city, under the department', () => {
    for (const city of listCities()) {
      expect(getPoliceUnit(`PSB-${city.code}`)).toEqual({
        id: `PSB-${city.code}`,
        name: `${city.name}公安局`,
        nameEn: `${city.nameEn} Municipal Public Security Bureau`,
        level: 'city',
        parentId: 'PSB-440000',
        divisionCode: city.code,
      });
    }
  });

  it('gives every county a county unit whose parent is its city bureau', () => {
    for (const city of listCities()) {
      for (const county of listCounties(city.code)) {
        const unit = getPoliceUnit(`PSB-${county.code}`);
        expect(unit).toMatchObject({ level: 'county', parentId: `PSB-${city.code}`, divisionCode: county.code });
      }
    }
  });

  it('has no county units for Dongguan or Zhongshan (no county level)', () => {
    const under = (id: string) => listPoliceUnits().filter((u) => u.parentId === id);
    expect(under('PSB-441900')).toEqual([]);
    expect(under('PSB-442000')).toEqual([]);
  });

  it.each([
    ['PSB-440106', '广州市公安局天河区分局'], // district → branch of the city bureau
    ['PSB-441502', '汕尾市公安局城区分局'],
    ['PSB-440981', '高州市公安局'], // county-level city → own bureau
    ['PSB-441823', '阳山县公安局'], // county
    ['PSB-440232', '乳源瑶族自治县公安局'], // autonomous county
    ['PSB-440100', '广州市公安局'],
  ])('%s is named %s', (id, name) => {
    expect(getPoliceUnit(id)?.name).toBe(name);
  });

  it('names districts in English as sub-bureaux of the city bureau', () => {
    expect(getPoliceUnit('PSB-440106')?.nameEn).toBe('Guangzhou Municipal Public Security Bureau, 天河区 Sub-bureau');
    expect(getPoliceUnit('PSB-440981')?.nameEn).toBe('高州市 Public Security Bureau (Maoming)');
  });

  it('has every non-root unit pointing at an existing parent one level up (special units count as county)', () => {
    const rank = { province: 0, city: 1, county: 2 } as const;
    for (const u of listPoliceUnits().filter((x) => x.parentId)) {
      const parent = getPoliceUnit(u.parentId!);
      expect(parent, u.id).toBeDefined();
      expect(rank[u.level] - rank[parent!.level], u.id).toBe(1);
    }
  });
});

describe('special units (not divisions)', () => {
  it('Dapeng New District sub-bureau sits under Shenzhen and covers Longgang (440307), its narrowest division', () => {
    const u = getPoliceUnit('PSB-SZ-DAPENG')!;
    expect(u).toMatchObject({ name: '深圳市公安局大鹏新区分局', parentId: 'PSB-440300', divisionCode: '440307' });
    // A separate unit from the Longgang sub-bureau, even though both are keyed to the same division.
    expect(getPoliceUnit('PSB-440307')?.name).toBe('深圳市公安局龙岗区分局');
    expect(unitJurisdiction(u)).toBe('440307');
  });

  it('the Guangzhou rail-transit sub-bureau has no area and inherits the city bureau jurisdiction', () => {
    const u = getPoliceUnit('PSB-GZ-METRO')!;
    expect(u).toMatchObject({ parentId: 'PSB-440100', divisionCode: null });
    expect(unitJurisdiction(u)).toBe('440100');
  });
});

describe('cityBureauFor', () => {
  it.each([
    ['440106', 'PSB-440100'],
    ['440100', 'PSB-440100'],
    ['440307', 'PSB-440300'],
    ['441900', 'PSB-441900'],
    ['445322', 'PSB-445300'],
    ['440000', undefined], // the province is not inside any city
    ['110101', undefined],
    ['440199', undefined],
  ])('cityBureauFor(%s) → %s', (code, id) => {
    expect(cityBureauFor(code)?.id).toBe(id);
  });
});

describe('unitJurisdiction', () => {
  it('is the unit division for all generated units, and the department covers every unit', () => {
    for (const u of listPoliceUnits()) {
      const j = unitJurisdiction(u);
      if (u.divisionCode) expect(j).toBe(u.divisionCode);
      expect(isWithin(j, unitJurisdiction(provincialDepartment()))).toBe(true);
      // A unit's jurisdiction always lies within its parent's.
      if (u.parentId) expect(isWithin(j, unitJurisdiction(getPoliceUnit(u.parentId)!))).toBe(true);
    }
  });

  it('a county unit does not cover a sibling county', () => {
    expect(isWithin('440305', unitJurisdiction(getPoliceUnit('PSB-440106')!))).toBe(false);
    expect(isWithin('440106', unitJurisdiction(getPoliceUnit('PSB-440106')!))).toBe(true);
  });
});
