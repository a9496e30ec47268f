import type { Insertable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import type { SystemsTable } from '../../platform/db/schema.js';

/** Kysely queries for systems. */

export function findSystem(db: DbOrTrx, id: string) {
  return db.selectFrom('systems').selectAll().where('id', '=', id).executeTakeFirst();
}
export type SystemRow = NonNullable<Awaited<ReturnType<typeof findSystem>>>;

export function systemsOfSites(db: DbOrTrx, siteIds: readonly string[]) {
  if (siteIds.length === 0) return Promise.resolve([] as SystemRow[]);
  return db.selectFrom('systems').selectAll().where('site_id', 'in', [...siteIds]).orderBy('created_at').orderBy('id').execute();
}

export async function insertSystem(db: DbOrTrx, row: Insertable<SystemsTable>): Promise<void> {
  await db.insertInto('systems').values(row).execute();
}

export async function updateSystem(db: DbOrTrx, id: string, version: number, patch: Updateable<SystemsTable>): Promise<number> {
  const r = await db.updateTable('systems').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
