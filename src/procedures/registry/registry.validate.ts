import { isCalendarDate } from '../../platform/calendar/dates.js';
import { getDivision, listCounties } from '../../platform/jurisdictions/divisions.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { findCategory, type Catalogue } from './catalogue.js';
import { checkDeviceCode } from './deviceCode.js';
import {
  AREA_KINDS,
  BUILDER_LEVELS,
  CERT_TYPES,
  DEVICE_KINDS,
  PLACEMENTS,
  PRIVACY_KINDS,
  RESPONSIBLE_BASES,
  SITE_TYPES,
  SYSTEM_TYPES,
  type AreaKind,
  type BuilderLevel,
  type CertType,
  type DeviceKind,
  type Placement,
  type PrivacyKind,
  type ResponsibleBasis,
  type SiteType,
  type SystemType,
} from './registry.terms.js';
import { SYSTEM_STATUSES, type SystemStatus } from './systems.states.js';

/**
 * Pure validators for sites, systems and devices, shared by the API and the importer (whose
 * per-row report shows `zh`). Inputs are loose (`unknown` fields, e.g. spreadsheet cells), the
 * value out is normalised (trimmed, typed, blanks → null). Every problem is reported, not just the
 * first. They judge the input alone; the rules (registry.rules.ts) judge compliance afterwards:
 * a camera in a changing room is valid input and an art. 10 finding.
 */
export interface FieldError {
  field: string;
  zh: string;
  en: string;
  /** Set when a specific error code applies (e.g. DEVICE_CODE_INVALID for a malformed GB/T 28181 code). */
  code?: string;
}
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface SiteValue {
  siteType: SiteType;
  name: string;
  divisionCode: string;
  address: string;
  categoryCode: string | null;
  kindCode: string | null;
  responsibleParty: string | null;
  responsibleBasis: ResponsibleBasis | null;
  areaKind: AreaKind | null;
  builderLevel: BuilderLevel | null;
  userPoliceUnitId: string | null;
  antiTerrorTarget: boolean;
}

export interface SystemValue {
  systemType: SystemType;
  name: string;
  status: SystemStatus;
  alarmCentreInterface: boolean;
  authorisationRef: string | null;
  acceptedOn: string | null;
}

export interface CertificateValue {
  certType: CertType;
  number: string;
  validTo: string | null;
}

export interface DeviceValue {
  deviceKind: DeviceKind;
  name: string;
  deviceCode: string | null;
  placement: Placement | null;
  privacyKind: PrivacyKind | null;
  audioCapture: boolean;
  signage: boolean;
  retentionDays: number | null;
  equipmentType: string | null;
  certificates: CertificateValue[];
}

type Input = Record<string, unknown>;

/** Collects errors while reading fields. */
class Reader {
  readonly errors: FieldError[] = [];
  constructor(private readonly input: Input) {}

  error(field: string, zh: string, en: string, code?: string): void {
    this.errors.push(code ? { field, zh, en, code } : { field, zh, en });
  }

