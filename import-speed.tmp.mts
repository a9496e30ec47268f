// Measurement only (not committed): import N sites on a file SQLite DB through the real job.
import { rmSync } from 'node:fs';
import { connect } from './src/platform/db/connect.js';
import { migrateToLatest } from './src/platform/db/migrate.js';
import { loadConfig } from './src/platform/config.js';
import { systemClock } from './src/platform/clock.js';
import { seedRegistryCatalogue } from './src/procedures/registry/catalogue.seed.js';
import { createImportJob, runImportJob } from './src/procedures/registry/import/import.job.js';
import { csvOf } from './src/procedures/registry/import/import.testing.js';

const n = Number(process.argv[2] ?? 10000);
const mode = (process.argv[3] ?? 'valid_rows_only') as 'valid_rows_only';
const file = `/tmp/jf/speed-${n}.db`;
for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
const db = connect({ sqliteFile: file });
await migrateToLatest(db.db);
await seedRegistryCatalogue(db.db, new Date().toISOString());
const unitId = 'u1';
await db.db.insertInto('units').values({ id: unitId, name: 'u', division_code: '440106', category: '4', created_at: new Date().toISOString() }).execute();
const rows: string[][] = [['场所类型', '名称', '行政区划代码', '地址', '类别', '种类', '责任主体', '责任依据', '反恐重点目标']];
const divs = ['440103', '440104', '440105', '440106', '440111', '440305', '440306', '440604'];
for (let i = 1; i <= n; i++) rows.push(['重点单位', `网点${i}`, divs[i % divs.length], `某路${i}号`, '4', 'bank_branch', '某银行', '所有人', i % 10 === 0 ? '是' : '否']);
const bytes = Buffer.from(csvOf(rows));
const ctx = { db: db.db, actor: { userId: null, role: 'unit_user' as const, unitId }, clock: systemClock, config: loadConfig({}), log: console };
const id = await createImportJob({ ...ctx, actor: { ...ctx.actor, userId: 'x' } }, { kind: 'sites', mode, fileName: 'x.csv' });
const t0 = performance.now();
let last = 0;
const job = await runImportJob({ ...ctx, actor: { ...ctx.actor, userId: 'x' } }, id, { format: 'csv', bytes, onProgress: (j) => { if (j.processedRows - last >= 20000) { last = j.processedRows; console.error(`${j.processedRows} ${Math.round(performance.now() - t0)} ms`); } } });
const ms = performance.now() - t0;
console.log(JSON.stringify({ n, mode, status: job.status, imported: job.importedRows, errors: job.errorCount, ms: Math.round(ms), rowsPerSec: Math.round(n / (ms / 1000)) }));
const f = await db.db.selectFrom('findings').select(db.db.fn.countAll().as('n')).executeTakeFirst();
const l = await db.db.selectFrom('ledger_entries').select(db.db.fn.countAll().as('n')).executeTakeFirst();
console.log('findings', f, 'ledger', l);
await db.close();
if (process.env.JF_RECOMPUTE_ALL) {
  const { recomputeAllFindings } = await import('./src/procedures/registry/findings.recompute.js');
  const db2 = connect({ sqliteFile: file });
  const t1 = performance.now();
  const r = await recomputeAllFindings(db2.db, { actor: ctx.actor, clock: systemClock, config: ctx.config });
  console.log('recomputeAll', r, Math.round(performance.now() - t1), 'ms');
  await db2.close();
}
