import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql, type SelectQueryBuilder } from 'kysely';
import { assertCan, listScope, type ListScope } from '../../../platform/access/access.js';
import { audit } from '../../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/http/errors.js';
import { getDivision } from '../../../platform/jurisdictions/divisions.js';
import { requireSignedIn } from '../registry.access.js';
import { applySiteFilters } from '../sites.repository.js';
import {
  AREA_KIND_VALUES,
  BUILDER_LEVEL_VALUES,
  DEVICE_KIND_VALUES,
  PLACEMENT_VALUES,
  PRIVACY_KIND_VALUES,
  RESPONSIBLE_BASIS_VALUES,
  SITE_TYPE_VALUES,
  SYSTEM_STATUS_VALUES,
  SYSTEM_TYPE_VALUES,
  boolLabel,
  labelOf,
} from './import.columns.js';

/**
 * Export a filtered registry list to .xlsx, streamed (rows are read in keyset pages of PAGE and
 * committed to the sheet as they come, so memory stays flat on 200,000 rows). Scoped exactly as
 * the lists: `listScope(actor, 'registry.read')`. The export is recorded in the ledger before the
 * first byte leaves (`export.created`, with the list, the filters and the row count).
 *
 * Sites and devices exports use the import headers, so an exported file can be edited and
 * imported back (extra columns such as 场所编号 or 未整改问题数 are ignored by the sites import;
 * 场所编号 is the parent reference of a devices import). Cells are written as text, never as
 * formulas.
 */

export type ExportList = 'sites' | 'findings' | 'devices';
export const EXPORT_LISTS: readonly ExportList[] = ['sites', 'findings', 'devices'];

export interface ExportFilters {
  siteType?: string;
  division?: string;
  category?: string;
  q?: string;
  hasFindings?: boolean;
  article?: string;
  status?: 'open' | 'resolved';
  deviceKind?: string;
  placement?: string;
  siteId?: string;
}

const PAGE = 2_000;

interface Col {
  header: string;
  width: number;
}

interface Spec {
  sheet: string;
  fileStem: string;
  columns: Col[];
  count(db: DbOrTrx): Promise<number>;
  /** Keyset pages: each call gets the last row of the previous page (or null). */
  page(db: DbOrTrx, after: Record<string, unknown> | null): Promise<Record<string, unknown>[]>;
  row(r: Record<string, unknown>): (string | number)[];
}

const divisionName = (code: unknown) => (typeof code === 'string' ? (getDivision(code)?.name ?? '') : '');
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number | string => (v === null || v === undefined ? '' : Number(v));

type SitesQ = SelectQueryBuilder<Database, 'sites', object>;

function siteFilters(q: SitesQ, scope: ListScope, f: ExportFilters): SitesQ {
  return applySiteFilters(q, scope, {
    siteType: f.siteType,
    divisionPrefix: f.division ? divisionPrefixOf(f.division) : undefined,
    categoryCode: f.category,
    q: f.q,
    siteId: f.siteId,
    hasFindings: f.hasFindings,
    article: f.article,
  });
}

