import type { Transaction } from 'kysely';
import type { Ctx } from '../context.js';
import type { Database } from '../db/schema.js';
import type { CheckedDocument } from './sniff.js';
import { removeStored, storeFile, type StoredFile } from './storage.js';

/**
 * The one way an upload reaches the database: store the (already checked) bytes, then run
 * `record` in one transaction (re-check, insert the row, append the ledger entry). If the
 * transaction fails the stored file is removed, so there is never a file without its row and
 * ledger entry. `what` only names the file in the operator's log when that removal fails.
 */
export async function storeThenRecord<T>(
  ctx: Ctx,
  bytes: Uint8Array,
  what: string,
  record: (trx: Transaction<Database>, stored: StoredFile) => Promise<T>,
): Promise<T> {
  const stored = await storeFile(ctx.config, bytes);
  try {
    return await ctx.db.transaction().execute((trx) => record(trx, stored));
  } catch (err) {
    await removeStored(ctx.config, stored.storedName).catch((e) => ctx.log.error({ err: e }, `could not remove an orphaned ${what} file`));
    throw err;
  }
}

/** The columns every stored-file row shares (documents, case documents, photos): name, place, type, size, digest, who and when. */
export function storedFileColumns(ctx: Pick<Ctx, 'actor' | 'clock'>, checked: CheckedDocument, stored: StoredFile) {
  return {
    file_name: checked.fileName,
    stored_name: stored.storedName,
    media_type: checked.mediaType,
    size_bytes: stored.sizeBytes,
    digest: stored.digest,
    alg: stored.alg,
    uploaded_by: ctx.actor.userId!,
    uploaded_at: ctx.clock.now().toISOString(),
  };
}
