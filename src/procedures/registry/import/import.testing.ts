import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Harness, Session } from '../../../platform/testing/harness.js';
import { XLSX_TYPE } from './import.routes.js';

/** Test support for imports: build spreadsheets in memory, post them raw, wait for the job. */

export async function xlsxOf(rows: (string | number | boolean | null)[][], sheet = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function csvOf(rows: (string | number | boolean | null)[][], opts: { bom?: boolean } = {}): string {
  const cell = (v: string | number | boolean | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (opts.bom ? '\uFEFF' : '') + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

let gbTable: Map<string, number[]> | null = null;
/** GB18030 bytes of a string (two-byte GBK range; built by inverting Node's decoder — tests only). */
export function gb18030Of(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GBK bytes for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

export async function readXlsx(bytes: Buffer | string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((typeof bytes === 'string' ? Buffer.from(bytes, 'binary') : bytes) as never);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    out.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

export function postFile(
  h: Harness,
  s: Session | null,
  query: string,
  body: Buffer | string,
  contentType: string = XLSX_TYPE,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (s) Object.assign(headers, { cookie: `jf_session=${s.cookie}`, 'x-csrf-token': s.csrf });
  return h.app.inject({ method: 'POST', url: `/api/registry/imports?${query}`, headers, payload: body });
}

/** Post a file and poll the job until it is no longer running. */
export async function importAndWait(h: Harness, s: Session, query: string, body: Buffer | string, contentType: string = XLSX_TYPE) {
  const res = await postFile(h, s, query, body, contentType);
  if (res.statusCode !== 201 && res.statusCode !== 202) throw new Error(`import: ${res.statusCode} ${res.body}`);
  let job = res.json();
  while (job.status === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    job = (await s.get(`/api/registry/imports/${job.id}`)).json();
  }
  return job as {
    id: string;
    status: string;
    totalRows: number;
    processedRows: number;
    importedRows: number;
    errorCount: number;
    counts: { inserted: number; updated: number; unchanged: number };
    report: { row: number; column: string; message: string; messageEn: string }[];
  };
}

export async function getBinary(h: Harness, s: Session | null, url: string): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = s ? { cookie: `jf_session=${s.cookie}` } : {};
  return h.app.inject({ method: 'GET', url, headers });
}
