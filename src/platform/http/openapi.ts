import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { buildApp } from './app.js';

/** The OpenAPI document as committed in docs/openapi.json (a test checks it is fresh). */
export async function generateOpenApi(): Promise<string> {
  const db = connect({ sqliteFile: ':memory:' });
  const app = await buildApp({ db, config: loadConfig({}), clock: fixedClock('2026-01-01') });
  await app.ready();
  const doc = JSON.stringify(app.swagger(), null, 2);
  await app.close();
  await db.close();
  return `${doc}\n`;
}
