/**
 * The spreadsheet columns of a registry import, per kind: the Chinese header a clerk sees (and the
 * template carries), accepted aliases (English field names included), and how a cell's text
 * becomes a field value. Pure: no database, no clock.
 *
 * Enumerations accept the stored code (`key_unit`) or any Chinese label listed here (`重点单位`);
 * booleans accept 是/否, 有/无, Y/N, true/false, 1/0. Headers match after NFKC normalisation,
 * lower-casing, dropping spaces, a leading/trailing `*` (required marker) and a bracketed suffix,
 * so `设备编码（GB/T 28181）`, `设备编码`, `deviceCode` and `device_code` all mean the same column.
 */

import * as T from '../registry.terms.js';
import { SYSTEM_STATUS_LABELS } from '../systems.states.js';

export type ImportKind = 'sites' | 'systems' | 'devices';
export const IMPORT_KINDS: readonly ImportKind[] = ['sites', 'systems', 'devices'];

export type ImportMode = 'dry_run' | 'all_or_nothing' | 'valid_rows_only';
export const IMPORT_MODES: readonly ImportMode[] = ['dry_run', 'all_or_nothing', 'valid_rows_only'];

export type ValueType =
  | { t: 'text' }
  | { t: 'bool' }
  | { t: 'int' }
  | { t: 'date' }
  /** code → accepted labels (the first is the canonical Chinese label) */
  | { t: 'enum'; values: Record<string, readonly string[]>; labelZh: string; labelEn: string };

export interface ColumnDef {
  /** Field of the parsed row (input field of the core's validators, or a parent reference). */
  key: string;
  zh: string;
  en: string;
  aliases: readonly string[];
  type: ValueType;
  /** The header must be present (the row identity or the parent reference depend on it). */
  requiredHeader?: boolean;
  /** Example cell for the template. */
  example: string;
  /** Hint written in the template's notes sheet. */
  noteZh: string;
}

const text = { t: 'text' } as const;
const bool = { t: 'bool' } as const;
const int = { t: 'int' } as const;
const date = { t: 'date' } as const;
const en = (labelZh: string, labelEn: string, values: Record<string, readonly string[]>): ValueType => ({ t: 'enum', values, labelZh, labelEn });

type Terms = Record<string, { zh: string; en: string }>;
/** An enumeration from the core's vocabulary (its Chinese label first) plus spreadsheet spellings. */
const fromTerms = (labelZh: string, labelEn: string, t: Terms, extra: Record<string, readonly string[]>): ValueType =>
  en(labelZh, labelEn, Object.fromEntries(Object.entries(t).map(([code, l]) => [code, [l.zh, ...(extra[code] ?? []), l.en]])));

export const SITE_TYPE_VALUES = fromTerms('场所类型', 'site type', T.SITE_TYPES, {
  key_unit: ['重点单位', 'key unit'],
  public_area: ['公共区域', 'public area'],
});

export const RESPONSIBLE_BASIS_VALUES = fromTerms('责任依据', 'responsibility basis', T.RESPONSIBLE_BASES, {
  agreement: ['约定', '协议约定', '合同约定'],
  owner: ['所有人', '所有权人', '产权人', '业主'],
  state_use_right: ['国有使用权人', '使用权人', '国有财产使用权人'],
  state_management: ['国有管理人', '管理权人', '国有财产管理人'],
});

export const AREA_KIND_VALUES = fromTerms('区域类型', 'area kind', T.AREA_KINDS, {
  main_entrance: ['出入口'],
  main_road: ['主干道'],
  complex_section: ['复杂路段'],
  intersection: ['路口'],
});

export const BUILDER_LEVEL_VALUES = fromTerms('建设层级', 'builder level', T.BUILDER_LEVELS, {
  county: ['县级', '县(区)级', '区县级', '县区级'],
  city: ['市级', '地市级', '地级市'],
  province: ['省级'],
});

