import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen in time: revocation of access grants (art. 26, 27). A grant is signed and handed to a VMS, so it is
// never edited: its revocation is a row of its own, append-only like the register (art. 23(2)); uses
// reported after it are flagged `after_revocation`. A withdrawn request keeps its row with status `withdrawn`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_grant_revocations')
    .addColumn('grant_id', 'text', (c) => c.primaryKey().references('access_grants.id'))
    .addColumn('revoked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('cause', 'text', (c) => c.notNull().check(sql.raw(`cause in ('revoked', 'withdrawn')`)))
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`CREATE TRIGGER access_grant_revocations_no_update BEFORE UPDATE ON access_grant_revocations BEGIN SELECT RAISE(ABORT, 'access_grant_revocations is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER access_grant_revocations_no_delete BEFORE DELETE ON access_grant_revocations BEGIN SELECT RAISE(ABORT, 'access_grant_revocations is append-only'); END`.execute(db);
  } else {
    // access_append_only() comes from migration 0008.
    await sql`CREATE TRIGGER access_grant_revocations_no_update BEFORE UPDATE OR DELETE ON access_grant_revocations FOR EACH ROW EXECUTE FUNCTION access_append_only()`.execute(db);
    await sql`CREATE TRIGGER access_grant_revocations_no_truncate BEFORE TRUNCATE ON access_grant_revocations FOR EACH STATEMENT EXECUTE FUNCTION access_append_only()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_grant_revocations').execute();
}
