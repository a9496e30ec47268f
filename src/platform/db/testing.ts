import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Db, type DialectName } from './connect.js';
import { migrateToLatest } from './migrate.js';

/**
 * Test support: every database test loops over these dialects. PostgreSQL runs when
 * TEST_DATABASE_URL is set (.ci/run sets it); in CI its absence is an error, never a silent skip.
 */
const pgUrl = process.env.TEST_DATABASE_URL || null;
if (!pgUrl && process.env.CI) {
  throw new Error('TEST_DATABASE_URL must be set in CI so PostgreSQL suites run');
}

export const TEST_DIALECTS: DialectName[] = pgUrl ? ['sqlite', 'postgresql'] : ['sqlite'];

/** A fresh, migrated, private database: in-memory SQLite, or a new PostgreSQL schema dropped on close. */
export async function openTestDb(dialect: DialectName): Promise<Db> {
  if (dialect === 'sqlite') {
    const db = connect({ sqliteFile: ':memory:' });
    await migrateToLatest(db.db);
    return db;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl! });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = connect({ databaseUrl: pgUrl, pgSchema: schema, pgPoolSize: 4 });
  await migrateToLatest(db.db, { schema });
  return {
    ...db,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: pgUrl! });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
