import { assertCan } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import { isCalendarDate } from '../../platform/calendar/dates.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import type { RegistryCataloguesTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { Selectable } from 'kysely';
import { versionInForce, type Catalogue, type CatalogueCategory } from './catalogue.js';
import { findCatalogueHeads, findCatalogueVersion, findCatalogueVersions, insertCatalogue } from './catalogue.repository.js';
import { requireSignedIn } from './registry.access.js';
import { SYSTEM_TYPES, type SystemType } from './registry.terms.js';

type CatalogueRow = Selectable<RegistryCataloguesTable>;

export function parseCatalogue(row: CatalogueRow): Catalogue {
  const body = JSON.parse(row.catalogue) as { categories: Partial<CatalogueCategory>[] };
  return {
    version: Number(row.version),
    effectiveFrom: row.effective_from,
    illustrative: Number(row.illustrative) === 1,
    // Versions written before a field existed read as empty lists.
    categories: body.categories.map((c) => ({
      code: c.code ?? '',
      zh: c.zh ?? '',
      en: c.en ?? '',
      kinds: c.kinds ?? [],
      requiredSystems: c.requiredSystems ?? [],
      alarmCentreSystems: c.alarmCentreSystems ?? [],
    })),
  };
}

/** The catalogue in force on `today`, or undefined when none was ever published. */
export async function loadCatalogueInForce(db: DbOrTrx, today: string): Promise<Catalogue | undefined> {
  const head = versionInForce(await findCatalogueHeads(db), today);
  if (!head) return undefined;
  const row = await findCatalogueVersion(db, Number(head.version));
  return row ? parseCatalogue(row) : undefined;
}

export async function requireCatalogue(db: DbOrTrx, today: string): Promise<Catalogue> {
  const c = await loadCatalogueInForce(db, today);
  if (!c) throw new AppError('CATALOGUE_NOT_PUBLISHED');
  return c;
}

/** Any signed-in user: the scope of key units is public law (announced), the forms need it. */
export async function getCatalogue(ctx: Ctx): Promise<Catalogue> {
  requireSignedIn(ctx.actor);
  const c = await loadCatalogueInForce(ctx.db, ctx.clock.today());
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

export interface CatalogueInput {
  effectiveFrom: string;
  categories: CatalogueCategory[];
  announcementZh: string;
  announcementEn: string;
}

/** Pure checks of a new catalogue; returns the problems (empty when fine). */
export function catalogueProblems(input: CatalogueInput, today: string): string[] {
  const problems: string[] = [];
  if (!isCalendarDate(input.effectiveFrom)) problems.push('effectiveFrom: not a date');
  else if (input.effectiveFrom < today) problems.push('effectiveFrom: in the past');
  const codes = input.categories.map((c) => c.code);
  if (new Set(codes).size !== codes.length) problems.push('categories: duplicate code');
  const kindCodes = input.categories.flatMap((c) => c.kinds.map((k) => k.code));
  if (new Set(kindCodes).size !== kindCodes.length) problems.push('kinds: duplicate code');
  for (const c of input.categories) {
    for (const s of [...c.requiredSystems, ...c.alarmCentreSystems]) {
      if (!(s in SYSTEM_TYPES)) problems.push(`categories[${c.code}]: unknown system type ${s}`);
    }
    if (c.kinds.length === 0) problems.push(`categories[${c.code}]: no kinds`);
  }
  return problems;
}

/** Art. 9(2): the province adjusts the scope of key units and announces it; a new version each time. */
export async function publishCatalogue(ctx: Ctx, input: CatalogueInput): Promise<Catalogue> {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'registry.catalogue.manage');
  const problems = catalogueProblems(input, ctx.clock.today());
  if (problems.length) throw new AppError('CATALOGUE_INVALID', undefined, { article: '9', extra: { problems } });
  const version = await ctx.db.transaction().execute(async (trx) => {
    const heads = await findCatalogueHeads(trx);
    const next = (heads.length ? Number(heads[0].version) : 0) + 1;
    const categories = input.categories.map((c) => ({
      ...c,
      requiredSystems: [...new Set(c.requiredSystems)] as SystemType[],
      alarmCentreSystems: [...new Set(c.alarmCentreSystems)] as SystemType[],
    }));
    const row = {
      version: next,
      effective_from: input.effectiveFrom,
      catalogue: JSON.stringify({ categories }),
      announcement_zh: input.announcementZh.trim(),
      announcement_en: input.announcementEn.trim(),
      illustrative: 0,
      published_at: ctx.clock.now().toISOString(),
      published_by: ctx.actor.userId,
    };
    await insertCatalogue(trx, row);
    await audit(ctx, trx, {
      action: 'registry.catalogue_published',
      objectType: 'registry_catalogue',
      objectId: String(next),
      after: row,
      article: '9',
      detail: { version: next, effectiveFrom: input.effectiveFrom },
    });
    return next;
  });
  return parseCatalogue((await findCatalogueVersion(ctx.db, version))!);
}

/** The public portal's announcements of the scope of key units, newest first (art. 9(2)). */
export async function listAnnouncements(ctx: Pick<Ctx, 'db'>) {
  return (await findCatalogueVersions(ctx.db)).map((r) => ({
    version: Number(r.version),
    effectiveFrom: r.effective_from,
    announcementZh: r.announcement_zh,
    announcementEn: r.announcement_en,
    publishedAt: r.published_at,
  }));
}
