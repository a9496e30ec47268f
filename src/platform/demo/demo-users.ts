/** Demo accounts named in the README. Officers carry their police unit; others their organisation. */
export const DEMO_USERS = [
  { username: 'gd.officer', displayName: '省厅审批员（演示）', role: 'province_officer', policeUnitId: 'PSB-440000' },
  // A second provincial officer: a calendar revision one of them proposes, the other approves (four eyes).
  { username: 'gd.admin2', displayName: '省厅复核员（演示）', role: 'province_officer', policeUnitId: 'PSB-440000' },
  { username: 'gz.officer', displayName: '广州市局审批员（演示）', role: 'city_officer', policeUnitId: 'PSB-440100' },
  { username: 'gz.tianhe.officer', displayName: '天河分局民警（演示）', role: 'county_officer', policeUnitId: 'PSB-440106' },
  { username: 'sz.officer', displayName: '深圳市局审批员（演示）', role: 'city_officer', policeUnitId: 'PSB-440300' },
  { username: 'company.a', displayName: '甲公司经办人（演示）', role: 'company_user', company: 'A' },
  { username: 'company.b', displayName: '乙公司经办人（演示）', role: 'company_user', company: 'B' },
  { username: 'unit.a', displayName: '天河某银行支行安保负责人（演示）', role: 'unit_user', unit: 'A' },
  // Created after its institution is registered (projects.seed.ts): the user row references it.
  { username: 'lab.a', displayName: '检测站检测员（演示）', role: 'testing_institution', institution: 'A' },
] as const;

/** Demo testing institution (art. 18). Illustrative: name, code and accreditation number are not real records. */
export const DEMO_INSTITUTION = {
  name: '广东省安全技术防范产品质量检测站（演示）',
  first17: '12440000MB2DEMXLA',
  accreditationNumber: 'CMA-2024190001（演示）',
  accreditationValidTo: '2029-12-31',
  scope: 'provincial',
  divisionCode: '440100',
} as const;

/** Demo companies. Names are fictitious and marked 演示; credit codes carry valid check digits. */
export const DEMO_COMPANIES = {
  A: { name: '广州天盾安防科技有限公司（演示）', first17: '91440106MA59DEMXA', divisionCode: '440106', origin: 'guangdong' },
  B: { name: '深圳鹏安智能系统有限公司（演示）', first17: '91440300MA5FDEMXB', divisionCode: '440305', origin: 'guangdong' },
  C: { name: '佛山禅安工程有限公司（演示）', first17: '91440604MA4WDEMXC', divisionCode: '440604', origin: 'guangdong' },
  D: { name: '珠海海岸线安防有限公司（演示）', first17: '91440402MA53DEMXD', divisionCode: '440402', origin: 'guangdong' },
  E: { name: '湖南潇湘安防工程有限公司（演示）', first17: '91430100MA4LDEMXE', divisionCode: '430100', origin: 'out_of_province' },
} as const;
