import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import type { Db } from '../../platform/db/connect.js';
import { openTestDb, TEST_DIALECTS } from '../../platform/db/testing.js';
import { seedDemo } from '../../platform/demo/demo.seed.js';
import { findRectificationOrder } from './rectification.actions.js';

for (const dialect of TEST_DIALECTS) {
  describe(`demo inspections on ${dialect}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await openTestDb(dialect);
    });
    afterAll(() => db.close());

    it('seeds a lapsed order for unit.a (issued ~3 weeks before), a planned inspection and a drawn plan', async () => {
      const clock = fixedClock('2026-11-28');
      const config = loadConfig({ JIFANG_DEMO_PASSWORD: 'Demo-Passw0rd!x' });
      await seedDemo(db.db, clock, config);
      const orders = await db.db.selectFrom('rectification_orders').selectAll().execute();
      expect(orders).toHaveLength(1);
      const o = (await findRectificationOrder(db.db, orders[0]!.id, '2026-11-28'))!;
      expect(o).toMatchObject({ status: 'lapsed', article: '20', failed: true, displayNumber: '穗天公技整字〔2026〕第1号', dayKind: 'working', days: 10 });
      expect(o.issuedOn <= '2026-11-07').toBe(true);
      expect(o.dueDate < '2026-11-28').toBe(true);
      expect(o.site.name).toBe('某银行天河支行营业部（演示）');
      const inspections = await db.db.selectFrom('inspections').select(['status', 'kind']).execute();
      expect(inspections.filter((i) => i.status === 'completed')).toHaveLength(1);
      expect(inspections.filter((i) => i.status === 'planned').length).toBeGreaterThanOrEqual(2);
      const plan = await db.db.selectFrom('inspection_plans').selectAll().executeTakeFirstOrThrow();
      expect(plan.status).toBe('drawn');
    });
  });
}
