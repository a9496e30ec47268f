import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { assertCan } from '../../../platform/access/access.js';
import { audit } from '../../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../../platform/context.js';
import { hashHex } from '../../../platform/crypto/hash.js';
import type { ImportJobsTable } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/http/errors.js';
import { loadCatalogueInForce } from '../catalogue.actions.js';
import { requireSignedIn } from '../registry.access.js';
import { IMPORT_KINDS, IMPORT_MODES, mapHeaders, type ImportKind, type ImportMode } from './import.columns.js';
import { recomputeSites } from './import.core.js';
import { parseSheet, type FileFormat, type ParsedSheet } from './import.parse.js';
import { convertRow, PLANNERS, writeOps, type PlanEnv, type PlannedOp, type ReportEntry } from './import.plan.js';

/**
 * One import job: parse → check every row → write (per mode) → one ledger entry per commit.
 *
 * Modes:
 * - `dry_run`: every row is checked against the database exactly as a real import would, nothing
 *   is written except the job row itself (no registry rows, no findings, no ledger entry).
 * - `all_or_nothing`: a checking pass first (no lock held); if any row fails, nothing is written.
 *   Otherwise one transaction re-checks and writes every row, recomputes the findings of every
 *   affected site and appends one `import.completed` entry; an error or an interruption anywhere
 *   rolls all of it back.
 * - `valid_rows_only`: rows are committed in groups of COMMIT_ROWS; each group's transaction holds
 *   its rows, their sites' findings and one `import.completed` entry (the ledger's rule: an entry
 *   commits with the change it records). Invalid rows are reported and skipped. An interruption
 *   rolls back only the group in progress; the job is marked `interrupted` with the rows
 *   committed so far, and re-running the same file is safe (natural keys match what was written).
 *
 * One ledger entry per commit instead of one per row: the entry's `after` digest covers every
 * written row of that commit and its `detail` holds the file's digest and the counts, so the
 * ledger still pins exactly what changed, without 100,000 entries (and 100,000 serialised head
 * updates) for one spreadsheet. The findings the import opens get their own entries from the core.
 */

export const CHUNK_ROWS = 500;
export const COMMIT_ROWS = 5_000;
/** Errors kept with the job (the downloadable report); the JSON view shows the first REPORT_VIEW_CAP. */
export const REPORT_STORE_CAP = 10_000;
export const REPORT_VIEW_CAP = 1_000;

export type JobStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';
export type JobPhase = 'parsing' | 'checking' | 'writing' | 'done';

export interface JobView {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string;
  status: JobStatus;
  phase: JobPhase;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  errorCount: number;
  counts: { inserted: number; updated: number; unchanged: number };
  createdAt: string;
  finishedAt: string | null;
  report: ReportEntry[];
  reportTruncated: boolean;
}

interface StoredReport {
  errors: ReportEntry[];
  counts: { inserted: number; updated: number; unchanged: number };
  fileDigest?: string;
  encoding?: string;
  ignoredColumns?: string[];
}

/** Jobs running in this process, for live progress (an all-or-nothing write is not visible in the table until it commits). */
const live = new Map<string, JobView>();
const running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

export function liveJob(id: string): JobView | undefined {
  return live.get(id);
}

/** Abort every job of this process and wait for each to roll back or record how far it got (server shutdown). */
export async function interruptAllJobs(): Promise<void> {
  const all = [...running.values()];
  for (const j of all) j.controller.abort();
  await Promise.allSettled(all.map((j) => j.done));
}

export function isImportKind(v: unknown): v is ImportKind {
  return typeof v === 'string' && (IMPORT_KINDS as readonly string[]).includes(v);
}
export function isImportMode(v: unknown): v is ImportMode {
  return typeof v === 'string' && (IMPORT_MODES as readonly string[]).includes(v);
}

/** May this actor import at all? (Per-row access is checked again for every row.) */
export function authoriseImport(ctx: Ctx): void {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'registry.import');
}

