import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen in time. The RFC 6962 Merkle tree over the ledger and its signed checkpoints.
// - ledger_tree: one row, how far the tree has been built (size, compact range, the last
//   entry's hash so the next one is checked to link to it).
// - ledger_tree_nodes: hashes of perfect subtrees at levels 4, 8, 12, … only (about n/15 rows),
//   so a proof at ten million entries reads a few dozen rows instead of re-hashing the log;
//   intermediate levels are folded from at most 8 stored hashes (or 8 entries) on demand.
// - ledger_checkpoints: signed (origin, size, root) notes.
// Nodes and checkpoints are append-only like the entries: refused UPDATE/DELETE in the database.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_tree')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('alg', 'text')
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('last_entry_hash', 'text', (c) => c.notNull())
    .addColumn('compact_range', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('ledger_tree').values({ id: 1, alg: null, size: 0, last_entry_hash: '0'.repeat(64), compact_range: '[]' }).execute();

  await db.schema
    .createTable('ledger_tree_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_tree_nodes_pk', ['level', 'idx'])
    .execute();

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tree_size', 'integer', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('hash_alg', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('sig_alg', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_checkpoints_size').on('ledger_checkpoints').column('tree_size').execute();

  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of ['ledger_tree_nodes', 'ledger_checkpoints']) {
      await sql.raw(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`).execute(db);
      await sql.raw(`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`).execute(db);
    }
  } else {
    await sql`CREATE FUNCTION ledger_tree_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
    for (const t of ['ledger_tree_nodes', 'ledger_checkpoints']) {
      await sql.raw(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION ledger_tree_append_only()`).execute(db);
      await sql.raw(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION ledger_tree_append_only()`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_checkpoints').execute();
  await db.schema.dropTable('ledger_tree_nodes').execute();
  await db.schema.dropTable('ledger_tree').execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`DROP FUNCTION IF EXISTS ledger_tree_append_only()`.execute(db);
  }
}
