import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import type { Database, FindingsTable } from '../../platform/db/schema.js';
import type { Catalogue } from './catalogue.js';
import { loadCatalogueInForce } from './catalogue.actions.js';
import { certificatesOfSites, devicesOfSites, type CertificateRow, type DeviceRow } from './devices.repository.js';
import { insertFindings, openFindingsOfSites, relocateOpenFindings, resolveFindings, updateFindingDetail, type FindingRow } from './findings.repository.js';
import { registrySettings, type RegistrySettings } from './registry.settings.js';
import { computeFindings, type FindingDraft, type SiteState } from './registry.rules.js';
import { countAllSites, setOpenFindings, sitesAfter, type SiteRow } from './sites.repository.js';
import { systemsOfSites, type SystemRow } from './systems.repository.js';

/**
 * Keeps stored findings equal to what the rules compute, in the caller's transaction: opens the
 * new ones, resolves the ones no longer true (kept as history), refreshes changed details, keeps
 * `sites.open_findings` right, and writes `finding.opened` / `finding.resolved` to the ledger
 * with the article. Called by every change to a site, system, device, certificate, retention
 * report or import row.
 */
export type RecomputeCtx = Pick<Ctx, 'actor' | 'clock' | 'config'>;
export interface RecomputeResult {
  opened: number;
  resolved: number;
}

const EMPTY_CATALOGUE: Catalogue = { version: 0, effectiveFrom: '1970-01-01', illustrative: true, categories: [] };

export async function recomputeSiteFindings(ctx: RecomputeCtx, trx: DbOrTrx, siteId: string): Promise<RecomputeResult> {
  const catalogue = (await loadCatalogueInForce(trx, ctx.clock.today())) ?? EMPTY_CATALOGUE;
  const site = await trx.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst();
  if (!site) return { opened: 0, resolved: 0 };
  return recomputeBatch(ctx, trx, [site], catalogue, registrySettings(ctx.config));
}

/** Many sites in the caller's transaction (imports): the catalogue once, then batches of 500. */
export async function recomputeFindingsForSites(ctx: RecomputeCtx, trx: DbOrTrx, siteIds: Iterable<string>): Promise<RecomputeResult> {
  const ids = [...new Set(siteIds)];
  const catalogue = (await loadCatalogueInForce(trx, ctx.clock.today())) ?? EMPTY_CATALOGUE;
  const settings = registrySettings(ctx.config);
  const total: RecomputeResult = { opened: 0, resolved: 0 };
  for (let i = 0; i < ids.length; i += 500) {
    const sites = await trx.selectFrom('sites').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute();
    const r = await recomputeBatch(ctx, trx, sites, catalogue, settings);
    total.opened += r.opened;
    total.resolved += r.resolved;
  }
  return total;
}

/** One batch of sites: four queries to load them all, then the diff per site. */
async function recomputeBatch(ctx: RecomputeCtx, trx: DbOrTrx, sites: SiteRow[], catalogue: Catalogue, settings: RegistrySettings): Promise<RecomputeResult> {
  const ids = sites.map((s) => s.id);
  const [systems, devices, certs, open, projects] = await Promise.all([
    systemsOfSites(trx, ids),
    devicesOfSites(trx, ids),
    certificatesOfSites(trx, ids),
    openFindingsOfSites(trx, ids),
    startedProjectsOfSites(trx, ids),
  ]);
  const states = buildStates(sites, systems, devices, certs, projects);
  const openBySite = groupBy(open, (f) => f.site_id);
  const today = ctx.clock.today();
  const total: RecomputeResult = { opened: 0, resolved: 0 };
  for (const site of sites) {
    const drafts = computeFindings(states.get(site.id)!, catalogue, today, settings);
    const r = await applyDiff(ctx, trx, site, drafts, openBySite.get(site.id) ?? []);
    total.opened += r.opened;
    total.resolved += r.resolved;
  }
  return total;
}

const keyOf = (rule: string, subjectId: string) => `${rule}\u0000${subjectId}`;

