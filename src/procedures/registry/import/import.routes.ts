import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../../platform/http/app.js';
import type { AppDeps } from '../../../platform/http/deps.js';
import { attachment } from '../../../platform/files/download.js';
import { AppError } from '../../../platform/http/errors.js';
import { ctxOf, noStore } from '../../../platform/http/request-context.js';
import { IMPORT_KINDS, IMPORT_MODES } from './import.columns.js';
import { EXPORT_LISTS, exportList } from './export.actions.js';
import { authoriseImport, createImportJob, getImportJob, liveJob, runImportJob, type JobView } from './import.job.js';
import { assertContentMatches, formatOf, looksLikeZip, type FileFormat } from './import.parse.js';
import { reportWorkbook, templateWorkbook } from './import.workbooks.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Upload ceiling for one import file (a 200,000-row sites sheet is ~15 MB as .xlsx, ~30 MB as CSV). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** How long POST waits for the job before answering 202 and letting it finish in the background. */
export const SYNC_WAIT_MS = 2_000;

const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const ProblemView = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String(), article: Type.Optional(Type.String()) },
  { additionalProperties: true },
);
const ReportEntryView = Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String(), messageEn: Type.String() });
const JobViewSchema = Type.Object({
  id: Type.String(),
  kind: Literals(IMPORT_KINDS),
  mode: Literals(IMPORT_MODES),
  fileName: Type.String(),
  status: Literals(['running', 'succeeded', 'failed', 'interrupted'] as const),
  phase: Literals(['parsing', 'checking', 'writing', 'done'] as const),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  importedRows: Type.Integer(),
  errorCount: Type.Integer(),
  counts: Type.Object({ inserted: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  report: Type.Array(ReportEntryView, { description: 'The first 1,000 row problems; `errorCount` is the total' }),
  reportTruncated: Type.Boolean(),
});
const Xlsx = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: XLSX_TYPE });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const ImportQuery = Type.Object({
  kind: Literals(IMPORT_KINDS),
  mode: Literals(IMPORT_MODES),
  fileName: Type.Optional(Type.String({ maxLength: 255, description: 'Original file name (shown in the job list; its extension decides the format for application/octet-stream)' })),
});
const TemplateQuery = Type.Object({ kind: Literals(IMPORT_KINDS) });
const ExportQuery = Type.Object({
  list: Literals(EXPORT_LISTS),
  siteType: Type.Optional(Literals(['key_unit', 'public_area'] as const)),
  division: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  category: Type.Optional(Type.String({ maxLength: 16 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  hasFindings: Type.Optional(Literals(['true', 'false'] as const)),
  article: Type.Optional(Type.String({ maxLength: 16 })),
  status: Type.Optional(Literals(['open', 'resolved'] as const)),
  deviceKind: Type.Optional(Literals(['camera', 'equipment'] as const)),
  placement: Type.Optional(Literals(['public_area', 'inside_unit', 'privacy'] as const)),
  siteId: Type.Optional(Type.String({ maxLength: 64 })),
});

const present = (j: JobView) => j;

/** Bulk import and export of the registry (issue 3): files in, jobs with per-row reports, lists out as .xlsx. */
export function importRoutes(app: App, deps: AppDeps): void {
  const tags = ['registry'];
  const errors = { '4xx': ProblemView };

  // The raw file is the body. These parsers exist only inside this plugin; nothing here is executed.
  app.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  // Jobs started by this app instance: a shutdown interrupts them and waits for their rollback.
  const shutdown = new AbortController();
  const pending = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    shutdown.abort();
    await Promise.allSettled([...pending]);
  });

  app.post(
    '/api/registry/imports',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      // Refuse callers who may not import before a 50 MB body is read.
      onRequest: async (req) => authoriseImport(ctxOf(req, deps)),
      schema: {
        tags,
        summary: 'Import sites, systems or devices from a .xlsx or .csv file (dry run, all-or-nothing, or valid rows only)',
        description:
          'The request body is the file itself (max 50 MB): `text/csv` (UTF-8 with or without BOM, or GB18030/GBK), ' +
          `\`${XLSX_TYPE}\`, or \`application/octet-stream\` (format from the file name's extension or the content). ` +
          'The content must match the declared type (an .xlsx starts with the ZIP signature). The first row is the header ' +
          '(Chinese headers as in the template, English field names accepted). Answers 201 with the finished job when it ' +
          'completes within 2 seconds, else 202 with the running job: poll GET /api/registry/imports/{id}.',
        consumes: ['text/csv', XLSX_TYPE, 'application/octet-stream'],
        querystring: ImportQuery,
        response: { 201: JobViewSchema, 202: JobViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const { kind, mode } = req.query;
      const declared = formatOf(req.headers['content-type'], undefined);
      const format: FileFormat = declared ?? formatOf(undefined, req.query.fileName) ?? (looksLikeZip(body) ? 'xlsx' : 'csv');
      assertContentMatches(format, body);
      const fileName = req.query.fileName?.trim() || `upload.${format}`;
      const id = await createImportJob(ctx, { kind, mode, fileName });
      const done = runImportJob(ctx, id, { format, bytes: body, signal: shutdown.signal });
      pending.add(done);
      void done.catch(() => undefined).finally(() => pending.delete(done));
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        done.then((job) => ({ job })),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SYNC_WAIT_MS))),
      ]).finally(() => clearTimeout(timer));
      if (waited) return noStore(reply).code(201).send(present(waited.job));
      const running = liveJob(id) ?? (await getImportJob(ctx, id));
      return noStore(reply).code(202).header('location', `/api/registry/imports/${id}`).send(present(running));
    },
  );

  app.get(
    '/api/registry/imports/template',
    { schema: { tags, summary: 'An import template (.xlsx): the Chinese headers, an example row and a notes sheet', querystring: TemplateQuery, produces: [XLSX_TYPE], response: { 200: Xlsx, ...errors } } },
    async (req, reply) => {
      authoriseImport(ctxOf(req, deps));
      const { fileName, bytes } = await templateWorkbook(req.query.kind);
      return noStore(reply).type(XLSX_TYPE).header('content-disposition', attachment(fileName)).send(bytes);
    },
  );

  app.get(
    '/api/registry/imports/:id',
    { schema: { tags, summary: 'An import job: progress, counts and the per-row report (first 1,000 problems)', params: IdParams, response: { 200: JobViewSchema, ...errors } } },
    async (req, reply) => {
      const { allErrors: _all, ...job } = await getImportJob(ctxOf(req, deps), req.params.id);
      return noStore(reply).send(present(job));
    },
  );

  app.get(
    '/api/registry/imports/:id/report.xlsx',
    { schema: { tags, summary: 'An import job’s problems as .xlsx (row, column, message in Chinese and English; up to 10,000)', params: IdParams, produces: [XLSX_TYPE], response: { 200: Xlsx, ...errors } } },
    async (req, reply) => {
      const job = await getImportJob(ctxOf(req, deps), req.params.id, { reportCap: Number.MAX_SAFE_INTEGER });
      const bytes = await reportWorkbook(job.allErrors, job.errorCount);
      const stem = job.fileName.replace(/\.[^.]*$/, '');
      return noStore(reply).type(XLSX_TYPE).header('content-disposition', attachment(`${stem}-错误报告.xlsx`)).send(bytes);
    },
  );

  app.get(
    '/api/registry/export',
    {
      schema: {
        tags,
        summary: 'Export a filtered list (sites, findings or devices) as .xlsx, within the caller’s jurisdiction; recorded in the ledger',
        querystring: ExportQuery,
        produces: [XLSX_TYPE],
        response: { 200: Xlsx, ...errors },
      },
    },
    async (req, reply) => {
      const { list, hasFindings, ...rest } = req.query;
      const result = await exportList(ctxOf(req, deps), list, { ...rest, hasFindings: hasFindings === undefined ? undefined : hasFindings === 'true' });
      return noStore(reply).type(XLSX_TYPE).header('content-disposition', attachment(result.fileName)).header('x-export-rows', String(result.rows)).send(result.stream);
    },
  );
}
