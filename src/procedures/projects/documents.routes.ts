import { Type } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { sendStoredFile } from '../../platform/files/download.js';
import { ProblemView } from '../qualification/qualification.schemas.js';
import { authoriseUpload, DOC_CLASSES, openDocument, uploadDocument, type DocClass } from './documents.actions.js';
import { tooLarge } from '../../platform/files/sniff.js';

const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const DocumentView = Type.Object({
  id: Type.String(),
  projectId: Type.String(),
  docClass: literals(DOC_CLASSES),
  round: Type.Integer({ description: 'Submission round (0 = first submission, +1 after each supplement)' }),
  fileName: Type.String({ description: 'The name the uploader gave (display only; stored under a generated name)' }),
  mediaType: Type.String({ description: 'Detected from the content, not taken from the client' }),
  sizeBytes: Type.Integer(),
  digest: Type.String({ description: 'Hex digest of the bytes (also in the ledger entry)' }),
  alg: Type.String({ description: 'Digest algorithm: sm3 (default) or sha256' }),
  uploadedAt: Type.String(),
  downloadUrl: Type.String(),
});

const UploadParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const UploadQuery = Type.Object({
  docClass: literals(DOC_CLASSES),
  fileName: Type.String({ minLength: 1, maxLength: 255, description: 'Original file name; its extension must match the content' }),
});
const DocParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), docId: Type.String({ minLength: 1, maxLength: 64 }) });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

/** Project documents: raw-body upload (content-checked, stored under generated names) and audited download. */
export function documentRoutes(app: App, deps: AppDeps): void {
  const tags = ['projects'];
  const errors = { '4xx': ProblemView };
  const maxBytes = deps.config.documentMaxBytes;

  // The raw file is the body, whatever type the browser declares: the content decides (platform/files/sniff.ts).
  // This parser exists only inside this plugin; nothing received is ever executed or unpacked.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
  // A body over the limit is this procedure's DOCUMENT_TOO_LARGE (413), not the generic one.
  app.setErrorHandler((err: FastifyError) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge(maxBytes);
    throw err;
  });

  app.put(
    '/api/projects/:id/documents',
    {
      bodyLimit: maxBytes,
      // Refuse callers who may not upload here, and declared sizes over the limit, before reading the body.
      onRequest: async (req) => {
        const q = req.query as Record<string, unknown>;
        const id = (req.params as Record<string, unknown>).id;
        if (typeof id !== 'string' || id.length > 64) throw new AppError('NOT_FOUND');
        await authoriseUpload(ctxOf(req, deps), id, q.docClass, req.headers['content-length']);
      },
      schema: {
        tags,
        summary: 'Upload one document of a project (raw body; PDF, PNG, JPEG, OFD, DOCX, XLSX, DWG)',
        description:
          'The request body is the file itself, with `Content-Type: application/octet-stream` or the file’s own type. ' +
          `At most ${maxBytes} bytes (JIFANG_DOCUMENT_MAX_BYTES; larger → 413 DOCUMENT_TOO_LARGE). The extension of ` +
          '`fileName` must name an allowed type (else 415 DOCUMENT_TYPE_NOT_ALLOWED) and the content must be that type ' +
          '(else 415 DOCUMENT_CONTENT_MISMATCH). Who may upload: the applicant the five classes and `supplement` in draft or ' +
          'supplement_required, `acceptance` after approval; the designated testing institution `test_report`. ' +
          'Ledger `project.document_uploaded` with the SM3 digest.',
        params: UploadParams,
        querystring: UploadQuery,
        response: { 201: DocumentView, ...errors },
      },
    },
    async (req, reply) => {
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const doc = await uploadDocument(ctxOf(req, deps), req.params.id, { docClass: req.query.docClass as DocClass, fileName: req.query.fileName, bytes: body });
      return noStore(reply).code(201).send(doc);
    },
  );

  app.get(
    '/api/projects/:id/documents/:docId',
    {
      schema: {
        tags,
        summary: 'Download a project document (whoever may see the project; recorded in the ledger as project.document_read)',
        params: DocParams,
        produces: ['application/octet-stream'],
        response: { 200: Binary, ...errors },
      },
    },
    async (req, reply) => {
      const { view, stream, size } = await openDocument(ctxOf(req, deps), req.params.id, req.params.docId);
      return sendStoredFile(reply, { fileName: view.fileName, mediaType: view.mediaType, stream, size });
    },
  );
}
