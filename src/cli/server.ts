import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../platform/config.js';
import { systemClock } from '../platform/clock.js';
import { connect, sqliteFileIn, type Db } from '../platform/db/connect.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { buildApp } from '../platform/http/app.js';
import { loggerOptions } from '../platform/http/logger.js';
import { seedDemo } from '../platform/demo/demo.seed.js';
import { ensureReferenceData } from './reference-data.js';
import { startCheckpointer } from '../platform/audit/checkpoints.js';
import { startScheduler } from './scheduler.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function openDatabase(config: Config): Db {
  return config.databaseUrl ? connect({ databaseUrl: config.databaseUrl }) : connect({ sqliteFile: sqliteFileIn(config.dataDir) });
}

/** Start the platform: migrate, optionally seed demo data into an empty database, listen. */
export async function serve(opts: { demo: boolean }): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config);
  const applied = await migrateToLatest(db.db);
  if (applied.length) console.log(`migrated: ${applied.join(', ')}`);
  await ensureReferenceData(db.db, systemClock.now().toISOString());
  if (opts.demo) {
    const seeded = await seedDemo(db.db, systemClock, config);
    if (seeded) {
      console.log(`demo data created; accounts: ${seeded.usernames.join(', ')}`);
      // Printed once, on the console of whoever started the server; never logged or stored in clear.
      if (seeded.generated) console.log(`demo password (shown only now): ${seeded.password}`);
      else console.log('demo password: the value of JIFANG_DEMO_PASSWORD');
    }
  }
  const app = await buildApp({ db, config, clock: systemClock }, { logger: loggerOptions(config.logLevel), webDir: config.webDir ?? join(ROOT, 'dist', 'web') });
  // Signed ledger checkpoints every JIFANG_CHECKPOINT_SECONDS when entries were added.
  const stopCheckpoints = startCheckpointer(db.db, config, () => systemClock.now(), app.log);
  // Deemed acceptance and eligibility flags: at start, then hourly.
  const stopScheduler = startScheduler(db, config, systemClock, app.log);
  const shutdown = async () => {
    stopScheduler();
    stopCheckpoints();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Jifang 技防 listening on http://localhost:${config.port} (${db.dialect})`);
}
