import { assertCan, listScope } from '../../platform/access/access.js';
import { OFFICER_ROLES, type Role } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/errors.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { registrySettings } from '../registry/registry.settings.js';
import {
  latestInspections,
  latestRetentionReports,
  ledgerAbout,
  ledgerEntryBySeq,
  objectPlaces,
  overdueDeadlines,
  staleCameras,
  staleRetentionFindings,
  subjectReferences,
  userNames,
  type Area,
  type LedgerRef,
} from './oversight.repository.js';
import {
  alertKindOfRule,
  classifyDeadline,
  daysPastDue,
  DEFAULT_NOT_ACTED_DAYS,
  isKnownSubjectType,
  notActedCutoff,
  notActedOn,
  siteBureau,
  staleSince,
  type AlertKind,
  type OversightCategory,
} from './oversight.rules.js';

/**
 * @article 39 — the supervisory organ's view of officials: decisions overdue, late or lapsed in
 * every procedure, and retention alerts nobody inspected, each with the ledger entries behind it.
 * Supervisors see the area of the police unit they supervise; province officers with
 * `supervision.oversight` see the province. Reads only: nothing here changes state.
 */

/** More rows than this and the answer says `truncated` (narrow it with `from`). */
export const OVERSIGHT_LIMIT = 1000;

export interface UnitRef {
  id: string;
  name: string;
  nameEn: string;
}

export function unitRef(id: string | null): UnitRef {
  if (!id) return { id: '-', name: '（未指定）', nameEn: '(none)' };
  const u = getPoliceUnit(id);
  return u ? { id: u.id, name: u.name, nameEn: u.nameEn } : { id, name: id, nameEn: id };
}

/** The actor's area for oversight, or null when it may list nothing. */
function areaOf(ctx: Pick<Ctx, 'actor'>): Area | null {
  assertCan(ctx.actor, 'supervision.oversight');
  const scope = listScope(ctx.actor, 'supervision.oversight');
  if (scope.kind === 'all') return { prefix: null, unitId: null };
  if (scope.kind === 'division') return { prefix: scope.prefix, unitId: ctx.actor.policeUnitId ?? null };
  return null;
}

function ledgerView(e: LedgerRef) {
  return { seq: e.seq, at: e.at, action: e.action, article: e.article, objectType: e.object_type };
}

function groupByUnit<T>(items: readonly T[], unitOf: (t: T) => string | null) {
  const byUnit = new Map<string, T[]>();
  for (const it of items) {
    const key = unitOf(it) ?? '-';
    const list = byUnit.get(key);
    if (list) list.push(it);
    else byUnit.set(key, [it]);
  }
  return byUnit;
}

export interface OverdueQuery {
  category?: OversightCategory;
  /** Only periods due on or after this day. */
  from?: string;
}

/**
 * @article 39 — overdue decisions of all procedures, grouped by the police unit that owns each
 * period: open past the due date, closed late, lapsed. Each item names its subject (type, id, human
 * reference) and the ledger entries about the subject and the period.
 */
