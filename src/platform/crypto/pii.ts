/**
 * Field encryption and blind indexes for personal data (PIPL; GB/T 39786-2021: SM4 for data at rest, SM3 for
 * integrity). Identity numbers of people who view or copy footage (art. 21(3), 26(4)) are stored only as
 * ciphertext, found through a keyed blind index, and shown masked.
 *
 * Construction (`sm4-cbc-hmac-sm3`, encrypt-then-MAC): Node 20 has no SM4-GCM, so confidentiality comes from
 * SM4-CBC with a fresh random 16-byte IV per value and integrity from HMAC-SM3 over everything that is not secret:
 * the token header (version, algorithm, key id), the caller's associated data, the IV and the ciphertext. The MAC
 * is checked (in constant time) before any decryption, so a changed byte, a swapped key id or a ciphertext moved
 * to another field never reaches the CBC padding check (no padding oracle) and always fails closed. The SM4 key and
 * the MAC key are different keys, derived with HKDF-SM3 (RFC 5869) from one 32-byte master key per key id.
 *
 * Token: `v1:sm4-cbc-hmac-sm3:<keyId>:<base64url(iv ‖ ciphertext ‖ tag)>`. The algorithm and key id travel with
 * every value, so a new key (rotation) or another algorithm (e.g. AES-GCM for an international profile, or an
 * HSM-held key) can be added while old values stay readable; `needsRotation` finds values to re-encrypt.
 *
 * Blind index: HMAC-SM3 under a separate key (never the encryption key), with a sub-key per kind of value
 * (HKDF-SM3, info = kind) so equal values in different fields do not match, over the normalised value:
 * `bi1:<indexKeyId>:<hex>`. Equal values give equal indexes (that is its purpose and its only leak).
 *
 * Keys live in `config.keysDir` (generated on first use, files 0600 in a 0700 directory):
 *   pii-encryption-keys.json  the keyring: every key ever used to encrypt, and which one is current
 *   pii-blind-index-key.json  the index key (its id is in every index value; replacing it means recomputing every
 *                             index from the decrypted values, which no code does yet)
 * A key file readable by group or others is refused rather than used.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseResidentId } from '../identifiers/resident-id.js';

export const PII_TOKEN_VERSION = 'v1';
export const PII_ALG = 'sm4-cbc-hmac-sm3';
export const BLIND_INDEX_VERSION = 'bi1';
export const ENCRYPTION_KEYS_FILE = 'pii-encryption-keys.json';
export const BLIND_INDEX_KEY_FILE = 'pii-blind-index-key.json';

const MASTER_KEY_BYTES = 32;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const TAG_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

/** Which normalisation and which index sub-key a value gets. Adding a kind never changes existing indexes. */
export type PiiIndexKind = 'resident_id' | 'name' | 'phone';
export const PII_INDEX_KINDS: readonly PiiIndexKind[] = ['resident_id', 'name', 'phone'];

export type PiiCryptoErrorCode =
  | 'PII_TOKEN_MALFORMED'
  | 'PII_ALG_UNSUPPORTED'
  | 'PII_KEY_UNKNOWN'
  | 'PII_INTEGRITY'
  | 'PII_KEY_FILE_INVALID'
  | 'PII_VALUE_EMPTY'
  | 'PII_INDEX_KIND_UNKNOWN';

/** Never carries the plaintext or key material: messages may reach logs. */
export class PiiCryptoError extends Error {
  constructor(
    readonly code: PiiCryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PiiCryptoError';
  }
}

export interface PiiCipher {
  /** Key id used for new ciphertexts. */
  readonly currentKeyId: string;
  readonly indexKeyId: string;
  /**
   * `aad` binds the value to where it is stored (e.g. `access_officials.id_number`): a ciphertext copied into
   * another field then fails to decrypt. The same `aad` must be given to decrypt.
   */
  encrypt(plaintext: string, aad?: string): string;
  /** Throws `PiiCryptoError` on any malformed, unknown-key or altered token; never returns partial plaintext. */
  decrypt(token: string, aad?: string): string;
  /** Keyed blind index of the normalised value, for equality search. */
  blindIndex(kind: PiiIndexKind, value: string): string;
  /** True when `token` was not made with the current key and algorithm (re-encrypt it). */
  needsRotation(token: string): boolean;
}

