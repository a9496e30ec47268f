import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { Ctx, DbOrTrx } from '../../../platform/context.js';
import type { DevicesTable, SitesTable, SystemsTable } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/http/errors.js';
import { getPoliceUnit, listPoliceUnits } from '../../../platform/jurisdictions/police-units.js';
import type { Catalogue } from '../catalogue.js';
import { authoriseSiteCreate, canEditSite, canReadSite } from '../registry.access.js';
import { validateDevice, validateSite, validateSystem, type FieldError } from '../registry.validate.js';
import { canMoveSystem, type SystemStatus } from '../systems.states.js';
import { COLUMNS, convertCell, type HeaderMap, type ImportKind } from './import.columns.js';
import type { SheetRow } from './import.parse.js';

/**
 * Turning a chunk of spreadsheet rows into writes: convert cells, validate with the core's
 * validators, resolve natural keys against the database, check access per row, and build the
 * insert/update operations. The same planning runs for a dry run (nothing written) and inside the
 * write transaction (so a concurrent change between check and write is caught, not overwritten).
 *
 * Natural keys (re-running a file updates what it created, never duplicates it):
 * - site: (site type, owning unit for key units, name, division code) — a unit user only ever
 *   matches its own key units, an officer only public areas, so no other unit's site is revealed;
 * - system: (site, system name);
 * - device: GB/T 28181 device code (unique in the province); equipment without a code: (system, name).
 * A matched row whose values are the same is left alone ("unchanged"); otherwise it is updated.
 */

export interface ReportEntry {
  row: number;
  /** Header text as written in the file (the canonical Chinese header when the column is absent). */
  column: string;
  message: string;
  messageEn: string;
}

export interface ConvertedRow {
  row: number;
  input: Record<string, unknown>;
  errors: ReportEntry[];
  /** Fields whose cell could not be read (the validator's complaint about them is redundant). */
  badKeys: Set<string>;
}

export type OpKind = 'insert' | 'update' | 'unchanged';

export interface PlannedOp {
  row: number;
  op: OpKind;
  siteId: string;
  /** Applies the operation; rows of the same chunk are inserted together by `writeOps`. */
  table: 'sites' | 'systems' | 'devices';
  id: string;
  values: Record<string, unknown>;
  certificates?: { cert_type: string; number: string; valid_to: string | null }[];
}

export interface PlanEnv {
  ctx: Ctx;
  kind: ImportKind;
  headers: HeaderMap;
  catalogue: Catalogue | undefined;
  now: string;
  today: string;
  /** Natural key → first row that used it, for duplicates inside the file. */
  seen: Map<string, number>;
}

const columnOf = (env: PlanEnv, key: string): string =>
  env.headers.headerOf.get(key) ?? COLUMNS[env.kind].find((c) => c.key === key)?.zh ?? '';

function entry(env: PlanEnv, row: number, key: string, zh: string, en: string): ReportEntry {
  return { row, column: columnOf(env, key), message: zh, messageEn: en };
}

/** Cells → typed input (enumerations as codes, 是/否 as booleans) with conversion errors. */
export function convertRow(env: PlanEnv, sheetRow: SheetRow): ConvertedRow {
  const input: Record<string, unknown> = {};
  const errors: ReportEntry[] = [];
  const badKeys = new Set<string>();
  for (const [index, def] of env.headers.byIndex) {
    const res = convertCell(def, sheetRow.cells[index] ?? '');
    if ('error' in res) {
      errors.push(entry(env, sheetRow.row, def.key, res.error.zh, res.error.en));
      badKeys.add(def.key);
    } else if (res.value !== undefined) input[def.key] = res.value;
  }
  return { row: sheetRow.row, input, errors, badKeys };
}

/** Validator field → import column key (`certificates[0].number` → `certNumber`). */
function keyOfField(field: string): string {
  const m = /^certificates(?:\[\d+\]|\.\d+)?\.?(\w*)$/.exec(field);
  if (!m) return field;
  return ({ certType: 'certType', number: 'certNumber', validTo: 'certValidTo' } as Record<string, string>)[m[1]] ?? 'certType';
}

function addFieldErrors(env: PlanEnv, r: ConvertedRow, errors: readonly FieldError[]): void {
  for (const e of errors) {
    const key = keyOfField(e.field);
    if (r.badKeys.has(key)) continue;
    r.errors.push(entry(env, r.row, key, e.zh, e.en));
  }
}

