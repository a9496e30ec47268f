import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashHex } from './hash.js';
import {
  ed25519PrivateKey,
  ed25519PublicKeyDer,
  ed25519PublicKeyDerOf,
  ed25519Sign,
  ed25519Verify,
  generateEd25519,
} from './ed25519.js';
import {
  generateSm2KeyPair,
  sm2KeyPairFromDer,
  sm2PrivateKeyDer,
  sm2PublicKeyDer,
  sm2PublicKeyFromDer,
  sm2Sign,
  sm2Verify,
} from './sm2.js';

/**
 * The signing provider (GB/T 39786-2021: SM2 by default; Ed25519 for the international profile).
 * Every signature travels with its algorithm id and key id, so verifiers never guess and a
 * hardware security module can replace the file-based key store below behind the same `Signer`.
 *
 * Key id = SM3 (hex) of the public key's SubjectPublicKeyInfo DER, whatever the algorithm: one
 * way to name a key that a verifier can recompute from the key it was given.
 */
export type SigAlg = 'sm2' | 'ed25519';
export const SIG_ALGS: readonly SigAlg[] = ['sm2', 'ed25519'];

export function isSigAlg(value: unknown): value is SigAlg {
  return value === 'sm2' || value === 'ed25519';
}

export interface SignatureRecord {
  alg: SigAlg;
  keyId: string;
  /** Base64: DER (r, s) for SM2, the 64 raw bytes for Ed25519. */
  signature: string;
}

export interface Signer {
  readonly alg: SigAlg;
  readonly keyId: string;
  /** SubjectPublicKeyInfo PEM: what is published and put in proof bundles and grants. */
  readonly publicKeyPem: string;
  sign(bytes: Uint8Array): SignatureRecord;
}

export function pemOf(der: Uint8Array, label: 'PUBLIC KEY' | 'PRIVATE KEY'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function derOfPem(pem: string, label: 'PUBLIC KEY' | 'PRIVATE KEY'): Buffer | null {
  const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  return m ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64') : null;
}

/**
 * A public key given as PEM (SubjectPublicKeyInfo) or hex (SM2: the 04‖x‖y point; Ed25519: the
 * 32 raw bytes), normalised to SPKI DER for `alg`; null when it is not a key of that algorithm.
 */
export function publicKeyDer(publicKey: string, alg: SigAlg): Buffer | null {
  const text = publicKey.trim();
  const der = text.startsWith('-----') ? derOfPem(text, 'PUBLIC KEY') : /^([0-9a-f]{2})+$/i.test(text) ? Buffer.from(text, 'hex') : null;
  if (!der) return null;
  if (alg === 'sm2') {
    if (der.length === 65 && der[0] === 4) return sm2PublicKeyDer(der.toString('hex'));
    return sm2PublicKeyFromDer(der) ? der : null;
  }
  return ed25519PublicKeyDer(der);
}

export function keyIdOf(publicKey: string, alg: SigAlg): string | null {
  const der = publicKeyDer(publicKey, alg);
  return der ? hashHex('sm3', der) : null;
}

/**
 * Checks `signature` (base64 text or bytes) over `bytes`. Returns false, never throws, for an
 * unknown algorithm, a key of another algorithm, or malformed input: callers face hostile files.
 */
export function verifySignature(publicKey: string, alg: string, bytes: Uint8Array, signature: string | Uint8Array): boolean {
  if (!isSigAlg(alg)) return false;
  const der = publicKeyDer(publicKey, alg);
  if (!der) return false;
  let sig: Uint8Array;
  if (typeof signature === 'string') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
    sig = Buffer.from(signature, 'base64');
  } else sig = signature;
  if (alg === 'sm2') return sm2Verify(bytes, sig, sm2PublicKeyFromDer(der)!);
  return ed25519Verify(bytes, sig, der);
}

// ---------------------------------------------------------------------------------------------
// File-based key store (when no HSM is configured): one key pair per algorithm in config.keysDir.

export function keyFiles(keysDir: string, alg: SigAlg): { privateKey: string; publicKey: string } {
  return { privateKey: join(keysDir, `signing-${alg}.key.pem`), publicKey: join(keysDir, `signing-${alg}.pub.pem`) };
}

const signers = new Map<string, Signer>();

/**
 * The signer for `alg`, its key pair generated on first use: private key PKCS#8 PEM with mode
 * 0600, public key PEM beside it (the file to publish). Safe when several processes start at
 * once: the private key is written to a temporary name and hard-linked into place, so exactly one
 * key wins and nobody reads a half-written file.
 */
export function loadOrCreateSigner(keysDir: string, alg: SigAlg): Signer {
  const cacheKey = `${keysDir}\u0000${alg}`;
  const cached = signers.get(cacheKey);
  if (cached) return cached;
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const files = keyFiles(keysDir, alg);
  let pem: string;
  try {
    pem = readFileSync(files.privateKey, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const der = alg === 'sm2' ? sm2PrivateKeyDer(generateSm2KeyPair()) : generateEd25519().privateKeyDer;
    const tmp = `${files.privateKey}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, pemOf(der, 'PRIVATE KEY'), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, files.privateKey);
    } catch (le) {
      if ((le as NodeJS.ErrnoException).code !== 'EEXIST') throw le;
    } finally {
      unlinkSync(tmp);
    }
    pem = readFileSync(files.privateKey, 'utf8');
  }
  const signer = signerFromPem(pem, alg, files.privateKey);
  publishPublicKey(files.publicKey, signer.publicKeyPem);
  signers.set(cacheKey, signer);
  return signer;
}

function publishPublicKey(path: string, pem: string): void {
  try {
    if (readFileSync(path, 'utf8') === pem) return;
  } catch {
    // missing: written below
  }
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o644 });
  renameSync(tmp, path);
  chmodSync(path, 0o644);
}

export function signerFromPem(pem: string, alg: SigAlg, where = 'key'): Signer {
  const der = derOfPem(pem, 'PRIVATE KEY');
  if (!der) throw new Error(`${where}: not a PEM private key`);
  if (alg === 'sm2') {
    const pair = sm2KeyPairFromDer(der);
    if (!pair) throw new Error(`${where}: not an SM2 private key`);
    const publicKeyPem = pemOf(sm2PublicKeyDer(pair.publicKey), 'PUBLIC KEY');
    const keyId = keyIdOf(publicKeyPem, 'sm2')!;
    return { alg, keyId, publicKeyPem, sign: (bytes) => ({ alg, keyId, signature: Buffer.from(sm2Sign(bytes, pair)).toString('base64') }) };
  }
  const key = ed25519PrivateKey(der);
  if (!key) throw new Error(`${where}: not an Ed25519 private key`);
  const publicKeyPem = pemOf(ed25519PublicKeyDerOf(key), 'PUBLIC KEY');
  const keyId = keyIdOf(publicKeyPem, 'ed25519')!;
  return { alg, keyId, publicKeyPem, sign: (bytes) => ({ alg, keyId, signature: Buffer.from(ed25519Sign(bytes, key)).toString('base64') }) };
}