export interface KeyringFile {
  format: 'jifang-pii-encryption-keys/1';
  current: string;
  keys: { id: string; alg: typeof PII_ALG; key: string; createdAt: string }[];
}

export interface IndexKeyFile {
  format: 'jifang-pii-blind-index-key/1';
  id: string;
  alg: 'hmac-sm3';
  key: string;
  createdAt: string;
}

interface DerivedKey {
  encKey: Buffer;
  macKey: Buffer;
}

// ─── Normalisation ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * What counts as "the same value" for search: full-width characters folded (NFKC), whitespace removed or collapsed,
 * Latin letters case-folded. Chinese text is unaffected apart from NFKC.
 */
export function normaliseForIndex(kind: PiiIndexKind, value: string): string {
  switch (kind) {
    case 'resident_id':
      return normaliseResidentId(value);
    case 'name':
      return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
    case 'phone': {
      const digits = value.normalize('NFKC').replace(/\D/g, '');
      // +86 / 0086 country prefix on a mainland mobile number.
      return digits.replace(/^(?:00)?86(?=1\d{10}$)/, '');
    }
  }
}

// ─── The cipher ───────────────────────────────────────────────────────────────────────────────────────────────

function hkdf(master: Buffer, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sm3', master, Buffer.alloc(0), info, length));
}

function deriveKey(master: Buffer): DerivedKey {
  return {
    encKey: hkdf(master, 'jifang/pii/v1/sm4-cbc/enc', 16),
    macKey: hkdf(master, 'jifang/pii/v1/hmac-sm3/mac', 32),
  };
}

function macOf(macKey: Buffer, header: string, aad: string, iv: Buffer, ct: Buffer): Buffer {
  const aadBytes = Buffer.from(aad, 'utf8');
  const aadLen = Buffer.alloc(4);
  aadLen.writeUInt32BE(aadBytes.length);
  // The header ends in ':' and the AAD is length-prefixed, so no two (header, aad, iv‖ct) splits share MAC input.
  return createHmac('sm3', macKey).update(header).update(aadLen).update(aadBytes).update(iv).update(ct).digest();
}

