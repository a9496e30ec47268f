import { assertCan } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { getDivision } from '../../platform/jurisdictions/divisions.js';
import { findUserAccessInfo, lookupCameras } from './access.repository.js';
import { cameraLookupScope, requireSignedIn } from './access.scope.js';
import { ACCESS_SETTINGS } from './access.settings.js';

/**
 * @article 21(3), 26 — the cameras a requester may name in a request, without the registry: a department sees the
 * cameras of its own government's area, an officer those of the jurisdiction, a key unit its own. Only what naming
 * a camera needs leaves: device id, code and name, the site (id, name, public area or key unit) and its division —
 * no retention, placement, equipment, certificates or responsible party.
 *
 * Ledger: a department's user is outside the registry's readers, so a lookup that shows it cameras of key units
 * (which key unit keeps which cameras is security information the registry confines to the police and the unit) is
 * recorded as a read, `access.cameras_looked_up`, naming the key-unit sites shown. Public-area cameras are the
 * police's own, and officers and units see the same through the registry, so those lookups are not recorded.
 */
export async function listRequestableCameras(ctx: Ctx, q: { q?: string; siteId?: string; limit?: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.request');
  const info = await findUserAccessInfo(ctx.db, ctx.actor.userId!);
  const scope = cameraLookupScope(ctx.actor, info);
  if (!scope) throw new AppError('FORBIDDEN');
  const text = q.q?.trim() ?? '';
  const limit = Math.min(Number(q.limit ?? ACCESS_SETTINGS.maxCameras) || ACCESS_SETTINGS.maxCameras, ACCESS_SETTINGS.maxCameras);
  const rows = await lookupCameras(ctx.db, scope, { q: text || undefined, siteId: q.siteId, limit: limit + 1 });
  const shown = rows.slice(0, limit);
  const keyUnitSites = [...new Set(shown.filter((c) => c.site_type !== 'public_area').map((c) => c.site_id))];
  if (ctx.actor.role === 'department_user' && keyUnitSites.length > 0) {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, {
        action: 'access.cameras_looked_up',
        objectType: 'user',
        objectId: ctx.actor.userId!,
        article: '26',
        detail: { view: 'camera_lookup', keyUnitSites, cameras: shown.length },
      }),
    );
  }
  return {
    truncated: rows.length > limit,
    items: shown.map((c) => ({
      id: c.id,
      deviceCode: c.device_code,
      name: c.name,
      siteId: c.site_id,
      siteName: c.site_name,
      siteType: c.site_type,
      divisionCode: c.division_code,
      divisionName: getDivision(c.division_code)?.name ?? null,
    })),
  };
}