export async function overdueDecisions(ctx: Ctx, q: OverdueQuery = {}) {
  const today = ctx.clock.today();
  const area = areaOf(ctx);
  const empty = { asOf: today, truncated: false, counts: { overdue: 0, late: 0, lapsed: 0 }, units: [] };
  if (!area) return empty;
  const rows = await overdueDeadlines(ctx.db, area, { today, from: q.from, limit: OVERSIGHT_LIMIT });
  const truncated = rows.length > OVERSIGHT_LIMIT;
  const classified = rows
    .slice(0, OVERSIGHT_LIMIT)
    .map((r) => ({ row: r, category: classifyDeadline({ status: r.status, outcome: r.outcome, dueDate: r.due_date }, today) }))
    .filter((x): x is { row: (typeof rows)[number]; category: OversightCategory } => x.category !== null && (!q.category || x.category === q.category));

  const bySubject = new Map<string, string[]>();
  for (const { row } of classified) bySubject.set(row.subject_type, [...(bySubject.get(row.subject_type) ?? []), row.subject_id]);
  const refs = new Map<string, Map<string, string>>();
  for (const [type, ids] of bySubject) refs.set(type, await subjectReferences(ctx.db, type, ids));
  const targets = new Map<string, string[]>(bySubject);
  targets.set('deadline', classified.map((x) => x.row.id));
  const ledger = await ledgerAbout(ctx.db, targets);
  const entriesOf = new Map<string, LedgerRef[]>();
  for (const e of ledger) {
    const key = `${e.object_type}:${e.object_id}`;
    const list = entriesOf.get(key);
    if (list) list.push(e);
    else entriesOf.set(key, [e]);
  }

  const items = classified.map(({ row, category }) => ({
    deadlineId: row.id,
    category,
    subject: {
      type: row.subject_type,
      id: row.subject_id,
      known: isKnownSubjectType(row.subject_type),
      reference: refs.get(row.subject_type)?.get(row.subject_id) ?? null,
    },
    kind: row.kind,
    article: row.article,
    divisionCode: row.division_code,
    ownerUnitId: row.owner_unit_id,
    dayKind: row.day_kind as 'working' | 'calendar',
    days: Number(row.days),
    startDate: row.start_date,
    dueDate: row.due_date,
    provisional: Number(row.provisional) === 1,
    status: row.status as 'open' | 'closed',
    outcome: row.outcome,
    closedOn: row.closed_on,
    daysPastDue: daysPastDue({ dueDate: row.due_date, closedOn: row.closed_on }, today),
    ledger: [...(entriesOf.get(`${row.subject_type}:${row.subject_id}`) ?? []), ...(entriesOf.get(`deadline:${row.id}`) ?? [])]
      .sort((a, b) => a.seq - b.seq)
      .map(ledgerView),
  }));

  const counts = { overdue: 0, late: 0, lapsed: 0 };
  for (const it of items) counts[it.category]++;
  const units = [...groupByUnit(items, (i) => i.ownerUnitId).entries()]
    .map(([unitId, list]) => {
      const c = { overdue: 0, late: 0, lapsed: 0 };
      for (const it of list) c[it.category]++;
      // Most pressing first: still overdue, then the longest past due.
      const sorted = [...list].sort((a, b) => Number(b.category === 'overdue') - Number(a.category === 'overdue') || b.daysPastDue - a.daysPastDue);
      return { unit: unitRef(unitId === '-' ? null : unitId), counts: c, items: sorted };
    })
    .sort((a, b) => b.counts.overdue - a.counts.overdue || b.items.length - a.items.length || a.unit.id.localeCompare(b.unit.id));
  return { asOf: today, truncated, counts, units };
}

/**
 * @article 39 — retention alerts (art. 20: footage below the legal minimum, or a recorder set
 * below it, or cameras whose proof went stale) that stood `days` or more with no inspection of the
 * site since (art. 29), grouped by the bureau competent for the site's area.
 */
export async function reportsNotActedOn(ctx: Ctx, q: { days?: number } = {}) {
  const days = q.days ?? DEFAULT_NOT_ACTED_DAYS;
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const cutoff = notActedCutoff(now, days);
  const area = areaOf(ctx);
  if (!area) return { asOf: today, days, cutoff, units: [] };
  const staleHours = registrySettings(ctx.config).staleReportHours;

  const findings = await staleRetentionFindings(ctx.db, area, cutoff);
  // A camera whose proof lapsed `days` ago: its last report is older than the stale threshold plus `days`.
  const cameras = await staleCameras(ctx.db, area, new Date(now.getTime() - staleHours * 3_600_000 - days * 86_400_000).toISOString());

  interface Alert {
    kind: AlertKind;
    since: string;
    findingId: string | null;
    deviceId: string | null;
    deviceName: string | null;
    article: string;
    penaltyArticle: string | null;
  }
  interface SiteAlerts {
    site: { id: string; name: string; divisionCode: string };
    unitId: string | null;
    alerts: Alert[];
  }
  const sites = new Map<string, SiteAlerts>();
  const siteOf = (r: { site_id: string; site_name: string; division_code: string; unit_id: string | null }) => {
    let s = sites.get(r.site_id);
    if (!s) {
      s = { site: { id: r.site_id, name: r.site_name, divisionCode: r.division_code }, unitId: r.unit_id, alerts: [] };
      sites.set(r.site_id, s);
    }
    return s;
  };
  for (const f of findings) {
    const kind = alertKindOfRule(f.rule);
    if (!kind) continue;
    siteOf(f).alerts.push({
      kind,
      since: f.opened_at,
      findingId: f.finding_id,
      deviceId: f.subject_type === 'device' ? f.subject_id : null,
      deviceName: null,
      article: f.article,
      penaltyArticle: f.penalty_article,
    });
  }
  for (const c of cameras) {
    siteOf(c).alerts.push({
      kind: 'stale',
      since: staleSince(c.last_report_at!, staleHours),
      findingId: null,
      deviceId: c.device_id,
      deviceName: c.device_name,
      article: '20',
      penaltyArticle: null,
    });
  }

  const inspections = await latestInspections(ctx.db, [...sites.keys()]);
  const kept = [...sites.values()]
    .map((s) => {
      const since = s.alerts.map((a) => a.since).sort()[0]!;
      const last = inspections.get(s.site.id) ?? null;
      return { ...s, since, lastInspection: last };
    })
    .filter((s) => notActedOn(s.since, cutoff, s.lastInspection?.created_at ?? null));

  const findingIds = kept.flatMap((s) => s.alerts.map((a) => a.findingId).filter((x): x is string => !!x));
  const findingLedger = await ledgerAbout(ctx.db, new Map([['finding', findingIds]]));
  const reports = await latestRetentionReports(ctx.db, [...new Set(kept.filter((s) => s.alerts.some((a) => a.kind === 'stale') && s.unitId).map((s) => s.unitId!))]);
  const unitRows = kept.length
    ? await ctx.db.selectFrom('units').select(['id', 'name']).where('id', 'in', [...new Set(kept.map((s) => s.unitId).filter((x): x is string => !!x))].concat(['-'])).execute()
    : [];
  const unitNames = new Map(unitRows.map((u) => [u.id, u.name]));

  const items = kept.map((s) => {
    const mine = new Set(s.alerts.map((a) => a.findingId).filter(Boolean));
    const entries = findingLedger.filter((e) => mine.has(e.object_id));
    const report = s.unitId && s.alerts.some((a) => a.kind === 'stale') ? reports.get(s.unitId) : undefined;
    return {
      site: s.site,
      unitName: s.unitId ? (unitNames.get(s.unitId) ?? null) : null,
      since: s.since,
      daysStanding: Math.max(0, Math.floor((now.getTime() - Date.parse(s.since)) / 86_400_000)),
      alerts: s.alerts.sort((a, b) => a.since.localeCompare(b.since)),
      lastInspection: s.lastInspection ? { id: s.lastInspection.id, number: s.lastInspection.number, createdAt: s.lastInspection.created_at, status: s.lastInspection.status } : null,
      bureauId: siteBureau(s.site.divisionCode),
      ledger: [...entries, ...(report ? [report] : [])].sort((a, b) => a.seq - b.seq).map(ledgerView),
    };
  });
  const units = [...groupByUnit(items, (i) => i.bureauId).entries()]
    .map(([unitId, list]) => ({ unit: unitRef(unitId === '-' ? null : unitId), items: list.sort((a, b) => a.since.localeCompare(b.since)) }))
    .sort((a, b) => b.items.length - a.items.length || a.unit.id.localeCompare(b.unit.id));
  return { asOf: today, days, cutoff, units };
}