/** A cipher over given key material; `loadPiiCipher` is the usual way in. Exported for tests and key tooling. */
export function createPiiCipher(keyring: KeyringFile, indexKey: IndexKeyFile): PiiCipher {
  const keys = new Map<string, DerivedKey>();
  for (const k of keyring.keys) keys.set(k.id, deriveKey(Buffer.from(k.key, 'base64')));
  const currentKeyId = keyring.current;
  const current = keys.get(currentKeyId);
  if (!current) throw new PiiCryptoError('PII_KEY_FILE_INVALID', 'the current encryption key is not in the keyring');
  const indexMaster = Buffer.from(indexKey.key, 'base64');
  const indexSubKeys = new Map<PiiIndexKind, Buffer>(
    PII_INDEX_KINDS.map((kind) => [kind, hkdf(indexMaster, `jifang/pii/blind-index/v1/${kind}`, 32)]),
  );

  return {
    currentKeyId,
    indexKeyId: indexKey.id,

    encrypt(plaintext, aad = '') {
      const header = `${PII_TOKEN_VERSION}:${PII_ALG}:${currentKeyId}:`;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('sm4-cbc', current.encKey, iv);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = macOf(current.macKey, header, aad, iv, ct);
      return header + Buffer.concat([iv, ct, tag]).toString('base64url');
    },

    decrypt(token, aad = '') {
      const parts = token.split(':');
      if (parts.length !== 4) throw new PiiCryptoError('PII_TOKEN_MALFORMED', 'not a personal-data ciphertext');
      const [version, alg, keyId, body] = parts;
      if (version !== PII_TOKEN_VERSION || alg !== PII_ALG) {
        throw new PiiCryptoError('PII_ALG_UNSUPPORTED', `unsupported ciphertext ${version}:${alg}`);
      }
      if (!KEY_ID.test(keyId) || !B64URL.test(body)) throw new PiiCryptoError('PII_TOKEN_MALFORMED', 'not a personal-data ciphertext');
      const key = keys.get(keyId);
      if (!key) throw new PiiCryptoError('PII_KEY_UNKNOWN', `no personal-data key ${keyId}`);
      const raw = Buffer.from(body, 'base64url');
      const ctLen = raw.length - IV_BYTES - TAG_BYTES;
      if (ctLen < BLOCK_BYTES || ctLen % BLOCK_BYTES !== 0) throw new PiiCryptoError('PII_TOKEN_MALFORMED', 'ciphertext has a wrong length');
      const iv = raw.subarray(0, IV_BYTES);
      const ct = raw.subarray(IV_BYTES, IV_BYTES + ctLen);
      const tag = raw.subarray(IV_BYTES + ctLen);
      const expected = macOf(key.macKey, `${version}:${alg}:${keyId}:`, aad, iv, ct);
      if (!timingSafeEqual(tag, expected)) throw new PiiCryptoError('PII_INTEGRITY', 'personal-data ciphertext failed its integrity check');
      try {
        const decipher = createDecipheriv('sm4-cbc', key.encKey, iv);
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      } catch {
        // Unreachable unless the MAC key and SM4 key disagree (a corrupted keyring): still fail closed.
        throw new PiiCryptoError('PII_INTEGRITY', 'personal-data ciphertext could not be decrypted');
      }
    },

    blindIndex(kind, value) {
      const subKey = indexSubKeys.get(kind);
      if (!subKey) throw new PiiCryptoError('PII_INDEX_KIND_UNKNOWN', `unknown index kind ${String(kind)}`);
      const normalised = normaliseForIndex(kind, value);
      // An index of "" would match every empty field: refuse rather than make all blanks look alike.
      if (normalised === '') throw new PiiCryptoError('PII_VALUE_EMPTY', 'cannot index an empty value');
      const mac = createHmac('sm3', subKey).update(normalised, 'utf8').digest('hex');
      return `${BLIND_INDEX_VERSION}:${indexKey.id}:${mac}`;
    },

    needsRotation(token) {
      const [version, alg, keyId] = token.split(':');
      return version !== PII_TOKEN_VERSION || alg !== PII_ALG || keyId !== currentKeyId;
    },
  };
}

// ─── Key files ────────────────────────────────────────────────────────────────────────────────────────────────

function newKeyId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

function newKeyring(): KeyringFile {
  const id = newKeyId('e');
  return {
    format: 'jifang-pii-encryption-keys/1',
    current: id,
    keys: [{ id, alg: PII_ALG, key: randomBytes(MASTER_KEY_BYTES).toString('base64'), createdAt: new Date().toISOString() }],
  };
}

function newIndexKey(): IndexKeyFile {
  return {
    format: 'jifang-pii-blind-index-key/1',
    id: newKeyId('i'),
    alg: 'hmac-sm3',
    key: randomBytes(MASTER_KEY_BYTES).toString('base64'),
    createdAt: new Date().toISOString(),
  };
}

function invalid(path: string, why: string): PiiCryptoError {
  return new PiiCryptoError('PII_KEY_FILE_INVALID', `${path}: ${why}`);
}