/** Art. 40 system types, in the Measures' own words. */
export const SYSTEM_TYPE_VALUES = fromTerms('系统类型', 'system type', T.SYSTEM_TYPES, {
  intrusion_alarm: ['入侵报警'],
  video_surveillance: ['视频监控', '视频安防监控系统'],
  road_checkpoint: ['道路卡口', '卡口'],
  access_control: ['出入口控制', '门禁系统', '门禁'],
  electronic_patrol: ['电子巡查', '电子巡更系统', '巡更'],
  parking_management: ['停车库(场)管理', '停车场管理系统', '停车管理'],
  explosion_proof_inspection: ['防爆安全检查', '防爆安检系统', '安检'],
  biometric: ['生物特征采集识别系统', '生物特征识别', '生物识别'],
  intelligent_video_analysis: ['智能视频分析系统', '智能视频图像分析', '视频分析'],
  integrated_platform: ['综合管理平台', '安全防范综合管理平台', '集成平台', '集成系统'],
});

export const SYSTEM_STATUS_VALUES = fromTerms('系统状态', 'system status', SYSTEM_STATUS_LABELS, {
  planned: ['规划', '拟建', '计划建设'],
  under_construction: ['在建', '施工中'],
  accepted: ['验收合格'],
  in_use: ['在用', '使用中', '已投入使用', '运行'],
  decommissioned: ['停用', '报废'],
});

export const DEVICE_KIND_VALUES = fromTerms('设备种类', 'device kind', T.DEVICE_KINDS, {
  camera: ['摄像头', '前端摄像机'],
  equipment: ['设备', '其他设备'],
});

export const PLACEMENT_VALUES = fromTerms('安装位置', 'placement', T.PLACEMENTS, {
  public_area: [],
  inside_unit: ['内部区域', '单位内部区域'],
  privacy: ['隐私场所', '涉及隐私场所'],
});

/** Art. 10(2): the places where video or audio capture is prohibited. */
export const PRIVACY_KIND_VALUES = fromTerms('隐私场所类型', 'privacy place kind', T.PRIVACY_KINDS, {
  hotel_room: ['酒店客房', '客房'],
  dormitory: ['宿舍'],
  public_bathroom: ['浴室'],
  changing_room: [],
  toilet: ['厕所', '洗手间'],
});

/** Art. 13 quality certificates. */
export const CERT_TYPE_VALUES = fromTerms('证书类型', 'certificate type', T.CERT_TYPES, {
  ccc: ['强制性产品认证', '3C认证', 'CCC认证', 'CCC', '3C'],
  production_licence: ['生产许可证'],
  inspection_report: ['检测报告', '型式检验报告'],
  voluntary: ['自愿认证'],
});

// Parent references shared by systems and devices: a site by its id, or by name + division code.
const SITE_REF: ColumnDef[] = [
  { key: 'siteId', zh: '场所编号', en: 'siteId', aliases: ['场所ID', 'site_id'], type: text, example: '', noteZh: '可选；填写后按编号匹配场所（优先于名称）' },
  { key: 'siteName', zh: '场所名称', en: 'siteName', aliases: ['单位名称', 'site_name', 'site'], type: text, example: '天河某银行支行（演示）', noteZh: '未填场所编号时必填：与行政区划代码一起匹配已登记的场所' },
  {
    key: 'siteDivisionCode',
    zh: '行政区划代码',
    en: 'divisionCode',
    aliases: ['区划代码', '场所行政区划代码', 'division_code', 'division'],
    type: text,
    example: '440106',
    noteZh: '场所所在县级行政区划代码（6 位，GB/T 2260）',
  },
];

