import type { Ctx, DbOrTrx } from '../../../platform/context.js';
import { recomputeFindingsForSites } from '../findings.recompute.js';

/**
 * The one place the importer calls into the registry core for work it does not own: findings.
 * Validation comes straight from `registry.validate.ts` (the same functions the API uses), access
 * from `registry.access.ts`.
 *
 * Findings are recomputed, in batches of affected sites, in the same transaction as the rows that changed
 * them (the core's contract), so an import's findings commit or roll back with its rows.
 */
export function recomputeSites(ctx: Ctx, trx: DbOrTrx, siteIds: Iterable<string>): Promise<{ opened: number; resolved: number }> {
  return recomputeFindingsForSites(ctx, trx, siteIds);
}