/** 440000 → 44, 440100 → 4401, 440106 → 440106 (as the list filters). */
function divisionPrefixOf(code: string): string {
  if (!/^\d{6}$/.test(code)) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

function specOf(list: ExportList, scope: ListScope, f: ExportFilters): Spec {
  if (list === 'sites') {
    const base = (db: DbOrTrx) => siteFilters(db.selectFrom('sites') as SitesQ, scope, f);
    return {
      sheet: '场所',
      fileStem: '场所清单',
      columns: [
        { header: '场所编号', width: 38 },
        { header: '场所类型', width: 14 },
        { header: '名称', width: 30 },
        { header: '行政区划代码', width: 12 },
        { header: '行政区划', width: 12 },
        { header: '地址', width: 36 },
        { header: '类别', width: 8 },
        { header: '种类', width: 20 },
        { header: '责任主体', width: 28 },
        { header: '责任依据', width: 22 },
        { header: '区域类型', width: 14 },
        { header: '建设层级', width: 16 },
        { header: '使用单位', width: 16 },
        { header: '反恐重点目标', width: 12 },
        { header: '未整改问题数', width: 12 },
        { header: '更新时间', width: 24 },
      ],
      count: async (db) => Number((await base(db).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n),
      page: (db, after) => {
        let q = base(db).selectAll('sites');
        if (after) q = q.where(sql<boolean>`(sites.name, sites.id) > (${after.name}, ${after.id})`);
        return q.orderBy('sites.name').orderBy('sites.id').limit(PAGE).execute();
      },
      row: (r) => [
        text(r.id),
        labelOf(SITE_TYPE_VALUES, r.site_type as string),
        text(r.name),
        text(r.division_code),
        divisionName(r.division_code),
        text(r.address),
        text(r.category_code),
        text(r.kind_code),
        text(r.responsible_party),
        labelOf(RESPONSIBLE_BASIS_VALUES, r.responsible_basis as string | null),
        labelOf(AREA_KIND_VALUES, r.area_kind as string | null),
        labelOf(BUILDER_LEVEL_VALUES, r.builder_level as string | null),
        text(r.user_police_unit_id),
        boolLabel(r.anti_terror_target as number),
        num(r.open_findings),
        text(r.updated_at),
      ],
    };
  }
  if (list === 'devices') {
    const base = (db: DbOrTrx) =>
      siteFilters(db.selectFrom('sites') as SitesQ, scope, f)
        .innerJoin('devices', 'devices.site_id', 'sites.id')
        .innerJoin('systems', 'systems.id', 'devices.system_id')
        .$if(!!f.deviceKind, (q) => q.where('devices.device_kind', '=', f.deviceKind!))
        .$if(!!f.placement, (q) => q.where('devices.placement', '=', f.placement!));
    return {
      sheet: '设备',
      fileStem: '设备清单',
      columns: [
        { header: '场所编号', width: 38 },
        { header: '场所名称', width: 30 },
        { header: '行政区划代码', width: 12 },
        { header: '系统名称', width: 24 },
        { header: '系统类型', width: 20 },
        { header: '设备种类', width: 10 },
        { header: '设备名称', width: 24 },
        { header: '设备编码', width: 24 },
        { header: '安装位置', width: 18 },
        { header: '隐私场所类型', width: 12 },
        { header: '拾音', width: 6 },
        { header: '标识', width: 6 },
        { header: '存储天数', width: 10 },
        { header: '设备类型', width: 16 },
        { header: '最近上报时间', width: 24 },
        { header: '上报录像天数', width: 12 },
      ],
      count: async (db) => Number((await base(db).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n),
      page: (db, after) => {
        let q = base(db).select([
          'devices.id as id',
          'sites.id as site_id',
          'sites.name as site_name',
          'sites.division_code as division_code',
          'systems.name as system_name',
          'systems.system_type as system_type',
          'devices.device_kind as device_kind',
          'devices.name as name',
          'devices.device_code as device_code',
          'devices.placement as placement',
          'devices.privacy_kind as privacy_kind',
          'devices.audio_capture as audio_capture',
          'devices.signage as signage',
          'devices.retention_days as retention_days',
          'devices.equipment_type as equipment_type',
          'devices.last_report_at as last_report_at',
          'devices.reported_recording_days as reported_recording_days',
        ]);
        if (after) q = q.where(sql<boolean>`(sites.name, devices.id) > (${after.site_name}, ${after.id})`);
        return q.orderBy('sites.name').orderBy('devices.id').limit(PAGE).execute();
      },
      row: (r) => [
        text(r.site_id),
        text(r.site_name),
        text(r.division_code),
        text(r.system_name),
        labelOf(SYSTEM_TYPE_VALUES, r.system_type as string),
        labelOf(DEVICE_KIND_VALUES, r.device_kind as string),
        text(r.name),
        text(r.device_code),
        labelOf(PLACEMENT_VALUES, r.placement as string | null),
        labelOf(PRIVACY_KIND_VALUES, r.privacy_kind as string | null),
        boolLabel(r.audio_capture as number),
        boolLabel(r.signage as number),
        num(r.retention_days),
        text(r.equipment_type),
        text(r.last_report_at),
        num(r.reported_recording_days),
      ],
    };
  }
  // findings
  const status = f.status ?? 'open';
  const base = (db: DbOrTrx) =>
    siteFilters(db.selectFrom('sites') as SitesQ, scope, { ...f, article: undefined, hasFindings: undefined })
      .innerJoin('findings', 'findings.site_id', 'sites.id')
      .$if(!!f.article, (q) => q.where('findings.article', '=', f.article!))
      .$if(status === 'open', (q) => q.where('findings.resolved_at', 'is', null))
      .$if(status === 'resolved', (q) => q.where('findings.resolved_at', 'is not', null));
  return {
    sheet: '问题',
    fileStem: status === 'open' ? '未整改问题清单' : '已整改问题清单',
    columns: [
      { header: '问题编号', width: 38 },
      { header: '场所编号', width: 38 },
      { header: '场所名称', width: 30 },
      { header: '行政区划代码', width: 12 },
      { header: '行政区划', width: 12 },
      { header: '类别', width: 8 },
      { header: '违反条款', width: 10 },
      { header: '处罚条款', width: 10 },
      { header: '规则', width: 26 },
      { header: '问题', width: 50 },
      { header: '发现时间', width: 24 },
      { header: '整改时间', width: 24 },
    ],
    count: async (db) => Number((await base(db).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n),
    page: (db, after) => {
      let q = base(db).select([
        'findings.id as id',
        'sites.id as site_id',
        'sites.name as site_name',
        'findings.division_code as division_code',
        'findings.category_code as category_code',
        'findings.article as article',
        'findings.penalty_article as penalty_article',
        'findings.rule as rule',
        'findings.detail as detail',
        'findings.opened_at as opened_at',
        'findings.resolved_at as resolved_at',
      ]);
      if (after) q = q.where(sql<boolean>`(findings.opened_at, findings.id) > (${after.opened_at}, ${after.id})`);
      return q.orderBy('findings.opened_at').orderBy('findings.id').limit(PAGE).execute();
    },
    row: (r) => [
      text(r.id),
      text(r.site_id),
      text(r.site_name),
      text(r.division_code),
      divisionName(r.division_code),
      text(r.category_code),
      `第${text(r.article)}条`,
      r.penalty_article ? `第${text(r.penalty_article)}条` : '',
      text(r.rule),
      detailZh(r.detail),
      text(r.opened_at),
      text(r.resolved_at),
    ],
  };
}

function detailZh(detail: unknown): string {
  if (typeof detail !== 'string') return '';
  try {
    const d = JSON.parse(detail) as { zh?: unknown };
    return typeof d.zh === 'string' ? d.zh : detail;
  } catch {
    return detail;
  }
}

export interface ExportResult {
  fileName: string;
  rows: number;
  stream: Readable;
}

/** Authorise, count, record, then stream the workbook. */
export async function exportList(ctx: Ctx, list: ExportList, filters: ExportFilters): Promise<ExportResult> {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'registry.read');
  const scope = listScope(ctx.actor, 'registry.read');
  if (scope.kind === 'none') throw new AppError('FORBIDDEN');
  const spec = specOf(list, scope, filters);
  const rows = await spec.count(ctx.db);
  const cleanFilters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
  await ctx.db.transaction().execute((trx) =>
    audit(ctx, trx, { action: 'export.created', objectType: 'registry_export', objectId: list, detail: { list, filters: cleanFilters, rows } }),
  );
  const stamp = ctx.clock.today().replace(/-/g, '');
  const out = new PassThrough();
  void writeWorkbook(ctx.db, spec, out).catch((err: unknown) => {
    ctx.log.error({ err }, 'export failed while streaming');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return { fileName: `${spec.fileStem}-${stamp}.xlsx`, rows, stream: out };
}

async function writeWorkbook(db: DbOrTrx, spec: Spec, out: PassThrough): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let after: Record<string, unknown> | null = null;
  for (;;) {
    const page = await spec.page(db, after);
    for (const r of page) ws.addRow(spec.row(r)).commit();
    if (page.length < PAGE) break;
    after = page[page.length - 1];
    // Let the response drain before reading the next page.
    if (out.writableNeedDrain) await new Promise((resolve) => (out.once('drain', resolve), out.once('close', resolve)));
    if (out.destroyed) return; // the client went away
  }
  ws.commit();
  await wb.commit();
}
