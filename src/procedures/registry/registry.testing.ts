import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.js';
import type { Database } from '../../platform/db/schema.js';
import type { Harness, Session } from '../../platform/testing/harness.js';

/** Test helpers for the registry: key-unit organisations, DELETE with a session, row counts. */

export async function addUnit(db: Db, name: string, divisionCode: string, category = '4'): Promise<string> {
  const id = randomUUID();
  await db.db.insertInto('units').values({ id, name, division_code: divisionCode, category, created_at: '2026-01-01T00:00:00.000Z' }).execute();
  return id;
}

export function del(h: Harness, s: Session, url: string): Promise<LightMyRequestResponse> {
  return h.app.inject({ method: 'DELETE', url, headers: { cookie: `jf_session=${s.cookie}`, 'x-csrf-token': s.csrf } });
}

async function count(db: Db, table: keyof Database): Promise<number> {
  const r = await db.db.selectFrom(table).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every table a registry change writes: a refused request leaves all of them unchanged. */
export async function registrySnapshot(db: Db) {
  const tables = ['sites', 'systems', 'devices', 'equipment_certificates', 'findings', 'registry_catalogues', 'ledger_entries'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(db, t);
  const versions = await db.db.selectFrom('sites').select(['id', 'version', 'open_findings']).orderBy('id').execute();
  return { ...out, versions: versions.map((v) => `${v.id}:${v.version}:${v.open_findings}`) };
}

/** GB/T 28181 code: division + base unit 00 + industry 00 + type 132 (IP camera) + network 0 + serial. */
export const cameraCode = (division: string, serial: number) => `${division}00001320${String(serial).padStart(6, '0')}`;
