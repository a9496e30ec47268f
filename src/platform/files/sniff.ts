import { AppError } from '../http/errors.js';

/**
 * What a project document really is, judged by its first bytes (magic numbers), never by the
 * name or the Content-Type the client sends. A file is accepted only when its extension names an
 * allowed type AND its content is that type (art. 17 documents are evidence; a renamed executable
 * must not be stored as "contract.pdf"). Plain ZIP archives are not accepted: their content
 * cannot be judged without unpacking them.
 */
export const DOCUMENT_KINDS = ['pdf', 'png', 'jpeg', 'ofd', 'docx', 'xlsx', 'dwg'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const MEDIA_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  dwg: 'image/vnd.dwg',
};

const EXTENSIONS: Record<string, DocumentKind> = {
  pdf: 'pdf',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  ofd: 'ofd',
  docx: 'docx',
  xlsx: 'xlsx',
  dwg: 'dwg',
};

/** The kind an (already cleaned) file name claims by its extension, or null. */
export function kindOfName(fileName: string): DocumentKind | null {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return m ? (EXTENSIONS[m[1]!.toLowerCase()] ?? null) : null;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/** The kind the content is, or null when it is none of the allowed kinds. */
export function sniffKind(bytes: Uint8Array): DocumentKind | null {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  // AutoCAD DWG: "AC10" + two digits of the format version (AC1012 … AC1032).
  if (bytes.length >= 6 && /^AC10\d\d$/.test(String.fromCharCode(...bytes.subarray(0, 6)))) return 'dwg';
  if (startsWith(bytes, ZIP_LOCAL)) return zipKind(zipEntryNames(bytes));
  return null;
}

/** OFD (GB/T 33190: `OFD.xml` at the root), DOCX (`word/document.xml`), XLSX (`xl/workbook.xml`). */
function zipKind(names: string[] | null): DocumentKind | null {
  if (!names) return null;
  const set = new Set(names);
  if (set.has('OFD.xml')) return 'ofd';
  if (set.has('[Content_Types].xml') && set.has('word/document.xml')) return 'docx';
  if (set.has('[Content_Types].xml') && set.has('xl/workbook.xml')) return 'xlsx';
  return null;
}

/**
 * Entry names from the ZIP central directory (found through the end-of-central-directory record
 * in the last 64 KiB + 22 bytes), or null when the structure is broken. Nothing is decompressed.
 */
export function zipEntryNames(bytes: Uint8Array, maxEntries = 10_000): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const floor = Math.max(0, bytes.length - (0xffff + 22));
  let eocd = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (offset + size > eocd || count > maxEntries) return null;
  const names: string[] = [];
  let p = offset;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) return null;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > eocd) return null;
    names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/**
 * A client's file name made safe to keep and show: the last path segment, trimmed, without
 * control or bidirectional-override characters, at most 200 characters. It is only ever shown
 * and sent back in Content-Disposition; it never names a file on disk.
 */
export function cleanFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!cleaned || cleaned === '.' || cleaned === '..') {
    throw new AppError('PROJECT_INPUT_INVALID', { zh: '文件名无效', en: 'The file name is invalid' }, { article: '17' });
  }
  if (cleaned.length <= 200) return cleaned;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(cleaned)?.[0] ?? '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

export interface CheckedDocument {
  kind: DocumentKind;
  mediaType: string;
  fileName: string;
}

/**
 * Allowed by extension AND content: an unknown or missing extension → DOCUMENT_TYPE_NOT_ALLOWED;
 * an allowed extension whose content is another (or no) allowed type → DOCUMENT_CONTENT_MISMATCH;
 * over the size limit → DOCUMENT_TOO_LARGE.
 */
export function checkDocument(rawFileName: string, bytes: Uint8Array, maxBytes: number): CheckedDocument {
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  const fileName = cleanFileName(rawFileName);
  const claimed = kindOfName(fileName);
  if (!claimed) throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED', undefined, { article: '17' });
  const actual = sniffKind(bytes);
  if (actual !== claimed) {
    throw new AppError('DOCUMENT_CONTENT_MISMATCH', undefined, { article: '17', extra: { declared: claimed, detected: actual } });
  }
  return { kind: actual, mediaType: MEDIA_TYPES[actual], fileName };
}

export function tooLarge(maxBytes: number): AppError {
  const mib = Math.floor((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError(
    'DOCUMENT_TOO_LARGE',
    { zh: `文件超过大小限制（${mib} MiB）`, en: `The file exceeds the size limit (${mib} MiB)` },
    { extra: { maxBytes } },
  );
}
