import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { seedQualificationLevels } from '../procedures/qualification/qualification.seed.js';
import { seedRegistryCatalogue } from '../procedures/registry/catalogue.seed.js';

/**
 * Reference tables the procedures cannot work without (qualification levels, the key-unit
 * catalogue). Inserted at start-up only when absent — labelled illustrative until the province
 * publishes its own — and never overwriting the province's versions.
 */
export async function ensureReferenceData(db: Kysely<Database>, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await seedQualificationLevels(trx, now);
    await seedRegistryCatalogue(trx, now);
  });
}
