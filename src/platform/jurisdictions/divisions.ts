// Guangdong administrative divisions (GB/T 2260 six-digit codes): province → prefecture-level city → county level.
// The data is a static snapshot (see README.md); lookups are served from maps built once at module load.
import data from './guangdong-divisions.json' with { type: 'json' };

export type DivisionLevel = 'province' | 'city' | 'county';

export interface Division {
  code: string;
  name: string;
  nameEn?: string;
  level: DivisionLevel;
  parentCode: string | null;
}

/** Node shape expected by cascader widgets (antd Cascader uses value/label/children). */
export interface DivisionTreeNode {
  value: string;
  label: string;
  labelEn?: string;
  children?: DivisionTreeNode[];
}

interface RawFile {
  province: { code: string; name: string };
  cities: { code: string; name: string; nameEn: string; counties: { code: string; name: string }[] }[];
}

const raw = data as RawFile;

export const GUANGDONG_CODE = raw.province.code;

const byCode = new Map<string, Division>();
const countiesByCity = new Map<string, Division[]>();
const cities: Division[] = [];

function add(d: Division): Division {
  // Frozen so callers cannot corrupt the shared lookup tables.
  const frozen = Object.freeze(d);
  if (byCode.has(d.code)) throw new Error(`duplicate division code ${d.code}`);
  byCode.set(d.code, frozen);
  return frozen;
}

add({ code: raw.province.code, name: raw.province.name, level: 'province', parentCode: null });
for (const c of raw.cities) {
  cities.push(add({ code: c.code, name: c.name, nameEn: c.nameEn, level: 'city', parentCode: GUANGDONG_CODE }));
  countiesByCity.set(
    c.code,
    c.counties.map((k) => add({ code: k.code, name: k.name, level: 'county', parentCode: c.code })),
  );
}

export function getDivision(code: string): Division | undefined {
  return byCode.get(code);
}

export function listCities(): Division[] {
  return [...cities];
}

/** County-level divisions of a city; empty for Dongguan/Zhongshan (no county level) and for unknown codes. */
export function listCounties(cityCode: string): Division[] {
  return [...(countiesByCity.get(cityCode) ?? [])];
}

/** The prefecture-level city containing (or equal to) `code`; undefined for the province and unknown codes. */
export function cityOf(code: string): Division | undefined {
  const d = byCode.get(code);
  if (!d || d.level === 'province') return undefined;
  return d.level === 'city' ? d : byCode.get(d.parentCode!);
}

/**
 * True if `code` is `ancestorCode` or lies beneath it. Both must be known divisions: an unknown code is never
 * "within" anything, so a typo cannot silently grant jurisdiction. Walks parent links rather than comparing code
 * prefixes, so a well-formed but non-existent code (e.g. 440199) never prefix-matches its way into a city.
 */
export function isWithin(code: string, ancestorCode: string): boolean {
  if (!byCode.has(ancestorCode)) return false;
  for (let d = byCode.get(code); d; d = d.parentCode ? byCode.get(d.parentCode) : undefined) {
    if (d.code === ancestorCode) return true;
  }
  return false;
}

export function isGuangdongDivision(code: string): boolean {
  return byCode.has(code);
}

/** Single-root tree (the province) so a cascader can select the whole province, a city, or a county. */
export function divisionTree(): DivisionTreeNode[] {
  // Built fresh per call: it is small, and callers (UI libraries) may annotate nodes.
  const cityNodes = cities.map((c): DivisionTreeNode => {
    const counties = countiesByCity.get(c.code)!;
    const node: DivisionTreeNode = { value: c.code, label: c.name, labelEn: c.nameEn };
    // Leaf cities omit `children` entirely so cascaders treat them as selectable end points.
    if (counties.length) node.children = counties.map((k) => ({ value: k.code, label: k.name }));
    return node;
  });
  return [{ value: GUANGDONG_CODE, label: raw.province.name, labelEn: 'Guangdong', children: cityNodes }];
}
