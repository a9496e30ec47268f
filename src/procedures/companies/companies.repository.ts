import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import type { CompaniesTable } from '../../platform/db/schema.js';

export function findCompanyById(db: DbOrTrx, id: string) {
  return db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCompanyByUscc(db: DbOrTrx, uscc: string) {
  return db.selectFrom('companies').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

export async function insertCompany(db: DbOrTrx, row: Insertable<CompaniesTable>): Promise<void> {
  await db.insertInto('companies').values(row).execute();
}
