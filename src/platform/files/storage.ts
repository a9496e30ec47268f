import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { hashHex, type HashAlg } from '../crypto/hash.js';

/**
 * Project documents on disk (art. 17, 21(2)): under `config.filesDir`, outside the web root, each
 * under a random name the server generated (the client's name is only kept in the row), in a
 * two-character fan-out folder so no directory grows huge. A file is written under a temporary
 * name, flushed, then renamed, so a failed request never leaves a partial file under a real name.
 */
const STORED_NAME = /^[0-9a-f]{32}$/;

export interface StoredFile {
  storedName: string;
  sizeBytes: number;
  digest: string;
  alg: HashAlg;
}

function pathOf(config: Pick<Config, 'filesDir'>, storedName: string): string {
  // The name comes from our own row, but a path is only ever built from a name of our own shape.
  if (!STORED_NAME.test(storedName)) throw new Error('not a stored document name');
  return join(config.filesDir, 'documents', storedName.slice(0, 2), storedName);
}

/** The digest recorded in the row and the ledger (SM3 by default; the ledger's algorithm). */
export function documentDigest(alg: HashAlg, bytes: Uint8Array): string {
  return hashHex(alg, bytes);
}

export async function storeFile(config: Pick<Config, 'filesDir' | 'ledgerHash'>, bytes: Uint8Array): Promise<StoredFile> {
  const storedName = randomBytes(16).toString('hex');
  const target = pathOf(config, storedName);
  const dir = join(config.filesDir, 'documents', storedName.slice(0, 2));
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const temp = join(dir, `.${storedName}.${randomBytes(4).toString('hex')}.part`);
  const handle = await open(temp, 'wx', 0o640);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return { storedName, sizeBytes: bytes.length, digest: documentDigest(config.ledgerHash, bytes), alg: config.ledgerHash };
}

/** Undo a store whose database transaction failed; a missing file is fine. */
export async function removeStored(config: Pick<Config, 'filesDir'>, storedName: string): Promise<void> {
  await rm(pathOf(config, storedName), { force: true });
}

/** A stream of a stored file, or null when it is not on disk (then the caller answers 404). */
export async function openStored(config: Pick<Config, 'filesDir'>, storedName: string): Promise<{ stream: ReadStream; size: number } | null> {
  const path = pathOf(config, storedName);
  try {
    const s = await stat(path);
    if (!s.isFile()) return null;
    return { stream: createReadStream(path), size: s.size };
  } catch {
    return null;
  }
}

/** For tests and operators: where a stored name lives. */
export function storedPath(config: Pick<Config, 'filesDir'>, storedName: string): string {
  return pathOf(config, storedName);
}
