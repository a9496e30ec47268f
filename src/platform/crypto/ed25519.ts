import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 (RFC 8032) through node:crypto: the international profile's signature, for deployments
 * whose verifiers cannot do SM2. Keys travel as PKCS#8 / SubjectPublicKeyInfo DER.
 */

// SubjectPublicKeyInfo for id-Ed25519 (1.3.101.112) followed by the 32-byte key.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function generateEd25519(): { privateKeyDer: Buffer; publicKeyDer: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicKeyDer: publicKey.export({ format: 'der', type: 'spki' }),
  };
}

export function ed25519PrivateKey(pkcs8Der: Uint8Array): KeyObject | null {
  try {
    const key = createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export function ed25519PublicKeyDerOf(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
}

export function ed25519Sign(bytes: Uint8Array, privateKey: KeyObject): Uint8Array {
  return sign(null, bytes, privateKey);
}

/** A raw 32-byte key (hex) or SPKI DER; null when it is neither. */
export function ed25519PublicKeyDer(raw: Uint8Array): Buffer | null {
  const b = Buffer.from(raw);
  if (b.length === 32) return Buffer.concat([SPKI_PREFIX, b]);
  if (b.length === SPKI_PREFIX.length + 32 && b.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) return b;
  return null;
}

/** False for any malformed key or signature, never an exception. */
export function ed25519Verify(bytes: Uint8Array, signature: Uint8Array, publicKeyDer: Uint8Array): boolean {
  try {
    const der = ed25519PublicKeyDer(publicKeyDer);
    if (!der || signature.length !== 64) return false;
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}
