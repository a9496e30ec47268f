import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../../../platform/db/testing.js';
import { openHarness, type Harness, type Session } from '../../../platform/testing/harness.js';
import { seedRegistryCatalogue } from '../catalogue.seed.js';
import { XLSX_TYPE } from './import.routes.js';
import { csvOf, gb18030Of, getBinary, importAndWait, postFile, readXlsx, xlsxOf } from './import.testing.js';

const TODAY = '2026-03-02';
const SITE_HEADER = ['场所类型', '名称', '行政区划代码', '地址', '类别', '种类', '责任主体', '责任依据', '反恐重点目标'];
const siteRow = (i: number, division = '440106'): string[] => ['重点单位', `测试网点${i}`, division, `天河路${i}号`, '4', 'bank_branch', '某银行股份有限公司', '所有人', '否'];

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code?: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  if (code) expect(res.json().code).toBe(code);
}

const count = async (h: Harness, table: 'sites' | 'systems' | 'devices' | 'findings') =>
  Number((await h.db.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

for (const dialect of TEST_DIALECTS) {
  describe(`registry import and export on ${dialect}`, () => {
    let h: Harness;
    const s: Record<string, Session> = {};
    const unitA = randomUUID();
    const unitB = randomUUID();

    beforeAll(async () => {
      h = await openHarness(dialect, TODAY);
      await seedRegistryCatalogue(h.db.db, '2026-01-01T00:00:00.000Z');
      const now = new Date().toISOString();
      await h.db.db
        .insertInto('units')
        .values([
          { id: unitA, name: '天河某银行支行', division_code: '440106', category: '4', created_at: now },
          { id: unitB, name: '南山某金店', division_code: '440305', category: '4', created_at: now },
        ])
        .execute();
      await h.addUser({ username: 'unit.a', role: 'unit_user', unitId: unitA });
      await h.addUser({ username: 'unit.b', role: 'unit_user', unitId: unitB });
      await h.addUser({ username: 'gz.tianhe.officer', role: 'county_officer', policeUnitId: 'PSB-440106' });
      await h.addUser({ username: 'sz.officer', role: 'city_officer', policeUnitId: 'PSB-440300' });
      await h.addUser({ username: 'gd.officer', role: 'province_officer', policeUnitId: 'PSB-440000' });
      await h.addUser({ username: 'company.a', role: 'company_user' });
      for (const u of ['unit.a', 'unit.b', 'gz.tianhe.officer', 'sz.officer', 'gd.officer', 'company.a']) s[u] = await h.login(u);
    });
    afterAll(() => h?.close());

    it('imports a UTF-8 CSV (with BOM) of sites, then re-importing it changes nothing', async () => {
      const csv = csvOf([SITE_HEADER, siteRow(1), siteRow(2), ['重点单位', '含,逗号"引号"的网点', '440106', '天河路\n3号', '4', '金融机构营业场所', '某银行', '所有人', '是']], { bom: true });
      const job = await importAndWait(h, s['unit.a'], 'kind=sites&mode=valid_rows_only&fileName=网点.csv', csv, 'text/csv; charset=utf-8');
      expect(job.report).toEqual([]);
      expect(job).toMatchObject({ status: 'succeeded', totalRows: 3, processedRows: 3, importedRows: 3, errorCount: 0, counts: { inserted: 3, updated: 0, unchanged: 0 } });
      const quoted = await h.db.db.selectFrom('sites').selectAll().where('name', '=', '含,逗号"引号"的网点').executeTakeFirstOrThrow();
      expect(quoted).toMatchObject({ address: '天河路\n3号', kind_code: 'bank_branch', anti_terror_target: 1, unit_id: unitA, site_type: 'key_unit' });
      // Findings were computed in the same transaction (category 4 requires systems: art. 9).
      const f = await h.db.db.selectFrom('findings').select('article').where('site_id', '=', quoted.id).execute();
      expect(f.map((x) => x.article)).toContain('9');

      const again = await importAndWait(h, s['unit.a'], 'kind=sites&mode=valid_rows_only', csv, 'text/csv');
      expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    });

    it('reads a GB18030 (GBK) CSV as Excel on Chinese Windows writes it', async () => {
      const bytes = gb18030Of(csvOf([SITE_HEADER, siteRow(11), siteRow(12)]));
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      const job = await importAndWait(h, s['unit.a'], 'kind=sites&mode=all_or_nothing&fileName=gbk.csv', bytes, 'text/csv');
      expect(job).toMatchObject({ status: 'succeeded', importedRows: 2 });
      expect(await h.db.db.selectFrom('sites').select('name').where('name', '=', '测试网点11').executeTakeFirst()).toBeTruthy();
    });

    it('imports systems and devices from .xlsx; a changing-room camera opens the art. 10 finding; export round-trips', async () => {
      const systems = await xlsxOf([
        ['场所名称', '行政区划代码', '系统类型', '系统名称', '状态', '接入报警中心', '验收日期'],
        ['测试网点1', '440106', '视频监控系统', '营业厅视频监控', '在用', '是', '2025-06-30'],
        ['测试网点1', '440106', '入侵报警系统', '入侵报警', '在用', '是', '2025-06-30'],
      ]);
      const sj = await importAndWait(h, s['unit.a'], 'kind=systems&mode=all_or_nothing&fileName=systems.xlsx', systems);
      expect(sj.report).toEqual([]);
      expect(sj).toMatchObject({ status: 'succeeded', importedRows: 2 });

      const devices = await xlsxOf([
        ['场所名称', '行政区划代码', '系统名称', '设备种类', '设备名称', '设备编码（GB/T 28181）', '安装位置', '隐私场所类型', '拾音', '标识', '存储天数'],
        ['测试网点1', '440106', '营业厅视频监控', '摄像机', '营业厅 1 号', '44010600001320000001', '单位内部', '', '否', '是', 30],
        ['测试网点1', '440106', '营业厅视频监控', '摄像机', '更衣室摄像机', '44010600001320000002', '隐私场所', '更衣室', '否', '否', 30],
      ]);
      const dj = await importAndWait(h, s['unit.a'], 'kind=devices&mode=valid_rows_only&fileName=devices.xlsx', devices);
      expect(dj.report).toEqual([]);
      expect(dj).toMatchObject({ status: 'succeeded', importedRows: 2, counts: { inserted: 2 } });
      const site = await h.db.db.selectFrom('sites').select('id').where('name', '=', '测试网点1').executeTakeFirstOrThrow();
      const open = await h.db.db.selectFrom('findings').select(['article', 'rule']).where('site_id', '=', site.id).where('resolved_at', 'is', null).execute();
      expect(open.map((f) => f.article)).toContain('10');

      // The unit's export of findings shows it; Shenzhen's officer exports none of Guangzhou's rows.
      const mine = await getBinary(h, s['unit.a'], '/api/registry/export?list=findings&article=10');
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['content-type']).toContain(XLSX_TYPE);
      expect(mine.headers['cache-control']).toBe('no-store');
      expect(String(mine.headers['content-disposition'])).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''%E6%9C%AA/);
      const rows = await readXlsx(mine.rawPayload);
      expect(rows[0]).toContain('违反条款');
      expect(rows.slice(1).map((r) => r[6])).toEqual(['第10条']);
      const tianhe = await readXlsx((await getBinary(h, s['gz.tianhe.officer'], '/api/registry/export?list=findings&article=10')).rawPayload);
      expect(tianhe).toHaveLength(2);
      const sz = await getBinary(h, s['sz.officer'], '/api/registry/export?list=findings');
      expect(sz.statusCode).toBe(200);
      expect(await readXlsx(sz.rawPayload)).toHaveLength(1); // header only
      const szSites = await readXlsx((await getBinary(h, s['sz.officer'], '/api/registry/export?list=sites')).rawPayload);
      expect(szSites).toHaveLength(1);

      // Exported devices re-import as unchanged (the export uses the import headers).
      const exported = await getBinary(h, s['unit.a'], '/api/registry/export?list=devices');
      const back = await importAndWait(h, s['unit.a'], 'kind=devices&mode=dry_run', exported.rawPayload);
      expect(back.report).toEqual([]);
      expect(back.counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
      const exportedSites = await getBinary(h, s['unit.a'], '/api/registry/export?list=sites&q=测试网点1');
      const sitesBack = await importAndWait(h, s['unit.a'], 'kind=sites&mode=dry_run', exportedSites.rawPayload);
      expect(sitesBack.report).toEqual([]);
      expect(sitesBack.counts.unchanged).toBeGreaterThanOrEqual(1);

      const ledger = await h.db.db.selectFrom('ledger_entries').select(['action', 'detail']).where('action', '=', 'export.created').execute();
      expect(ledger.length).toBeGreaterThanOrEqual(5);
      expect(JSON.parse(ledger[0].detail!)).toMatchObject({ list: 'findings', filters: { article: '10' }, rows: 1 });
    });

    it('10,000 rows with errors in known rows: the exact report; dry run and all-or-nothing write nothing', async () => {
      // Key public areas registered by the Tianhe bureau (no findings to compute: the import itself is timed).
      const header = ['场所类型', '名称', '行政区划代码', '地址', '区域类型', '建设层级', '使用单位', '反恐重点目标'];
      const rows: (string | number)[][] = [header];
      for (let i = 1; i <= 10_000; i++) rows.push(['重点公共区域', `天河路段${i}`, '440106', `天河路${i}号`, '主要道路', '县级', 'PSB-440106', '否']);
      // Spreadsheet row = index + 1 (the header is row 1).
      rows[100][2] = '999999';
      rows[2000][7] = 'maybe';
      rows[5001][1] = rows[5000][1];
      rows[9998][3] = '';
      rows[10_000][4] = '广场';
      const file = await xlsxOf(rows);
      const expected = [
        { row: 101, column: '行政区划代码', message: '行政区划应为广东省内的县级行政区划代码' },
        { row: 2001, column: '反恐重点目标', message: '「maybe」应填写“是”或“否”' },
        { row: 5002, column: '名称', message: '与第 5001 行重复（名称和行政区划代码相同）' },
        { row: 9999, column: '地址', message: '请填写地址' },
        { row: 10001, column: '区域类型', message: '「广场」不是有效的区域类型，应为：主要出入口、主要道路、治安复杂路段、交叉路口' },
      ];
      const strip = (r: { row: number; column: string; message: string }[]) => r.map(({ row, column, message }) => ({ row, column, message }));
      const before = await count(h, 'sites');
      const ledgerBefore = Number((await h.db.db.selectFrom('ledger_entries').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

      const dry = await importAndWait(h, s['gz.tianhe.officer'], 'kind=sites&mode=dry_run&fileName=big.xlsx', file);
      expect(dry).toMatchObject({ status: 'succeeded', totalRows: 10_000, processedRows: 10_000, errorCount: 5, importedRows: 9_995 });
      expect(strip(dry.report)).toEqual(expected);
      expect(dry.report.every((e) => e.messageEn.length > 0)).toBe(true);

      const aon = await importAndWait(h, s['gz.tianhe.officer'], 'kind=sites&mode=all_or_nothing&fileName=big.xlsx', file);
      expect(aon).toMatchObject({ status: 'failed', errorCount: 5, importedRows: 0 });
      expect(strip(aon.report)).toEqual(expected);
      expect(await count(h, 'sites')).toBe(before);
      const ledgerAfter = Number((await h.db.db.selectFrom('ledger_entries').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      expect(ledgerAfter).toBe(ledgerBefore);

      const t0 = Date.now();
      const vro = await importAndWait(h, s['gz.tianhe.officer'], 'kind=sites&mode=valid_rows_only&fileName=big.xlsx', file);
      const ms = Date.now() - t0;
      expect(vro).toMatchObject({ status: 'succeeded', errorCount: 5, importedRows: 9_995, counts: { inserted: 9_995 } });
      expect(strip(vro.report)).toEqual(expected);
      expect(await count(h, 'sites')).toBe(before + 9_995);
      // One ledger entry per commit (5,000 rows), not per row.
      const entries = await h.db.db.selectFrom('ledger_entries').select(['detail', 'after_digest']).where('action', '=', 'import.completed').where('object_id', '=', vro.id).execute();
      expect(entries).toHaveLength(2);
      expect(entries.every((e) => e.after_digest)).toBe(true);
      console.log(`[${dialect}] 10,000-row valid_rows_only import: ${ms} ms (${Math.round(9_995 / (ms / 1000))} rows/s)`);

      // The downloadable report.
      const rep = await getBinary(h, s['gz.tianhe.officer'], `/api/registry/imports/${vro.id}/report.xlsx`);
      expect(rep.statusCode).toBe(200);
      const repRows = await readXlsx(rep.rawPayload);
      expect(repRows[0]).toEqual(['行号', '列', '问题', 'Problem']);
      expect(repRows.slice(1).map((r) => Number(r[0]))).toEqual([101, 2001, 5002, 9999, 10001]);
    }, 240_000);

    it('refuses content that does not match its declared type, and bodies that are not files', async () => {
      const csv = csvOf([SITE_HEADER, siteRow(1)]);
      expectProblem(await postFile(h, s['unit.a'], 'kind=sites&mode=dry_run', csv, XLSX_TYPE), 415, 'IMPORT_CONTENT_MISMATCH');
      const xlsx = await xlsxOf([SITE_HEADER]);
      expectProblem(await postFile(h, s['unit.a'], 'kind=sites&mode=dry_run', xlsx, 'text/csv'), 415, 'IMPORT_CONTENT_MISMATCH');
      expectProblem(await postFile(h, s['unit.a'], 'kind=sites&mode=dry_run', '{"a":1}', 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectProblem(await postFile(h, s['unit.a'], 'kind=sites&mode=dry_run', 'a,b', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectProblem(await postFile(h, s['unit.a'], 'kind=nope&mode=dry_run', csv, 'text/csv'), 400, 'VALIDATION_FAILED');
      // A broken workbook (ZIP signature, garbage after it) is a failed job with a message, not a 500.
      const broken = await importAndWait(h, s['unit.a'], 'kind=sites&mode=dry_run', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]));
      expect(broken.status).toBe('failed');
      expect(broken.report[0].message).toContain('无法读取');
      // application/octet-stream: the format comes from the file name (or the content).
      const oct = await importAndWait(h, s['unit.a'], 'kind=sites&mode=dry_run&fileName=a.xlsx', await xlsxOf([SITE_HEADER, siteRow(1)]), 'application/octet-stream');
      expect(oct.status).toBe('succeeded');
      // A header row without a required column.
      const noName = await importAndWait(h, s['unit.a'], 'kind=sites&mode=dry_run', csvOf([['地址'], ['x']]), 'text/csv');
      expect(noName).toMatchObject({ status: 'failed', report: [{ row: 1, column: '名称', message: '缺少必需的列“名称”' }, { row: 1, column: '行政区划代码', message: '缺少必需的列“行政区划代码”' }] });
    });

    it('denies: the public (401), a company (403); a unit cannot import into another unit’s site; jobs are private', async () => {
      const csv = csvOf([SITE_HEADER, siteRow(1)]);
      expectProblem(await postFile(h, null, 'kind=sites&mode=dry_run', csv, 'text/csv'), 401, 'UNAUTHENTICATED');
      expectProblem(await postFile(h, s['company.a'], 'kind=sites&mode=dry_run', csv, 'text/csv'), 403, 'FORBIDDEN');
      expectProblem(await getBinary(h, null, '/api/registry/export?list=sites'), 401, 'UNAUTHENTICATED');
      expectProblem(await getBinary(h, s['company.a'], '/api/registry/export?list=sites'), 403, 'FORBIDDEN');

      const siteA = await h.db.db.selectFrom('sites').select('id').where('name', '=', '测试网点1').executeTakeFirstOrThrow();
      const systems = csvOf([
        ['场所编号', '场所名称', '行政区划代码', '系统类型', '系统名称', '状态', '接入报警中心'],
        [siteA.id, '', '', '视频监控系统', '偷装的系统', '在用', '是'],
        ['', '测试网点1', '440106', '视频监控系统', '偷装的系统2', '在用', '是'],
      ]);
      const job = await importAndWait(h, s['unit.b'], 'kind=systems&mode=valid_rows_only', systems, 'text/csv');
      expect(job).toMatchObject({ status: 'succeeded', importedRows: 0, errorCount: 2 });
      expect(job.report.map((e) => [e.row, e.column])).toEqual([
        [2, '场所编号'],
        [3, '场所名称'],
      ]);
      expect(await h.db.db.selectFrom('systems').select('id').where('name', 'like', '偷装%').execute()).toEqual([]);

      // An officer may not register key units; a county officer not outside its county.
      const off = await importAndWait(h, s['gz.tianhe.officer'], 'kind=sites&mode=dry_run', csv, 'text/csv');
      expect(off.report[0]).toMatchObject({ row: 2, column: '场所类型' });
      const areaCsv = csvOf([
        ['场所类型', '名称', '行政区划代码', '地址', '区域类型', '建设层级', '使用单位'],
        ['重点公共区域', '天河路口', '440106', '天河路与体育西路交叉口', '交叉路口', '县级', 'PSB-440106'],
        ['重点公共区域', '南山路口', '440305', '深南大道', '交叉路口', '市级', '深圳市公安局'],
      ]);
      const areas = await importAndWait(h, s['gz.tianhe.officer'], 'kind=sites&mode=valid_rows_only', areaCsv, 'text/csv');
      expect(areas).toMatchObject({ importedRows: 1, errorCount: 1, report: [{ row: 3, column: '行政区划代码' }] });

      // Another user cannot read someone's job (404, not 403: its existence is not revealed).
      expectProblem(await s['unit.a'].get(`/api/registry/imports/${job.id}`), 404, 'NOT_FOUND');
      expect((await s['unit.b'].get(`/api/registry/imports/${job.id}`)).statusCode).toBe(200);
    });

    it('serves a template with the Chinese headers and an example row that imports cleanly', async () => {
      for (const kind of ['sites', 'systems', 'devices']) {
        const res = await getBinary(h, s['unit.a'], `/api/registry/imports/template?kind=${kind}`);
        expect(res.statusCode).toBe(200);
        expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
        const rows = await readXlsx(res.rawPayload);
        expect(rows.length).toBe(2);
        if (kind === 'sites') {
          expect(rows[0].slice(0, 4)).toEqual(['场所类型', '名称', '行政区划代码', '地址']);
          const job = await importAndWait(h, s['unit.a'], 'kind=sites&mode=dry_run', res.rawPayload);
          expect(job.report).toEqual([]);
        }
      }
      expectProblem(await getBinary(h, null, '/api/registry/imports/template?kind=sites'), 401);
    });
  });
}
