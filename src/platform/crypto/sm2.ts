import { sm2 } from 'sm-crypto-v2';

/**
 * SM2 signatures as GB/T 32918.2 defines them (Z value over the signer's id, SM3 digest), through
 * sm-crypto-v2. Node's own "SM2" is ECDSA on the SM2 curve, not a GB/T 32918 signature, and its
 * SM2 key export aborts the process on Node 20: key encodings are therefore built here by hand.
 * Signatures are DER (SEQUENCE of r, s), which `openssl pkeyutl -verify -rawin -digest sm3
 * -pkeyopt distid:1234567812345678` accepts.
 */

/** GB/T 35276 default signer id; OpenSSL needs it spelled out (`distid:1234567812345678`). */
export const SM2_DEFAULT_ID = '1234567812345678';

// DER prefixes for the one shape an SM2 key takes (id-ecPublicKey with the SM2 curve OID
// 1.2.156.10197.1.301, uncompressed point): fixed lengths, so no general ASN.1 parser is needed.
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
const PKCS8_PREFIX = Buffer.from('308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420', 'hex');
const PKCS8_MIDDLE = Buffer.from('a144034200', 'hex');

export interface Sm2KeyPair {
  /** 32-byte scalar, hex. */
  privateKey: string;
  /** Uncompressed point 04‖x‖y, hex (130 characters). */
  publicKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const kp = sm2.generateKeyPairHex();
  return { privateKey: kp.privateKey.padStart(64, '0'), publicKey: kp.publicKey };
}

export function sm2Sign(bytes: Uint8Array, key: Sm2KeyPair): Uint8Array {
  // publicKey given so the library does not re-derive it (and Z uses exactly this key).
  const hex = sm2.doSignature(bytes, key.privateKey, { der: true, hash: true, publicKey: key.publicKey, userId: SM2_DEFAULT_ID });
  return Buffer.from(hex, 'hex');
}

// Verifiers see the same few keys over and over (the platform key, a VMS's grants): a precomputed
// point table makes each verification several times faster. Bounded, oldest dropped first.
const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();

function pointOf(publicKeyHex: string) {
  const key = publicKeyHex.toLowerCase();
  let point = precomputed.get(key);
  if (!point) {
    if (!sm2.verifyPublicKey(key)) return null;
    point = sm2.precomputePublicKey(key);
    if (precomputed.size >= 16) precomputed.delete(precomputed.keys().next().value as string);
    precomputed.set(key, point);
  }
  return point;
}

/** False for any malformed key or signature: a verifier must never throw on hostile input. */
export function sm2Verify(bytes: Uint8Array, signature: Uint8Array, publicKeyHex: string): boolean {
  try {
    if (!/^04[0-9a-f]{128}$/i.test(publicKeyHex) || !isCanonicalSignature(signature)) return false;
    const point = pointOf(publicKeyHex);
    if (!point) return false;
    // With a point instead of hex, Z (which hashes the key) still needs the hex: the library takes it from the point.
    return sm2.doVerifySignature(bytes, Buffer.from(signature).toString('hex'), point, { der: true, hash: true, userId: SM2_DEFAULT_ID });
  } catch {
    return false;
  }
}

export function sm2PublicKeyDer(publicKeyHex: string): Buffer {
  return Buffer.concat([SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]);
}

/** The point out of an SM2 SubjectPublicKeyInfo, or null when it is not one. */
export function sm2PublicKeyFromDer(der: Uint8Array): string | null {
  const b = Buffer.from(der);
  if (b.length !== SPKI_PREFIX.length + 65 || !b.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) return null;
  return b.subarray(SPKI_PREFIX.length).toString('hex');
}

/** PKCS#8 (RFC 5915 ECPrivateKey inside), the layout OpenSSL writes: `openssl pkey -in` reads it. */
export function sm2PrivateKeyDer(key: Sm2KeyPair): Buffer {
  return Buffer.concat([PKCS8_PREFIX, Buffer.from(key.privateKey, 'hex'), PKCS8_MIDDLE, Buffer.from(key.publicKey, 'hex')]);
}

export function sm2KeyPairFromDer(der: Uint8Array): Sm2KeyPair | null {
  const b = Buffer.from(der);
  const dAt = PKCS8_PREFIX.length;
  const pAt = dAt + 32 + PKCS8_MIDDLE.length;
  if (b.length !== pAt + 65) return null;
  if (!b.subarray(0, dAt).equals(PKCS8_PREFIX) || !b.subarray(dAt + 32, pAt).equals(PKCS8_MIDDLE)) return null;
  const pair = { privateKey: b.subarray(dAt, dAt + 32).toString('hex'), publicKey: b.subarray(pAt).toString('hex') };
  // A file whose public half does not belong to its private half would sign under a wrong key id.
  if (sm2.getPublicKeyFromPrivateKey(pair.privateKey) !== pair.publicKey) return null;
  return pair;
}

// SM2 group order n (GB/T 32918.5).
const N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

/**
 * GB/T 32918.2 steps B1–B2 (r, s in [1, n−1]) and a minimal DER encoding, checked before the
 * library sees the signature: one signature has exactly one accepted encoding, and hostile
 * values are refused here rather than by whatever the library happens to throw.
 */
function isCanonicalSignature(sig: Uint8Array): boolean {
  const b = Buffer.from(sig);
  if (b.length < 8 || b[0] !== 0x30 || b[1] !== b.length - 2) return false;
  let at = 2;
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (b[at] !== 0x02) return false;
    const len = b[at + 1];
    if (len < 1 || len > 33 || at + 2 + len > b.length) return false;
    const body = b.subarray(at + 2, at + 2 + len);
    // Minimal: no needless leading zero, and never negative.
    if (body[0] & 0x80 || (len > 1 && body[0] === 0 && !(body[1] & 0x80))) return false;
    ints.push(BigInt(`0x${body.toString('hex')}`));
    at += 2 + len;
  }
  return at === b.length && ints.every((v) => v >= 1n && v < N);
}