export async function createImportJob(ctx: Ctx, input: { kind: ImportKind; mode: ImportMode; fileName: string }): Promise<string> {
  authoriseImport(ctx);
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('import_jobs')
    .values({ id, kind: input.kind, mode: input.mode, file_name: input.fileName.slice(0, 255), status: 'running', total_rows: 0, processed_rows: 0, imported_rows: 0, error_count: 0, created_by: ctx.actor.userId, created_at: now })
    .execute();
  live.set(id, {
    id,
    kind: input.kind,
    mode: input.mode,
    fileName: input.fileName.slice(0, 255),
    status: 'running',
    phase: 'parsing',
    totalRows: 0,
    processedRows: 0,
    importedRows: 0,
    errorCount: 0,
    counts: { inserted: 0, updated: 0, unchanged: 0 },
    createdAt: now,
    finishedAt: null,
    report: [],
    reportTruncated: false,
  });
  return id;
}

export interface RunOptions {
  format: FileFormat;
  bytes: Uint8Array;
  signal?: AbortSignal;
  onProgress?: (job: JobView) => void;
}

class Interrupted extends Error {}
class RolledBack extends Error {}

/**
 * Runs a created job to its end and returns its final view. Problems with the file or its rows
 * end up in the job (status `failed` with a report), never as an exception; an unexpected
 * database error marks the job failed and is rethrown.
 */
export function runImportJob(ctx: Ctx, jobId: string, opts: RunOptions): Promise<JobView> {
  const job = live.get(jobId);
  if (!job) throw new AppError('NOT_FOUND');
  const controller = new AbortController();
  const signal = opts.signal ? AbortSignal.any([controller.signal, opts.signal]) : controller.signal;
  const done = execute(ctx, job, { ...opts, signal }).finally(() => {
    running.delete(jobId);
    live.delete(jobId);
  });
  running.set(jobId, { controller, done });
  return done;
}

