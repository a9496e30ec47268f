import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { makeUscc } from '../identifiers/uscc.js';
import { hashPassword } from '../identity/passwords.js';
import { newUserRow } from '../identity/user-row.js';
import { insertUser } from '../identity/users.repository.js';
import { seedQualificationLevels, seedDemoCertificates } from '../../procedures/qualification/qualification.seed.js';
import { seedRegistryDemo } from '../../procedures/registry/registry.seed.js';
import { seedDemoProjects } from '../../procedures/projects/projects.seed.js';
import { seedDemoAccess } from '../../procedures/access/access.seed.js';
import { seedDemoComplaints } from '../../procedures/complaints/complaints.seed.js';
import { seedDemoInspections } from '../../procedures/inspections/inspections.seed.js';
import { seedDemoPenalties } from '../../procedures/penalties/penalty.seed.js';
import { DEMO_COMPANIES, DEMO_USERS } from './demo-users.js';

export interface DemoSeedResult {
  password: string;
  generated: boolean;
  usernames: string[];
}

/** A password that meets the policy: random, four character classes. */
function generatePassword(): string {
  return `Jf-${randomBytes(9).toString('base64url')}7a`;
}

/**
 * Demo data, only when asked for (`npm start`) and only into an empty database: companies, a key
 * unit, one account per role, certificates in every status, a testing institution and projects in
 * several stages (projects.seed.ts). Returns null when users already exist.
 */
export async function seedDemo(db: Kysely<Database>, clock: Clock, config: Config): Promise<DemoSeedResult | null> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const password = config.demoPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const now = clock.now().toISOString();
  const ctx = { actor: SYSTEM_ACTOR, clock, config };

  const companyIds: Record<keyof typeof DEMO_COMPANIES, string> = { A: '', B: '', C: '', D: '', E: '' };
  const unitId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await seedQualificationLevels(trx, now);
    for (const [key, c] of Object.entries(DEMO_COMPANIES) as [keyof typeof DEMO_COMPANIES, (typeof DEMO_COMPANIES)['A']][]) {
      const id = randomUUID();
      companyIds[key] = id;
      const uscc = makeUscc(c.first17);
      await trx
        .insertInto('companies')
        .values({ id, name: c.name, uscc, division_code: c.divisionCode, origin: c.origin, created_at: now })
        .execute();
      await audit(ctx, trx, { action: 'company.registered', objectType: 'company', objectId: id, detail: { demo: true } });
    }
    await trx
      .insertInto('units')
      .values({ id: unitId, name: '某银行天河支行（演示）', division_code: '440106', category: '4', created_at: now })
      .execute();
    for (const u of DEMO_USERS) {
      // lab.a belongs to its testing institution, registered (and the account made) with the projects below.
      if ('institution' in u) continue;
      const id = randomUUID();
      await insertUser(
        trx,
        newUserRow({
          id,
          username: u.username,
          displayName: u.displayName,
          passwordHash,
          role: u.role,
          policeUnitId: 'policeUnitId' in u ? u.policeUnitId : null,
          companyId: 'company' in u ? companyIds[u.company] : null,
          unitId: 'unit' in u ? unitId : null,
          now,
        }),
      );
      await audit(ctx, trx, { action: 'user.created', objectType: 'user', objectId: id, detail: { role: u.role, demo: true } });
    }
    await seedDemoCertificates(trx, clock, config, companyIds);
    // Catalogue and two demo sites; unit.a's bank branch is left for the user to register.
    await seedRegistryDemo(trx, clock, config, now);
  });
  // Projects go through the procedure's own actions, which open their own transactions: after the commit.
  await seedDemoProjects(db, config, { companyA: companyIds.A, passwordHash });
  await seedDemoAccess(db, clock, config, { passwordHash }); // dept.a, gz.tianhe.chief, two requests (access.seed.ts)
  await seedDemoComplaints(db, clock, config, { passwordHash }); // gd.supervisor, two complaints (complaints.seed.ts)
  await seedDemoInspections(db, clock, config); // unit.a's lapsed order, a planned inspection, a drawn plan (inspections.seed.ts)
  await seedDemoPenalties(db, clock, config); // one published art. 37 decision on the public 双公示 list (penalty.seed.ts)
  // Every account the seeds created (the procedures add their own, e.g. dept.a, gz.tianhe.chief, gd.supervisor):
  // the table's usernames, so a seed's new account is printed without being listed here.
  const base: string[] = DEMO_USERS.map((u) => u.username);
  const all = (await db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username);
  return { password, generated: config.demoPassword === null, usernames: [...base, ...all.filter((n) => !base.includes(n))] };
}
