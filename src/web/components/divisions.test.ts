import { describe, expect, it } from 'vitest';
import { cityOptions, localiseDivisions } from './divisions';

const tree = [
  { value: '440100', label: '广州市', labelEn: 'Guangzhou', children: [{ value: '440106', label: '天河区' }] },
  { value: '441900', label: '东莞市', labelEn: 'Dongguan', children: [] },
];

describe('divisions', () => {
  it('keeps Chinese names in Chinese and adds English names in English', () => {
    expect(localiseDivisions(tree, false)[0].label).toBe('广州市');
    expect(localiseDivisions(tree, true)[0].label).toBe('Guangzhou 广州市');
    expect(localiseDivisions(tree, true)[0].children?.[0].label).toBe('天河区');
  });

  it('makes a city without counties a leaf', () => {
    expect(localiseDivisions(tree, false)[1].children).toBeUndefined();
  });

  it('drops a single province-level root', () => {
    const wrapped = [{ value: '440000', label: '广东省', labelEn: 'Guangdong', children: tree }];
    expect(localiseDivisions(wrapped, false).map((c) => c.value)).toEqual(['440100', '441900']);
    expect(cityOptions(wrapped, false).map((c) => c.value)).toEqual(['440100', '441900']);
  });

  it('lists cities without their counties', () => {
    expect(cityOptions(tree, false)).toEqual([
      { value: '440100', label: '广州市' },
      { value: '441900', label: '东莞市' },
    ]);
  });
});
