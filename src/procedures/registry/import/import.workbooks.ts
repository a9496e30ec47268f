import ExcelJS from 'exceljs';
import { COLUMNS, convertCell, labelOf, type ImportKind } from './import.columns.js';
import type { ReportEntry } from './import.plan.js';

/** Small workbooks built in memory: the import template and a job's error report. */

const KIND_ZH: Record<ImportKind, string> = { sites: '场所', systems: '系统', devices: '设备' };

/**
 * The template a clerk fills in: the Chinese headers, one example row (enumerations written with
 * their canonical label), and a 说明 sheet with what each column accepts. Only the first sheet is
 * read on import, so the notes never get in the way.
 */
export async function templateWorkbook(kind: ImportKind): Promise<{ fileName: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${KIND_ZH[kind]}导入`, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = COLUMNS[kind];
  ws.columns = cols.map((c) => ({ header: c.zh, key: c.key, width: Math.max(12, c.zh.length * 2 + 4, c.example.length + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(
    cols.map((c) => {
      const v = convertCell(c, c.example);
      return 'value' in v && typeof v.value === 'string' && c.type.t === 'enum' ? labelOf(c.type, v.value) : c.example;
    }),
  );
  // Codes are text: keep Excel from turning 440106… into a number in scientific notation.
  for (const key of ['divisionCode', 'siteDivisionCode', 'deviceCode', 'categoryCode']) {
    if (cols.some((c) => c.key === key)) ws.getColumn(key).numFmt = '@';
  }
  const notes = wb.addWorksheet('说明');
  notes.columns = [
    { header: '列', key: 'zh', width: 16 },
    { header: '英文列名', key: 'en', width: 22 },
    { header: '可接受的其他列名', key: 'aliases', width: 30 },
    { header: '填写说明', key: 'note', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of cols) notes.addRow({ zh: c.zh, en: c.en, aliases: c.aliases.join('、'), note: c.noteZh });
  notes.addRow({});
  notes.addRow({ zh: '说明', note: '第一行为表头；只读取第一个工作表；空行忽略。重复导入同一文件是安全的：已登记的记录按名称/编码匹配并更新。' });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${KIND_ZH[kind]}导入模板.xlsx`, bytes };
}

/** A job's row errors as a spreadsheet (row, column, problem in Chinese and English). */
export async function reportWorkbook(entries: readonly ReportEntry[], total: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '问题', key: 'message', width: 70 },
    { header: 'Problem', key: 'messageEn', width: 70 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of entries) ws.addRow({ row: e.row, column: e.column, message: e.message, messageEn: e.messageEn });
  if (total > entries.length) ws.addRow({ message: `共 ${total} 个问题，此处列出前 ${entries.length} 个`, messageEn: `${total} problems in all; the first ${entries.length} are listed` });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
