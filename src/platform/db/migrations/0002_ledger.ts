import { sql, type Kysely } from 'kysely';
import { SqliteAdapter } from 'kysely';

// Frozen in time. The ledger is append-only: UPDATE, DELETE (and in PostgreSQL TRUNCATE) are
// refused by triggers in the database itself, so not even a bug in the app can rewrite history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_entries')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('before_digest', 'text')
    .addColumn('after_digest', 'text')
    .addColumn('article', 'text')
    .addColumn('detail', 'text')
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_object').on('ledger_entries').columns(['object_type', 'object_id']).execute();

  await db.schema
    .createTable('ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('ledger_head').values({ id: 1, seq: 0, entry_hash: '0'.repeat(64) }).execute();

  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entries
      BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entries
      BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END`.execute(db);
  } else {
    await sql`CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger_entries is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER ledger_no_update BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`.execute(db);
    await sql`CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_head').execute();
  await db.schema.dropTable('ledger_entries').execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`DROP FUNCTION IF EXISTS ledger_append_only()`.execute(db);
  }
}