async function execute(ctx: Ctx, job: JobView, opts: RunOptions & { signal: AbortSignal }): Promise<JobView> {
  const errors: ReportEntry[] = [];
  let errorCount = 0;
  const report = (e: ReportEntry) => {
    errorCount++;
    if (errors.length < REPORT_STORE_CAP) errors.push(e);
  };
  const stored: StoredReport = { errors, counts: job.counts };
  const progress = () => {
    job.errorCount = errorCount;
    job.report = errors.slice(0, REPORT_VIEW_CAP);
    job.reportTruncated = errorCount > REPORT_VIEW_CAP;
    opts.onProgress?.(job);
  };
  const persist = (db: DbOrTrx, status: JobStatus = job.status) =>
    db
      .updateTable('import_jobs')
      .set({
        status,
        total_rows: job.totalRows,
        processed_rows: job.processedRows,
        imported_rows: job.importedRows,
        error_count: errorCount,
        report: JSON.stringify(stored),
        finished_at: status === 'running' ? null : ctx.clock.now().toISOString(),
      })
      .where('id', '=', job.id)
      .execute();
  const finish = async (status: JobStatus): Promise<JobView> => {
    job.status = status;
    job.phase = 'done';
    job.finishedAt = ctx.clock.now().toISOString();
    progress();
    await persist(ctx.db, status);
    return { ...job };
  };

  try {
    // Parse the whole file first: the row count makes the progress a percentage.
    let sheet: ParsedSheet;
    try {
      sheet = await parseSheet(opts.format, opts.bytes);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      report({ row: 0, column: '', message: e.detail.zh, messageEn: e.detail.en });
      return await finish('failed');
    }
    stored.fileDigest = hashHex(ctx.config.ledgerHash, opts.bytes);
    stored.encoding = sheet.encoding;
    const headers = mapHeaders(job.kind, sheet.headers);
    stored.ignoredColumns = headers.unknown;
    job.totalRows = sheet.rows.length;
    for (const d of headers.duplicates) report({ row: 1, column: d, message: `列“${d}”重复出现`, messageEn: `Column "${d}" appears twice` });
    for (const m of headers.missing) report({ row: 1, column: m.zh, message: `缺少必需的列“${m.zh}”`, messageEn: `Required column "${m.zh}" (${m.en}) is missing` });
    if (errorCount > 0) return await finish('failed');
    if (sheet.rows.length === 0) {
      report({ row: 0, column: '', message: '文件中没有数据行', messageEn: 'The file has no data rows' });
      return await finish('failed');
    }

    const catalogue = job.kind === 'sites' ? await loadCatalogueInForce(ctx.db, ctx.clock.today()) : undefined;
    if (job.kind === 'sites' && !catalogue) {
      const e = new AppError('CATALOGUE_NOT_PUBLISHED');
      report({ row: 0, column: '', message: e.detail.zh, messageEn: e.detail.en });
      return await finish('failed');
    }
    const newEnv = (): PlanEnv => ({
      ctx,
      kind: job.kind,
      headers,
      catalogue,
      now: ctx.clock.now().toISOString(),
      today: ctx.clock.today(),
      seen: new Map(),
    });
    const plan = PLANNERS[job.kind];
    const chunks: (typeof sheet.rows)[] = [];
    for (let i = 0; i < sheet.rows.length; i += CHUNK_ROWS) chunks.push(sheet.rows.slice(i, i + CHUNK_ROWS));
    const check = () => {
      if (opts.signal.aborted) throw new Interrupted();
    };
    const count = (ops: PlannedOp[]) => {
      for (const o of ops) job.counts[o.op === 'insert' ? 'inserted' : o.op === 'update' ? 'updated' : 'unchanged']++;
      job.importedRows += ops.length;
    };
    const ledger = (trx: DbOrTrx, ops: PlannedOp[], detail: Record<string, unknown>) =>
      audit(ctx, trx, {
        action: 'import.completed',
        objectType: 'import_job',
        objectId: job.id,
        after: ops.filter((o) => o.op !== 'unchanged').map((o) => ({ row: o.row, op: o.op, table: o.table, id: o.id, values: o.values, certificates: o.certificates ?? [] })),
        detail: {
          kind: job.kind,
          mode: job.mode,
          fileDigest: stored.fileDigest,
          inserted: ops.filter((o) => o.op === 'insert').length,
          updated: ops.filter((o) => o.op === 'update').length,
          unchanged: ops.filter((o) => o.op === 'unchanged').length,
          ...detail,
        },
      });
    const writeAndRecompute = async (trx: DbOrTrx, ops: PlannedOp[]) => {
      const now = ctx.clock.now().toISOString();
      await writeOps(trx, ops, now);
      await recomputeSites(ctx, trx, new Set(ops.filter((o) => o.op !== 'unchanged').map((o) => o.siteId)));
    };

    try {
      if (job.mode === 'dry_run' || job.mode === 'all_or_nothing') {
        // Checking pass: read-only, so no lock is held while thousands of rows are validated.
        job.phase = 'checking';
        const env = newEnv();
        let sinceSave = 0;
        for (const rows of chunks) {
          check();
          const converted = rows.map((r) => convertRow(env, r));
          const ops = await plan(env, ctx.db, converted);
          for (const r of converted) for (const e of r.errors) report(e);
          if (job.mode === 'dry_run') count(ops);
          job.processedRows += rows.length;
          progress();
          if ((sinceSave += rows.length) >= COMMIT_ROWS) {
            sinceSave = 0;
            await persist(ctx.db);
          }
        }
        if (job.mode === 'dry_run') return await finish('succeeded');
        if (errorCount > 0) return await finish('failed');

        // Writing pass: one transaction; anything unexpected (a concurrent change) rolls all back.
        job.phase = 'writing';
        progress();
        const wenv = newEnv();
        await ctx.db.transaction().execute(async (trx) => {
          const all: PlannedOp[] = [];
          for (const rows of chunks) {
            check();
            const converted = rows.map((r) => convertRow(wenv, r));
            const ops = await plan(wenv, trx, converted);
            const rowErrors = converted.flatMap((r) => r.errors);
            if (rowErrors.length) {
              for (const e of rowErrors) report(e);
              throw new RolledBack();
            }
            await writeAndRecompute(trx, ops);
            count(ops);
            all.push(...ops);
            progress();
          }
          await ledger(trx, all, { rows: job.totalRows, final: true });
          job.status = 'succeeded';
          await persist(trx, 'succeeded');
        });
        return await finish('succeeded');
      }

      // valid_rows_only: groups of COMMIT_ROWS rows, each in its own transaction.
      job.phase = 'writing';
      const env = newEnv();
      const perCommit = Math.max(1, Math.floor(COMMIT_ROWS / CHUNK_ROWS));
      for (let g = 0; g < chunks.length; g += perCommit) {
        check();
        const group = chunks.slice(g, g + perCommit);
        const seenBefore = new Map(env.seen);
        const groupErrors: ReportEntry[] = [];
        const groupOps: PlannedOp[] = [];
        const groupRows = group.reduce((n, rows) => n + rows.length, 0);
        try {
          await ctx.db.transaction().execute(async (trx) => {
            for (const rows of group) {
              check();
              const converted = rows.map((r) => convertRow(env, r));
              const ops = await plan(env, trx, converted);
              for (const r of converted) groupErrors.push(...r.errors);
              await writeAndRecompute(trx, ops);
              groupOps.push(...ops);
            }
            const first = group[0][0].row;
            const last = group.at(-1)!.at(-1)!.row;
            await ledger(trx, groupOps, { rows: `${first}-${last}`, part: g / perCommit + 1, errors: groupErrors.length });
            for (const e of groupErrors) report(e);
            count(groupOps);
            job.processedRows += groupRows;
            await persist(trx);
          });
        } catch (e) {
          // Nothing of this group was committed: forget what it counted and saw.
          env.seen = seenBefore;
          throw e;
        }
        progress();
      }
      return await finish('succeeded');
    } catch (e) {
      if (e instanceof Interrupted) {
        if (job.mode === 'all_or_nothing') {
          job.importedRows = 0;
          job.counts.inserted = job.counts.updated = job.counts.unchanged = 0;
        }
        return await finish('interrupted');
      }
      if (e instanceof RolledBack) {
        job.importedRows = 0;
        job.counts.inserted = job.counts.updated = job.counts.unchanged = 0;
        return await finish('failed');
      }
      throw e;
    }
  } catch (e) {
    ctx.log.error({ err: e, jobId: job.id }, 'import job failed');
    report({ row: 0, column: '', message: '导入时发生系统错误，已写入的批次见导入记录', messageEn: 'A system error stopped the import; see the job for committed rows' });
    await finish('failed').catch(() => undefined);
    throw e;
  }
}

