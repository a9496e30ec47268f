import type { Transaction } from 'kysely';
import { audit, type AuditEvent } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { loadCatalogueInForce } from './catalogue.actions.js';
import { certificatesOfSites, devicesOfSites } from './devices.repository.js';
import { recomputeSiteFindings } from './findings.recompute.js';
import { openFindingsOfSites } from './findings.repository.js';
import { authoriseSiteWrite } from './registry.access.js';
import { presentSiteDetail, type SiteParts } from './registry.present.js';
import type { FieldError, Validation } from './registry.validate.js';
import { findSite, lockSite, type SiteRow } from './sites.repository.js';
import { systemsOfSites } from './systems.repository.js';

/**
 * One change to a site, all or nothing: load the site, authorise, let `work` validate and write,
 * record the change in the ledger, recompute the site's findings (their own ledger entries) — in
 * one transaction — and answer with the updated site detail.
 */
export async function changeSite(
  ctx: Ctx,
  siteId: string,
  work: (trx: Transaction<Database>, site: SiteRow) => Promise<AuditEvent>,
): Promise<SiteDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const seen = await findSite(trx, siteId);
    if (!seen) throw new AppError('NOT_FOUND');
    authoriseSiteWrite(ctx.actor, seen);
    await lockSite(trx, siteId);
    const site = (await findSite(trx, siteId))!;
    const event = await work(trx, site);
    await audit(ctx, trx, event);
    await recomputeSiteFindings(ctx, trx, siteId);
  });
  return presentSiteDetail(await loadSiteParts(ctx, ctx.db, siteId), ctx.actor);
}

export type SiteDetail = ReturnType<typeof presentSiteDetail>;

export async function loadSiteParts(ctx: Pick<Ctx, 'clock'>, db: DbOrTrx, siteId: string): Promise<SiteParts> {
  const site = await findSite(db, siteId);
  if (!site) throw new AppError('NOT_FOUND');
  const ids = [siteId];
  const [systems, devices, certificates, findings, catalogue] = await Promise.all([
    systemsOfSites(db, ids),
    devicesOfSites(db, ids),
    certificatesOfSites(db, ids),
    openFindingsOfSites(db, ids),
    loadCatalogueInForce(db, ctx.clock.today()),
  ]);
  findings.sort((a, b) => a.opened_at.localeCompare(b.opened_at) || a.rule.localeCompare(b.rule) || a.id.localeCompare(b.id));
  return { site, systems, devices, certificates, findings, catalogue };
}

/** The validated value, or a 422 listing every field problem (in Chinese and English). */
export function valid<T>(v: Validation<T>, article?: string): T {
  if (v.ok) return v.value;
  throw invalid(v.errors, article);
}

export function invalid(errors: FieldError[], article?: string): AppError {
  const code = errors.some((e) => e.code === 'DEVICE_CODE_INVALID') ? 'DEVICE_CODE_INVALID' : 'REGISTRY_INPUT_INVALID';
  return new AppError(
    code,
    { zh: errors.map((e) => e.zh).join('；'), en: errors.map((e) => e.en).join('; ') },
    { article, extra: { errors } },
  );
}

/** The caller's `version` must be the row's, else someone changed it meanwhile. */
export function checkVersion(expected: number, actual: number | string): number {
  const v = Number(actual);
  if (expected !== v) throw new AppError('CONFLICT');
  return v;
}

/** True for a unique-constraint violation on both databases (PostgreSQL 23505, SQLite UNIQUE). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(e.message ?? ''));
}