  /** Trimmed text, null when blank; an error when required and blank, or too long. */
  text(field: string, label: { zh: string; en: string }, max: number, required: boolean): string | null {
    const raw = this.input[field];
    if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
      this.error(field, `${label.zh}应为文本`, `${label.en} must be text`);
      return null;
    }
    const v = raw === undefined || raw === null ? '' : String(raw).trim();
    if (!v) {
      if (required) this.error(field, `请填写${label.zh}`, `${label.en} is required`);
      return null;
    }
    if (v.length > max) {
      this.error(field, `${label.zh}不能超过 ${max} 个字符`, `${label.en} is at most ${max} characters`);
      return null;
    }
    return v;
  }

  oneOf<K extends string>(field: string, label: { zh: string; en: string }, terms: Record<K, unknown>, required: boolean): K | null {
    const v = this.text(field, label, 64, required);
    if (v === null) return null;
    if (!Object.hasOwn(terms, v)) {
      this.error(field, `${label.zh}“${v}”不在可选范围内`, `${label.en} "${v}" is not one of: ${Object.keys(terms).join(', ')}`);
      return null;
    }
    return v as K;
  }

  flag(field: string, label: { zh: string; en: string }): boolean {
    const raw = this.input[field];
    if (raw === undefined || raw === null || raw === '') return false;
    if (typeof raw === 'boolean') return raw;
    const s = String(raw).trim().toLowerCase();
    if (['true', '1', 'yes', '是', 'y'].includes(s)) return true;
    if (['false', '0', 'no', '否', 'n'].includes(s)) return false;
    this.error(field, `${label.zh}应为“是”或“否”`, `${label.en} must be true or false`);
    return false;
  }

  int(field: string, label: { zh: string; en: string }, min: number, max: number, required: boolean): number | null {
    const raw = this.input[field];
    if (raw === undefined || raw === null || raw === '') {
      if (required) this.error(field, `请填写${label.zh}`, `${label.en} is required`);
      return null;
    }
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.error(field, `${label.zh}应为 ${min}–${max} 之间的整数`, `${label.en} must be a whole number from ${min} to ${max}`);
      return null;
    }
    return n;
  }

  date(field: string, label: { zh: string; en: string }, required: boolean): string | null {
    const v = this.text(field, label, 10, required);
    if (v === null) return null;
    if (!isCalendarDate(v)) {
      this.error(field, `${label.zh}应为 YYYY-MM-DD 格式的日期`, `${label.en} must be a date (YYYY-MM-DD)`);
      return null;
    }
    return v;
  }

  /** A field that does not apply to this kind of record must be blank. */
  absent(field: string, label: { zh: string; en: string }, why: { zh: string; en: string }): void {
    const raw = this.input[field];
    if (raw === undefined || raw === null || raw === '' || raw === false) return;
    this.error(field, `${label.zh}不适用于${why.zh}`, `${label.en} does not apply to ${why.en}`);
  }

  done<T>(value: T): Validation<T> {
    return this.errors.length ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

const L = {
  siteType: { zh: '场所类型', en: 'Site type' },
  name: { zh: '名称', en: 'Name' },
  divisionCode: { zh: '行政区划', en: 'Division' },
  address: { zh: '地址', en: 'Address' },
  categoryCode: { zh: '重点单位类别', en: 'Key-unit category' },
  kindCode: { zh: '重点单位类型', en: 'Key-unit kind' },
  responsibleParty: { zh: '责任主体', en: 'Responsible party' },
  responsibleBasis: { zh: '责任主体确定依据', en: 'Basis of responsibility' },
  areaKind: { zh: '公共区域类型', en: 'Public area kind' },
  builderLevel: { zh: '建设责任政府层级', en: 'Building government level' },
  userPoliceUnitId: { zh: '使用单位（公安机关）', en: 'Police unit using the system' },
  antiTerrorTarget: { zh: '反恐怖防范重点目标', en: 'Anti-terrorism key target' },
  systemType: { zh: '系统类型', en: 'System type' },
  status: { zh: '系统状态', en: 'Status' },
  alarmCentreInterface: { zh: '报警中心接口', en: 'Alarm-centre interface' },
  authorisationRef: { zh: '批准文号', en: 'Authorisation reference' },
  acceptedOn: { zh: '验收日期', en: 'Acceptance date' },
  deviceKind: { zh: '设备类别', en: 'Device kind' },
  deviceCode: { zh: '设备编码', en: 'Device code' },
  placement: { zh: '安装位置', en: 'Placement' },
  privacyKind: { zh: '隐私场所类型', en: 'Privacy place kind' },
  audioCapture: { zh: '音频采集', en: 'Audio capture' },
  signage: { zh: '提示标识', en: 'Signage' },
  retentionDays: { zh: '存储天数', en: 'Retention days' },
  equipmentType: { zh: '设备型号类别', en: 'Equipment type' },
  certificates: { zh: '质量证明', en: 'Quality certificates' },
  certType: { zh: '证明类型', en: 'Certificate type' },
  number: { zh: '证书编号', en: 'Certificate number' },
  validTo: { zh: '有效期至', en: 'Valid to' },
} as const;

const FOR_KEY_UNIT = { zh: '重点单位', en: 'a key unit' };
const FOR_PUBLIC_AREA = { zh: '公共区域', en: 'a public area' };

/** A site's division: a county-level division, or a city without counties (Dongguan, Zhongshan). */
function isSiteDivision(code: string): boolean {
  const d = getDivision(code);
  if (!d) return false;
  return d.level === 'county' || (d.level === 'city' && listCounties(code).length === 0);
}

export function validateSite(input: Input, catalogue: Catalogue): Validation<SiteValue> {
  const r = new Reader(input);
  const siteType = r.oneOf('siteType', L.siteType, SITE_TYPES, true);
  const name = r.text('name', L.name, 200, true);
  const divisionCode = r.text('divisionCode', L.divisionCode, 6, true);
  if (divisionCode !== null && !isSiteDivision(divisionCode)) {
    r.error('divisionCode', '行政区划应为广东省内的县级行政区划代码', 'The division must be a Guangdong county-level division code');
  }
  const address = r.text('address', L.address, 500, true);
  const antiTerrorTarget = r.flag('antiTerrorTarget', L.antiTerrorTarget);
  const value: SiteValue = {
    siteType: siteType ?? 'key_unit',
    name: name ?? '',
    divisionCode: divisionCode ?? '',
    address: address ?? '',
    categoryCode: null,
    kindCode: null,
    responsibleParty: null,
    responsibleBasis: null,
    areaKind: null,
    builderLevel: null,
    userPoliceUnitId: null,
    antiTerrorTarget,
  };
  if (siteType === 'key_unit') {
    // Art. 9: category and kind from the catalogue in force; the responsible party and its basis.
    const categoryCode = r.text('categoryCode', L.categoryCode, 16, true);
    const category = findCategory(catalogue, categoryCode);
    if (categoryCode !== null && !category) {
      r.error('categoryCode', `重点单位类别“${categoryCode}”不在现行目录（第 ${catalogue.version} 版）中`, `Category "${categoryCode}" is not in catalogue version ${catalogue.version}`);
    }
    const kindCode = r.text('kindCode', L.kindCode, 64, true);
    if (category && kindCode !== null && !category.kinds.some((k) => k.code === kindCode)) {
      r.error('kindCode', `类型“${kindCode}”不属于类别 ${category.code}（${category.zh}）`, `Kind "${kindCode}" is not in category ${category.code}`);
    }
    value.categoryCode = categoryCode;
    value.kindCode = kindCode;
    value.responsibleParty = r.text('responsibleParty', L.responsibleParty, 200, true);
    value.responsibleBasis = r.oneOf('responsibleBasis', L.responsibleBasis, RESPONSIBLE_BASES, true);
    for (const f of ['areaKind', 'builderLevel', 'userPoliceUnitId'] as const) r.absent(f, L[f], FOR_KEY_UNIT);
  } else if (siteType === 'public_area') {
    // Art. 7: the kind of area, the government (county or above) that builds it, the police unit using it.
    value.areaKind = r.oneOf('areaKind', L.areaKind, AREA_KINDS, true);
    value.builderLevel = r.oneOf('builderLevel', L.builderLevel, BUILDER_LEVELS, true);
    const police = r.text('userPoliceUnitId', L.userPoliceUnitId, 64, true);
    if (police !== null && !getPoliceUnit(police)) {
      r.error('userPoliceUnitId', `找不到公安机关“${police}”`, `Unknown police unit "${police}"`);
    }
    value.userPoliceUnitId = police;
    for (const f of ['categoryCode', 'kindCode', 'responsibleParty', 'responsibleBasis'] as const) r.absent(f, L[f], FOR_PUBLIC_AREA);
  }
  return r.done(value);
}

export function validateSystem(input: Input, opts: { today?: string } = {}): Validation<SystemValue> {
  const r = new Reader(input);
  const systemType = r.oneOf('systemType', L.systemType, SYSTEM_TYPES, true);
  const name = r.text('name', L.name, 200, true);
  const statusKey = r.oneOf('status', L.status, Object.fromEntries(SYSTEM_STATUSES.map((s) => [s, 1])) as Record<SystemStatus, 1>, true);
  const alarmCentreInterface = r.flag('alarmCentreInterface', L.alarmCentreInterface);
  const authorisationRef = r.text('authorisationRef', L.authorisationRef, 100, false);
  const acceptedOn = r.date('acceptedOn', L.acceptedOn, statusKey === 'accepted');
  if (acceptedOn && opts.today && acceptedOn > opts.today) {
    r.error('acceptedOn', '验收日期不能晚于今天', 'The acceptance date cannot be in the future');
  }
  if (acceptedOn && (statusKey === 'planned' || statusKey === 'under_construction')) {
    r.error('acceptedOn', '尚未建成的系统不能有验收日期', 'A system not yet built cannot have an acceptance date');
  }
  return r.done({
    systemType: systemType ?? 'video_surveillance',
    name: name ?? '',
    status: statusKey ?? 'planned',
    alarmCentreInterface,
    authorisationRef,
    acceptedOn,
  });
}

export function validateDevice(input: Input): Validation<DeviceValue> {
  const r = new Reader(input);
  const deviceKind = r.oneOf('deviceKind', L.deviceKind, DEVICE_KINDS, true);
  const name = r.text('name', L.name, 200, true);
  const isCamera = deviceKind === 'camera';
  const deviceCode = r.text('deviceCode', L.deviceCode, 20 + 10, isCamera);
  if (deviceCode !== null) {
    const check = checkDeviceCode(deviceCode);
    if (!check.ok) r.error('deviceCode', check.zh, check.en, 'DEVICE_CODE_INVALID');
  }
  const placement = r.oneOf('placement', L.placement, PLACEMENTS, isCamera);
  const privacyKind = r.oneOf('privacyKind', L.privacyKind, PRIVACY_KINDS, placement === 'privacy');
  if (privacyKind && placement !== 'privacy') {
    r.error('privacyKind', '仅当安装位置为隐私场所时填写隐私场所类型', 'Privacy kind applies only to a placement in a privacy place');
  }
  const audioCapture = r.flag('audioCapture', L.audioCapture);
  const signage = r.flag('signage', L.signage);
  let retentionDays: number | null = null;
  let equipmentType: string | null = null;
  if (isCamera) {
    retentionDays = r.int('retentionDays', L.retentionDays, 0, 3650, true);
    r.absent('equipmentType', L.equipmentType, { zh: '摄像机', en: 'a camera' });
  } else if (deviceKind === 'equipment') {
    equipmentType = r.text('equipmentType', L.equipmentType, 100, true);
    r.absent('retentionDays', L.retentionDays, { zh: '主要设备（存储天数按摄像机登记）', en: 'equipment (retention is per camera)' });
  }
  const certificates: CertificateValue[] = [];
  const rawCerts = input.certificates;
  if (rawCerts !== undefined && rawCerts !== null) {
    if (!Array.isArray(rawCerts) || rawCerts.length > 20) {
      r.error('certificates', '质量证明应为不超过 20 项的列表', 'Certificates must be a list of at most 20');
    } else {
      rawCerts.forEach((c: unknown, i: number) => {
        const cr = new Reader((c && typeof c === 'object' ? c : {}) as Input);
        const certType = cr.oneOf('certType', L.certType, CERT_TYPES, true);
        const number = cr.text('number', L.number, 100, true);
        const validTo = cr.date('validTo', L.validTo, false);
        for (const e of cr.errors) r.error(`certificates[${i}].${e.field}`, e.zh, e.en);
        if (certType && number) certificates.push({ certType, number, validTo });
      });
    }
  }
  return r.done({
    deviceKind: deviceKind ?? 'camera',
    name: name ?? '',
    deviceCode,
    placement,
    privacyKind,
    audioCapture,
    signage,
    retentionDays,
    equipmentType,
    certificates,
  });
}
