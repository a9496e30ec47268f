import { digestOf, hashHex, isHashAlg, type HashAlg } from '../crypto/hash.js';
import { isSigAlg, keyIdOf, verifySignature, type SigAlg } from '../crypto/provider.js';
import { entryBytes, type LedgerHashedFields } from './ledger.js';
import { leafHash, verifyInclusion } from './merkle.js';

/**
 * Offline check of a ledger proof bundle: no database, no network, no clock. This is the function
 * a VMS integrator or an inspector runs (or copies, with its imports: crypto/hash.ts,
 * crypto/provider.ts + sm2.ts + ed25519.ts, audit/merkle.ts and `entryBytes` from audit/ledger.ts
 * — none of which reach the database; a test walks the import graph to keep it so).
 *
 * Steps, each of which must pass:
 *  1. entry: recompute entry_hash from the entry's canonical encoding with the entry's algorithm;
 *  2. leaf: H(0x00 ‖ entry_hash bytes) with the tree's algorithm (from the signed checkpoint);
 *  3. checkpoint: parse the signed body; verify its signature with the public key, whose key id
 *     (SM3 of its SubjectPublicKeyInfo) must match the signature's — and the pinned key, if given;
 *  4. inclusion: the audit path takes the leaf at index seq − 1 to the signed root of the signed size.
 * And, when the bundle carries the record the entry is about (a register row): 0. record: its
 * digest is the entry's after_digest, so a row edited by hand after the fact fails the proof.
 * Only signed values are trusted: size, root, hash algorithm and time come from the checkpoint body.
 */

export const PROOF_FORMAT = 'jifang-ledger-proof/1';

export interface CheckpointBody {
  origin: string;
  size: number;
  root: Uint8Array;
  hashAlg: HashAlg;
  /** ISO-8601 UTC time the checkpoint was made. */
  at: string;
}

/**
 * The signed text, after the transparency-log checkpoint note: origin, decimal size, base64 root,
 * then two extension lines naming the tree's hash and the time; every line ends in "\n".
 */
export function formatCheckpointBody(c: CheckpointBody): string {
  return `${c.origin}\n${c.size}\n${Buffer.from(c.root).toString('base64')}\nhash ${c.hashAlg}\ntime ${c.at}\n`;
}

/** Strict: exactly the form formatCheckpointBody writes, or null. */
export function parseCheckpointBody(text: unknown): CheckpointBody | null {
  if (typeof text !== 'string' || !text.endsWith('\n')) return null;
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 5) return null;
  const [origin, size, root, hashLine, timeLine] = lines;
  if (!/^[\x21-\x7e]{1,200}$/.test(origin) || !/^(0|[1-9][0-9]{0,15})$/.test(size)) return null;
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root) return null;
  const alg = hashLine.startsWith('hash ') ? hashLine.slice(5) : '';
  if (!isHashAlg(alg)) return null;
  const at = timeLine.startsWith('time ') ? timeLine.slice(5) : '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(at) || Number.isNaN(Date.parse(at))) return null;
  const n = Number(size);
  if (!Number.isSafeInteger(n)) return null;
  return { origin, size: n, root: Uint8Array.from(rootBytes), hashAlg: alg, at };
}

/** The ledger entry as exported: every column, `seq` as a number. */
export type ProofEntry = LedgerHashedFields & { entry_hash: string };

export interface ProofBundle {
  format: typeof PROOF_FORMAT;
  entry: ProofEntry;
  inclusion: { leafIndex: number; hashes: string[] };
  checkpoint: { body: string; signature: { alg: SigAlg; keyId: string; signature: string } };
  publicKey: { alg: SigAlg; keyId: string; pem: string };
  /**
   * Optional: the record the entry is about, as it is stored now (e.g. a register row of art. 21(3)).
   * The entry's `after_digest` is the digest of exactly these fields, so a record altered after the
   * entry was written no longer matches and the bundle fails (step 0 below).
   */
  record?: ProofRecord;
}

/** A record whose canonical-JSON digest (with the entry's hash) the ledger entry recorded as `after_digest`. */
export interface ProofRecord {
  /** The entry's object_type, e.g. `access_register`. */
  type: string;
  /** The digested fields; `fields.id` is the entry's object_id. */
  fields: Record<string, unknown>;
}

export type ProofFailure = 'format' | 'entry' | 'record' | 'checkpoint' | 'key' | 'signature' | 'inclusion';

export type ProofCheck =
  | {
      ok: true;
      seq: number;
      treeSize: number;
      origin: string;
      at: string;
      hashAlg: HashAlg;
      sigAlg: SigAlg;
      keyId: string;
      /** True when the key was checked against the one the caller trusts, not just the bundle's own. */
      keyPinned: boolean;
      /** Present when the bundle carried the entry's record and it matched. */
      record?: { type: string; id: string };
    }
  | { ok: false; failed: ProofFailure; message: string };

export interface CheckOptions {
  /** Jifang's published public key (PEM or hex). Without it the bundle's own key is used, and only its id can be compared by hand. */
  trustedPublicKey?: string;
}

