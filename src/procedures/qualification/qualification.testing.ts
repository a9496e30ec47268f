import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { fixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import type { Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import type { Database } from '../../platform/db/schema.js';
import { makeUscc } from '../../platform/identifiers/uscc.js';
import { seedDemoCertificate, type DemoCertificateSpec } from './qualification.seed.js';

/** Test helpers for this procedure: companies, certificates in a given state, actors, row counts. */

let serial = 0;
export async function addCompany(db: Db, divisionCode: string, origin: 'guangdong' | 'out_of_province' = 'guangdong', name?: string) {
  const id = randomUUID();
  serial += 1;
  const uscc = makeUscc(`91${divisionCode}MA${String(serial).padStart(4, '0')}TEQ`.slice(0, 17));
  await db.db
    .insertInto('companies')
    .values({ id, name: name ?? `测试公司${serial}`, uscc, division_code: divisionCode, origin, created_at: '2026-01-01T00:00:00.000Z' })
    .execute();
  return id;
}

/** A certificate as if issued earlier (with its ledger entry), e.g. to set up a renewal. */
export async function addCertificate(db: Db, spec: DemoCertificateSpec, today = '2026-03-02') {
  const clock = fixedClock(today);
  return db.db.transaction().execute((trx) => seedDemoCertificate(trx, clock, loadConfig({}), spec));
}

export const actors = {
  company: (companyId: string): Actor => ({ userId: `u-${companyId}`, role: 'company_user', companyId }),
  officer: (role: 'province_officer' | 'city_officer' | 'county_officer', code: string): Actor => ({
    userId: `u-${code}-${role}`,
    role,
    policeUnitId: `PSB-${code}`,
    jurisdictionCode: code,
  }),
};

export function ctxFor(db: Db, actor: Actor, clock = fixedClock('2026-03-02')): Ctx {
  return { db: db.db, actor, clock, config: loadConfig({}), log: { info() {}, warn() {}, error() {} } };
}

export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const r = await db.db.selectFrom(table).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every table this procedure writes, counted: a refused request must leave all of them unchanged. */
export async function snapshot(db: Db) {
  return {
    applications: await countRows(db, 'qualification_applications'),
    certificates: await countRows(db, 'certificates'),
    ledger: await countRows(db, 'ledger_entries'),
    deadlines: await countRows(db, 'deadlines'),
  };
}
