import { describe, it, expect } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS, openTestDb } from './testing.js';

for (const dialect of TEST_DIALECTS) {
  describe(`migrations on ${dialect}`, () => {
    it('creates every table and refuses bad enumerations', async () => {
      const { db, close } = await openTestDb(dialect);
      try {
        const tables = (await db.introspection.getTables()).map((t) => t.name);
        for (const t of ['users', 'companies', 'certificates', 'qualification_applications', 'ledger_entries']) {
          expect(tables).toContain(t);
        }
        await expect(
          db
            .insertInto('companies')
            .values({ id: 'c1', name: 'x', uscc: 'u', division_code: '440106', origin: 'mars', created_at: 'now' })
            .execute(),
        ).rejects.toThrow();
        const n = await db.selectFrom('companies').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        expect(Number(n.n)).toBe(0);
      } finally {
        await close();
      }
    });
  });
}