function fail(env: PlanEnv, r: ConvertedRow, key: string, zh: string, en: string): void {
  r.errors.push(entry(env, r.row, key, zh, en));
}

/** A duplicate of an earlier row of the same file (by natural key). */
function duplicate(env: PlanEnv, r: ConvertedRow, naturalKey: string, key: string, what: { zh: string; en: string }): boolean {
  const first = env.seen.get(naturalKey);
  if (first !== undefined && first !== r.row) {
    fail(env, r, key, `与第 ${first} 行重复（${what.zh}相同）`, `Duplicate of row ${first} (same ${what.en})`);
    return true;
  }
  env.seen.set(naturalKey, r.row);
  return false;
}

const chunked = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

/** Fields compared to decide whether a matched row changed. */
function changed(existing: Record<string, unknown>, next: Record<string, unknown>): boolean {
  for (const [k, v] of Object.entries(next)) {
    const e = existing[k];
    if (typeof v === 'number' || typeof e === 'number') {
      if (Number(e ?? NaN) !== Number(v ?? NaN) && !(e == null && v == null)) return true;
    } else if ((e ?? null) !== (v ?? null)) return true;
  }
  return false;
}

// ───────────────────────────── sites ─────────────────────────────

const policeUnitByName = new Map(listPoliceUnits().map((u) => [u.name, u.id]));

/** Category/kind may be written as the catalogue's code or its Chinese name. */
function catalogueCodes(input: Record<string, unknown>, catalogue: Catalogue | undefined): void {
  if (!catalogue) return;
  const cat = input.categoryCode;
  let category = typeof cat === 'string' ? catalogue.categories.find((c) => c.code === cat || c.zh === cat) : undefined;
  if (category && typeof cat === 'string') input.categoryCode = category.code;
  const kind = input.kindCode;
  if (typeof kind === 'string') {
    const scope = category ? [category] : catalogue.categories;
    for (const c of scope) {
      const k = c.kinds.find((x) => x.code === kind || x.zh === kind);
      if (k) {
        input.kindCode = k.code;
        if (!category && input.categoryCode === undefined) {
          category = c;
          input.categoryCode = c.code;
        }
        break;
      }
    }
  }
}

function siteKey(siteType: string, unitId: string | null, name: string, division: string): string {
  return `${siteType}\u0000${unitId ?? ''}\u0000${name}\u0000${division}`;
}