const ENTRY_TEXT = ['at', 'actor_role', 'action', 'object_type', 'object_id', 'alg', 'prev_hash', 'entry_hash'] as const;
const ENTRY_NULLABLE = ['actor_id', 'before_digest', 'after_digest', 'article', 'detail'] as const;
const HEX32 = /^[0-9a-f]{64}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function checkProofBundle(input: unknown, opts: CheckOptions = {}): ProofCheck {
  const fail = (failed: ProofFailure, message: string): ProofCheck => ({ ok: false, failed, message });
  if (!isObject(input) || input.format !== PROOF_FORMAT) return fail('format', `not a ${PROOF_FORMAT} bundle`);
  const { entry, inclusion, checkpoint, publicKey } = input;
  if (!isObject(entry) || !isObject(inclusion) || !isObject(checkpoint) || !isObject(publicKey)) return fail('format', 'entry, inclusion, checkpoint and publicKey are required');

  // 1. The entry: its hash recomputed from its own fields.
  if (!Number.isSafeInteger(entry.seq) || (entry.seq as number) < 1) return fail('format', 'entry.seq must be a positive integer');
  for (const k of ENTRY_TEXT) if (typeof entry[k] !== 'string') return fail('format', `entry.${k} must be text`);
  for (const k of ENTRY_NULLABLE) if (entry[k] !== null && typeof entry[k] !== 'string') return fail('format', `entry.${k} must be text or null`);
  const e = entry as unknown as ProofEntry;
  if (!isHashAlg(e.alg)) return fail('entry', `unknown entry hash algorithm ${JSON.stringify(e.alg)}`);
  if (!HEX32.test(e.entry_hash)) return fail('entry', 'entry_hash is not 32 bytes of lower-case hex');
  if (hashHex(e.alg, entryBytes(e)) !== e.entry_hash) return fail('entry', `entry #${e.seq}: its fields do not hash to its entry_hash`);

  // 0. The record, when the bundle carries one: the entry must have recorded exactly its digest.
  const recordId = recordFault(input.record, e);
  if (recordId) return fail(recordId[0], recordId[1]);

  // 3. The checkpoint: parsed, then its signature under a key whose id matches.
  const body = parseCheckpointBody(checkpoint.body);
  if (!body) return fail('checkpoint', 'checkpoint body is not a well-formed checkpoint');
  const sig = checkpoint.signature;
  if (!isObject(sig) || !isSigAlg(sig.alg) || typeof sig.keyId !== 'string' || typeof sig.signature !== 'string') {
    return fail('format', 'checkpoint.signature must name alg, keyId and signature');
  }
  if (typeof publicKey.pem !== 'string' || publicKey.alg !== sig.alg) return fail('key', 'public key missing or of another algorithm than the signature');
  const keyId = keyIdOf(publicKey.pem, sig.alg);
  if (!keyId) return fail('key', `public key is not a ${sig.alg} key`);
  if (keyId !== sig.keyId || keyId !== publicKey.keyId) return fail('key', 'key id does not match the public key');
  let keyPinned = false;
  if (opts.trustedPublicKey !== undefined) {
    if (keyIdOf(opts.trustedPublicKey, sig.alg) !== keyId) return fail('key', 'the checkpoint was not signed with the trusted key');
    keyPinned = true;
  }
  if (!verifySignature(publicKey.pem, sig.alg, new TextEncoder().encode(checkpoint.body as string), sig.signature)) {
    return fail('signature', 'checkpoint signature does not verify');
  }

  // 2 + 4. The leaf, and its path to the signed root.
  const index = e.seq - 1;
  if (inclusion.leafIndex !== index) return fail('inclusion', `leaf index must be seq − 1 = ${index}`);
  if (!Array.isArray(inclusion.hashes) || !inclusion.hashes.every((h) => typeof h === 'string' && HEX32.test(h))) {
    return fail('format', 'inclusion.hashes must be hex hashes');
  }
  if (index >= body.size) return fail('inclusion', `entry #${e.seq} is not in a tree of ${body.size} entries`);
  const leaf = leafHash(body.hashAlg, Buffer.from(e.entry_hash, 'hex'));
  const path = (inclusion.hashes as string[]).map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
  if (!verifyInclusion(body.hashAlg, leaf, index, body.size, path, body.root)) {
    return fail('inclusion', `entry #${e.seq} is not included in the signed tree of ${body.size} entries`);
  }
  return {
    ok: true,
    seq: e.seq,
    treeSize: body.size,
    origin: body.origin,
    at: body.at,
    hashAlg: body.hashAlg,
    sigAlg: sig.alg,
    keyId,
    keyPinned,
    ...(input.record !== undefined ? { record: { type: e.object_type, id: e.object_id } } : {}),
  };
}

/** Step 0: a carried record matches the entry's object and the digest the entry recorded. */
function recordFault(record: unknown, e: ProofEntry): [ProofFailure, string] | null {
  if (record === undefined) return null;
  if (!isObject(record) || typeof record.type !== 'string' || !isObject(record.fields)) return ['format', 'record must name type and fields'];
  if (record.type !== e.object_type || record.fields.id !== e.object_id) return ['record', `the record is not entry #${e.seq}'s object (${e.object_type} ${e.object_id})`];
  let digest: string | null = null;
  try {
    digest = digestOf(record.fields, e.alg as HashAlg);
  } catch {
    return ['format', 'record fields cannot be encoded'];
  }
  if (digest !== e.after_digest) return ['record', `${e.object_type} ${e.object_id} was altered: it no longer matches the digest entry #${e.seq} recorded`];
  return null;
}