async function applyDiff(ctx: RecomputeCtx, trx: DbOrTrx, site: SiteRow, drafts: FindingDraft[], open: FindingRow[]): Promise<RecomputeResult> {
  const now = ctx.clock.now().toISOString();
  const openByKey = new Map(open.map((f) => [keyOf(f.rule, f.subject_id), f]));
  const wanted = new Map(drafts.map((d) => [keyOf(d.rule, d.subjectId), d]));
  const toOpen: Insertable<FindingsTable>[] = [];
  for (const [key, d] of wanted) {
    const existing = openByKey.get(key);
    const detail = JSON.stringify(d.detail);
    if (existing) {
      if (existing.detail !== detail) await updateFindingDetail(trx, existing.id, detail);
      continue;
    }
    toOpen.push({
      id: randomUUID(),
      site_id: site.id,
      subject_type: d.subjectType,
      subject_id: d.subjectId,
      rule: d.rule,
      article: d.article,
      penalty_article: d.penaltyArticle,
      division_code: site.division_code,
      category_code: site.category_code,
      detail,
      opened_at: now,
      resolved_at: null,
    });
  }
  const toResolve = open.filter((f) => !wanted.has(keyOf(f.rule, f.subject_id)));
  const kept = open.filter((f) => wanted.has(keyOf(f.rule, f.subject_id)));
  if (kept.some((f) => f.division_code !== site.division_code || f.category_code !== site.category_code)) {
    await relocateOpenFindings(trx, site.id, site.division_code, site.category_code);
  }
  await insertFindings(trx, toOpen);
  await resolveFindings(
    trx,
    toResolve.map((f) => f.id),
    now,
  );
  const count = wanted.size;
  if (Number(site.open_findings) !== count) await setOpenFindings(trx, site.id, count);
  for (const f of toOpen) {
    await audit(ctx, trx, {
      action: 'finding.opened',
      objectType: 'finding',
      objectId: f.id as string,
      after: f,
      article: f.article as string,
      detail: { siteId: site.id, rule: f.rule, subjectType: f.subject_type, subjectId: f.subject_id, penaltyArticle: f.penalty_article ?? null },
    });
  }
  for (const f of toResolve) {
    await audit(ctx, trx, {
      action: 'finding.resolved',
      objectType: 'finding',
      objectId: f.id,
      before: f,
      after: { ...f, resolved_at: now },
      article: f.article,
      detail: { siteId: site.id, rule: f.rule, subjectType: f.subject_type, subjectId: f.subject_id, penaltyArticle: f.penalty_article },
    });
  }
  return { opened: toOpen.length, resolved: toResolve.length };
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Project statuses in which the design scheme stands approved (art. 17). */
const SCHEME_APPROVED_STATUSES = ['scheme_approved', 'under_construction', 'acceptance_applied', 'acceptance_refused', 'completed'];

/** Projects reported started on these sites (the art. 17 rule needs only these). */
export function startedProjectsOfSites(db: DbOrTrx, siteIds: readonly string[]) {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('projects')
    .select(['id', 'number', 'site_id', 'status', 'construction_started_on'])
    .where('site_id', 'in', [...siteIds])
    .where('construction_started_on', 'is not', null)
    .execute();
}
type StartedProjectRow = Awaited<ReturnType<typeof startedProjectsOfSites>>[number];

/** Rows → the rules' view of each site. */
export function buildStates(
  sites: SiteRow[],
  systems: SystemRow[],
  devices: DeviceRow[],
  certs: CertificateRow[],
  projects: readonly StartedProjectRow[] = [],
): Map<string, SiteState> {
  const projectsBySite = groupBy(projects, (p) => p.site_id);
  const certsByDevice = groupBy(certs, (c) => c.device_id);
  const systemsBySite = groupBy(systems, (s) => s.site_id);
  const devicesBySite = groupBy(devices, (d) => d.site_id);
  const out = new Map<string, SiteState>();
  for (const s of sites) {
    out.set(s.id, {
      site: {
        id: s.id,
        siteType: s.site_type as SiteState['site']['siteType'],
        categoryCode: s.category_code,
        antiTerrorTarget: Number(s.anti_terror_target) === 1,
      },
      systems: (systemsBySite.get(s.id) ?? []).map((y) => ({
        id: y.id,
        systemType: y.system_type as SiteState['systems'][number]['systemType'],
        status: y.status as SiteState['systems'][number]['status'],
        alarmCentreInterface: Number(y.alarm_centre_interface) === 1,
        authorisationRef: y.authorisation_ref,
        acceptedOn: y.accepted_on,
      })),
      devices: (devicesBySite.get(s.id) ?? []).map((d) => ({
        id: d.id,
        systemId: d.system_id,
        deviceKind: d.device_kind as 'camera' | 'equipment',
        placement: d.placement as SiteState['devices'][number]['placement'],
        privacyKind: d.privacy_kind,
        audioCapture: Number(d.audio_capture) === 1,
        signage: Number(d.signage) === 1,
        retentionDays: d.retention_days === null ? null : Number(d.retention_days),
        reportedRecordingDays: d.reported_recording_days === null ? null : Number(d.reported_recording_days),
        certificates: (certsByDevice.get(d.id) ?? []).map((c) => ({ certType: c.cert_type, number: c.number, validTo: c.valid_to })),
      })),
      projects: (projectsBySite.get(s.id) ?? []).map((p) => ({
        id: p.id,
        number: p.number,
        constructionStartedOn: p.construction_started_on,
        schemeApproved: SCHEME_APPROVED_STATUSES.includes(p.status),
      })),
    });
  }
  return out;
}

export interface RecomputeAllResult extends RecomputeResult {
  sites: number;
}

/**
 * Recompute every site's findings (after a catalogue change, for the CLI and the bench): keyset
 * pages of `batchSize` sites in id order, one transaction per batch, so an interruption keeps the
 * batches done and a rerun finishes the rest.
 */
export async function recomputeAllFindings(
  db: Kysely<Database>,
  ctx: RecomputeCtx,
  onProgress?: (done: number, total: number) => void,
  opts: { batchSize?: number } = {},
): Promise<RecomputeAllResult> {
  const batchSize = opts.batchSize ?? 500;
  const catalogue = (await loadCatalogueInForce(db, ctx.clock.today())) ?? EMPTY_CATALOGUE;
  const settings = registrySettings(ctx.config);
  const total = await countAllSites(db);
  const result: RecomputeAllResult = { sites: 0, opened: 0, resolved: 0 };
  let after: string | null = null;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const sites = await sitesAfter(trx, after, batchSize);
      const r = sites.length ? await recomputeBatch(ctx, trx, sites, catalogue, settings) : { opened: 0, resolved: 0 };
      return { ...r, count: sites.length, last: sites.at(-1)?.id ?? null };
    });
    if (batch.count === 0) break;
    result.sites += batch.count;
    result.opened += batch.opened;
    result.resolved += batch.resolved;
    after = batch.last;
    onProgress?.(result.sites, Math.max(total, result.sites));
  }
  return result;
}