export const COLUMNS: Record<ImportKind, readonly ColumnDef[]> = {
  sites: [
    { key: 'siteType', zh: '场所类型', en: 'siteType', aliases: ['类型', 'site_type', 'type'], type: SITE_TYPE_VALUES, example: '重点单位', noteZh: '重点单位 或 重点公共区域；省略时单位用户为重点单位，公安机关为重点公共区域' },
    { key: 'name', zh: '名称', en: 'name', aliases: ['场所名称', '单位名称', '区域名称'], type: text, requiredHeader: true, example: '天河某银行支行（演示）', noteZh: '必填；与行政区划代码一起识别同一场所，重复导入时更新该场所' },
    { key: 'divisionCode', zh: '行政区划代码', en: 'divisionCode', aliases: ['区划代码', 'division_code', 'division'], type: text, requiredHeader: true, example: '440106', noteZh: '必填；6 位县级行政区划代码（GB/T 2260）' },
    { key: 'address', zh: '地址', en: 'address', aliases: ['详细地址'], type: text, example: '广州市天河区天河路 1 号', noteZh: '必填' },
    { key: 'categoryCode', zh: '类别', en: 'categoryCode', aliases: ['单位类别', '重点单位类别', 'category', 'category_code'], type: text, example: '4', noteZh: '重点单位必填：第九条类别编号（1–10）或目录中的类别名称' },
    { key: 'kindCode', zh: '种类', en: 'kindCode', aliases: ['单位种类', 'kind', 'kind_code'], type: text, example: '金融机构营业场所', noteZh: '名录中该类别下的种类编号或名称' },
    { key: 'responsibleParty', zh: '责任主体', en: 'responsibleParty', aliases: ['责任单位', 'responsible_party'], type: text, example: '某银行股份有限公司广州天河支行', noteZh: '第九条末款确定的技防责任主体' },
    { key: 'responsibleBasis', zh: '责任依据', en: 'responsibleBasis', aliases: ['responsible_basis'], type: RESPONSIBLE_BASIS_VALUES, example: '所有人', noteZh: '约定 / 所有人 / 国有使用权人 / 国有管理人' },
    { key: 'areaKind', zh: '区域类型', en: 'areaKind', aliases: ['公共区域类型', 'area_kind'], type: AREA_KIND_VALUES, example: '', noteZh: '重点公共区域：主要出入口 / 主要道路 / 治安复杂路段 / 交叉路口' },
    { key: 'builderLevel', zh: '建设层级', en: 'builderLevel', aliases: ['建设主体', 'builder_level'], type: BUILDER_LEVEL_VALUES, example: '', noteZh: '重点公共区域：负责建设的人民政府层级（县级 / 市级 / 省级）' },
    { key: 'userPoliceUnitId', zh: '使用单位', en: 'userPoliceUnitId', aliases: ['使用公安机关', '公安机关编码', 'user_police_unit_id'], type: text, example: '', noteZh: '重点公共区域：使用系统的公安机关编码（如 PSB-440106）' },
    { key: 'antiTerrorTarget', zh: '反恐重点目标', en: 'antiTerrorTarget', aliases: ['是否反恐重点目标', 'anti_terror_target'], type: bool, example: '否', noteZh: '是 / 否（是：存储不少于 90 日）' },
  ],
  systems: [
    ...SITE_REF,
    { key: 'systemType', zh: '系统类型', en: 'systemType', aliases: ['system_type', 'type'], type: SYSTEM_TYPE_VALUES, example: '视频监控系统', noteZh: '第四十条所列系统之一' },
    { key: 'name', zh: '系统名称', en: 'name', aliases: ['名称', 'system_name'], type: text, requiredHeader: true, example: '营业厅视频监控系统', noteZh: '必填；同一场所内按系统名称识别同一系统，重复导入时更新' },
    { key: 'status', zh: '状态', en: 'status', aliases: ['系统状态'], type: SYSTEM_STATUS_VALUES, example: '在用', noteZh: '规划 / 在建 / 已验收 / 在用 / 停用' },
    { key: 'alarmCentreInterface', zh: '接入报警中心', en: 'alarmCentreInterface', aliases: ['报警中心接口', '联网报警中心', 'alarm_centre_interface'], type: bool, example: '是', noteZh: '是 / 否（第十一条）' },
    { key: 'authorisationRef', zh: '审批文号', en: 'authorisationRef', aliases: ['批准文号', '授权文号', 'authorisation_ref'], type: text, example: '', noteZh: '公共区域安装系统的批准文号（第八条）' },
    { key: 'acceptedOn', zh: '验收日期', en: 'acceptedOn', aliases: ['accepted_on'], type: date, example: '2025-06-30', noteZh: 'YYYY-MM-DD（第十九条）' },
  ],
  devices: [
    ...SITE_REF,
    { key: 'systemName', zh: '系统名称', en: 'systemName', aliases: ['所属系统', 'system_name', 'system'], type: text, requiredHeader: true, example: '营业厅视频监控系统', noteZh: '必填：该场所内已登记的系统名称' },
    { key: 'deviceKind', zh: '设备种类', en: 'deviceKind', aliases: ['device_kind'], type: DEVICE_KIND_VALUES, example: '摄像机', noteZh: '摄像机 / 主要设备；省略时为摄像机' },
    { key: 'name', zh: '设备名称', en: 'name', aliases: ['名称', 'device_name'], type: text, requiredHeader: true, example: '营业厅 1 号摄像机', noteZh: '必填' },
    { key: 'deviceCode', zh: '设备编码', en: 'deviceCode', aliases: ['国标编码', '设备国标编码', 'device_code', 'code'], type: text, example: '44010600001320000001', noteZh: '摄像机：20 位 GB/T 28181 编码，全省唯一；重复导入时按编码更新' },
    { key: 'placement', zh: '安装位置', en: 'placement', aliases: ['安装部位'], type: PLACEMENT_VALUES, example: '单位内部', noteZh: '公共区域 / 单位内部 / 隐私场所' },
    { key: 'privacyKind', zh: '隐私场所类型', en: 'privacyKind', aliases: ['privacy_kind'], type: PRIVACY_KIND_VALUES, example: '', noteZh: '安装位置为隐私场所时：旅馆客房 / 集体宿舍 / 公共浴室 / 更衣室 / 卫生间（第十条禁止安装）' },
    { key: 'audioCapture', zh: '拾音', en: 'audioCapture', aliases: ['音频采集', '是否拾音', 'audio_capture', 'audio'], type: bool, example: '否', noteZh: '是 / 否' },
    { key: 'signage', zh: '标识', en: 'signage', aliases: ['提示标识', '设置标识', '是否设置标识'], type: bool, example: '是', noteZh: '是 / 否（第七条：公共区域视频采集应设置明显标识）' },
    { key: 'retentionDays', zh: '存储天数', en: 'retentionDays', aliases: ['录像存储天数', '保存天数', 'retention_days'], type: int, example: '30', noteZh: '配置的录像保存天数（第二十条：不少于 30 日，反恐重点目标不少于 90 日）' },
    { key: 'equipmentType', zh: '设备类型', en: 'equipmentType', aliases: ['设备型号', 'equipment_type'], type: text, example: '', noteZh: '主要设备的类型' },
    { key: 'certType', zh: '证书类型', en: 'certType', aliases: ['质量证书类型', 'cert_type'], type: CERT_TYPE_VALUES, example: '', noteZh: '主要设备的质量证明（第十三条）：强制性产品认证 / 生产许可证 / 检验报告 / 自愿性认证；每行一张' },
    { key: 'certNumber', zh: '证书编号', en: 'certNumber', aliases: ['cert_number'], type: text, example: '', noteZh: '与证书类型一起填写' },
    { key: 'certValidTo', zh: '证书有效期至', en: 'certValidTo', aliases: ['证书有效期', 'cert_valid_to'], type: date, example: '', noteZh: 'YYYY-MM-DD' },
  ],
};

