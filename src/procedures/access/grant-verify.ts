/**
 * Offline verification of an access grant, for VMS integrators: no database, no settings, no clock of its own.
 * Copy this file with `platform/crypto/provider.ts` (+ sm2.ts, ed25519.ts, hash.ts) into a VMS, or run
 * `npx jifang grant verify <file> --key signing.pub.pem`.
 *
 * A grant file is `{ format, grant, signature: { alg, keyId, value } }`. The signature is over the UTF-8 bytes of
 * the canonical JSON (sorted keys, no whitespace) of `grant`, by the key named in `signature` with the algorithm
 * named there (SM2 by default, GB/T 32918 with the default signer id; Ed25519 for the international profile).
 * The verifier pins the key it trusts (Jifang's published key, `GET /api/keys/signing`); a key embedded in the
 * file is only a convenience and is reported as not pinned.
 */
import { canonicalJson } from '../../platform/crypto/hash.js';
import { isSigAlg, keyIdOf, verifySignature } from '../../platform/crypto/provider.js';

export const GRANT_FORMAT = 'jifang-access-grant/1';

/** The signed body: what a VMS enforces. Officials' identity numbers are masked. */
export interface GrantBody {
  id: string;
  requestId: string;
  issuer: string;
  issuedAt: string;
  expiresAt: string;
  /** The paragraph of art. 26 the access rests on. */
  basis: string;
  action: 'view' | 'copy' | 'retrieve';
  requesterKind: string;
  organisation: string;
  site: { id: string; name: string };
  unitId: string | null;
  cameras: { deviceId: string; deviceCode: string | null; name: string }[];
  window: { from: string; to: string };
  officials: { id: string; name: string; idNumberMasked: string; workCertificateNo: string | null }[];
  officialsRequired: number;
  purpose: string;
  destination: string | null;
  /** Art. 25: free of charge for public and state security. */
  free: boolean;
  duties: { code: string; article: string }[];
}

export interface GrantFile {
  format: typeof GRANT_FORMAT;
  grant: GrantBody;
  signature: { alg: string; keyId: string; value: string };
  /** Convenience copy of the signing key (SubjectPublicKeyInfo PEM); never trusted unless it equals a pinned key. */
  publicKey?: string;
}

export type GrantFailure = 'format' | 'key' | 'signature';

export type GrantCheck =
  | {
      ok: true;
      grant: GrantBody;
      alg: string;
      keyId: string;
      /** True when verified against a key the caller supplied; false when only the file's own key was used. */
      keyPinned: boolean;
      /** Relative to `now` when given. */
      expired: boolean | null;
      notYetValid: boolean | null;
    }
  | { ok: false; failure: GrantFailure; message: string };

/** The exact bytes signed: issuer and verifier must both use this. */
export function grantBytes(grant: GrantBody): Uint8Array {
  return new TextEncoder().encode(canonicalJson(grant));
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function bodyShapeOk(g: unknown): g is GrantBody {
  if (!isObj(g)) return false;
  const strings = ['id', 'requestId', 'issuer', 'issuedAt', 'expiresAt', 'basis', 'action', 'requesterKind', 'organisation', 'purpose'];
  if (!strings.every((k) => typeof g[k] === 'string')) return false;
  if (!['view', 'copy', 'retrieve'].includes(g.action as string)) return false;
  if (!Array.isArray(g.cameras) || !Array.isArray(g.officials) || !isObj(g.window) || typeof g.officialsRequired !== 'number') return false;
  return Number.isFinite(Date.parse(g.issuedAt as string)) && Number.isFinite(Date.parse(g.expiresAt as string));
}

/**
 * Verifies a parsed grant file. `publicKey`: the key the caller trusts (PEM or hex); without it the file's own
 * key is used and `keyPinned` is false. Never throws on hostile input.
 */
export function verifyGrantFile(input: unknown, opts: { publicKey?: string; now?: Date } = {}): GrantCheck {
  if (!isObj(input) || input.format !== GRANT_FORMAT) return { ok: false, failure: 'format', message: `not a ${GRANT_FORMAT} file` };
  const sig = input.signature;
  if (!isObj(sig) || typeof sig.alg !== 'string' || typeof sig.keyId !== 'string' || typeof sig.value !== 'string') {
    return { ok: false, failure: 'format', message: 'the signature block is missing or malformed' };
  }
  if (!bodyShapeOk(input.grant)) return { ok: false, failure: 'format', message: 'the grant body is missing or malformed' };
  if (!isSigAlg(sig.alg)) return { ok: false, failure: 'signature', message: `unsupported signature algorithm ${sig.alg}` };
  const key = opts.publicKey ?? (typeof input.publicKey === 'string' ? input.publicKey : null);
  if (!key) return { ok: false, failure: 'key', message: 'no public key: pass the published signing key' };
  const keyId = keyIdOf(key, sig.alg);
  if (!keyId) return { ok: false, failure: 'key', message: `the public key is not an ${sig.alg} key` };
  if (keyId !== sig.keyId) return { ok: false, failure: 'key', message: 'the grant was signed by another key than the one given' };
  let bytes: Uint8Array;
  try {
    bytes = grantBytes(input.grant);
  } catch {
    return { ok: false, failure: 'format', message: 'the grant body cannot be canonicalised' };
  }
  if (!verifySignature(key, sig.alg, bytes, sig.value)) {
    return { ok: false, failure: 'signature', message: 'the signature does not match: the grant was altered or not issued by this key' };
  }
  const now = opts.now?.getTime();
  return {
    ok: true,
    grant: input.grant,
    alg: sig.alg,
    keyId,
    keyPinned: opts.publicKey !== undefined,
    expired: now === undefined ? null : now > Date.parse(input.grant.expiresAt),
    notYetValid: now === undefined ? null : now < Date.parse(input.grant.issuedAt),
  };
}
