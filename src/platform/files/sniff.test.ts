import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { checkDocument, cleanFileName, kindOfName, sniffKind, zipEntryNames } from './sniff.js';
import { DOCX_BYTES, DWG_BYTES, EXE_BYTES, JPEG_BYTES, OFD_BYTES, PDF_BYTES, PLAIN_ZIP_BYTES, PNG_BYTES, XLSX_BYTES, zipOf } from './testing.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
}

describe('sniffKind: the content decides (art. 17 documents)', () => {
  it.each([
    ['pdf', PDF_BYTES],
    ['png', PNG_BYTES],
    ['jpeg', JPEG_BYTES],
    ['dwg', DWG_BYTES],
    ['docx', DOCX_BYTES],
    ['xlsx', XLSX_BYTES],
    ['ofd', OFD_BYTES],
  ] as const)('recognises %s', (kind, bytes) => {
    expect(sniffKind(bytes)).toBe(kind);
  });

  it.each([
    ['an executable', EXE_BYTES],
    ['a plain zip', PLAIN_ZIP_BYTES],
    ['nothing', Buffer.alloc(0)],
    ['text', Buffer.from('hello, world')],
    ['a truncated zip', DOCX_BYTES.subarray(0, 40)],
    ['"AC10" without a version', Buffer.from('AC10xx')],
  ])('refuses %s', (_label, bytes) => {
    expect(sniffKind(bytes)).toBeNull();
  });

  it('recognises a real .xlsx written by exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('检测').addRow(['项目', '结论']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(sniffKind(bytes)).toBe('xlsx');
  });

  it('reads ZIP entry names from the central directory, and refuses a broken directory', () => {
    expect(zipEntryNames(zipOf({ 'a.txt': 'x', '目录/b.xml': 'y' }))).toEqual(['a.txt', '目录/b.xml']);
    const broken = Buffer.from(DOCX_BYTES);
    broken.writeUInt32LE(0xdeadbeef, broken.length - 6); // central directory offset past the end
    expect(zipEntryNames(broken)).toBeNull();
  });
});

describe('checkDocument: allowed by extension AND content', () => {
  it('accepts a matching file and gives its media type', () => {
    expect(checkDocument('设计方案.PDF', PDF_BYTES, 1024)).toEqual({ kind: 'pdf', mediaType: 'application/pdf', fileName: '设计方案.PDF' });
    expect(checkDocument('照片.jpg', JPEG_BYTES, 1024).mediaType).toBe('image/jpeg');
    expect(checkDocument('施工图.dwg', DWG_BYTES, 1024).mediaType).toBe('image/vnd.dwg');
  });

  it('refuses a renamed file: DOCUMENT_CONTENT_MISMATCH', () => {
    expect(codeOf(() => checkDocument('合同.pdf', EXE_BYTES, 1024))).toBe('DOCUMENT_CONTENT_MISMATCH');
    expect(codeOf(() => checkDocument('合同.pdf', PNG_BYTES, 1024))).toBe('DOCUMENT_CONTENT_MISMATCH');
    expect(codeOf(() => checkDocument('清单.docx', XLSX_BYTES, 1024))).toBe('DOCUMENT_CONTENT_MISMATCH');
    expect(codeOf(() => checkDocument('empty.pdf', Buffer.alloc(0), 1024))).toBe('DOCUMENT_CONTENT_MISMATCH');
  });

  it('refuses a type not on the list: DOCUMENT_TYPE_NOT_ALLOWED', () => {
    expect(codeOf(() => checkDocument('tool.exe', EXE_BYTES, 1024))).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkDocument('archive.zip', PLAIN_ZIP_BYTES, 1024))).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkDocument('no-extension', PDF_BYTES, 1024))).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
  });

  it('refuses a file over the limit: DOCUMENT_TOO_LARGE', () => {
    expect(codeOf(() => checkDocument('big.pdf', Buffer.concat([PDF_BYTES, Buffer.alloc(2000)]), 1024))).toBe('DOCUMENT_TOO_LARGE');
    expect(codeOf(() => checkDocument('exact.pdf', Buffer.concat([PDF_BYTES, Buffer.alloc(1024 - PDF_BYTES.length)]), 1024))).toBeUndefined();
  });
});

describe('file names are kept for display only, cleaned', () => {
  it('keeps the last path segment without control characters', () => {
    expect(cleanFileName('..\\..\\windows\\设计方案.pdf')).toBe('设计方案.pdf');
    expect(cleanFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFileName(' a\u0000b\u202e.pdf ')).toBe('ab.pdf');
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`)).toHaveLength(200);
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`).endsWith('.pdf')).toBe(true);
    expect(codeOf(() => cleanFileName('../'))).toBe('PROJECT_INPUT_INVALID');
    expect(kindOfName('x.JPEG')).toBe('jpeg');
    expect(kindOfName('x.pdf.exe')).toBeNull();
  });
});