/** A job as stored: its owner and the province see it; anyone else gets 404. */
export async function getImportJob(ctx: Ctx, id: string, opts: { reportCap?: number } = {}): Promise<JobView & { allErrors: ReportEntry[] }> {
  authoriseImport(ctx);
  const row = await ctx.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.created_by !== ctx.actor.userId && ctx.actor.role !== 'province_officer')) throw new AppError('NOT_FOUND');
  const l = live.get(id);
  if (l) return { ...l, allErrors: l.report };
  return viewOf(row, opts.reportCap ?? REPORT_VIEW_CAP);
}

function viewOf(row: Selectable<ImportJobsTable>, cap: number): JobView & { allErrors: ReportEntry[] } {
  const stored = (row.report ? JSON.parse(row.report) : { errors: [], counts: { inserted: 0, updated: 0, unchanged: 0 } }) as StoredReport;
  const errorCount = Number(row.error_count);
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    mode: row.mode as ImportMode,
    fileName: row.file_name,
    status: row.status as JobStatus,
    phase: row.status === 'running' ? 'writing' : 'done',
    totalRows: Number(row.total_rows),
    processedRows: Number(row.processed_rows),
    importedRows: Number(row.imported_rows),
    errorCount,
    counts: stored.counts,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    report: stored.errors.slice(0, cap),
    reportTruncated: errorCount > Math.min(cap, stored.errors.length),
    allErrors: stored.errors,
  };
}
