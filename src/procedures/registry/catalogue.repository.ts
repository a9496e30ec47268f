import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import type { RegistryCataloguesTable } from '../../platform/db/schema.js';

/** Kysely queries for the versioned catalogue: rows in, rows out. */

export function findCatalogueVersions(db: DbOrTrx) {
  return db.selectFrom('registry_catalogues').selectAll().orderBy('version', 'desc').execute();
}

export function findCatalogueHeads(db: DbOrTrx) {
  return db.selectFrom('registry_catalogues').select(['version', 'effective_from']).orderBy('version', 'desc').execute();
}

export function findCatalogueVersion(db: DbOrTrx, version: number) {
  return db.selectFrom('registry_catalogues').selectAll().where('version', '=', version).executeTakeFirst();
}

export async function insertCatalogue(db: DbOrTrx, row: Insertable<RegistryCataloguesTable>): Promise<void> {
  await db.insertInto('registry_catalogues').values(row).execute();
}

export async function insertCatalogueIfNone(db: DbOrTrx, row: Insertable<RegistryCataloguesTable>): Promise<void> {
  const any = await db.selectFrom('registry_catalogues').select('version').limit(1).executeTakeFirst();
  if (!any) await insertCatalogue(db, row);
}