export async function planSites(env: PlanEnv, db: DbOrTrx, rows: ConvertedRow[]): Promise<PlannedOp[]> {
  const { actor } = env.ctx;
  const candidates: { r: ConvertedRow; values: Insertable<SitesTable>; key: string }[] = [];
  for (const r of rows) {
    const input = r.input;
    if (input.siteType === undefined && !r.badKeys.has('siteType')) input.siteType = actor.role === 'unit_user' ? 'key_unit' : 'public_area';
    catalogueCodes(input, env.catalogue);
    if (typeof input.userPoliceUnitId === 'string' && !getPoliceUnit(input.userPoliceUnitId)) {
      input.userPoliceUnitId = policeUnitByName.get(input.userPoliceUnitId) ?? input.userPoliceUnitId;
    }
    const v = validateSite(input, env.catalogue ?? { version: 0, effectiveFrom: '', illustrative: true, categories: [] });
    if (!v.ok) {
      addFieldErrors(env, r, v.errors);
      continue;
    }
    const s = v.value;
    let unitId: string | null;
    try {
      unitId = authoriseSiteCreate(actor, s.siteType, s.divisionCode).unitId;
    } catch {
      if (s.siteType === 'key_unit') fail(env, r, 'siteType', '无权登记重点单位：重点单位由本单位的用户登记', 'You may not register key units: a unit registers its own');
      else fail(env, r, 'divisionCode', '无权在该行政区划登记重点公共区域（超出本机关辖区）', 'You may not register public areas in this division (outside your jurisdiction)');
      continue;
    }
    if (r.errors.length) continue;
    const key = siteKey(s.siteType, unitId, s.name, s.divisionCode);
    if (duplicate(env, r, key, 'name', { zh: '名称和行政区划代码', en: 'name and division code' })) continue;
    candidates.push({
      r,
      key,
      values: {
        id: '',
        site_type: s.siteType,
        name: s.name,
        division_code: s.divisionCode,
        address: s.address,
        unit_id: unitId,
        category_code: s.categoryCode,
        kind_code: s.kindCode,
        catalogue_version: s.siteType === 'key_unit' ? (env.catalogue?.version ?? null) : null,
        responsible_party: s.responsibleParty,
        responsible_basis: s.responsibleBasis,
        area_kind: s.areaKind,
        builder_level: s.builderLevel,
        user_police_unit_id: s.userPoliceUnitId,
        anti_terror_target: s.antiTerrorTarget ? 1 : 0,
        open_findings: 0,
        version: 1,
        created_at: env.now,
        updated_at: env.now,
      },
    });
  }
  if (candidates.length === 0) return [];

  // Existing sites with these names, narrowed to what this actor may match (see the file comment).
  let q = db.selectFrom('sites').selectAll().where('name', 'in', uniq(candidates.map((c) => c.values.name)));
  q = actor.role === 'unit_user' ? q.where('site_type', '=', 'key_unit').where('unit_id', '=', actor.unitId ?? '') : q.where('site_type', '=', 'public_area');
  const existing = new Map<string, Selectable<SitesTable>[]>();
  for (const s of await q.execute()) {
    const k = siteKey(s.site_type, s.unit_id, s.name, s.division_code);
    existing.set(k, [...(existing.get(k) ?? []), s]);
  }

  const ops: PlannedOp[] = [];
  for (const c of candidates) {
    const matches = existing.get(c.key) ?? [];
    if (matches.length > 1) {
      fail(env, c.r, 'name', '已登记多个同名同区划的场所，无法确定更新哪一个，请在系统中逐个处理', 'Several registered sites share this name and division; edit them one by one');
      continue;
    }
    const { id: _id, created_at: _c, version: _v, open_findings: _o, ...fields } = c.values as typeof c.values & { open_findings?: number };
    if (matches.length === 1) {
      const old = matches[0];
      if (!canEditSite(actor, old)) {
        fail(env, c.r, 'name', '无权修改该场所', 'You may not change this site');
        continue;
      }
      const { updated_at: _u, ...compare } = fields;
      const op: OpKind = changed(old, compare) ? 'update' : 'unchanged';
      ops.push({ row: c.r.row, op, siteId: old.id, table: 'sites', id: old.id, values: { ...fields, version: Number(old.version) + 1 } });
    } else {
      const id = randomUUID();
      ops.push({ row: c.r.row, op: 'insert', siteId: id, table: 'sites', id, values: { ...c.values, id } });
    }
  }
  return ops;
}

// ───────────────────── parent site (systems, devices) ─────────────────────

