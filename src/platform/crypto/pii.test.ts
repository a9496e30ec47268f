import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BLIND_INDEX_KEY_FILE,
  ENCRYPTION_KEYS_FILE,
  PiiCryptoError,
  loadPiiCipher,
  normaliseForIndex,
  piiCipher,
  rotatePiiEncryptionKey,
  type PiiCipher,
} from './pii.js';
import { makeResidentId } from '../identifiers/resident-id.js';

const ID = makeResidentId('44010619900101001'); // invented, not a real person's number

let dirs: string[] = [];
function keysDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jifang-pii-'));
  dirs.push(d);
  return join(d, 'keys'); // not yet existing: first use creates it
}
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PiiCryptoError);
    expect((err as PiiCryptoError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

/** Flips one bit of the decoded body at `byte` (negative counts from the end) and re-encodes the token. */
function flip(token: string, byte: number): string {
  const i = token.lastIndexOf(':');
  const raw = Buffer.from(token.slice(i + 1), 'base64url');
  raw[byte < 0 ? raw.length + byte : byte] ^= 0x01;
  return token.slice(0, i + 1) + raw.toString('base64url');
}

describe('key files', () => {
  it('are generated on first use with 0600 permissions, and reused afterwards', () => {
    const dir = keysDir();
    const a = loadPiiCipher(dir);
    for (const f of [ENCRYPTION_KEYS_FILE, BLIND_INDEX_KEY_FILE]) {
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const b = loadPiiCipher(dir);
    expect(b.currentKeyId).toBe(a.currentKeyId);
    expect(b.decrypt(a.encrypt('张三'))).toBe('张三');
    expect(b.blindIndex('resident_id', ID)).toBe(a.blindIndex('resident_id', ID));
  });

  it('keeps the encryption key and the blind-index key apart', () => {
    const dir = keysDir();
    loadPiiCipher(dir);
    const ring = JSON.parse(readFileSync(join(dir, ENCRYPTION_KEYS_FILE), 'utf8'));
    const index = JSON.parse(readFileSync(join(dir, BLIND_INDEX_KEY_FILE), 'utf8'));
    expect(ring.keys[0].key).not.toBe(index.key);
    expect(Buffer.from(index.key, 'base64')).toHaveLength(32);
  });

  it.skipIf(process.platform === 'win32')('refuses a key file that others may read', () => {
    const dir = keysDir();
    loadPiiCipher(dir);
    chmodSync(join(dir, ENCRYPTION_KEYS_FILE), 0o644);
    expectCode(() => loadPiiCipher(dir), 'PII_KEY_FILE_INVALID');
  });

  it.each([
    ['not JSON', 'nope'],
    ['wrong format', JSON.stringify({ format: 'x', current: 'a', keys: [] })],
    ['short key', JSON.stringify({ format: 'jifang-pii-encryption-keys/1', current: 'a', keys: [{ id: 'a', alg: 'sm4-cbc-hmac-sm3', key: Buffer.alloc(16).toString('base64'), createdAt: '' }] })],
    ['current missing', JSON.stringify({ format: 'jifang-pii-encryption-keys/1', current: 'b', keys: [{ id: 'a', alg: 'sm4-cbc-hmac-sm3', key: Buffer.alloc(32, 7).toString('base64'), createdAt: '' }] })],
    ['unknown algorithm', JSON.stringify({ format: 'jifang-pii-encryption-keys/1', current: 'a', keys: [{ id: 'a', alg: 'rot13', key: Buffer.alloc(32, 7).toString('base64'), createdAt: '' }] })],
    ['colon in key id', JSON.stringify({ format: 'jifang-pii-encryption-keys/1', current: 'a:b', keys: [{ id: 'a:b', alg: 'sm4-cbc-hmac-sm3', key: Buffer.alloc(32, 7).toString('base64'), createdAt: '' }] })],
  ])('refuses a malformed keyring (%s)', (_why, content) => {
    const dir = keysDir();
    loadPiiCipher(dir);
    writeFileSync(join(dir, ENCRYPTION_KEYS_FILE), content, { mode: 0o600 });
    expectCode(() => loadPiiCipher(dir), 'PII_KEY_FILE_INVALID');
  });

  it('piiCipher loads once per keys directory', () => {
    const dir = keysDir();
    expect(piiCipher({ keysDir: dir })).toBe(piiCipher({ keysDir: dir }));
  });
});

describe('encryption (sm4-cbc-hmac-sm3)', () => {
  let c: PiiCipher;
  beforeEach(() => {
    c = loadPiiCipher(keysDir());
  });

  it.each([
    ['identity number', ID],
    ['Chinese name', '欧阳娜娜'],
    ['minority name with middle dot', '阿卜杜·热合曼'],
    ['mixed text and emoji', '深圳市公安局 Futian 分局 📹 案件编号（2026）001号'],
    ['empty string', ''],
    ['exactly one block', '0123456789abcdef'],
    ['long text', '调'.repeat(5000)],
  ])('round-trips %s', (_what, value) => {
    expect(c.decrypt(c.encrypt(value))).toBe(value);
  });

  it('writes a versioned token naming algorithm and key id, without the plaintext', () => {
    const t = c.encrypt(ID);
    expect(t).toMatch(new RegExp(`^v1:sm4-cbc-hmac-sm3:${c.currentKeyId}:[A-Za-z0-9_-]+$`));
    expect(t).not.toContain(ID.slice(6, 14));
    // 16 IV + 32 ciphertext (18 bytes padded) + 32 tag
    expect(Buffer.from(t.split(':')[3], 'base64url')).toHaveLength(80);
  });

  it('uses a fresh IV: the same value encrypts differently each time', () => {
    const a = c.encrypt(ID);
    const b = c.encrypt(ID);
    expect(a).not.toBe(b);
    expect(c.decrypt(a)).toBe(c.decrypt(b));
  });

  it.each([
    ['IV', 0],
    ['first ciphertext block', 16],
    ['last ciphertext block (padding)', -33],
    ['tag', -1],
  ])('detects a flipped bit in the %s', (_where, byte) => {
    expectCode(() => c.decrypt(flip(c.encrypt(ID), byte)), 'PII_INTEGRITY');
  });

  it('detects a truncated or extended body', () => {
    const t = c.encrypt(ID);
    const i = t.lastIndexOf(':');
    const raw = Buffer.from(t.slice(i + 1), 'base64url');
    expectCode(() => c.decrypt(t.slice(0, i + 1) + raw.subarray(0, raw.length - 16).toString('base64url')), 'PII_INTEGRITY');
    expectCode(() => c.decrypt(t.slice(0, i + 1) + raw.subarray(0, raw.length - 1).toString('base64url')), 'PII_TOKEN_MALFORMED');
    expectCode(() => c.decrypt(t + 'AA'), 'PII_TOKEN_MALFORMED');
  });

  it('binds the associated data: a ciphertext moved to another field does not decrypt', () => {
    const t = c.encrypt(ID, 'access_officials.id_number');
    expect(c.decrypt(t, 'access_officials.id_number')).toBe(ID);
    expectCode(() => c.decrypt(t, 'access_register.viewer_id_number'), 'PII_INTEGRITY');
    expectCode(() => c.decrypt(t), 'PII_INTEGRITY');
  });

  it('refuses other versions, algorithms and malformed tokens', () => {
    const t = c.encrypt(ID);
    expectCode(() => c.decrypt(t.replace(/^v1:/, 'v2:')), 'PII_ALG_UNSUPPORTED');
    expectCode(() => c.decrypt(t.replace('sm4-cbc-hmac-sm3', 'sm4-ecb')), 'PII_ALG_UNSUPPORTED');
    expectCode(() => c.decrypt(ID), 'PII_TOKEN_MALFORMED');
    expectCode(() => c.decrypt(`${t}:x`), 'PII_TOKEN_MALFORMED');
    expectCode(() => c.decrypt(t.replace(/:([A-Za-z0-9_-]+)$/, ':a+b/')), 'PII_TOKEN_MALFORMED');
  });

  it('fails closed under another installation’s keys (unknown key id)', () => {
    const other = loadPiiCipher(keysDir());
    expectCode(() => other.decrypt(c.encrypt(ID)), 'PII_KEY_UNKNOWN');
  });

  it('fails closed when the key id is relabelled to another key the reader holds', () => {
    const dir = keysDir();
    const before = loadPiiCipher(dir);
    const t = before.encrypt(ID);
    rotatePiiEncryptionKey(dir);
    const after = loadPiiCipher(dir);
    const relabelled = t.replace(`:${before.currentKeyId}:`, `:${after.currentKeyId}:`);
    expectCode(() => after.decrypt(relabelled), 'PII_INTEGRITY');
  });
});

describe('key rotation', () => {
  it('adds a current key while old values stay readable, and flags them for re-encryption', () => {
    const dir = keysDir();
    const before = loadPiiCipher(dir);
    const old = before.encrypt('李四');
    const newId = rotatePiiEncryptionKey(dir);
    const after = loadPiiCipher(dir);
    expect(after.currentKeyId).toBe(newId);
    expect(newId).not.toBe(before.currentKeyId);
    expect(after.decrypt(old)).toBe('李四');
    expect(after.needsRotation(old)).toBe(true);
    const fresh = after.encrypt(after.decrypt(old));
    expect(after.needsRotation(fresh)).toBe(false);
    expect(fresh.split(':')[2]).toBe(newId);
    expect(statSync(join(dir, ENCRYPTION_KEYS_FILE)).mode & 0o777).toBe(0o600);
    // Rotation of the encryption key leaves blind indexes unchanged.
    expect(after.blindIndex('name', '李四')).toBe(before.blindIndex('name', '李四'));
  });
});

describe('blind index', () => {
  let c: PiiCipher;
  beforeEach(() => {
    c = loadPiiCipher(keysDir());
  });

  it('gives the same index for the same value, whatever its spelling', () => {
    const variants = [ID, ` ${ID.slice(0, 6)} ${ID.slice(6)} `, ID.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))];
    const indexes = new Set(variants.map((v) => c.blindIndex('resident_id', v)));
    expect(indexes.size).toBe(1);
    expect([...indexes][0]).toMatch(new RegExp(`^bi1:${c.indexKeyId}:[0-9a-f]{64}$`));
  });

  it('folds case of an X check character', () => {
    const x = makeResidentId('11010519491231002'); // ends in X
    expect(x.endsWith('X')).toBe(true);
    expect(c.blindIndex('resident_id', x.toLowerCase())).toBe(c.blindIndex('resident_id', x));
  });

  it('distinguishes different values', () => {
    const other = makeResidentId('44010619900101003');
    expect(c.blindIndex('resident_id', other)).not.toBe(c.blindIndex('resident_id', ID));
    expect(c.blindIndex('name', '张三')).not.toBe(c.blindIndex('name', '张山'));
  });

  it('separates kinds: the same text indexed as a name and as a phone differs', () => {
    expect(c.blindIndex('name', '13800138000')).not.toBe(c.blindIndex('phone', '13800138000'));
  });

  it('differs under different keys (another installation cannot correlate)', () => {
    const other = loadPiiCipher(keysDir());
    expect(other.blindIndex('resident_id', ID)).not.toBe(c.blindIndex('resident_id', ID));
  });

  it('is not a plain SM3 digest of the value', async () => {
    const { createHash } = await import('node:crypto');
    const plain = createHash('sm3').update(ID).digest('hex');
    expect(c.blindIndex('resident_id', ID)).not.toContain(plain);
  });

  it('refuses to index an empty value', () => {
    expectCode(() => c.blindIndex('name', '   '), 'PII_VALUE_EMPTY');
  });
});

describe('normaliseForIndex', () => {
  it.each([
    ['name', '  Zhang   San ', 'zhang san'],
    ['name', '欧阳　娜娜', '欧阳 娜娜'], // ideographic space
    ['phone', '+86 138-0013-8000', '13800138000'],
    ['phone', '0086 13800138000', '13800138000'],
    ['phone', '020-8888 6666', '02088886666'],
    ['resident_id', ' 11010519491231002x ', '11010519491231002X'],
  ] as const)('%s %j → %j', (kind, input, expected) => {
    expect(normaliseForIndex(kind, input)).toBe(expected);
  });
});
