import { describe, it, expect } from 'vitest';
import {
  cityOf,
  divisionTree,
  getDivision,
  isGuangdongDivision,
  isWithin,
  listCities,
  listCounties,
} from './divisions.js';

const EXPECTED_CITIES = [
  ['440100', '广州市', 'Guangzhou'], ['440200', '韶关市', 'Shaoguan'], ['440300', '深圳市', 'Shenzhen'],
  ['440400', '珠海市', 'Zhuhai'], ['440500', '汕头市', 'Shantou'], ['440600', '佛山市', 'Foshan'],
  ['440700', '江门市', 'Jiangmen'], ['440800', '湛江市', 'Zhanjiang'], ['440900', '茂名市', 'Maoming'],
  ['441200', '肇庆市', 'Zhaoqing'], ['441300', '惠州市', 'Huizhou'], ['441400', '梅州市', 'Meizhou'],
  ['441500', '汕尾市', 'Shanwei'], ['441600', '河源市', 'Heyuan'], ['441700', '阳江市', 'Yangjiang'],
  ['441800', '清远市', 'Qingyuan'], ['441900', '东莞市', 'Dongguan'], ['442000', '中山市', 'Zhongshan'],
  ['445100', '潮州市', 'Chaozhou'], ['445200', '揭阳市', 'Jieyang'], ['445300', '云浮市', 'Yunfu'],
] as const;

const allCounties = () => listCities().flatMap((c) => listCounties(c.code));

describe('Guangdong divisions data', () => {
  it('has exactly the 21 prefecture-level cities, in code order, with English names', () => {
    expect(listCities().map((c) => [c.code, c.name, c.nameEn])).toEqual(EXPECTED_CITIES);
  });

  it('has 122 county-level divisions: 65 districts, 20 county-level cities, 37 counties (3 autonomous)', () => {
    const counties = allCounties();
    expect(counties).toHaveLength(122);
    expect(counties.filter((c) => c.name.endsWith('区'))).toHaveLength(65);
    expect(counties.filter((c) => c.name.endsWith('市'))).toHaveLength(20);
    expect(counties.filter((c) => c.name.endsWith('县'))).toHaveLength(37);
    expect(counties.filter((c) => c.name.endsWith('自治县'))).toHaveLength(3);
  });

  it('uses 6-digit codes whose first four digits are the parent city', () => {
    for (const c of listCities()) {
      expect(c.code).toMatch(/^44\d{2}00$/);
      for (const k of listCounties(c.code)) {
        expect(k.code).toMatch(/^\d{6}$/);
        expect(k.code.slice(0, 4)).toBe(c.code.slice(0, 4));
        expect(k.parentCode).toBe(c.code);
      }
    }
  });

  it.each([
    ['441900', '441900003'], // 东城街道 in the source data
    ['442000', '442000001'], // 石岐街道
  ])('%s has no county level (town %s is not included)', (code, town) => {
    expect(getDivision(code)?.level).toBe('city');
    expect(listCounties(code)).toEqual([]);
    expect(getDivision(town)).toBeUndefined();
  });

  it.each([
    ['440000', '广东省', 'province', null],
    ['440100', '广州市', 'city', '440000'],
    ['440106', '天河区', 'county', '440100'],
    ['440305', '南山区', 'county', '440300'],
    ['441502', '城区', 'county', '441500'],
    ['440981', '高州市', 'county', '440900'],
    ['441823', '阳山县', 'county', '441800'],
    ['440232', '乳源瑶族自治县', 'county', '440200'],
  ] as const)('getDivision(%s) is %s (%s, parent %s)', (code, name, level, parentCode) => {
    expect(getDivision(code)).toMatchObject({ code, name, level, parentCode });
  });

  it.each(['110000', '110101', '440199', '4401', '', '440100 '])('does not know %j', (code) => {
    expect(getDivision(code)).toBeUndefined();
    expect(isGuangdongDivision(code)).toBe(false);
  });

  it('returns copies of lists and frozen divisions', () => {
    listCities().pop();
    expect(listCities()).toHaveLength(21);
    expect(Object.isFrozen(getDivision('440106'))).toBe(true);
  });
});

describe('cityOf', () => {
  it.each([
    ['440106', '440100'],
    ['440100', '440100'],
    ['441900', '441900'],
    ['445381', '445300'],
    ['440000', undefined],
    ['110101', undefined],
  ])('cityOf(%s) → %s', (code, city) => {
    expect(cityOf(code)?.code).toBe(city);
  });
});

describe('isWithin', () => {
  it.each([
    ['440106', '440100', true],
    ['440106', '440000', true],
    ['440106', '440106', true],
    ['440000', '440000', true],
    ['441900', '440000', true],
    ['440100', '440106', false], // parent is not within child
    ['440000', '440100', false],
    ['440106', '440300', false], // sibling city
    ['440305', '440106', false], // county in another city
    ['440199', '440100', false], // unknown code despite matching prefix
    ['110101', '440000', false],
    ['440106', '110000', false],
    ['110000', '110000', false], // unknown codes are within nothing, not even themselves
  ])('isWithin(%s, %s) → %s', (code, ancestor, expected) => {
    expect(isWithin(code, ancestor)).toBe(expected);
  });

  it('holds for every county under its city and the province, and for no other city', () => {
    for (const city of listCities()) {
      for (const k of listCounties(city.code)) {
        expect(isWithin(k.code, city.code)).toBe(true);
        expect(isWithin(k.code, '440000')).toBe(true);
        expect(listCities().filter((c) => isWithin(k.code, c.code))).toEqual([city]);
      }
    }
  });
});

describe('divisionTree', () => {
  it('is a single province root holding 21 cities and 122 counties', () => {
    const tree = divisionTree();
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ value: '440000', label: '广东省', labelEn: 'Guangdong' });
    expect(tree[0].children).toHaveLength(21);
    expect(tree[0].children!.flatMap((c) => c.children ?? [])).toHaveLength(122);
  });

  it('nests 天河区 under 广州市 and leaves Dongguan/Zhongshan as leaves without children', () => {
    const cities = divisionTree()[0].children!;
    const gz = cities.find((c) => c.value === '440100')!;
    expect(gz).toMatchObject({ label: '广州市', labelEn: 'Guangzhou' });
    expect(gz.children).toContainEqual({ value: '440106', label: '天河区' });
    for (const code of ['441900', '442000']) {
      expect(cities.find((c) => c.value === code)).not.toHaveProperty('children');
    }
  });

  it('returns a fresh tree each call', () => {
    divisionTree()[0].children!.length = 0;
    expect(divisionTree()[0].children).toHaveLength(21);
  });
});