async function resolveSites(env: PlanEnv, db: DbOrTrx, rows: ConvertedRow[]): Promise<Map<ConvertedRow, Selectable<SitesTable>>> {
  const { actor } = env.ctx;
  const ids = uniq(rows.map((r) => r.input.siteId).filter((x): x is string => typeof x === 'string'));
  const names = uniq(rows.filter((r) => r.input.siteId === undefined).map((r) => r.input.siteName).filter((x): x is string => typeof x === 'string'));
  const byId = new Map<string, Selectable<SitesTable>>();
  for (const part of chunked(ids, 500)) for (const s of await db.selectFrom('sites').selectAll().where('id', 'in', part).execute()) byId.set(s.id, s);
  const byName = new Map<string, Selectable<SitesTable>[]>();
  for (const part of chunked(names, 500)) {
    let q = db.selectFrom('sites').selectAll().where('name', 'in', part);
    q = actor.role === 'unit_user' ? q.where('unit_id', '=', actor.unitId ?? '') : q.where('site_type', '=', 'public_area');
    for (const s of await q.execute()) {
      if (!canEditSite(actor, s)) continue;
      const k = `${s.name}\u0000${s.division_code}`;
      byName.set(k, [...(byName.get(k) ?? []), s]);
    }
  }
  const out = new Map<ConvertedRow, Selectable<SitesTable>>();
  for (const r of rows) {
    const { siteId, siteName, siteDivisionCode } = r.input as { siteId?: string; siteName?: string; siteDivisionCode?: string };
    if (siteId !== undefined) {
      const s = byId.get(siteId);
      // Not found and not visible read the same, so a guessed id reveals nothing.
      if (!s || !canReadSite(actor, s)) fail(env, r, 'siteId', `找不到场所编号“${siteId}”`, `No site with id "${siteId}"`);
      else if (!canEditSite(actor, s)) fail(env, r, 'siteId', '无权为该场所登记（重点单位由本单位登记，重点公共区域由辖区公安机关登记）', 'You may not register for this site');
      else out.set(r, s);
      continue;
    }
    if (siteName === undefined || siteDivisionCode === undefined) {
      if (!r.badKeys.has('siteName') && siteName === undefined) fail(env, r, 'siteName', '请填写场所名称（或场所编号）', 'Site name (or site id) is required');
      if (!r.badKeys.has('siteDivisionCode') && siteDivisionCode === undefined) fail(env, r, 'siteDivisionCode', '请填写场所的行政区划代码', 'The site’s division code is required');
      continue;
    }
    const matches = byName.get(`${siteName}\u0000${siteDivisionCode}`) ?? [];
    if (matches.length === 0) {
      fail(env, r, 'siteName', `在行政区划 ${siteDivisionCode} 中找不到您可登记的场所“${siteName}”，请先导入场所`, `No site "${siteName}" in division ${siteDivisionCode} that you may register for; import the site first`);
    } else if (matches.length > 1) {
      fail(env, r, 'siteName', `行政区划 ${siteDivisionCode} 中有多个名为“${siteName}”的场所，请改填场所编号`, `Several sites are named "${siteName}" in ${siteDivisionCode}; use the site id`);
    } else out.set(r, matches[0]);
  }
  return out;
}

// ───────────────────────────── systems ─────────────────────────────

export async function planSystems(env: PlanEnv, db: DbOrTrx, rows: ConvertedRow[]): Promise<PlannedOp[]> {
  const sites = await resolveSites(env, db, rows);
  const candidates: { r: ConvertedRow; site: Selectable<SitesTable>; values: Insertable<SystemsTable> }[] = [];
  for (const r of rows) {
    const v = validateSystem(r.input, { today: env.today });
    if (!v.ok) addFieldErrors(env, r, v.errors);
    const site = sites.get(r);
    if (!v.ok || !site || r.errors.length) continue;
    const s = v.value;
    if (duplicate(env, r, `${site.id}\u0000${s.name}`, 'name', { zh: '场所和系统名称', en: 'site and system name' })) continue;
    candidates.push({
      r,
      site,
      values: {
        id: '',
        site_id: site.id,
        system_type: s.systemType,
        name: s.name,
        status: s.status,
        alarm_centre_interface: s.alarmCentreInterface ? 1 : 0,
        authorisation_ref: s.authorisationRef,
        accepted_on: s.acceptedOn,
        version: 1,
        created_at: env.now,
        updated_at: env.now,
      },
    });
  }
  if (candidates.length === 0) return [];
  const existing = new Map<string, Selectable<SystemsTable>>();
  const siteIds = uniq(candidates.map((c) => c.site.id));
  for (const part of chunked(siteIds, 500)) {
    const found = await db
      .selectFrom('systems')
      .selectAll()
      .where('site_id', 'in', part)
      .where('name', 'in', uniq(candidates.map((c) => c.values.name)))
      .execute();
    for (const s of found) existing.set(`${s.site_id}\u0000${s.name}`, s);
  }
  const ops: PlannedOp[] = [];
  for (const c of candidates) {
    const old = existing.get(`${c.site.id}\u0000${c.values.name}`);
    const { id: _id, created_at: _c, version: _v, open_findings: _o, ...fields } = c.values as typeof c.values & { open_findings?: number };
    if (old) {
      if (!canMoveSystem(old.status as SystemStatus, fields.status as SystemStatus)) {
        const e = new AppError(old.status === 'decommissioned' ? 'SYSTEM_DECOMMISSIONED' : 'SYSTEM_STATUS_BACKWARDS');
        fail(env, c.r, 'status', e.detail.zh, e.detail.en);
        continue;
      }
      const { updated_at: _u, ...compare } = fields;
      ops.push({ row: c.r.row, op: changed(old, compare) ? 'update' : 'unchanged', siteId: c.site.id, table: 'systems', id: old.id, values: { ...fields, version: Number(old.version) + 1 } });
    } else {
      const id = randomUUID();
      ops.push({ row: c.r.row, op: 'insert', siteId: c.site.id, table: 'systems', id, values: { ...c.values, id } });
    }
  }
  return ops;
}

