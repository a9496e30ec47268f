import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { recomputeSiteFindings } from './findings.recompute.js';
import { validateSystem, type SystemValue } from './registry.validate.js';
import { changeSite, checkVersion, valid, type SiteDetail } from './registry.workflow.js';
import { lockSite } from './sites.repository.js';
import { findSystem, insertSystem, updateSystem } from './systems.repository.js';
import { canMoveSystem, type SystemStatus } from './systems.states.js';

/** Technical prevention systems of a site (art. 40 types; life of art. 17–19). */

function columnsOf(v: SystemValue) {
  return {
    system_type: v.systemType,
    name: v.name,
    status: v.status,
    alarm_centre_interface: v.alarmCentreInterface ? 1 : 0,
    authorisation_ref: v.authorisationRef,
    accepted_on: v.acceptedOn,
  };
}

export async function registerSystem(ctx: Ctx, siteId: string, input: Record<string, unknown>): Promise<SiteDetail> {
  return changeSite(ctx, siteId, async (trx) => {
    const v = valid(validateSystem(input, { today: ctx.clock.today() }), '40');
    const now = ctx.clock.now().toISOString();
    const row = { id: randomUUID(), site_id: siteId, ...columnsOf(v), version: 1, created_at: now, updated_at: now };
    await insertSystem(trx, row);
    return { action: 'system.registered', objectType: 'system', objectId: row.id, after: row, article: '40', detail: { siteId, systemType: v.systemType } };
  });
}

/** The site the system belongs to, or 404 (visibility is checked with the site). */
export async function siteOfSystem(ctx: Ctx, systemId: string): Promise<string> {
  const system = await findSystem(ctx.db, systemId);
  if (!system) throw new AppError('NOT_FOUND');
  return system.site_id;
}

export async function updateSystemDetails(ctx: Ctx, id: string, input: Record<string, unknown> & { version: number }): Promise<SiteDetail> {
  return changeSite(ctx, await siteOfSystem(ctx, id), async (trx) => {
    const system = await findSystem(trx, id);
    if (!system) throw new AppError('NOT_FOUND');
    if (system.status === 'decommissioned') throw new AppError('SYSTEM_DECOMMISSIONED', undefined, { article: '19' });
    const v = valid(validateSystem(input, { today: ctx.clock.today() }), '40');
    if (!canMoveSystem(system.status as SystemStatus, v.status)) throw new AppError('SYSTEM_STATUS_BACKWARDS', undefined, { article: '19' });
    const version = checkVersion(input.version, system.version);
    const patch = { ...columnsOf(v), updated_at: ctx.clock.now().toISOString() };
    if ((await updateSystem(trx, id, version, patch)) !== 1) throw new AppError('CONFLICT');
    return { action: 'system.updated', objectType: 'system', objectId: id, before: system, after: { ...system, ...patch }, article: '40', detail: { siteId: system.site_id, status: v.status } };
  });
}

/**
 * Art. 19: the bureau's acceptance of a construction project marks the systems it built as
 * accepted, in the caller's transaction (the project's grant-acceptance), as the same
 * `system.updated` change with its ledger entry and the site's findings recomputed. A system
 * already found in use keeps `in_use` (status never moves back) and gains its acceptance date,
 * which resolves the art. 19 finding; a decommissioned system is left alone.
 */
export async function markSystemsAccepted(
  ctx: Pick<Ctx, 'actor' | 'clock' | 'config'>,
  trx: Transaction<Database>,
  systemIds: readonly string[],
  acceptance: { acceptedOn: string; authorisationRef: string; projectId: string },
): Promise<number> {
  const sites = new Set<string>();
  let changed = 0;
  for (const id of systemIds) {
    const system = await findSystem(trx, id);
    if (!system || system.status === 'decommissioned') continue;
    // Serialise with other writers of the site, as changeSite does.
    if (!sites.has(system.site_id)) await lockSite(trx, system.site_id);
    const status: SystemStatus = system.status === 'in_use' ? 'in_use' : 'accepted';
    const patch = { status, accepted_on: acceptance.acceptedOn, authorisation_ref: acceptance.authorisationRef, updated_at: ctx.clock.now().toISOString() };
    if ((await updateSystem(trx, id, Number(system.version), patch)) !== 1) throw new AppError('CONFLICT');
    await audit(ctx, trx, {
      action: 'system.updated',
      objectType: 'system',
      objectId: id,
      before: system,
      after: { ...system, ...patch },
      article: '19',
      detail: { siteId: system.site_id, status, projectId: acceptance.projectId },
    });
    sites.add(system.site_id);
    changed++;
  }
  for (const siteId of sites) await recomputeSiteFindings(ctx, trx, siteId);
  return changed;
}
