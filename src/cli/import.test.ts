import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { newUserRow } from '../platform/identity/user-row.js';
import { seedRegistryCatalogue } from '../procedures/registry/catalogue.seed.js';
import { csvOf, readXlsx } from '../procedures/registry/import/import.testing.js';
import { parseExportArgs, runExport } from './export.js';
import { parseImportArgs, runImport } from './import.js';
import { openDatabase } from './server.js';

// The CLI on a SQLite file in a temporary data directory (the commands read JIFANG_DATA_DIR).
const sink = () => {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c) => (text += c));
  return { stream: s, text: () => text };
};

describe('jifang import / export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jifang-cli-'));
  const prevDir = process.env.JIFANG_DATA_DIR;
  const prevUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    process.env.JIFANG_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const db = openDatabase(loadConfig());
    await migrateToLatest(db.db);
    const now = new Date().toISOString();
    await seedRegistryCatalogue(db.db, now);
    await db.db.insertInto('units').values({ id: 'unit-a', name: '天河某银行支行', division_code: '440106', category: '4', created_at: now }).execute();
    await db.db.insertInto('users').values(newUserRow({ id: 'user-a', username: 'unit.a', displayName: 'unit.a', passwordHash: 'x', role: 'unit_user', unitId: 'unit-a', now })).execute();
    await db.close();
  });
  afterAll(() => {
    if (prevDir === undefined) delete process.env.JIFANG_DATA_DIR;
    else process.env.JIFANG_DATA_DIR = prevDir;
    if (prevUrl !== undefined) process.env.DATABASE_URL = prevUrl;
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses arguments and refuses bad ones with usage (exit 2)', async () => {
    expect(parseImportArgs(['sites', 'a.csv', '--as', 'u', '--mode=valid_rows_only'])).toMatchObject({ kind: 'sites', file: 'a.csv', as: 'u', mode: 'valid_rows_only', report: 50 });
    expect(parseImportArgs(['sites', 'a.csv'])).toMatch(/--as/);
    expect(parseImportArgs(['people', 'a.csv', '--as', 'u'])).toMatch(/kind/);
    expect(parseExportArgs(['findings', '--as', 'u', '--article', '10', '--has-findings', 'true'])).toMatchObject({ list: 'findings', filters: { article: '10', hasFindings: true } });
    expect(parseExportArgs(['sites', '--as', 'u', '--bogus', '1'])).toMatch(/unknown option/);
    const err = sink();
    expect(await runImport(['sites'], { err: err.stream })).toBe(2);
    expect(err.text()).toContain('usage: jifang import');
  });

  it('imports a CSV with a report and progress lines, then exports the sites', async () => {
    const file = join(dir, '网点.csv');
    writeFileSync(file, csvOf([
      ['场所类型', '名称', '行政区划代码', '地址', '类别', '种类', '责任主体', '责任依据'],
      ['重点单位', '网点一', '440106', '天河路1号', '4', 'bank_branch', '某银行', '所有人'],
      ['重点单位', '网点二', '999999', '天河路2号', '4', 'bank_branch', '某银行', '所有人'],
    ], { bom: true }));
    const out = sink();
    const err = sink();
    expect(await runImport(['sites', file, '--as', 'unit.a', '--mode', 'valid_rows_only'], { out: out.stream, err: err.stream })).toBe(0);
    expect(out.text()).toContain('succeeded (valid_rows_only) — 2/2 rows checked, 1 imported');
    expect(out.text()).toContain('第 3 行 [行政区划代码]: 行政区划应为广东省内的县级行政区划代码');
    expect(err.text()).toContain('import writing: 100% (2/2)');

    const dry = sink();
    expect(await runImport(['sites', file, '--as', 'unit.a'], { out: dry.stream, err: sink().stream })).toBe(0);
    expect(dry.text()).toContain('unchanged 1');

    const target = join(dir, 'sites.xlsx');
    const eo = sink();
    expect(await runExport(['sites', '--as', 'unit.a', '--out', target], { out: eo.stream, err: sink().stream })).toBe(0);
    expect(eo.text()).toContain('1 rows');
    expect(existsSync(`${target}.part`)).toBe(false);
    const rows = await readXlsx(readFileSync(target));
    expect(rows[1][2]).toBe('网点一');
  });
});