// ───────────────────────────── devices ─────────────────────────────

export async function planDevices(env: PlanEnv, db: DbOrTrx, rows: ConvertedRow[]): Promise<PlannedOp[]> {
  for (const r of rows) if (r.input.deviceKind === undefined && !r.badKeys.has('deviceKind')) r.input.deviceKind = 'camera';
  const sites = await resolveSites(env, db, rows);
  // The parent system: by name within the resolved site.
  const systems = new Map<string, Selectable<SystemsTable>>();
  const siteIds = uniq([...sites.values()].map((s) => s.id));
  const systemNames = uniq(rows.map((r) => r.input.systemName).filter((x): x is string => typeof x === 'string'));
  for (const part of chunked(siteIds, 500)) {
    if (systemNames.length === 0) break;
    const found = await db.selectFrom('systems').selectAll().where('site_id', 'in', part).where('name', 'in', systemNames).execute();
    for (const s of found) systems.set(`${s.site_id}\u0000${s.name}`, s);
  }

  const candidates: { r: ConvertedRow; site: Selectable<SitesTable>; system: Selectable<SystemsTable>; values: Insertable<DevicesTable>; certs: PlannedOp['certificates'] }[] = [];
  for (const r of rows) {
    const input = { ...r.input };
    if (input.certType !== undefined || input.certNumber !== undefined || input.certValidTo !== undefined) {
      input.certificates = [{ certType: input.certType, number: input.certNumber, validTo: input.certValidTo }];
    }
    const v = validateDevice(input);
    if (!v.ok) addFieldErrors(env, r, v.errors);
    const site = sites.get(r);
    let system: Selectable<SystemsTable> | undefined;
    if (site && typeof r.input.systemName === 'string') {
      system = systems.get(`${site.id}\u0000${r.input.systemName}`);
      if (!system) fail(env, r, 'systemName', `该场所没有名为“${r.input.systemName}”的系统，请先导入系统`, `The site has no system named "${r.input.systemName}"; import the system first`);
      else if (system.status === 'decommissioned') {
        const e = new AppError('SYSTEM_DECOMMISSIONED');
        fail(env, r, 'systemName', e.detail.zh, e.detail.en);
      }
    } else if (site && !r.badKeys.has('systemName')) fail(env, r, 'systemName', '请填写系统名称', 'System name is required');
    if (!v.ok || !site || !system || r.errors.length) continue;
    const d = v.value;
    const naturalKey = d.deviceCode ? `code\u0000${d.deviceCode}` : `eq\u0000${system.id}\u0000${d.name}`;
    if (duplicate(env, r, naturalKey, d.deviceCode ? 'deviceCode' : 'name', d.deviceCode ? { zh: '设备编码', en: 'device code' } : { zh: '系统和设备名称', en: 'system and device name' })) continue;
    candidates.push({
      r,
      site,
      system,
      certs: d.certificates.map((c) => ({ cert_type: c.certType, number: c.number, valid_to: c.validTo })),
      values: {
        id: '',
        site_id: site.id,
        system_id: system.id,
        device_kind: d.deviceKind,
        name: d.name,
        device_code: d.deviceCode,
        placement: d.placement,
        privacy_kind: d.privacyKind,
        audio_capture: d.audioCapture ? 1 : 0,
        signage: d.signage ? 1 : 0,
        retention_days: d.retentionDays,
        equipment_type: d.equipmentType,
        version: 1,
        created_at: env.now,
        updated_at: env.now,
      },
    });
  }
  if (candidates.length === 0) return [];

  const byCode = new Map<string, Selectable<DevicesTable>>();
  const codes = uniq(candidates.map((c) => c.values.device_code).filter((x): x is string => !!x));
  for (const part of chunked(codes, 500)) for (const d of await db.selectFrom('devices').selectAll().where('device_code', 'in', part).execute()) byCode.set(d.device_code!, d);
  const byName = new Map<string, Selectable<DevicesTable>>();
  const uncoded = candidates.filter((c) => !c.values.device_code);
  if (uncoded.length) {
    for (const part of chunked(uniq(uncoded.map((c) => c.system.id)), 500)) {
      const found = await db
        .selectFrom('devices')
        .selectAll()
        .where('system_id', 'in', part)
        .where('device_code', 'is', null)
        .where('name', 'in', uniq(uncoded.map((c) => c.values.name)))
        .execute();
      for (const d of found) byName.set(`${d.system_id}\u0000${d.name}`, d);
    }
  }

  const oldOf = (c: (typeof candidates)[number]) => (c.values.device_code ? byCode.get(c.values.device_code) : byName.get(`${c.system.id}\u0000${c.values.name}`));
  const heldCerts = new Set<string>();
  const oldIds = uniq(candidates.filter((c) => (c.certs ?? []).length > 0).map((c) => oldOf(c)?.id).filter((x): x is string => !!x));
  for (const part of chunked(oldIds, 500)) {
    for (const x of await db.selectFrom('equipment_certificates').select(['device_id', 'cert_type', 'number']).where('device_id', 'in', part).execute()) {
      heldCerts.add(`${x.device_id}\u0000${x.cert_type}\u0000${x.number}`);
    }
  }

  const ops: PlannedOp[] = [];
  for (const c of candidates) {
    const old = oldOf(c);
    const { id: _id, created_at: _c, version: _v, open_findings: _o, ...fields } = c.values as typeof c.values & { open_findings?: number };
    if (old) {
      if (old.site_id !== c.site.id) {
        // Codes are unique in the province; whose device holds it is not revealed.
        const e = new AppError('DEVICE_CODE_TAKEN');
        fail(env, c.r, 'deviceCode', `${e.detail.zh}（登记在其他场所）`, `${e.detail.en} (at another site)`);
        continue;
      }
      const { updated_at: _u, ...compare } = fields;
      const certsNew = (c.certs ?? []).filter((x) => !heldCerts.has(`${old.id}\u0000${x.cert_type}\u0000${x.number}`));
      ops.push({
        row: c.r.row,
        op: changed(old, compare) || certsNew.length > 0 ? 'update' : 'unchanged',
        siteId: c.site.id,
        table: 'devices',
        id: old.id,
        values: { ...fields, version: Number(old.version) + 1 },
        certificates: certsNew,
      });
    } else {
      const id = randomUUID();
      ops.push({ row: c.r.row, op: 'insert', siteId: c.site.id, table: 'devices', id, values: { ...c.values, id }, certificates: c.certs });
    }
  }
  return ops;
}

