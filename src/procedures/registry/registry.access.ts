import { assertCan, can } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * Who may see and change a site (art. 5: each bureau within its area; art. 9: a key unit keeps
 * its own). Officers read their jurisdiction, unit users their own key units; only the unit edits
 * a key unit, only officers of the jurisdiction edit a public area. Deny by default.
 */
export interface SiteScope {
  site_type: string;
  division_code: string;
  unit_id: string | null;
}

export function requireSignedIn(actor: Actor): void {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
}

export function canReadSite(actor: Actor, site: SiteScope): boolean {
  return can(actor, 'registry.read', { divisionCode: site.division_code, unitId: site.unit_id });
}

export function canEditSite(actor: Actor, site: SiteScope): boolean {
  return site.site_type === 'key_unit'
    ? !!site.unit_id && can(actor, 'registry.maintain', { unitId: site.unit_id })
    : can(actor, 'registry.public_area.maintain', { divisionCode: site.division_code });
}

/** 404 for a site outside one's view (its existence is not revealed), 403 for one seen but not editable. */
export function authoriseSiteWrite(actor: Actor, site: SiteScope): void {
  requireSignedIn(actor);
  if (!canReadSite(actor, site)) throw new AppError('NOT_FOUND');
  if (!canEditSite(actor, site)) throw new AppError('FORBIDDEN');
}

/** Registering: a unit user its own key units; an officer public areas in its jurisdiction. */
export function authoriseSiteCreate(actor: Actor, siteType: string, divisionCode: string): { unitId: string | null } {
  requireSignedIn(actor);
  if (siteType === 'key_unit') {
    assertCan(actor, 'registry.maintain');
    if (!actor.unitId) throw new AppError('FORBIDDEN');
    return { unitId: actor.unitId };
  }
  assertCan(actor, 'registry.public_area.maintain', { divisionCode });
  return { unitId: null };
}
