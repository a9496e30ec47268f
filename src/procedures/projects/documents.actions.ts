import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { hasPermission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { checkDocument, tooLarge } from '../../platform/files/sniff.js';
import { openStored } from '../../platform/files/storage.js';
import { storeThenRecord, storedFileColumns } from '../../platform/files/upload.js';
import { SCHEME_DOC_CLASSES } from './projects.rules.js';
import { DOC_CLASSES, type DocClass } from './projects.terms.js';
import { lockProject, type ProjectRow } from './projects.repository.js';
import { isApplicant, type ProjectStatus } from './projects.states.js';
import { loadVisibleProject } from './projects.workflow.js';

/**
 * Project documents (art. 17 five classes, art. 18 test reports, art. 19 acceptance, art. 21(2)
 * kept for the system's life). Uploads are checked by content, stored under generated names and
 * recorded with their digest in the ledger; every download is recorded too.
 */
export { DOC_CLASSES, type DocClass };

/** Statuses in which the system is built and awaiting (or re-awaiting) acceptance: testing and acceptance papers. */
const AFTER_APPROVAL: readonly ProjectStatus[] = ['scheme_approved', 'under_construction', 'acceptance_refused'];

interface UploadRule {
  classes: readonly string[];
  statuses: readonly ProjectStatus[];
  who: 'applicant' | 'testing';
}

/**
 * Who may upload which class, when. The applicant (construction unit) files the five classes and
 * supplements while the submission is open to it (draft, or after the one notice), and its
 * acceptance papers once the scheme is approved; the designated testing institution files its
 * report. Documents are never replaced: a newer upload supersedes by being newer.
 */
export const UPLOAD_RULES: readonly UploadRule[] = [
  { classes: [...SCHEME_DOC_CLASSES, 'supplement'], statuses: ['draft', 'supplement_required'], who: 'applicant' },
  { classes: ['acceptance'], statuses: AFTER_APPROVAL, who: 'applicant' },
  { classes: ['test_report'], statuses: AFTER_APPROVAL, who: 'testing' },
];

function isDesignatedInstitution(p: ProjectRow, actor: Actor): boolean {
  return (
    actor.role === 'testing_institution' &&
    hasPermission(actor, 'project.test_report') &&
    !!actor.institutionId &&
    actor.institutionId === p.testing_institution_id
  );
}

/**
 * FORBIDDEN when no rule lets this actor upload this class at all; TRANSITION_NOT_ALLOWED (409)
 * when one does but not in the project's current status.
 */
export function assertMayUpload(p: ProjectRow, actor: Actor, docClass: string): void {
  const mine = UPLOAD_RULES.filter(
    (r) => r.classes.includes(docClass) && (r.who === 'applicant' ? isApplicant(p, actor) : isDesignatedInstitution(p, actor)),
  );
  if (mine.length === 0) throw new AppError('FORBIDDEN');
  if (!mine.some((r) => r.statuses.includes(p.status as ProjectStatus))) {
    throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: '17', extra: { from: p.status, docClass } });
  }
}

/**
 * Checked before the body is read (onRequest): a caller who may not upload here, or a declared
 * length over the limit, is refused without receiving megabytes.
 */
export async function authoriseUpload(ctx: Ctx, projectId: string, docClass: unknown, contentLength: unknown): Promise<void> {
  const length = Number(contentLength);
  if (Number.isFinite(length) && length > ctx.config.documentMaxBytes) throw tooLarge(ctx.config.documentMaxBytes);
  const project = await loadVisibleProject(ctx, ctx.db, projectId);
  if (typeof docClass === 'string' && (DOC_CLASSES as readonly string[]).includes(docClass)) assertMayUpload(project, ctx.actor, docClass);
}

export function presentDocument(d: {
  id: string;
  project_id: string;
  doc_class: string;
  round: number | string;
  file_name: string;
  media_type: string;
  size_bytes: number | string;
  digest: string;
  alg: string;
  uploaded_at: string;
}) {
  return {
    id: d.id,
    projectId: d.project_id,
    docClass: d.doc_class as DocClass,
    round: Number(d.round),
    fileName: d.file_name,
    mediaType: d.media_type,
    sizeBytes: Number(d.size_bytes),
    digest: d.digest,
    alg: d.alg,
    uploadedAt: d.uploaded_at,
    downloadUrl: `/api/projects/${encodeURIComponent(d.project_id)}/documents/${encodeURIComponent(d.id)}`,
  };
}
export type DocumentView = ReturnType<typeof presentDocument>;

export interface UploadInput {
  docClass: DocClass;
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Store the file, then in one transaction re-check (the project may have moved on meanwhile),
 * insert the row and append `project.document_uploaded` with the digest. If the transaction
 * fails, the stored file is removed: no file without its row and ledger entry.
 */
export async function uploadDocument(ctx: Ctx, projectId: string, input: UploadInput): Promise<DocumentView> {
  const seen = await loadVisibleProject(ctx, ctx.db, projectId);
  assertMayUpload(seen, ctx.actor, input.docClass);
  const checked = checkDocument(input.fileName, input.bytes, ctx.config.documentMaxBytes);
  return storeThenRecord(ctx, input.bytes, 'document', async (trx, stored) => {
    await lockProject(trx, projectId);
    const project = await loadVisibleProject(ctx, trx, projectId);
    assertMayUpload(project, ctx.actor, input.docClass);
    const row = {
      id: randomUUID(),
      project_id: projectId,
      doc_class: input.docClass,
      round: Number(project.round),
      ...storedFileColumns(ctx, checked, stored),
    };
    await trx.insertInto('project_documents').values(row).execute();
    const article = input.docClass === 'test_report' ? '18' : input.docClass === 'acceptance' ? '19' : '17';
    await audit(ctx, trx, {
      action: 'project.document_uploaded',
      objectType: 'project',
      objectId: projectId,
      article,
      // The digest binds the stored bytes to the ledger; the client's file name is not logged.
      detail: { documentId: row.id, docClass: row.doc_class, round: row.round, mediaType: row.media_type, sizeBytes: row.size_bytes, digest: row.digest, alg: row.alg },
    });
    return presentDocument(row);
  });
}

export function findDocument(db: DbOrTrx, projectId: string, docId: string) {
  return db.selectFrom('project_documents').selectAll().where('id', '=', docId).where('project_id', '=', projectId).executeTakeFirst();
}

/**
 * A download for whoever may see the project (404 otherwise), recorded in the ledger
 * (`project.document_read`) before a byte is sent. A row whose file is missing answers 404 and
 * is logged for the operator.
 */
export async function openDocument(ctx: Ctx, projectId: string, docId: string): Promise<{ view: DocumentView; stream: ReadStream; size: number }> {
  await loadVisibleProject(ctx, ctx.db, projectId);
  const doc = await findDocument(ctx.db, projectId, docId);
  if (!doc) throw new AppError('NOT_FOUND');
  const file = await openStored(ctx.config, doc.stored_name);
  if (!file) {
    ctx.log.error({ documentId: doc.id }, 'stored document file is missing');
    throw new AppError('NOT_FOUND');
  }
  try {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, {
        action: 'project.document_read',
        objectType: 'project',
        objectId: projectId,
        article: '21',
        detail: { documentId: doc.id, docClass: doc.doc_class, digest: doc.digest },
      }),
    );
  } catch (err) {
    file.stream.destroy();
    throw err;
  }
  return { view: presentDocument(doc), stream: file.stream, size: file.size };
}
