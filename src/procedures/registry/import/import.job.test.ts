import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { fixedClock } from '../../../platform/clock.js';
import { loadConfig } from '../../../platform/config.js';
import type { Ctx } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/connect.js';
import { openTestDb, TEST_DIALECTS } from '../../../platform/db/testing.js';
import { seedRegistryCatalogue } from '../catalogue.seed.js';
import { COMMIT_ROWS, createImportJob, runImportJob, type JobView } from './import.job.js';
import { csvOf } from './import.testing.js';

// Interruption: valid_rows_only keeps the committed groups and says how far it got (a re-run
// finishes the rest); all_or_nothing rolls everything back.
const officer: Actor = { userId: 'officer-1', role: 'county_officer', policeUnitId: 'PSB-440106', jurisdictionCode: '440106' };
const HEADER = ['场所类型', '名称', '行政区划代码', '地址', '区域类型', '建设层级', '使用单位'];
const file = (n: number, prefix: string) => {
  const rows = [HEADER];
  for (let i = 1; i <= n; i++) rows.push(['重点公共区域', `${prefix}${i}`, '440106', `天河路${i}号`, '主要道路', '县级', 'PSB-440106']);
  return Buffer.from(csvOf(rows));
};

for (const dialect of TEST_DIALECTS) {
  describe(`import jobs on ${dialect}: interruption`, () => {
    let db: Db;
    let ctx: Ctx;
    const sites = async (prefix: string) =>
      Number((await db.db.selectFrom('sites').select(sql<number>`count(*)`.as('n')).where('name', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);
    const run = async (mode: 'valid_rows_only' | 'all_or_nothing', bytes: Buffer, stopWhen?: (j: JobView) => boolean) => {
      const controller = new AbortController();
      const id = await createImportJob(ctx, { kind: 'sites', mode, fileName: 'x.csv' });
      return runImportJob(ctx, id, {
        format: 'csv',
        bytes,
        signal: controller.signal,
        onProgress: (j) => {
          if (stopWhen?.(j)) controller.abort();
        },
      });
    };

    beforeAll(async () => {
      db = await openTestDb(dialect);
      await seedRegistryCatalogue(db.db, '2026-01-01T00:00:00.000Z');
      ctx = { db: db.db, actor: officer, clock: fixedClock('2026-03-02'), config: loadConfig({}), log: { info: () => undefined, warn: () => undefined, error: () => undefined } as never };
    });
    afterAll(() => db?.close());

    it('valid_rows_only: interrupted after the first commit keeps it; re-running is safe', async () => {
      const bytes = file(COMMIT_ROWS * 2 + 100, '甲路段');
      const job = await run('valid_rows_only', bytes, (j) => j.processedRows >= COMMIT_ROWS);
      expect(job).toMatchObject({ status: 'interrupted', processedRows: COMMIT_ROWS, importedRows: COMMIT_ROWS });
      expect(await sites('甲路段')).toBe(COMMIT_ROWS);
      const stored = await db.db.selectFrom('import_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ status: 'interrupted', processed_rows: COMMIT_ROWS });
      expect(stored.finished_at).not.toBeNull();

      const again = await run('valid_rows_only', bytes);
      expect(again).toMatchObject({ status: 'succeeded', counts: { inserted: COMMIT_ROWS + 100, updated: 0, unchanged: COMMIT_ROWS } });
      expect(await sites('甲路段')).toBe(COMMIT_ROWS * 2 + 100);
    }, 120_000);

    it('all_or_nothing: interrupted while writing rolls everything back; a clean run writes one ledger entry', async () => {
      const bytes = file(1_200, '乙路段');
      const job = await run('all_or_nothing', bytes, (j) => j.phase === 'writing' && j.importedRows >= 500);
      expect(job).toMatchObject({ status: 'interrupted', importedRows: 0 });
      expect(await sites('乙路段')).toBe(0);

      const ok = await run('all_or_nothing', bytes);
      expect(ok).toMatchObject({ status: 'succeeded', importedRows: 1_200 });
      expect(await sites('乙路段')).toBe(1_200);
      const entries = await db.db.selectFrom('ledger_entries').select(['detail', 'actor_id']).where('action', '=', 'import.completed').where('object_id', '=', ok.id).execute();
      expect(entries).toHaveLength(1);
      expect(JSON.parse(entries[0].detail!)).toMatchObject({ kind: 'sites', mode: 'all_or_nothing', inserted: 1_200, final: true });
      expect(entries[0].actor_id).toBe('officer-1');
    }, 120_000);
  });
}