function isMasterKey(value: unknown): value is string {
  return typeof value === 'string' && Buffer.from(value, 'base64').length === MASTER_KEY_BYTES && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

function parseKeyring(path: string, text: string): KeyringFile {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw invalid(path, 'not JSON');
  }
  const f = v as Partial<KeyringFile>;
  if (f?.format !== 'jifang-pii-encryption-keys/1' || !Array.isArray(f.keys) || f.keys.length === 0 || typeof f.current !== 'string') {
    throw invalid(path, 'not a personal-data keyring');
  }
  const ids = new Set<string>();
  for (const k of f.keys) {
    if (!k || typeof k.id !== 'string' || !KEY_ID.test(k.id) || ids.has(k.id)) throw invalid(path, 'key ids must be unique [A-Za-z0-9_-]{1,32}');
    if (k.alg !== PII_ALG) throw invalid(path, `unsupported algorithm ${String(k.alg)}`);
    if (!isMasterKey(k.key)) throw invalid(path, `key ${k.id} must be ${MASTER_KEY_BYTES} bytes of base64`);
    ids.add(k.id);
  }
  if (!ids.has(f.current)) throw invalid(path, 'the current key is not in the keyring');
  return f as KeyringFile;
}

function parseIndexKey(path: string, text: string): IndexKeyFile {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw invalid(path, 'not JSON');
  }
  const f = v as Partial<IndexKeyFile>;
  if (f?.format !== 'jifang-pii-blind-index-key/1' || f.alg !== 'hmac-sm3' || typeof f.id !== 'string' || !KEY_ID.test(f.id)) {
    throw invalid(path, 'not a blind-index key');
  }
  if (!isMasterKey(f.key)) throw invalid(path, `the key must be ${MASTER_KEY_BYTES} bytes of base64`);
  return f as IndexKeyFile;
}

/** Refuses a key file others can read: a leaked key defeats the encryption silently. */
function assertPrivate(path: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) throw invalid(path, `permissions ${mode.toString(8)} let others read it; run chmod 600`);
}

/**
 * Creates `path` with `content` only if it does not exist, atomically: the content goes to a private temporary
 * file which is then hard-linked into place (link fails if another process won the race), so a concurrent reader
 * never sees a half-written key.
 */
function createExclusive(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
}

function readOrCreate<T>(path: string, create: () => T, parse: (path: string, text: string) => T): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    createExclusive(path, `${JSON.stringify(create(), null, 2)}\n`);
    text = readFileSync(path, 'utf8');
  }
  assertPrivate(path);
  return parse(path, text);
}

function ensureDir(keysDir: string): void {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
}

/** Loads (creating on first use) both key files in `keysDir` and returns a cipher over them. */
export function loadPiiCipher(keysDir: string): PiiCipher {
  ensureDir(keysDir);
  const keyring = readOrCreate(join(keysDir, ENCRYPTION_KEYS_FILE), newKeyring, parseKeyring);
  const indexKey = readOrCreate(join(keysDir, BLIND_INDEX_KEY_FILE), newIndexKey, parseIndexKey);
  return createPiiCipher(keyring, indexKey);
}

const cache = new Map<string, PiiCipher>();

/** The process's cipher for `config.keysDir`, loaded once (key files are read at first use, not per request). */
export function piiCipher(config: { readonly keysDir: string }): PiiCipher {
  let c = cache.get(config.keysDir);
  if (!c) {
    c = loadPiiCipher(config.keysDir);
    cache.set(config.keysDir, c);
  }
  return c;
}

/**
 * Adds a new encryption key and makes it current; old keys stay so existing values still decrypt (re-encrypt them
 * with `needsRotation` + decrypt/encrypt, then old keys may be retired by hand). The file is replaced atomically.
 * Other running processes keep the old current key until restarted; both keys decrypt meanwhile.
 */
export function rotatePiiEncryptionKey(keysDir: string): string {
  ensureDir(keysDir);
  const path = join(keysDir, ENCRYPTION_KEYS_FILE);
  const keyring = readOrCreate(path, newKeyring, parseKeyring);
  const fresh = newKeyring().keys[0];
  const next: KeyringFile = { ...keyring, current: fresh.id, keys: [...keyring.keys, fresh] };
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  cache.delete(keysDir);
  return fresh.id;
}
