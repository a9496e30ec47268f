import { createHash, createHmac } from 'node:crypto';

/**
 * The one hashing provider (GB/T 39786-2021: SM3 by default). Every stored hash records its
 * algorithm id, so an HSM or the international profile (SHA-256) can replace this file without
 * making old hashes unverifiable.
 */
export type HashAlg = 'sm3' | 'sha256';

export const HASH_ALGS: readonly HashAlg[] = ['sm3', 'sha256'];

export function isHashAlg(value: unknown): value is HashAlg {
  return value === 'sm3' || value === 'sha256';
}

/** Raw digest bytes (32 for both algorithms); Merkle trees work on bytes, not hex. */
export function hashBytes(alg: HashAlg, data: string | Uint8Array): Uint8Array {
  return createHash(alg).update(data).digest();
}

export function hashHex(alg: HashAlg, data: string | Uint8Array): string {
  return createHash(alg).update(data).digest('hex');
}

export function hmacHex(alg: HashAlg, key: string | Uint8Array, data: string | Uint8Array): string {
  return createHmac(alg, key).update(data).digest('hex');
}

/**
 * Canonical JSON: object keys sorted (UTF-16 code units, as RFC 8785 JCS) at every depth, no
 * whitespace, `toJSON` honoured (Dates become ISO text), `undefined` object members dropped.
 * Values JSON cannot represent unambiguously (NaN, ±Infinity, bigint, functions) are refused
 * rather than silently turned into `null`, so two different values never share a digest.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, 'value');
}

function encode(value: unknown, path: string): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    // As JSON.stringify: holes and undefined in arrays become null, keeping positions.
    return `[${value.map((v, i) => (v === undefined ? 'null' : encode(v, `${path}[${i}]`))).join(',')}]`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const obj = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      if (obj[key] === undefined) continue;
      members.push(`${JSON.stringify(key)}:${encode(obj[key], `${path}.${key}`)}`);
    }
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode ${describe(value)} at ${path}`);
}

// Maps, Sets and typed arrays would all silently encode as `{}`: refuse them instead.
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  return typeof value === 'object' && value !== null ? (value.constructor?.name ?? 'object') : typeof value;
}

/** Hex digest of a value's canonical JSON: equal values give equal digests whatever their key order. */
export function digestOf(value: unknown, alg: HashAlg): string {
  return hashHex(alg, canonicalJson(value));
}
