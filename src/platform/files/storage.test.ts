import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashHex } from '../crypto/hash.js';
import { openStored, removeStored, storedPath, storeFile } from './storage.js';
import { PDF_BYTES } from './testing.js';

describe('document storage', () => {
  let filesDir: string;
  beforeAll(async () => {
    filesDir = join(await mkdtemp(join(tmpdir(), 'jifang-docs-')), 'not', 'yet', 'there');
  });
  afterAll(() => rm(filesDir, { recursive: true, force: true }));

  it('creates the folder, stores under a random name with the SM3 digest, leaves no temporary file', async () => {
    const config = { filesDir, ledgerHash: 'sm3' as const };
    const a = await storeFile(config, PDF_BYTES);
    const b = await storeFile(config, PDF_BYTES);
    expect(a.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(a.storedName).not.toBe(b.storedName);
    expect(a).toMatchObject({ sizeBytes: PDF_BYTES.length, alg: 'sm3', digest: hashHex('sm3', PDF_BYTES) });
    // SM3 of the same bytes differs from SHA-256: the algorithm really is the national one.
    expect(a.digest).not.toBe(hashHex('sha256', PDF_BYTES));
    expect(await readFile(storedPath(config, a.storedName))).toEqual(PDF_BYTES);
    const dir = await readdir(join(filesDir, 'documents', a.storedName.slice(0, 2)));
    expect(dir.filter((n) => n.endsWith('.part'))).toEqual([]);

    const opened = await openStored(config, a.storedName);
    expect(opened?.size).toBe(PDF_BYTES.length);
    opened?.stream.destroy();

    await removeStored(config, a.storedName);
    expect(await openStored(config, a.storedName)).toBeNull();
    await removeStored(config, a.storedName); // twice is fine
  });

  it('never builds a path from a name of another shape', async () => {
    await expect(openStored({ filesDir }, '../../etc/passwd')).rejects.toThrow();
    expect(() => storedPath({ filesDir }, 'ab/../../x')).toThrow();
  });
});
