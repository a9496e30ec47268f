import { withinJurisdiction } from '../../platform/access/access.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * A complaint that leads to a targeted inspection (art. 29 after art. 30). The inspection records
 * only that it came from a complaint and the complaint's tracking number — never the complainant,
 * the content or anything the inspected unit could use to identify who complained.
 *
 * Returns the inspection's id, or null while the inspections procedure offers no entry point.
 */
export async function requestTargetedInspection(ctx: Ctx, trx: DbOrTrx, input: { siteId: string; trackingNumber: string }): Promise<string | null> {
  const site = await trx.selectFrom('sites').select(['id', 'division_code']).where('id', '=', input.siteId).executeTakeFirst();
  // A site outside the handling bureau's area is not its to inspect: the same 404 as a missing one.
  if (!site || (ctx.actor.role !== 'province_officer' && !withinJurisdiction(ctx.actor, site.division_code))) throw new AppError('NOT_FOUND');
  // TODO(issue-6 helper N, createTargetedInspection): once src/procedures/inspections/ exports
  //   createTargetedInspection(ctx, { siteId, reason: { kind: 'complaint', id: trackingNumber } })
  // call it here (inside this transaction if it accepts one) and return its id. Until then the
  // request is recorded only in the ledger entry `complaint.inspection_requested` (with the site id).
  return null;
}
