import type { Ctx } from '../../platform/context.js';
import { createTargetedInspection } from '../inspections/inspections.actions.js';

/**
 * A complaint that leads to a targeted inspection (art. 29 after art. 30). The inspection records
 * only that it came from a complaint and the complaint's tracking number — never the complainant,
 * the content or anything the inspected unit could use to identify who complained (and the
 * inspections procedure hides even the tracking number from the unit).
 *
 * The inspections procedure opens its own transaction, so this runs before the complaint's own
 * write; the site check (its area contains the site, else 404) is the inspections procedure's.
 */
export async function requestTargetedInspection(ctx: Ctx, input: { siteId: string; trackingNumber: string }): Promise<string> {
  const inspection = await createTargetedInspection(ctx, { siteId: input.siteId, reason: { kind: 'complaint', id: input.trackingNumber } });
  return inspection.id;
}
