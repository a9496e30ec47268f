// Public security organs (公安机关) as their own tree. It is generated from the division tree but deliberately kept
// separate: organs and areas do not map one-to-one (functional sub-bureaux exist; Dongguan/Zhongshan have no
// county level), and the Measures assign duties to organs, while records are located in areas.
// This is a generated model for the platform, not an authoritative register of police organs.
import { type Division, cityOf, getDivision, listCities, listCounties, GUANGDONG_CODE } from './divisions.js';

export type PoliceLevel = 'province' | 'city' | 'county';

export interface PoliceUnit {
  id: string;
  name: string;
  nameEn: string;
  level: PoliceLevel;
  parentId: string | null;
  /** The division whose subtree the unit has jurisdiction over; null for units with no area of their own. */
  divisionCode: string | null;
}

const unitId = (divisionCode: string): string => `PSB-${divisionCode}`;

const units: PoliceUnit[] = [];
const byId = new Map<string, PoliceUnit>();

function add(u: PoliceUnit): void {
  if (byId.has(u.id)) throw new Error(`duplicate police unit ${u.id}`);
  const frozen = Object.freeze(u);
  units.push(frozen);
  byId.set(u.id, frozen);
}

// County names are not romanised: the source data has no pinyin and automatic conversion gets place-name
// readings wrong (番禺 Panyu, 大埔 Dabu, 乐昌 Lechang), so the English name keeps the Chinese county name.
function countyUnit(city: Division, county: Division): PoliceUnit {
  const isDistrict = county.name.endsWith('区');
  return {
    id: unitId(county.code),
    // Districts are branches of the city bureau (分局); counties and county-level cities have their own 公安局.
    name: isDistrict ? `${city.name}公安局${county.name}分局` : `${county.name}公安局`,
    nameEn: isDistrict
      ? `${city.nameEn} Municipal Public Security Bureau, ${county.name} Sub-bureau`
      : `${county.name} Public Security Bureau (${city.nameEn})`,
    level: 'county',
    parentId: unitId(city.code),
    divisionCode: county.code,
  };
}

add({
  id: unitId(GUANGDONG_CODE),
  name: '广东省公安厅',
  nameEn: 'Guangdong Provincial Public Security Department',
  level: 'province',
  parentId: null,
  divisionCode: GUANGDONG_CODE,
});
for (const city of listCities()) {
  add({
    id: unitId(city.code),
    name: `${city.name}公安局`,
    nameEn: `${city.nameEn} Municipal Public Security Bureau`,
    level: 'city',
    parentId: unitId(GUANGDONG_CODE),
    divisionCode: city.code,
  });
  for (const county of listCounties(city.code)) add(countyUnit(city, county));
}

// Special units that are not divisions, one of each kind of mismatch:
// - Dapeng New District is a functional zone, not a GB/T 2260 division. Its sub-districts (葵涌, 大鹏, 南澳) are
//   coded under 龙岗区 440307, the narrowest division covering it, so that is its divisionCode. Its jurisdiction
//   therefore overlaps the Longgang sub-bureau's; division-based jurisdiction is a superset for functional zones.
add({
  id: 'PSB-SZ-DAPENG',
  name: '深圳市公安局大鹏新区分局',
  nameEn: 'Shenzhen Municipal Public Security Bureau, Dapeng New District Sub-bureau',
  level: 'county',
  parentId: unitId('440300'),
  divisionCode: '440307',
});
// - The rail-transit sub-bureau polices lines, not an area: divisionCode null, jurisdiction inherited from its parent.
add({
  id: 'PSB-GZ-METRO',
  name: '广州市公安局轨道交通分局',
  nameEn: 'Guangzhou Municipal Public Security Bureau, Rail Transit Sub-bureau',
  level: 'county',
  parentId: unitId('440100'),
  divisionCode: null,
});

export function getPoliceUnit(id: string): PoliceUnit | undefined {
  return byId.get(id);
}

export function listPoliceUnits(): PoliceUnit[] {
  return [...units];
}

export function provincialDepartment(): PoliceUnit {
  return byId.get(unitId(GUANGDONG_CODE))!;
}

/** The city bureau whose city contains `divisionCode`; undefined for the province itself and for unknown codes. */
export function cityBureauFor(divisionCode: string): PoliceUnit | undefined {
  const city = cityOf(divisionCode);
  return city && byId.get(unitId(city.code));
}

/** Division code whose subtree the unit covers: its own divisionCode, else the nearest ancestor unit's. */
export function unitJurisdiction(unit: PoliceUnit): string {
  for (let u: PoliceUnit | undefined = unit; u; u = u.parentId ? byId.get(u.parentId) : undefined) {
    if (u.divisionCode) return u.divisionCode;
  }
  // Unreachable for units from this module (the province department has a division); guards foreign objects.
  throw new Error(`police unit ${unit.id} has no jurisdiction`);
}

// Fail at load, not at first use, if the special units ever point at divisions that vanished from the data.
for (const u of units) {
  if (u.divisionCode && !getDivision(u.divisionCode)) throw new Error(`${u.id}: unknown division ${u.divisionCode}`);
  if (u.parentId && !byId.has(u.parentId)) throw new Error(`${u.id}: unknown parent ${u.parentId}`);
}