/** Header text → canonical comparison key. */
export function normaliseHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\(.*\)$/, '')
    .replace(/_/g, '')
    .toLowerCase();
}

function normaliseValue(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export interface HeaderMap {
  /** column index (0-based) → definition */
  byIndex: Map<number, ColumnDef>;
  /** field key → header text as written in the file (used in the report) */
  headerOf: Map<string, string>;
  unknown: string[];
  duplicates: string[];
  missing: ColumnDef[];
}

/** Match a header row against a kind's columns. Unknown headers are ignored (reported as a note). */
export function mapHeaders(kind: ImportKind, headers: readonly string[]): HeaderMap {
  const lookup = new Map<string, ColumnDef>();
  for (const c of COLUMNS[kind]) {
    for (const name of [c.zh, c.en, c.key, ...c.aliases]) {
      const k = normaliseHeader(name);
      if (!lookup.has(k)) lookup.set(k, c);
    }
  }
  const byIndex = new Map<number, ColumnDef>();
  const headerOf = new Map<string, string>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  headers.forEach((h, i) => {
    const raw = (h ?? '').trim();
    if (!raw) return;
    const def = lookup.get(normaliseHeader(raw));
    if (!def) return void unknown.push(raw);
    if (headerOf.has(def.key)) return void duplicates.push(raw);
    byIndex.set(i, def);
    headerOf.set(def.key, raw);
  });
  const missing = COLUMNS[kind].filter((c) => c.requiredHeader && !headerOf.has(c.key));
  return { byIndex, headerOf, unknown, duplicates, missing };
}

export interface CellError {
  key: string;
  zh: string;
  en: string;
}

/** Convert one cell's text to its field value; `undefined` for an empty cell. */
export function convertCell(def: ColumnDef, raw: string): { value: unknown } | { error: CellError } {
  const s = raw.trim();
  if (s === '') return { value: undefined };
  const type = def.type;
  switch (type.t) {
    case 'text':
      return { value: s };
    case 'bool': {
      const v = normaliseValue(s);
      if (['是', '有', 'y', 'yes', 'true', '1', '√', '已设置', '已接入'].includes(v)) return { value: true };
      if (['否', '无', 'n', 'no', 'false', '0', '×', '未设置', '未接入'].includes(v)) return { value: false };
      return { error: { key: def.key, zh: `「${s}」应填写“是”或“否”`, en: `"${s}" must be yes or no` } };
    }
    case 'int': {
      const v = s.normalize('NFKC');
      if (!/^-?\d+(\.0+)?$/.test(v)) return { error: { key: def.key, zh: `「${s}」应为整数`, en: `"${s}" must be a whole number` } };
      const n = Number.parseInt(v, 10);
      if (!Number.isSafeInteger(n)) return { error: { key: def.key, zh: `「${s}」超出范围`, en: `"${s}" is out of range` } };
      return { value: n };
    }
    case 'date': {
      const v = s.normalize('NFKC').replace(/[/.年月]/g, '-').replace(/日$/, '');
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
      if (m) {
        const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
        const d = new Date(`${iso}T00:00:00Z`);
        if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso) return { value: iso };
      }
      return { error: { key: def.key, zh: `「${s}」不是有效日期，应为 YYYY-MM-DD`, en: `"${s}" is not a valid date (YYYY-MM-DD)` } };
    }
    case 'enum': {
      const v = normaliseValue(s);
      for (const [code, labels] of Object.entries(type.values)) {
        if (normaliseValue(code) === v || labels.some((l) => normaliseValue(l) === v)) return { value: code };
      }
      const allowed = Object.values(type.values).map((l) => l[0]);
      return {
        error: {
          key: def.key,
          zh: `「${s}」不是有效的${type.labelZh}，应为：${allowed.join('、')}`,
          en: `"${s}" is not a valid ${type.labelEn}; use one of: ${Object.keys(type.values).join(', ')}`,
        },
      };
    }
  }
}

/** The canonical Chinese label of an enumeration value (exports and templates). */
export function labelOf(type: ValueType, code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  if (type.t === 'enum') return type.values[code]?.[0] ?? code;
  return code;
}

export const boolLabel = (v: number | boolean | null | undefined): string => (v === null || v === undefined ? '' : v ? '是' : '否');
