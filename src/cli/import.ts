import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadConfig } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { AppError } from '../platform/http/errors.js';
import { IMPORT_KINDS, IMPORT_MODES } from '../procedures/registry/import/import.columns.js';
import { createImportJob, isImportKind, isImportMode, runImportJob, type JobView } from '../procedures/registry/import/import.job.js';
import { formatOf, looksLikeZip, type FileFormat } from '../procedures/registry/import/import.parse.js';
import { openDatabase } from './server.js';

/** Where progress goes: a terminal gets a redrawn bar, anything else (CI logs, files) plain lines. */
import { progressReporter, type ProgressReporter, type ProgressStream } from './progress.js';
import { splitArgs } from './args.js';
import { cliCtxAs } from './cli-context.js';

export const IMPORT_USAGE = `jifang import <sites|systems|devices> <file.xlsx|file.csv> --as <username> [--mode dry_run|all_or_nothing|valid_rows_only] [--report <n>]
    import a spreadsheet as that user (same access, rules and ledger as the web import);
    default mode dry_run; prints the first n row problems (default 50). Exit 0 succeeded, 1 failed, 2 usage, 130 interrupted.
`;

interface ImportArgs {
  kind: (typeof IMPORT_KINDS)[number];
  file: string;
  as: string;
  mode: (typeof IMPORT_MODES)[number];
  report: number;
}

export function parseImportArgs(argv: readonly string[]): ImportArgs | string {
  const parsed = splitArgs(argv);
  if (typeof parsed === 'string') return parsed;
  const { positional, flags } = parsed;
  const [kind, file] = positional;
  if (!isImportKind(kind)) return `kind must be one of ${IMPORT_KINDS.join(', ')}`;
  if (!file) return 'a file is required';
  if (!flags.as) return '--as <username> is required (the import runs with that user’s permissions)';
  const mode = flags.mode ?? 'dry_run';
  if (!isImportMode(mode)) return `--mode must be one of ${IMPORT_MODES.join(', ')}`;
  const report = flags.report === undefined ? 50 : Number(flags.report);
  if (!Number.isInteger(report) || report < 0) return '--report must be a whole number';
  return { kind, file, as: flags.as, mode, report };
}

/** `jifang import …`: returns the exit code. SIGINT interrupts cleanly (see the job's modes). */
export async function runImport(argv: readonly string[], io: { out?: NodeJS.WritableStream; err?: ProgressStream } = {}): Promise<number> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  const args = parseImportArgs(argv);
  if (typeof args === 'string') {
    err.write(`${args}\n\nusage: ${IMPORT_USAGE}`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(args.file);
  } catch (e) {
    err.write(`cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  const format: FileFormat = formatOf(undefined, args.file) ?? (looksLikeZip(bytes) ? 'xlsx' : 'csv');
  const config = loadConfig();
  const db = openDatabase(config);
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) return;
    err.write('\ninterrupting: finishing the current step…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    await migrateToLatest(db.db);
    const ctx = await cliCtxAs(db, config, args.as, err);
    if (!ctx) return 2;
    const id = await createImportJob(ctx, { kind: args.kind, mode: args.mode, fileName: basename(args.file) });
    const bar = progressBar(err);
    const job = await runImportJob(ctx, id, { format, bytes, signal: controller.signal, onProgress: bar.update });
    bar.finish();
    printJob(out, job, args.report);
    if (job.status === 'interrupted') return 130;
    return job.status === 'succeeded' ? 0 : 1;
  } catch (e) {
    if (e instanceof AppError) {
      err.write(`${e.detail.zh} (${e.detail.en})\n`);
      return 1;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    await db.close();
  }
}

function printJob(out: NodeJS.WritableStream, job: JobView, cap: number): void {
  const c = job.counts;
  out.write(
    `import ${job.id}: ${job.status} (${job.mode}) — ${job.processedRows}/${job.totalRows} rows checked, ` +
      `${job.importedRows} ${job.mode === 'dry_run' ? 'would be imported' : 'imported'} (new ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}), ${job.errorCount} problems\n`,
  );
  for (const e of job.report.slice(0, cap)) out.write(`  第 ${e.row} 行${e.column ? ` [${e.column}]` : ''}: ${e.message}\n`);
  if (job.errorCount > Math.min(cap, job.report.length)) {
    out.write(`  … ${job.errorCount - Math.min(cap, job.report.length)} more (the job's report.xlsx lists up to 10,000)\n`);
  }
  if (job.status === 'interrupted') {
    out.write(
      job.mode === 'valid_rows_only'
        ? `  interrupted after ${job.processedRows} rows were committed; re-running the same file is safe (rows already imported are matched and left unchanged)\n`
        : '  interrupted; nothing was written\n',
    );
  }
}

/** all_or_nothing checks every row, then writes: one bar per pass, drawn by the shared reporter. */
function progressBar(err: ProgressStream) {
  let phase = '';
  let bar: ProgressReporter | null = null;
  return {
    update(job: JobView): void {
      const label = job.phase === 'checking' ? 'import checking' : 'import writing';
      if (label !== phase) {
        bar?.finish();
        bar = progressReporter(label, err);
        phase = label;
      }
      const done = job.phase === 'writing' && job.mode === 'all_or_nothing' ? job.importedRows : job.processedRows;
      bar!.update(done, job.totalRows);
    },
    finish(): void {
      bar?.finish();
    },
  };
}