const OFFICIALS: readonly Role[] = OFFICER_ROLES;

/**
 * One ledger entry, for the supervisor following an item to its record: only entries about an
 * object in the supervisor's area (a procedure's subject through its periods, a period, a finding,
 * a site, a unit's reports, an inspection); anything else is 404. The source address is left out;
 * the official who acted is named (officials are whom the organ supervises).
 */
export async function oversightLedgerEntry(ctx: Ctx, seq: number) {
  const area = areaOf(ctx);
  if (!area) throw new AppError('NOT_FOUND');
  const row = await ledgerEntryBySeq(ctx.db, seq);
  if (!row) throw new AppError('NOT_FOUND');
  const places = await objectPlaces(ctx.db, row.object_type, row.object_id);
  const visible = places.some(
    (p) =>
      area.prefix === null ||
      (!!p.divisionCode && p.divisionCode.startsWith(area.prefix)) ||
      (!!area.unitId && p.unitId === area.unitId),
  );
  if (!visible) throw new AppError('NOT_FOUND');
  // Reading audit records is itself audited (MLPS level 3): who looked at which entry.
  await ctx.db.transaction().execute((trx) => audit(ctx, trx, { action: 'record.read', objectType: 'ledger_entry', objectId: String(seq), detail: { purpose: 'oversight' } }));
  let detail: Record<string, unknown> | null = null;
  if (row.detail) {
    try {
      const { ip: _ip, ...rest } = JSON.parse(row.detail) as Record<string, unknown>;
      detail = rest;
    } catch {
      detail = null;
    }
  }
  const official = row.actor_id && OFFICIALS.includes(row.actor_role as Role) ? (await userNames(ctx.db, [row.actor_id])).get(row.actor_id) : undefined;
  const same = await ledgerAbout(ctx.db, new Map([[row.object_type, [row.object_id]]]));
  return {
    seq: row.seq,
    at: row.at,
    action: row.action,
    article: row.article,
    objectType: row.object_type,
    objectId: row.object_id,
    actor: {
      role: row.actor_role,
      userId: official ? row.actor_id : null,
      name: official?.display_name ?? null,
      policeUnit: official?.police_unit_id ? unitRef(official.police_unit_id) : null,
    },
    detail,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    alg: row.alg,
    prevHash: row.prev_hash,
    entryHash: row.entry_hash,
    sameObject: same.map(ledgerView),
  };
}
