import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_ledger.js';
import * as m0003 from './migrations/0003_registry.js';
import * as m0004 from './migrations/0004_registry_indexes.js';
import * as m0005 from './migrations/0005_calendar.js';
import * as m0006 from './migrations/0006_projects.js';
import * as m0007 from './migrations/0007_ledger_checkpoints.js';
import * as m0008 from './migrations/0008_information_access.js';
import * as m0009 from './migrations/0009_access_revocations.js';
import * as m0010 from './migrations/0010_inspections.js';
import * as m0011 from './migrations/0011_complaints.js';
import * as m0012 from './migrations/0012_penalties.js';

// One visible, ordered list: no directory scanning, so bundling or a renamed folder cannot skip one.
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_ledger': m0002,
  '0003_registry': m0003,
  '0004_registry_indexes': m0004,
  '0005_calendar': m0005,
  '0006_projects': m0006,
  '0007_ledger_checkpoints': m0007,
  '0008_information_access': m0008,
  '0009_access_revocations': m0009,
  '0010_inspections': m0010,
  '0011_complaints': m0011,
  '0012_penalties': m0012,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * `schema` (PostgreSQL only) keeps Kysely's own bookkeeping tables in that schema: without it Kysely
 * looks for them in any schema on the path, so parallel test databases (one schema each) would
 * see each other's tables and skip creating their own.
 */
export async function migrateToLatest(db: Kysely<any>, opts: { schema?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(opts.schema ? { migrationTableSchema: opts.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
