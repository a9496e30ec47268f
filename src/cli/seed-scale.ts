import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { audit } from '../platform/audit/audit.js';
import { addDays } from '../platform/calendar/dates.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { loadConfig, type Config } from '../platform/config.js';
import type { DbOrTrx } from '../platform/context.js';
import { connect, sqliteFileIn } from '../platform/db/connect.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import type { Database } from '../platform/db/schema.js';
import { listCities, listCounties, type Division } from '../platform/jurisdictions/divisions.js';
import type { Catalogue, CatalogueCategory } from '../procedures/registry/catalogue.js';
import { loadCatalogueInForce } from '../procedures/registry/catalogue.actions.js';
import { seedRegistryCatalogue } from '../procedures/registry/catalogue.seed.js';
import { isValidDeviceCode } from '../procedures/registry/deviceCode.js';
import { recomputeAllFindings, type RecomputeAllResult } from '../procedures/registry/findings.recompute.js';
import type { SystemType } from '../procedures/registry/registry.terms.js';
import type { ProgressStream } from './ledger-verify.js';

/**
 * `npm run seed:scale -- --sites N --devices M`: a synthetic but realistic province for scale work
 * and the registry benchmarks. Sites are spread over every county-level division of the 21 cities
 * (Dongguan and Zhongshan at city level), weighted roughly by population; key units of every
 * category and kind of the catalogue in force plus key public areas; about M/N devices per site
 * (cameras with valid GB/T 28181 codes, main equipment with quality certificates); about 20 % of
 * sites break one or two rules in different ways (privacy placement, signage, retention, missing
 * required system, in use without acceptance, no alarm-centre interface, expired certificates,
 * public-area system without authorisation). Everything comes from a seeded PRNG, so the same
 * `--seed` gives the same data (ids included) and runs are comparable.
 *
 * Rows go in with raw prepared statements (SQLite) or Kysely batches of 500 (PostgreSQL), one
 * transaction per batch of sites, each batch recorded by one ledger entry (`import.completed`,
 * object `scale_seed`, detail source seed-scale and synthetic) in the same transaction. Then the core's batched `recomputeAllFindings`
 * computes every finding (its own ledger entries). Ctrl-C stops after the batch in progress:
 * what was committed stays; `--findings-only` finishes the findings later.
 */

export const SEED_SCALE_USAGE = `npm run seed:scale -- --sites N --devices M [--seed S] [--data-dir DIR] [--append] [--batch B]
npm run seed:scale -- --findings-only [--data-dir DIR]
    generate a realistic province into the database (SQLite at DIR/jifang.db, default JIFANG_DATA_DIR or ./data;
    PostgreSQL when DATABASE_URL is set), then compute every finding.
    --sites N        sites to add (default 1000); --devices M  devices in all (default 10 × sites)
    --seed S         PRNG seed (default 238): the same seed gives the same data
    --append         add to a database that already has sites (use another --seed)
    --batch B        sites per transaction (default 2000)
    --findings-only  only recompute every site's findings (e.g. after an interrupted seed)
    Exit 0 done, 1 refused or failed, 2 usage, 130 interrupted (committed batches stay).
`;

