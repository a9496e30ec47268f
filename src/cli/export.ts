import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { AppError } from '../platform/http/errors.js';
import { EXPORT_LISTS, exportList, type ExportFilters, type ExportList } from '../procedures/registry/import/export.actions.js';
import { openDatabase } from './server.js';
import { splitArgs } from './args.js';
import { cliCtxAs } from './cli-context.js';

export const EXPORT_USAGE = `jifang export <sites|findings|devices> --as <username> [--out file.xlsx] [--division 440106] [--site-type key_unit|public_area]
               [--category 4] [--q text] [--article 10] [--status open|resolved] [--has-findings true|false] [--device-kind camera|equipment]
    export a list as .xlsx with that user's scope (recorded in the ledger); default file: the list's Chinese name and today's date.
`;

const FLAG_TO_FILTER: Record<string, keyof ExportFilters> = {
  division: 'division',
  'site-type': 'siteType',
  category: 'category',
  q: 'q',
  article: 'article',
  status: 'status',
  'has-findings': 'hasFindings',
  'device-kind': 'deviceKind',
  placement: 'placement',
  'site-id': 'siteId',
};

export function parseExportArgs(argv: readonly string[]): { list: ExportList; as: string; out?: string; filters: ExportFilters } | string {
  const parsed = splitArgs(argv);
  if (typeof parsed === 'string') return parsed;
  const { positional, flags } = parsed;
  const list = positional[0] as ExportList;
  if (!EXPORT_LISTS.includes(list)) return `list must be one of ${EXPORT_LISTS.join(', ')}`;
  if (!flags.as) return '--as <username> is required (the export is scoped to that user)';
  const filters: Record<string, unknown> = {};
  for (const [flag, v] of Object.entries(flags)) {
    if (flag === 'as' || flag === 'out') continue;
    const key = FLAG_TO_FILTER[flag];
    if (!key) return `unknown option --${flag}`;
    if (key === 'hasFindings') {
      if (v !== 'true' && v !== 'false') return '--has-findings must be true or false';
      filters.hasFindings = v === 'true';
    } else filters[key] = v;
  }
  if (filters.division !== undefined && !/^\d{6}$/.test(String(filters.division))) return '--division must be a 6-digit division code';
  if (filters.status !== undefined && filters.status !== 'open' && filters.status !== 'resolved') return '--status must be open or resolved';
  return { list, as: flags.as, out: flags.out, filters: filters as ExportFilters };
}

/** `jifang export …`: writes the .xlsx (via a temporary file, so an interrupted export leaves nothing half-written). */
export async function runExport(argv: readonly string[], io: { out?: NodeJS.WritableStream; err?: NodeJS.WritableStream } = {}): Promise<number> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  const args = parseExportArgs(argv);
  if (typeof args === 'string') {
    err.write(`${args}\n\nusage: ${EXPORT_USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  let tmp: string | null = null;
  try {
    await migrateToLatest(db.db);
    const ctx = await cliCtxAs(db, config, args.as, err);
    if (!ctx) return 2;
    const result = await exportList(ctx, args.list, args.filters);
    const target = args.out ?? result.fileName;
    tmp = `${target}.part`;
    await pipeline(result.stream, createWriteStream(tmp), { signal: controller.signal });
    await rename(tmp, target);
    tmp = null;
    out.write(`${target}: ${result.rows} rows\n`);
    return 0;
  } catch (e) {
    if (controller.signal.aborted) {
      err.write('export interrupted; no file written\n');
      return 130;
    }
    if (e instanceof AppError) {
      err.write(`${e.detail.zh} (${e.detail.en})\n`);
      return 1;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    if (tmp) await rm(tmp, { force: true });
    await db.close();
  }
}
