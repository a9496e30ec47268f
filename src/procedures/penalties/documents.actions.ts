import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { hasPermission } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { checkDocument, tooLarge } from '../../platform/files/sniff.js';
import { openStored } from '../../platform/files/storage.js';
import { storeThenRecord, storedFileColumns } from '../../platform/files/upload.js';
import { findDocument, insertDocument, lockCase } from './penalty.repository.js';
import { loadVisibleCase, type LoadedCase } from './penalty.workflow.js';
import { isPartyUser } from './penalty.states.js';

/**
 * Evidence and case papers, stored exactly like project documents (content-sniffed, generated names
 * outside the web root, digest in the ledger; every download ledgered). The handling bureau files
 * evidence, the hearing record and proof of service until the case ends; the party files its written
 * statement while it may state and defend.
 */
export const CASE_DOC_CLASSES = ['evidence', 'statement', 'hearing_record', 'service', 'other'] as const;
export type CaseDocClass = (typeof CASE_DOC_CLASSES)[number];

const ENDED = ['closed', 'no_penalty'];

export function assertMayUpload(c: LoadedCase, actor: Actor, docClass: string): void {
  if (!(CASE_DOC_CLASSES as readonly string[]).includes(docClass)) throw new AppError('VALIDATION_FAILED');
  if (docClass === 'statement') {
    const party = hasPermission(actor, 'case.respond') && isPartyUser(actor, c);
    if (!party) throw new AppError('FORBIDDEN');
    if (!['notified', 'hearing_requested'].includes(c.status)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: '行政处罚法44', extra: { from: c.status, docClass } });
    return;
  }
  if (!hasPermission(actor, 'case.handle') || actor.policeUnitId !== c.handling_unit_id) throw new AppError('FORBIDDEN');
  if (ENDED.includes(c.status)) throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { extra: { from: c.status, docClass } });
}

/** Before the body is read: refuse callers who may not upload here, and declared sizes over the limit. */
export async function authoriseCaseUpload(ctx: Ctx, caseId: string, docClass: unknown, contentLength: unknown): Promise<void> {
  const length = Number(contentLength);
  if (Number.isFinite(length) && length > ctx.config.documentMaxBytes) throw tooLarge(ctx.config.documentMaxBytes);
  const c = await loadVisibleCase(ctx, ctx.db, caseId);
  if (typeof docClass === 'string' && (CASE_DOC_CLASSES as readonly string[]).includes(docClass)) assertMayUpload(c, ctx.actor, docClass);
}

export async function uploadCaseDocument(ctx: Ctx, caseId: string, input: { docClass: CaseDocClass; fileName: string; bytes: Uint8Array }) {
  const seen = await loadVisibleCase(ctx, ctx.db, caseId);
  assertMayUpload(seen, ctx.actor, input.docClass);
  const checked = checkDocument(input.fileName, input.bytes, ctx.config.documentMaxBytes);
  return storeThenRecord(ctx, input.bytes, 'case document', async (trx, stored) => {
    await lockCase(trx, caseId);
    const c = await loadVisibleCase(ctx, trx, caseId);
    assertMayUpload(c, ctx.actor, input.docClass);
    const row = {
      id: randomUUID(),
      case_id: caseId,
      doc_class: input.docClass,
      ...storedFileColumns(ctx, checked, stored),
    };
    await insertDocument(trx, row);
    await audit(ctx, trx, {
      action: 'penalty.document_uploaded',
      objectType: 'penalty_case',
      objectId: caseId,
      article: c.penalty_article,
      detail: { documentId: row.id, docClass: row.doc_class, mediaType: row.media_type, sizeBytes: row.size_bytes, digest: row.digest, alg: row.alg },
    });
    return {
      id: row.id,
      docClass: row.doc_class,
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      digest: row.digest,
      alg: row.alg,
      uploadedAt: row.uploaded_at,
      downloadUrl: `/api/penalty-cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(row.id)}`,
    };
  });
}

export async function openCaseDocument(ctx: Ctx, caseId: string, docId: string): Promise<{ fileName: string; mediaType: string; stream: ReadStream; size: number }> {
  await loadVisibleCase(ctx, ctx.db, caseId);
  const doc = await findDocument(ctx.db, caseId, docId);
  if (!doc) throw new AppError('NOT_FOUND');
  const file = await openStored(ctx.config, doc.stored_name);
  if (!file) {
    ctx.log.error({ documentId: doc.id }, 'stored case document file is missing');
    throw new AppError('NOT_FOUND');
  }
  try {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, { action: 'penalty.document_read', objectType: 'penalty_case', objectId: caseId, detail: { documentId: doc.id, docClass: doc.doc_class, digest: doc.digest } }),
    );
  } catch (err) {
    file.stream.destroy();
    throw err;
  }
  return { fileName: doc.file_name, mediaType: doc.media_type, stream: file.stream, size: file.size };
}
