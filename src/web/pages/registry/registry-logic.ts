// Pure helpers of the registry pages: GB/T 28181 code checks, the art. 10 confirmation, and the
// mapping between the list filters, the address bar and the API query. Tested without React.
import type { DeviceInput, FindingListQuery, SiteListQuery, SiteType } from '../../api/types';
import type { DivisionNode } from '../../api/types';

// ─── GB/T 28181 device code ────────────────────────────────────────────────────────────────

export type DeviceCodeProblem = 'required' | 'digits' | 'length';

export interface DeviceCodeCheck {
  ok: boolean;
  problem?: DeviceCodeProblem;
  length: number;
  /** Parts of a well-formed code: centre (8: division 6 + base unit 2), industry 2, type 3, network 1, serial 6. */
  parts?: { centre: string; division: string; industry: string; type: string; network: string; serial: string };
}

/** A 20-digit GB/T 28181 code; spaces a user typed to group digits are ignored. */
export function normaliseDeviceCode(value: string | null | undefined): string {
  return (value ?? '').replace(/[\s-]/g, '');
}

export function checkDeviceCode(value: string | null | undefined, required = true): DeviceCodeCheck {
  const code = normaliseDeviceCode(value);
  if (!code) return required ? { ok: false, problem: 'required', length: 0 } : { ok: true, length: 0 };
  if (!/^\d+$/.test(code)) return { ok: false, problem: 'digits', length: code.length };
  if (code.length !== 20) return { ok: false, problem: 'length', length: code.length };
  return {
    ok: true,
    length: 20,
    parts: {
      centre: code.slice(0, 8),
      division: code.slice(0, 6),
      industry: code.slice(8, 10),
      type: code.slice(10, 13),
      network: code.slice(13, 14),
      serial: code.slice(14),
    },
  };
}

// ─── Art. 10: privacy places ─────────────────────────────────────────────────────────────────

/** A camera (video, or audio capture) placed in a privacy place needs the user's explicit confirmation before it is recorded. */
export function needsPrivacyConfirmation(d: Pick<DeviceInput, 'deviceKind' | 'placement' | 'audioCapture'>): boolean {
  return d.placement === 'privacy' && (d.deviceKind === 'camera' || !!d.audioCapture);
}

/** The device body sent to the server, from the form's values: fields that do not apply are cleared. */
export function toDeviceInput(v: DeviceInput): DeviceInput {
  const camera = v.deviceKind === 'camera';
  return {
    deviceKind: v.deviceKind,
    name: v.name.trim(),
    deviceCode: camera ? normaliseDeviceCode(v.deviceCode) || null : null,
    placement: camera ? (v.placement ?? null) : (v.placement ?? null),
    privacyKind: v.placement === 'privacy' ? (v.privacyKind ?? null) : null,
    audioCapture: !!v.audioCapture,
    signage: camera ? !!v.signage : false,
    retentionDays: camera && v.retentionDays != null ? Number(v.retentionDays) : null,
    equipmentType: camera ? null : v.equipmentType?.trim() || null,
    certificates: camera
      ? []
      : (v.certificates ?? []).filter((c) => c && c.number?.trim()).map((c) => ({ certType: c.certType, number: c.number.trim(), validTo: c.validTo || null })),
  };
}

// ─── Site list filters ───────────────────────────────────────────────────────────────────────

export interface SiteFilter {
  siteType?: SiteType;
  /** The division the user picked: a city or a county code. */
  division?: string;
  category?: string;
  q?: string;
  hasFindings?: boolean;
  article?: string;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;

const str = (p: URLSearchParams, k: string) => p.get(k)?.trim() || undefined;
const positive = (v: string | null, d: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : d;
};

/** The filter in the address bar (so a filtered list can be shared and survives a reload). */
export function siteFilterFromParams(p: URLSearchParams): SiteFilter {
  const siteType = p.get('siteType');
  const hasFindings = p.get('hasFindings');
  return {
    siteType: siteType === 'key_unit' || siteType === 'public_area' ? siteType : undefined,
    division: str(p, 'division'),
    category: str(p, 'category'),
    q: str(p, 'q'),
    hasFindings: hasFindings === 'true' ? true : hasFindings === 'false' ? false : undefined,
    article: str(p, 'article'),
    page: positive(p.get('page'), 1),
    pageSize: Math.min(positive(p.get('pageSize'), DEFAULT_PAGE_SIZE), 200),
  };
}

/** The API query (and the address bar) for a filter; empty values are left out. */
export function siteFilterToQuery(f: SiteFilter): SiteListQuery {
  const q: SiteListQuery = { page: f.page, pageSize: f.pageSize };
  if (f.siteType) q.siteType = f.siteType;
  if (f.division) q.division = f.division;
  if (f.category) q.category = f.category;
  if (f.q?.trim()) q.q = f.q.trim();
  if (f.hasFindings !== undefined) q.hasFindings = f.hasFindings ? 'true' : 'false';
  if (f.article) q.article = f.article;
  return q;
}

export function toSearchParams(q: object): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p;
}