// ───────────────────────────── PRNG ─────────────────────────────

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (rand: Rand, p: number) => rand() < p;
const intIn = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
function weighted<T>(rand: Rand, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1][0];
}
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (rand: Rand) => {
  const n = (rand() * 4294967296) >>> 0;
  return HEX2[n >>> 24] + HEX2[(n >>> 16) & 255] + HEX2[(n >>> 8) & 255] + HEX2[n & 255];
};
/** A version-4 UUID from the PRNG: random-looking (as the app's ids are) yet reproducible. */
function uuidFrom(rand: Rand): string {
  const a = hex8(rand);
  const b = hex8(rand);
  const c = hex8(rand);
  const d = hex8(rand);
  const variant = HEX_VARIANT[parseInt(c[0], 16) & 3];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
const HEX_VARIANT = ['8', '9', 'a', 'b'];

// ───────────────────────────── the province ─────────────────────────────

/** Rough population weights of the 21 cities (millions, 2020 census, rounded): sites follow people. */
const CITY_WEIGHT: Record<string, number> = {
  '440100': 18.7, '440200': 2.9, '440300': 17.6, '440400': 2.4, '440500': 5.5, '440600': 9.5, '440700': 4.8,
  '440800': 7.0, '440900': 6.2, '441200': 4.1, '441300': 6.0, '441400': 3.9, '441500': 2.7, '441600': 2.8,
  '441700': 2.6, '441800': 4.0, '441900': 10.5, '442000': 4.4, '445100': 2.6, '445200': 5.6, '445300': 2.4,
};

interface Place {
  city: Division;
  county: Division;
  weight: number;
}

/** Every site division: the 122 county-level divisions, and Dongguan and Zhongshan themselves. */
export function sitePlaces(): Place[] {
  return listCities().flatMap((city) => {
    const counties = listCounties(city.code);
    const list = counties.length ? counties : [city];
    const w = (CITY_WEIGHT[city.code] ?? 3) / list.length;
    return list.map((county) => ({ city, county, weight: w }));
  });
}

/** Share of key units per category (art. 9): gathering places, housing and utilities dominate. */
const CATEGORY_WEIGHT: Record<string, number> = { '1': 2, '2': 5, '3': 0.5, '4': 12, '5': 10, '6': 7, '7': 28, '8': 10, '9': 22, '10': 3.5 };
const PUBLIC_AREA_SHARE = 0.12;
const NON_COMPLIANT_SHARE = 0.24;

const BRANDS = ['南粤', '珠江', '岭南', '羊城', '鹏城', '粤海', '华安', '恒信', '广信', '金穗', '宝安', '顺德', '潮汕', '五邑', '北江', '东江', '西江', '海丰', '云岭', '丹霞'];
const ROADS = ['中山路', '解放路', '人民路', '建设路', '东风路', '环城路', '滨江路', '工业大道', '新华路', '迎宾大道', '站前路', '沿海路', '广场路', '文明路', '朝阳路', '学府路'];
const AREA_KINDS = ['main_entrance', 'main_road', 'complex_section', 'intersection'] as const;
const EQUIPMENT_OF: Partial<Record<SystemType, string>> = {
  intrusion_alarm: '报警控制主机',
  access_control: '出入口控制器',
  electronic_patrol: '电子巡查管理主机',
  parking_management: '停车场出入口控制机',
  explosion_proof_inspection: 'X 射线安全检查设备',
  biometric: '人脸识别终端',
  intelligent_video_analysis: '视频分析服务器',
  integrated_platform: '集成管理服务器',
  road_checkpoint: '卡口抓拍单元',
  video_surveillance: '网络硬盘录像机',
};

type Violation = 'privacy' | 'signage' | 'retention' | 'required_missing' | 'no_acceptance' | 'alarm_interface' | 'certificate' | 'unauthorised';
const VIOLATION_WEIGHT: readonly (readonly [Violation, number])[] = [
  ['privacy', 1],
  ['signage', 2],
  ['retention', 3],
  ['required_missing', 3],
  ['no_acceptance', 2],
  ['alarm_interface', 2],
  ['certificate', 2],
  ['unauthorised', 1],
];

const PRIVACY_BY_KIND: Record<string, string> = {
  hotel: 'hotel_room',
  school: 'dormitory',
  rental_housing: 'dormitory',
  welfare_institution: 'dormitory',
  stadium: 'changing_room',
  hospital: 'changing_room',
  song_dance_venue: 'toilet',
  park: 'public_bathroom',
  tourist_attraction: 'public_bathroom',
};

/** Short names for the commonest kinds (site and unit names); others use the catalogue's label. */
const SHORT: Record<string, string> = {
  bank_branch: '银行', treasury: '金库', cash_escort_vehicle: '押运', financial_data_centre: '金融数据中心', pawnshop: '典当行',
  auction_house: '拍卖行', gold_jewellery: '珠宝', gas_station: '石化加油站', gas_filling_station: '加气站', power_supply: '供电局',
  water_supply: '自来水', telecom: '电信', postal: '邮政', school: '学校', hospital: '医院', cinema: '影城', internet_cafe: '网吧',
  stadium: '体育馆', park: '公园', hotel: '酒店', rental_housing: '公寓', residential_common_area: '花园小区', logistics_site: '物流',
  vehicle_repair: '汽修', government_organ: '机关', museum: '博物馆', station: '客运站', parking_lot: '停车场', business_centre: '商业广场',
  farmers_market: '农贸市场', song_dance_venue: 'KTV', library: '图书馆', welfare_institution: '养老院', scrap_purchase: '回收站',
};
const SITE_SUFFIX: Record<string, string> = { bank_branch: '支行', gold_jewellery: '店', pawnshop: '店', gas_station: '站', hotel: '店', school: '校区', hospital: '院区', internet_cafe: '店' };
const shortLabel = (kind: { code: string; zh: string }) => SHORT[kind.code] ?? kind.zh.split(/[、，,及]/)[0].slice(0, 8);

interface Skeleton {
  place: Place;
  publicArea: boolean;
  category: CatalogueCategory | null;
  antiTerror: boolean;
  weight: number;
}

// ───────────────────────────── rows ─────────────────────────────

const SITE_COLS = ['id', 'site_type', 'name', 'division_code', 'address', 'unit_id', 'category_code', 'kind_code', 'catalogue_version', 'responsible_party', 'responsible_basis', 'area_kind', 'builder_level', 'user_police_unit_id', 'anti_terror_target', 'open_findings', 'version', 'created_at', 'updated_at'] as const;
const SYSTEM_COLS = ['id', 'site_id', 'system_type', 'name', 'status', 'alarm_centre_interface', 'authorisation_ref', 'accepted_on', 'version', 'created_at', 'updated_at'] as const;
const DEVICE_COLS = ['id', 'site_id', 'system_id', 'device_kind', 'name', 'device_code', 'placement', 'privacy_kind', 'audio_capture', 'signage', 'retention_days', 'equipment_type', 'last_report_at', 'reported_recording_days', 'oldest_recording_at', 'version', 'created_at', 'updated_at'] as const;
const CERT_COLS = ['id', 'device_id', 'cert_type', 'number', 'valid_to', 'created_at'] as const;
const UNIT_COLS = ['id', 'name', 'division_code', 'category', 'created_at'] as const;

type Row = (string | number | null)[];
interface Batch {
  units: Row[];
  sites: Row[];
  systems: Row[];
  devices: Row[];
  certificates: Row[];
}
const TABLES = [
  ['units', UNIT_COLS],
  ['sites', SITE_COLS],
  ['systems', SYSTEM_COLS],
  ['devices', DEVICE_COLS],
  ['equipment_certificates', CERT_COLS],
] as const;
const batchKey = { units: 'units', sites: 'sites', systems: 'systems', devices: 'devices', equipment_certificates: 'certificates' } as const;

interface SysDraft {
  id: string;
  type: SystemType;
  name: string;
  status: string;
  alarm: number;
  authRef: string | null;
  acceptedOn: string | null;
}
interface DevDraft {
  id: string;
  system: SysDraft;
  kind: 'camera' | 'equipment';
  name: string;
  code: string | null;
  placement: string | null;
  privacyKind: string | null;
  audio: number;
  signage: number;
  retention: number | null;
  equipmentType: string | null;
  certs: { type: string; number: string; validTo: string | null }[];
}

export interface GenerateOptions {
  sites: number;
  devices: number;
  seed: number;
  catalogue: Catalogue;
  today: string;
  now: string;
  /** Continue camera serials after these (per division); from `existingSerials`. */
  serialStart?: Map<string, number>;
  /** Fresh random ids instead of seeded ones (appending to a database seeded before). */
  randomIds?: boolean;
}

/**
 * The generator, independent of the database: `next(n)` returns the rows of the next n sites.
 * Device counts are allocated up front so the total is exactly `devices`.
 */
export function generator(opts: GenerateOptions) {
  const rand = prng(opts.seed);
  const idRand = prng(opts.seed ^ 0x5eed5eed);
  const newId = opts.randomIds ? () => randomUUID() : () => uuidFrom(idRand);
  const places = sitePlaces();
  const placeItems = places.map((p) => [p, p.weight] as const);
  const categories = opts.catalogue.categories.filter((c) => c.kinds.length > 0);
  const catItems = categories.map((c) => [c, CATEGORY_WEIGHT[c.code] ?? 3] as const);
  const { today, now } = opts;

  // Pass 1: what each site is, and how many devices it gets.
  const skeletons: Skeleton[] = [];
  for (let i = 0; i < opts.sites; i++) {
    const place = weighted(rand, placeItems);
    const publicArea = categories.length === 0 || chance(rand, PUBLIC_AREA_SHARE);
    const category = publicArea ? null : weighted(rand, catItems);
    const antiTerror = !publicArea && chance(rand, category!.code === '1' || category!.code === '6' ? 0.15 : 0.02);
    const typeWeight = publicArea ? 1.8 : category!.code === '10' ? 0.5 : category!.code === '9' ? 0.7 : 1;
    // Exponential spread (mean 1), capped: most sites have a handful of devices, a few many.
    const spread = Math.min(5, -Math.log(1 - rand() * 0.999));
    skeletons.push({ place, publicArea, category, antiTerror, weight: typeWeight * (0.25 + 0.75 * spread) });
  }
  const counts = allocate(skeletons.map((s) => s.weight), opts.devices, rand);

  const serial = new Map(opts.serialStart ?? []);
  const checked = new Set<string>();
  // Calendar arithmetic is slow next to everything else here: one table of dates around today.
  const PAST = 3000;
  const days = Array.from({ length: PAST + 2001 }, (_, i) => addDays(today, i - PAST));
  const dayFrom = (offset: number) => days[offset + PAST];
  const unitsByKey = new Map<string, { id: string; name: string; sites: number }[]>();
  const nameSeq = new Map<string, number>();
  let index = 0;

  const cameraCode = (division: string, industry: string): string => {
    // Digits 7–8 (base unit) and 15–20 (serial) count per division from 50000000: codes of the
    // demo and of tests (base unit 00) never collide, and --append continues after the last one.
    const n = (serial.get(division) ?? 50_000_000) + 1;
    serial.set(division, n);
    const s = String(n).padStart(8, '0');
    const code = `${division}${s.slice(0, 2)}${industry}${chance(rand, 0.85) ? '132' : '131'}0${s.slice(2)}`;
    // The core's validator on the first code of each division and every 1,000th after (it costs µs a call).
    if ((n % 1000 === 1 || !checked.has(division)) && !isValidDeviceCode(code)) throw new Error(`generated an invalid GB/T 28181 code ${code}`);
    checked.add(division);
    return code;
  };
  const seqIn = (key: string) => {
    const n = (nameSeq.get(key) ?? 0) + 1;
    nameSeq.set(key, n);
    return n;
  };
  const acceptedDate = () => dayFrom(-intIn(rand, 60, 2800));

  function next(n: number): Batch {
    const out: Batch = { units: [], sites: [], systems: [], devices: [], certificates: [] };
    const end = Math.min(opts.sites, index + n);
    for (; index < end; index++) siteRows(skeletons[index], counts[index], out);
    return out;
  }

  function siteRows(sk: Skeleton, deviceCount: number, out: Batch): void {
    const { city, county } = sk.place;
    const siteId = newId();
    const road = pick(rand, ROADS);
    const address = `${city.name}${county.code === city.code ? '' : county.name}${road}${intIn(rand, 1, 999)}号`;
    const category = sk.category;
    const kind = category ? pick(rand, category.kinds) : null;
    const violations = new Set<Violation>();
    if (chance(rand, NON_COMPLIANT_SHARE)) {
      violations.add(weighted(rand, VIOLATION_WEIGHT));
      if (chance(rand, 0.25)) violations.add(weighted(rand, VIOLATION_WEIGHT));
    }

    // The site.
    let unitId: string | null = null;
    let name: string;
    let responsible: string | null = null;
    let basis: string | null = null;
    let areaKind: string | null = null;
    let builder: string | null = null;
    let policeUnit: string | null = null;
    if (category && kind) {
      // Chains: about a third of key units belong to an organisation with other sites in the city.
      const key = `${city.code}:${kind.code}`;
      const chains = unitsByKey.get(key) ?? [];
      let unit = chains.length && chance(rand, 0.35) ? pick(rand, chains) : undefined;
      if (!unit) {
        const n = seqIn(`u:${key}`);
        unit = { id: newId(), name: `${city.name.replace(/市$/, '')}${pick(rand, BRANDS)}${shortLabel(kind)}${n > 1 ? n : ''}`, sites: 0 };
        out.units.push([unit.id, `${unit.name}（演示）`, county.code, category.code, now]);
        chains.push(unit);
        unitsByKey.set(key, chains);
      }
      unit.sites++;
      unitId = unit.id;
      const k = seqIn(`s:${county.code}:${unit.id}`);
      name = `${unit.name}${county.name}${road}${SITE_SUFFIX[kind.code] ? `${k > 1 ? k : ''}${SITE_SUFFIX[kind.code]}` : `${k}号点`}`;
      responsible = `${unit.name}（演示）`;
      basis = category.code === '2' || category.code === '3' ? 'state_management' : weighted(rand, [['owner', 6], ['agreement', 3], ['state_use_right', 1]]);
    } else {
      areaKind = pick(rand, AREA_KINDS);
      const label = { main_entrance: '主要出入口', main_road: '主要道路', complex_section: '治安复杂路段', intersection: '交叉路口' }[areaKind];
      name = areaKind === 'intersection' ? `${county.name}${road}与${pick(rand, ROADS)}交叉路口` : `${county.name}${road}${label}`;
      name += `（${seqIn(`a:${county.code}:${name}`)}）`;
      builder = weighted(rand, [['county', 6], ['city', 3], ['province', 1]]);
      policeUnit = `PSB-${county.code}`;
    }
    out.sites.push([
      siteId, sk.publicArea ? 'public_area' : 'key_unit', name, county.code, address, unitId, category?.code ?? null, kind?.code ?? null,
      category ? opts.catalogue.version : null, responsible, basis, areaKind, builder, policeUnit, sk.antiTerror ? 1 : 0, 0, 1, now, now,
    ]);

    // Its systems: what the category requires, video for nearly everyone, a few extras.
    const types: SystemType[] = [];
    if (category) {
      types.push(...category.requiredSystems);
      if (!types.includes('video_surveillance')) types.push('video_surveillance');
      for (const extra of ['access_control', 'electronic_patrol', 'parking_management'] as const) if (!types.includes(extra) && chance(rand, 0.12)) types.push(extra);
      if (sk.antiTerror && chance(rand, 0.5)) types.push('explosion_proof_inspection');
    } else {
      types.push('video_surveillance');
      if ((areaKind === 'main_road' || areaKind === 'intersection') && chance(rand, 0.4)) types.push('road_checkpoint');
      if (chance(rand, 0.1)) types.push('intelligent_video_analysis');
    }
    const alarmNeeded = new Set<SystemType>(category ? category.alarmCentreSystems : ['video_surveillance']);
    const systems: SysDraft[] = types.map((type) => {
      const accepted = chance(rand, 0.85);
      return {
        id: newId(),
        type,
        name: `${SYSTEM_NAMES[type]}`,
        status: accepted ? 'in_use' : 'accepted',
        alarm: alarmNeeded.has(type) || chance(rand, 0.3) ? 1 : 0,
        authRef: sk.publicArea ? `${city.name.slice(0, 1)}公技防审〔${intIn(rand, 2015, 2025)}〕${intIn(rand, 1, 999)}号` : null,
        acceptedOn: acceptedDate(),
      };
    });
    const video = systems.find((s) => s.type === 'video_surveillance')!;

    // Its devices: one piece of main equipment per non-video system (and an NVR now and then), the rest cameras.
    const devices: DevDraft[] = [];
    const cert = (valid: boolean) => ({
      type: pick(rand, ['ccc', 'ccc', 'production_licence', 'inspection_report']),
      number: `${intIn(rand, 2016, 2025)}${String(intIn(rand, 1, 99_999_999)).padStart(10, '0')}`,
      validTo: valid ? (chance(rand, 0.1) ? null : dayFrom(intIn(rand, 90, 1800))) : dayFrom(-intIn(rand, 1, 700)),
    });
    const equipment = (system: SysDraft) => {
      const nCerts = chance(rand, 0.3) ? 2 : 1;
      devices.push({
        id: newId(), system, kind: 'equipment', name: `${EQUIPMENT_OF[system.type] ?? '主要设备'}${devices.length + 1}`, code: null, placement: 'inside_unit',
        privacyKind: null, audio: 0, signage: 0, retention: null, equipmentType: EQUIPMENT_OF[system.type] ?? '主要设备',
        certs: Array.from({ length: nCerts }, () => cert(true)),
      });
    };
    for (const s of systems) if (s.type !== 'video_surveillance' && devices.length < deviceCount - 1) equipment(s);
    if (deviceCount >= 8 && chance(rand, 0.5)) equipment(video);
    const minRetention = sk.antiTerror ? 90 : 30;
    const industry = sk.publicArea ? '00' : '02';
    const entranceCameras = !sk.publicArea && chance(rand, 0.3) ? intIn(rand, 1, 2) : 0;
    let cam = 0;
    while (devices.length < deviceCount) {
      cam++;
      const system = sk.publicArea && systems.length > 1 && chance(rand, 0.15) ? pick(rand, systems) : video;
      const outside = sk.publicArea || cam <= entranceCameras;
      devices.push({
        id: newId(), system, kind: 'camera', name: `${outside ? road : '内部'}${cam}号摄像机`, code: cameraCode(county.code, industry),
        placement: outside ? 'public_area' : 'inside_unit', privacyKind: null, audio: !outside && chance(rand, 0.03) ? 1 : 0, signage: outside ? 1 : chance(rand, 0.4) ? 1 : 0,
        retention: sk.antiTerror ? pick(rand, [90, 90, 120, 180]) : pick(rand, [30, 30, 30, 45, 60, 90]), equipmentType: null, certs: [],
      });
    }
    if (devices.some((d) => d.placement === 'public_area')) for (const s of systems) if (devices.some((d) => d.system === s && d.placement === 'public_area')) s.authRef ??= `${city.name.slice(0, 1)}公技防审〔${intIn(rand, 2015, 2025)}〕${intIn(rand, 1, 999)}号`;

    // Its breaches (about a fifth of sites), each through a different rule.
    const cameras = devices.filter((d) => d.kind === 'camera');
    const equipments = devices.filter((d) => d.kind === 'equipment');
    for (const v of violations) {
      switch (v) {
        case 'privacy': {
          const c = pick(rand, cameras.length ? cameras : devices);
          if (!c) break;
          c.placement = 'privacy';
          c.privacyKind = PRIVACY_BY_KIND[kind?.code ?? ''] ?? pick(rand, ['toilet', 'changing_room', 'public_bathroom']);
          c.signage = 0;
          if (c.kind === 'equipment') c.audio = 1;
          break;
        }
        case 'signage': {
          const c = cameras.find((d) => d.placement === 'public_area') ?? cameras[0];
          if (!c) break;
          c.placement = 'public_area';
          c.signage = 0;
          c.system.authRef ??= `${city.name.slice(0, 1)}公技防审〔${intIn(rand, 2015, 2025)}〕${intIn(rand, 1, 999)}号`;
          break;
        }
        case 'retention':
          // One to three cameras of the site record for too short a time.
          for (const c of cameras.slice(0, intIn(rand, 1, 3))) c.retention = sk.antiTerror ? pick(rand, [30, 60]) : pick(rand, [7, 15, 20]);
          break;
        case 'required_missing': {
          const required = systems.filter((s) => category?.requiredSystems.includes(s.type));
          const s = required.length ? pick(rand, required) : undefined;
          if (s) {
            s.status = chance(rand, 0.5) ? 'planned' : 'under_construction';
            s.acceptedOn = null;
          }
          break;
        }
        case 'no_acceptance': {
          const s = pick(rand, systems);
          s.status = 'in_use';
          s.acceptedOn = null;
          break;
        }
        case 'alarm_interface': {
          const s = systems.find((x) => alarmNeeded.has(x.type));
          if (s) s.alarm = 0;
          break;
        }
        case 'certificate': {
          const e = equipments.length ? pick(rand, equipments) : undefined;
          if (e) e.certs = chance(rand, 0.5) ? [] : e.certs.map(() => cert(false));
          break;
        }
        case 'unauthorised': {
          const s = systems.find((x) => x.authRef !== null);
          if (s) s.authRef = null;
          break;
        }
      }
    }

    for (const s of systems) {
      out.systems.push([s.id, siteId, s.type, s.name, s.status, s.alarm, s.authRef, s.acceptedOn, 1, now, now]);
    }
    for (const d of devices) {
      out.devices.push([
        d.id, siteId, d.system.id, d.kind, d.name, d.code, d.placement, d.privacyKind, d.audio, d.signage, d.retention, d.equipmentType, null, null, null, 1, now, now,
      ]);
      for (const c of d.certs) out.certificates.push([newId(), d.id, c.type, c.number, c.validTo, now]);
    }
  }

  return { next, get done() { return index; }, total: opts.sites };
}

const SYSTEM_NAMES: Record<SystemType, string> = {
  intrusion_alarm: '入侵报警系统',
  video_surveillance: '视频监控系统',
  road_checkpoint: '道路卡口系统',
  access_control: '出入口控制系统',
  electronic_patrol: '电子巡查系统',
  parking_management: '停车场管理系统',
  explosion_proof_inspection: '防爆安全检查系统',
  biometric: '人体生物特征识别系统',
  intelligent_video_analysis: '智能视频分析系统',
  integrated_platform: '集成管理平台',
};

/** Splits `total` over `weights` in whole numbers summing exactly to `total`. */
function allocate(weights: number[], total: number, rand: Rand): number[] {
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const out = weights.map((w) => Math.floor((w * total) / sum));
  let rest = total - out.reduce((s, n) => s + n, 0);
  while (rest > 0 && out.length) {
    out[Math.floor(rand() * out.length)]++;
    rest--;
  }
  return out;
}

// ───────────────────────────── writing ─────────────────────────────

export interface SeedScaleOptions {
  sites: number;
  devices: number;
  seed?: number;
  append?: boolean;
  /** Sites per transaction. */
  batch?: number;
  clock?: Clock;
  config?: Config;
  signal?: AbortSignal;
  onProgress?: (phase: 'seeding' | 'findings', done: number, total: number) => void;
  /** Skip the findings (the caller recomputes them). */
  skipFindings?: boolean;
}

export interface SeedScaleResult {
  sites: number;
  systems: number;
  devices: number;
  certificates: number;
  units: number;
  seedSeconds: number;
  findings: RecomputeAllResult | null;
  findingsSeconds: number;
  sitesWithFindings: number;
  interrupted: boolean;
}

export class SeedRefused extends Error {}
class Stop extends Error {}

type Target = { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string };

/**
 * Seeds `target` (migrated first). Refuses (SeedRefused) a database that already has sites unless
 * `append`. On `signal`, stops after the batch in progress (committed batches stay) and returns
 * with `interrupted`.
 */
export async function seedScale(target: Target, opts: SeedScaleOptions): Promise<SeedScaleResult> {
  const clock = opts.clock ?? systemClock;
  const config = opts.config ?? loadConfig({});
  const raw = target.kind === 'sqlite' ? new SQLite(target.file) : null;
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  if (raw) {
    // The app's own settings (connect.ts), plus a large page cache for the bulk inserts.
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('cache_size = -1048576');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    close = () => db.destroy();
  } else {
    const c = connect({ databaseUrl: (target as { url: string }).url });
    db = c.db;
    close = c.close;
  }
  const result: SeedScaleResult = { sites: 0, systems: 0, devices: 0, certificates: 0, units: 0, seedSeconds: 0, findings: null, findingsSeconds: 0, sitesWithFindings: 0, interrupted: false };
  try {
    await migrateToLatest(db);
    const existing = Number((await db.selectFrom('sites').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    if (existing > 0 && !opts.append) throw new SeedRefused(`the database already has ${existing.toLocaleString('en-US')} sites; pass --append to add more`);
    const now = clock.now().toISOString();
    const today = clock.today();
    let catalogue = await loadCatalogueInForce(db, today);
    if (!catalogue) {
      await db.transaction().execute((trx) => seedRegistryCatalogue(trx, now));
      catalogue = (await loadCatalogueInForce(db, today))!;
    }
    const gen = generator({
      sites: opts.sites,
      devices: opts.devices,
      seed: opts.seed ?? 238,
      catalogue,
      today,
      now,
      serialStart: existing > 0 ? await existingSerials(db) : undefined,
      randomIds: existing > 0,
    });
    const ctx = { actor: SYSTEM_ACTOR, clock, config };
    const runId = randomUUID();
    const batchSize = Math.max(1, opts.batch ?? 2000);
    const statements = raw ? new Map(TABLES.map(([t, cols]) => [t, raw.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)])) : null;
    const t0 = performance.now();
    let part = 0;
    opts.onProgress?.('seeding', 0, opts.sites);
    while (gen.done < gen.total) {
      if (opts.signal?.aborted) {
        result.interrupted = true;
        break;
      }
      const first = gen.done;
      const rows = gen.next(batchSize);
      part++;
      await db.transaction().execute(async (trx) => {
        for (const [table, cols] of TABLES) {
          const list = rows[batchKey[table]];
          if (statements) {
            const stmt = statements.get(table)!;
            for (const r of list) stmt.run(r);
          } else {
            for (let i = 0; i < list.length; i += 500) {
              const objects = list.slice(i, i + 500).map((r) => Object.fromEntries(cols.map((c, j) => [c, r[j]])));
              await trx.insertInto(table).values(objects as never).execute();
            }
          }
        }
        await recordBatch(ctx, trx, runId, part, first, rows, opts.seed ?? 238);
      });
      result.sites += rows.sites.length;
      result.systems += rows.systems.length;
      result.devices += rows.devices.length;
      result.certificates += rows.certificates.length;
      result.units += rows.units.length;
      opts.onProgress?.('seeding', gen.done, gen.total);
      // Let a pending SIGINT be delivered between batches (the inserts themselves are synchronous).
      await new Promise((r) => setImmediate(r));
    }
    result.seedSeconds = (performance.now() - t0) / 1000;
    if (result.interrupted || opts.skipFindings) return result;
    await computeFindings(db, ctx, opts, result);
    return result;
  } finally {
    await close();
  }
}

/** Every site's findings with the core's batched recompute; stops cleanly between batches on `signal`. */
async function computeFindings(db: Kysely<Database>, ctx: { actor: typeof SYSTEM_ACTOR; clock: Clock; config: Config }, opts: Pick<SeedScaleOptions, 'signal' | 'onProgress'>, result: SeedScaleResult): Promise<void> {
  const t1 = performance.now();
  const total = Number((await db.selectFrom('sites').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  opts.onProgress?.('findings', 0, total);
  try {
    result.findings = await recomputeAllFindings(db, ctx, (done, total) => {
      opts.onProgress?.('findings', done, total);
      // Called after each batch has committed: throwing here stops between batches.
      if (opts.signal?.aborted) throw new Stop();
    });
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    result.interrupted = true;
  }
  result.findingsSeconds = (performance.now() - t1) / 1000;
  result.sitesWithFindings = Number((await db.selectFrom('sites').select(sql<number>`count(*)`.as('n')).where('open_findings', '>', 0).executeTakeFirstOrThrow()).n);
}

/** One ledger entry per committed batch: what was generated, by which run and seed. */
function recordBatch(ctx: { actor: typeof SYSTEM_ACTOR; clock: Clock; config: Config }, trx: DbOrTrx, runId: string, part: number, first: number, rows: Batch, seed: number) {
  return audit(ctx, trx, {
    action: 'import.completed',
    objectType: 'scale_seed',
    objectId: runId,
    after: { firstSiteId: rows.sites[0]?.[0] ?? null, lastSiteId: rows.sites.at(-1)?.[0] ?? null, siteIds: rows.sites.map((r) => r[0]) },
    detail: {
      source: 'seed-scale',
      synthetic: true,
      seed,
      part,
      rows: `${first + 1}-${first + rows.sites.length}`,
      units: rows.units.length,
      sites: rows.sites.length,
      systems: rows.systems.length,
      devices: rows.devices.length,
      certificates: rows.certificates.length,
    },
  });
}

/** The last seeded camera serial per division (base unit ≥ 50), so --append continues after it. */
async function existingSerials(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('devices')
    .select([sql<string>`substr(device_code, 1, 6)`.as('division'), sql<string>`max(substr(device_code, 7, 2) || substr(device_code, 15, 6))`.as('last')])
    .where('device_code', 'is not', null)
    .where(sql<boolean>`substr(device_code, 7, 1) >= '5'`)
    .groupBy(sql`substr(device_code, 1, 6)`)
    .execute();
  return new Map(rows.map((r) => [r.division, Number(r.last)]));
}

/** Recompute only (`--findings-only`). */
export async function recomputeOnly(target: Target, opts: Pick<SeedScaleOptions, 'signal' | 'onProgress' | 'clock' | 'config'>): Promise<SeedScaleResult> {
  const c = target.kind === 'sqlite' ? connect({ sqliteFile: target.file }) : connect({ databaseUrl: target.url });
  const result: SeedScaleResult = { sites: 0, systems: 0, devices: 0, certificates: 0, units: 0, seedSeconds: 0, findings: null, findingsSeconds: 0, sitesWithFindings: 0, interrupted: false };
  try {
    await migrateToLatest(c.db);
    await computeFindings(c.db, { actor: SYSTEM_ACTOR, clock: opts.clock ?? systemClock, config: opts.config ?? loadConfig({}) }, opts, result);
    return result;
  } finally {
    await c.close();
  }
}

// ───────────────────────────── CLI ─────────────────────────────

/** A redrawn bar on a terminal; a line per 10 % elsewhere (CI logs, files). */
export function progressBar(err: ProgressStream) {
  let phase = '';
  let drawn = false;
  let nextDecile = 0;
  const started = new Map<string, number>();
  return {
    update(label: string, done: number, total: number): void {
      if (label !== phase) {
        if (drawn) err.write('\n');
        drawn = false;
        phase = label;
        nextDecile = 0;
        started.set(label, performance.now());
      }
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      const secs = (performance.now() - (started.get(label) ?? performance.now())) / 1000;
      const rate = secs > 0 ? Math.round(done / secs) : 0;
      if (err.isTTY) {
        const width = Math.max(10, Math.min(40, (err.columns ?? 80) - 50));
        const filled = Math.round((pct / 100) * width);
        err.write(`\r${label.padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} sites · ${rate.toLocaleString('en-US')}/s`);
        drawn = true;
      } else if (pct >= nextDecile) {
        err.write(`${label}: ${pct}% (${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} sites, ${rate.toLocaleString('en-US')}/s)\n`);
        nextDecile = Math.floor(pct / 10) * 10 + 10;
      }
    },
    finish(): void {
      if (drawn) err.write('\n');
      drawn = false;
    },
  };
}

function wholeNumber(v: string | undefined, name: string, fallback: number): number | string {
  if (v === undefined) return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  return Number.isSafeInteger(n) && n >= 0 ? n : `--${name} must be a whole number`;
}

/** `jifang seed-scale …` / `npm run seed:scale -- …`: returns the exit code. */
export async function runSeedScale(argv: readonly string[], io: { out?: NodeJS.WritableStream; err?: ProgressStream; env?: Record<string, string | undefined> } = {}): Promise<number> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  const env = io.env ?? process.env;
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        sites: { type: 'string' },
        devices: { type: 'string' },
        seed: { type: 'string' },
        'data-dir': { type: 'string' },
        append: { type: 'boolean', default: false },
        batch: { type: 'string' },
        'findings-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    err.write(`${(e as Error).message}\n\nusage: ${SEED_SCALE_USAGE}`);
    return 2;
  }
  if (values.help) {
    out.write(SEED_SCALE_USAGE);
    return 0;
  }
  const sites = wholeNumber(values.sites, 'sites', 1000);
  const devices = typeof sites === 'number' ? wholeNumber(values.devices, 'devices', sites * 10) : 0;
  const seed = wholeNumber(values.seed, 'seed', 238);
  const batch = wholeNumber(values.batch, 'batch', 2000);
  for (const v of [sites, devices, seed, batch]) {
    if (typeof v === 'string') {
      err.write(`${v}\n\nusage: ${SEED_SCALE_USAGE}`);
      return 2;
    }
  }
  let config: Config;
  try {
    config = loadConfig(values['data-dir'] ? { ...env, JIFANG_DATA_DIR: values['data-dir'] } : env);
  } catch (e) {
    err.write(`${(e as Error).message}\n`);
    return 2;
  }
  const target: Target = config.databaseUrl ? { kind: 'postgresql', url: config.databaseUrl } : { kind: 'sqlite', file: sqliteFileIn(config.dataDir) };
  const where = target.kind === 'sqlite' ? target.file : 'PostgreSQL (DATABASE_URL)';

  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) return;
    err.write('\ninterrupting: finishing the batch in progress…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar = progressBar(err);
  try {
    if (values['findings-only']) {
      const r = await recomputeOnly(target, { signal: controller.signal, onProgress: (p, d, t) => bar.update(p, d, t), config });
      bar.finish();
      out.write(`findings: ${r.findings?.sites ?? 0} sites recomputed (opened ${r.findings?.opened ?? 0}, resolved ${r.findings?.resolved ?? 0}) in ${r.findingsSeconds.toFixed(1)} s; ${r.sitesWithFindings} sites with open findings\n`);
      return r.interrupted ? 130 : 0;
    }
    out.write(`seeding ${where}: ${(sites as number).toLocaleString('en-US')} sites, ${(devices as number).toLocaleString('en-US')} devices, seed ${seed}\n`);
    const r = await seedScale(target, {
      sites: sites as number,
      devices: devices as number,
      seed: seed as number,
      append: values.append,
      batch: batch as number,
      config,
      signal: controller.signal,
      onProgress: (p, d, t) => bar.update(p, d, t),
    });
    bar.finish();
    const n = (x: number) => x.toLocaleString('en-US');
    out.write(
      `seeded ${n(r.sites)} sites (${n(r.units)} units), ${n(r.systems)} systems, ${n(r.devices)} devices, ${n(r.certificates)} certificates in ${r.seedSeconds.toFixed(1)} s` +
        ` (${n(Math.round(r.sites / Math.max(r.seedSeconds, 1e-9)))} sites/s, ${n(Math.round(r.devices / Math.max(r.seedSeconds, 1e-9)))} devices/s)\n`,
    );
    if (r.findings) {
      out.write(
        `findings: ${n(r.findings.opened)} opened on ${n(r.sitesWithFindings)} sites (${((100 * r.sitesWithFindings) / Math.max(1, r.findings.sites)).toFixed(1)} % of ${n(r.findings.sites)}) in ${r.findingsSeconds.toFixed(1)} s` +
          ` (${n(Math.round(r.findings.sites / Math.max(r.findingsSeconds, 1e-9)))} sites/s)\n`,
      );
    }
    if (r.interrupted) {
      out.write(
        r.findings === null
          ? `interrupted: ${n(r.sites)} sites committed, their findings not computed yet — run: npm run seed:scale -- --findings-only\n`
          : 'interrupted while computing findings: the batches done are committed — finish with: npm run seed:scale -- --findings-only\n',
      );
      return 130;
    }
    return 0;
  } catch (e) {
    bar.finish();
    if (e instanceof SeedRefused) {
      err.write(`refused: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

// Run directly: `tsx src/cli/seed-scale.ts …` (what `npm run seed:scale` calls).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSeedScale(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
}
