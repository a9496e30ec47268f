import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { checkDocument, tooLarge } from '../../platform/files/sniff.js';
import { openStored } from '../../platform/files/storage.js';
import { storeThenRecord, storedFileColumns } from '../../platform/files/upload.js';
import { loadVisibleInspection } from './inspections.actions.js';
import { presentPhoto } from './inspections.present.js';
import { findInspection, findPhoto, insertPhoto, lockInspection, lockOrder, type PhotoRow } from './inspections.repository.js';
import { CHECKLIST_ITEMS, type ChecklistItemNo } from './inspections.rules.js';
import { isInspector } from './inspections.states.js';
import { getOrderDetail, ORDER_SUBJECT, orderForCorrectionPhoto } from './rectification.actions.js';

/**
 * Photos (art. 29 evidence): the inspector's, per checklist item, while the inspection is open;
 * the unit's, of its correction, on the order while it may report. Only PNG and JPEG, judged by
 * content (platform/files/sniff.ts), stored under generated names (platform/files/storage.ts), the
 * digest in the row and the ledger. A failed transaction removes the stored file (storeThenRecord).
 */

function assertImage(kind: string): void {
  if (kind !== 'png' && kind !== 'jpeg') {
    throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED', { zh: '仅支持 PNG、JPEG 图片', en: 'Only PNG and JPEG images are allowed' }, { article: '29' });
  }
}

function checkImage(ctx: Ctx, fileName: string, bytes: Uint8Array) {
  const checked = checkDocument(fileName, bytes, ctx.config.documentMaxBytes);
  assertImage(checked.kind);
  return checked;
}

/** Refused before the body is read: who may not upload here, or a declared length over the limit. */
export async function authoriseInspectionPhoto(ctx: Ctx, inspectionId: string, contentLength: unknown): Promise<void> {
  const length = Number(contentLength);
  if (Number.isFinite(length) && length > ctx.config.documentMaxBytes) throw tooLarge(ctx.config.documentMaxBytes);
  const row = await loadVisibleInspection(ctx, ctx.db, inspectionId);
  if (!isInspector(row, ctx.actor)) throw new AppError('FORBIDDEN');
}

export async function authoriseCorrectionPhoto(ctx: Ctx, orderId: string, contentLength: unknown): Promise<void> {
  const length = Number(contentLength);
  if (Number.isFinite(length) && length > ctx.config.documentMaxBytes) throw tooLarge(ctx.config.documentMaxBytes);
  await orderForCorrectionPhoto(ctx, ctx.db, orderId);
}

export async function uploadInspectionPhoto(ctx: Ctx, inspectionId: string, input: { item: number | null; fileName: string; bytes: Uint8Array }) {
  if (input.item !== null && !CHECKLIST_ITEMS.includes(input.item as ChecklistItemNo)) throw new AppError('VALIDATION_FAILED');
  const seen = await loadVisibleInspection(ctx, ctx.db, inspectionId);
  if (!isInspector(seen, ctx.actor)) throw new AppError('FORBIDDEN');
  if (seen.status === 'completed') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: '29', extra: { from: seen.status } });
  const checked = checkImage(ctx, input.fileName, input.bytes);
  return storeThenRecord(ctx, input.bytes, 'photo', async (trx, stored) => {
    await lockInspection(trx, inspectionId);
    const row = (await findInspection(trx, inspectionId))!;
    if (row.status === 'completed') throw new AppError('TRANSITION_NOT_ALLOWED', undefined, { article: '29', extra: { from: row.status } });
    const photo: PhotoRow = {
      id: randomUUID(),
      inspection_id: inspectionId,
      order_id: null,
      purpose: 'checklist',
      item: input.item,
      ...storedFileColumns(ctx, checked, stored),
    };
    await insertPhoto(trx, photo);
    await audit(ctx, trx, {
      action: 'inspection.photo_uploaded',
      objectType: 'inspection',
      objectId: inspectionId,
      article: '29',
      detail: { photoId: photo.id, item: photo.item, mediaType: photo.media_type, sizeBytes: photo.size_bytes, digest: photo.digest, alg: photo.alg },
    });
    return presentPhoto(photo);
  });
}

export async function uploadCorrectionPhoto(ctx: Ctx, orderId: string, input: { fileName: string; bytes: Uint8Array }) {
  await orderForCorrectionPhoto(ctx, ctx.db, orderId);
  const checked = checkImage(ctx, input.fileName, input.bytes);
  return storeThenRecord(ctx, input.bytes, 'photo', async (trx, stored) => {
    await lockOrder(trx, orderId);
    const order = await orderForCorrectionPhoto(ctx, trx, orderId);
    const photo: PhotoRow = {
      id: randomUUID(),
      inspection_id: order.inspection_id,
      order_id: order.id,
      purpose: 'correction',
      item: null,
      ...storedFileColumns(ctx, checked, stored),
    };
    await insertPhoto(trx, photo);
    await audit(ctx, trx, {
      action: 'inspection.photo_uploaded',
      objectType: ORDER_SUBJECT,
      objectId: order.id,
      article: order.article,
      detail: { photoId: photo.id, purpose: 'correction', mediaType: photo.media_type, sizeBytes: photo.size_bytes, digest: photo.digest, alg: photo.alg },
    });
    return presentPhoto(photo);
  });
}

/**
 * A photo for whoever sees its inspection (a unit: the completed inspection of its site, or the
 * correction photos of its order), recorded in the ledger before a byte is sent.
 */
export async function openPhoto(ctx: Ctx, inspectionId: string, photoId: string): Promise<{ view: ReturnType<typeof presentPhoto>; stream: ReadStream; size: number }> {
  const photo = await findPhoto(ctx.db, photoId);
  if (!photo || photo.inspection_id !== inspectionId) throw new AppError('NOT_FOUND');
  if (photo.order_id && ctx.actor.role === 'unit_user') {
    // The unit's own correction photo is visible through its order even while the inspection is not.
    await getOrderDetail(ctx, photo.order_id);
  } else {
    await loadVisibleInspection(ctx, ctx.db, inspectionId);
  }
  const file = await openStored(ctx.config, photo.stored_name);
  if (!file) {
    ctx.log.error({ photoId: photo.id }, 'stored photo file is missing');
    throw new AppError('NOT_FOUND');
  }
  try {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, {
        action: 'inspection.photo_read',
        objectType: 'inspection',
        objectId: inspectionId,
        article: '29',
        detail: { photoId: photo.id, digest: photo.digest },
      }),
    );
  } catch (err) {
    file.stream.destroy();
    throw err;
  }
  return { view: presentPhoto(photo), stream: file.stream, size: file.size };
}