/** Changing any filter other than the page goes back to page 1. */
export function withFilter(f: SiteFilter, change: Partial<SiteFilter>): SiteFilter {
  const pageOnly = Object.keys(change).every((k) => k === 'page' || k === 'pageSize');
  return { ...f, ...change, page: pageOnly ? (change.page ?? f.page) : 1 };
}

export interface FindingFilter {
  division?: string;
  article?: string;
  category?: string;
  status: 'open' | 'resolved';
  page: number;
  pageSize: number;
}

export function findingFilterFromParams(p: URLSearchParams): FindingFilter {
  return {
    division: str(p, 'division'),
    article: str(p, 'article'),
    category: str(p, 'category'),
    status: p.get('status') === 'resolved' ? 'resolved' : 'open',
    page: positive(p.get('page'), 1),
    pageSize: Math.min(positive(p.get('pageSize'), DEFAULT_PAGE_SIZE), 200),
  };
}

export function findingFilterToQuery(f: FindingFilter): FindingListQuery {
  const q: FindingListQuery = { status: f.status, page: f.page, pageSize: f.pageSize };
  if (f.division) q.division = f.division;
  if (f.article) q.article = f.article;
  if (f.category) q.category = f.category;
  return q;
}

// ─── Divisions (Cascader) ────────────────────────────────────────────────────────────────────

/** The Cascader path to a division code (city, then county), or [] when it is not in the tree. */
export function divisionPath(nodes: readonly DivisionNode[], code: string | null | undefined): string[] {
  if (!code) return [];
  for (const n of nodes) {
    if (n.value === code) return [n.value];
    const sub = n.children ? divisionPath(n.children, code) : [];
    if (sub.length) return [n.value, ...sub];
  }
  return [];
}

/** The division name for a code, from the tree ("广州市 天河区"). */
export function divisionName(nodes: readonly DivisionNode[], code: string | null | undefined, en = false): string | undefined {
  if (!code) return undefined;
  const names: string[] = [];
  let level: readonly DivisionNode[] | undefined = nodes;
  for (const v of divisionPath(nodes, code)) {
    const n: DivisionNode | undefined = level?.find((x) => x.value === v);
    if (!n) break;
    if (!/^\d{2}0000$/.test(n.value)) names.push(en && n.labelEn ? n.labelEn : n.label);
    level = n.children;
  }
  return names.length ? names.join(' ') : undefined;
}

// ─── Imports ─────────────────────────────────────────────────────────────────────────────────

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The media type an import file is sent with, from its name (browsers often leave `type` empty for .csv). */
export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return XLSX_TYPE;
  if (lower.endsWith('.csv')) return 'text/csv';
  return null;
}

/** 0–100 for the progress bar. */
export function importPercent(job: { totalRows: number; processedRows: number; status: string }): number {
  if (job.status !== 'running') return 100;
  if (!job.totalRows) return 0;
  return Math.max(0, Math.min(99, Math.floor((job.processedRows / job.totalRows) * 100)));
}

// ─── What the caller may do on a site ────────────────────────────────────────────────────────

export type SiteAction = 'edit' | 'add_system' | 'edit_system' | 'add_device' | 'edit_device' | 'remove_device';

/**
 * Buttons come from the `actions` the server returns with a site (`edit` grants them all: the
 * site, its systems and devices).
 * A server that sends no `actions` falls back to the access rule: unit users maintain their key
 * units, officers the public areas of their jurisdiction.
 */
export function siteCan(
  site: { siteType: SiteType; actions?: readonly string[] },
  action: SiteAction,
  role: string | null | undefined,
): boolean {
  if (site.actions) return site.actions.includes(action) || site.actions.includes('edit') || site.actions.includes('maintain');
  if (role === 'unit_user') return site.siteType === 'key_unit';
  if (role === 'province_officer' || role === 'city_officer' || role === 'county_officer') return site.siteType === 'public_area';
  return false;
}
