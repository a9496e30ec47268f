import type { Kysely } from 'kysely';

// Frozen in time. Site lists filter by category (equality) and jurisdiction (a code range): with
// the equality column first, one index serves both; the old category-only index made SQLite read
// every site of a category in the province to find a county's (measured: 130 ms → 1 ms at 200k sites).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sites_category').execute();
  await db.schema.createIndex('sites_category_division').on('sites').columns(['category_code', 'division_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sites_category_division').execute();
  await db.schema.createIndex('sites_category').on('sites').column('category_code').execute();
}
