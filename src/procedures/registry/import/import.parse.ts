import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/http/errors.js';

/**
 * Reading an uploaded spreadsheet into rows of cell text. Files are data, never executed: formulas
 * are read as their cached result, macros and external links are ignored (exceljs does not run
 * anything), and the content must match the declared type (an `.xlsx` is a ZIP: `PK\x03\x04`).
 */

export type FileFormat = 'csv' | 'xlsx';

export interface SheetRow {
  /** Row number as the spreadsheet shows it (header = 1). */
  row: number;
  cells: string[];
}

export interface ParsedSheet {
  format: FileFormat;
  /** CSV only: the encoding detected. */
  encoding?: 'utf-8' | 'gb18030';
  headers: string[];
  /** Data rows (header excluded); entirely blank rows are skipped but keep their numbering. */
  rows: SheetRow[];
}

/** Hard ceiling on data rows per file (a province has ~200k sites; bigger files are split). */
export const MAX_ROWS = 250_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** Declared media type (or file extension) → format; null when neither says. */
export function formatOf(contentType: string | undefined, fileName: string | undefined): FileFormat | null {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (ct === 'text/csv') return 'csv';
  if (ct === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

const invalid = (zh: string, en: string) => new AppError('IMPORT_FILE_INVALID', { zh, en });

/**
 * Check that the bytes are what was declared. A CSV that is really a ZIP (or any binary with NUL
 * bytes), or an "xlsx" without the ZIP signature, is refused before parsing.
 */
export function assertContentMatches(format: FileFormat, bytes: Uint8Array): void {
  if (bytes.length === 0) throw invalid('文件为空', 'The file is empty');
  if (format === 'xlsx' && !looksLikeZip(bytes)) {
    throw new AppError('IMPORT_CONTENT_MISMATCH', { zh: '文件内容不是 .xlsx 格式（应为 Excel 2007 及以上版本的工作簿）', en: 'The content is not an .xlsx workbook' });
  }
  if (format === 'csv') {
    const head = bytes.subarray(0, Math.min(bytes.length, 8192));
    // UTF-16 text (Excel's "Unicode text") and binaries carry NUL bytes; CSV in UTF-8/GB18030 never does.
    if (looksLikeZip(bytes) || head.includes(0)) {
      throw new AppError('IMPORT_CONTENT_MISMATCH', { zh: '文件内容不是 CSV 文本（请另存为 CSV UTF-8 或 CSV）', en: 'The content is not CSV text' });
    }
  }
}

export async function parseSheet(format: FileFormat, bytes: Uint8Array): Promise<ParsedSheet> {
  assertContentMatches(format, bytes);
  return format === 'csv' ? parseCsv(bytes) : parseXlsx(bytes);
}

/**
 * Text of a CSV file: UTF-8 (with or without BOM) when it decodes as valid UTF-8, otherwise
 * GB18030 (a superset of GBK/GB2312, which Excel on Chinese Windows writes for "CSV").
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** RFC 4180 records (quoted fields, doubled quotes, CR/LF/CRLF, newlines inside quotes). */
export function csvRecords(text: string, onRecord: (fields: string[], line: number) => void): void {
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (inQuotes) {
      if (ch === 34 /* " */) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === 10) line++;
        field += text[i];
      }
      continue;
    }
    if (ch === 34 && field === '') inQuotes = true;
    else if (ch === 44 /* , */) {
      fields.push(field);
      field = '';
    } else if (ch === 10 || ch === 13) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      fields.push(field);
      onRecord(fields, recordLine);
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += text[i];
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    onRecord(fields, recordLine);
  }
}

function parseCsv(bytes: Uint8Array): ParsedSheet {
  const { text, encoding } = decodeCsv(bytes);
  let headers: string[] | null = null;
  const rows: SheetRow[] = [];
  let record = 0;
  csvRecords(text, (fields) => {
    record++;
    // A spreadsheet numbers records, not physical lines: a quoted newline stays in one row.
    if (!headers) {
      headers = fields.map((f) => f.trim());
      return;
    }
    if (fields.every((f) => f.trim() === '')) return;
    if (rows.length >= MAX_ROWS) throw tooMany();
    rows.push({ row: record, cells: fields });
  });
  if (!headers) throw invalid('文件没有表头行', 'The file has no header row');
  return { format: 'csv', encoding, headers, rows };
}

const tooMany = () =>
  invalid(`文件超过 ${MAX_ROWS} 行，请拆分后分批导入`, `The file has more than ${MAX_ROWS} rows; split it into several files`);

/** The text a clerk sees in a cell (a formula's cached result, a date as YYYY-MM-DD). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return '';
  }
  return String(v);
}

/** The first worksheet, streamed (shared strings cached; styles, hyperlinks, images ignored). */
async function parseXlsx(bytes: Uint8Array): Promise<ParsedSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let headers: string[] | null = null;
  const rows: SheetRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based (index 0 unused) and sparse.
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (!headers) {
          headers = cells.map((c) => c.trim());
          continue;
        }
        if (cells.every((c) => c.trim() === '')) continue;
        if (rows.length >= MAX_ROWS) throw tooMany();
        rows.push({ row: row.number, cells });
      }
      break; // only the first worksheet is data; others (e.g. 说明) are ignored
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid('无法读取该 .xlsx 文件（文件损坏或不是 Excel 工作簿）', 'The .xlsx file cannot be read (damaged or not a workbook)');
  }
  if (!headers) throw invalid('文件没有表头行', 'The file has no header row');
  return { format: 'xlsx', headers, rows };
}