export const PLANNERS: Record<ImportKind, (env: PlanEnv, db: DbOrTrx, rows: ConvertedRow[]) => Promise<PlannedOp[]>> = {
  sites: planSites,
  systems: planSystems,
  devices: planDevices,
};

// ───────────────────────────── writing ─────────────────────────────

/** Rows per multi-row INSERT (≤ 20 columns × 500 stays far below both databases' parameter limits). */
export const INSERT_BATCH = 500;

/**
 * Applies planned operations: inserts in multi-row statements, updates one by one (re-runs are
 * rare and usually small), then the new certificates.
 */
export async function writeOps(trx: DbOrTrx, ops: PlannedOp[], now: string): Promise<void> {
  const inserts = ops.filter((o) => o.op === 'insert');
  for (const table of ['sites', 'systems', 'devices'] as const) {
    const rows = inserts.filter((o) => o.table === table).map((o) => o.values);
    for (const part of chunked(rows, INSERT_BATCH)) {
      await trx.insertInto(table).values(part as never).execute();
    }
  }
  for (const o of ops) {
    if (o.op !== 'update') continue;
    await trx
      .updateTable(o.table)
      .set(o.values as never)
      .where('id', '=', o.id)
      .execute();
  }
  // Planning already dropped certificates the device holds (same type and number).
  const fresh = ops.flatMap((o) =>
    (o.certificates ?? []).map((c) => ({ id: randomUUID(), device_id: o.id, cert_type: c.cert_type, number: c.number, valid_to: c.valid_to, created_at: now })),
  );
  for (const part of chunked(fresh, INSERT_BATCH)) await trx.insertInto('equipment_certificates').values(part).execute();
}
