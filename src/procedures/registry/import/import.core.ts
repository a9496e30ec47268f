import type { Ctx, DbOrTrx } from '../../../platform/context.js';
import { recomputeSiteFindings } from '../findings.recompute.js';

/**
 * The one place the importer calls into the registry core for work it does not own: findings.
 * Validation comes straight from `registry.validate.ts` (the same functions the API uses), access
 * from `registry.access.ts`.
 *
 * Findings are recomputed, per affected site, in the same transaction as the rows that changed
 * them (the core's contract), so an import's findings commit or roll back with its rows.
 */
export async function recomputeSites(ctx: Ctx, trx: DbOrTrx, siteIds: Iterable<string>): Promise<{ opened: number; resolved: number }> {
  let opened = 0;
  let resolved = 0;
  for (const id of siteIds) {
    const r = await recomputeSiteFindings(ctx, trx, id);
    opened += r.opened;
    resolved += r.resolved;
  }
  return { opened, resolved };
}
