import type { Kysely, Selectable } from 'kysely';
import type { Config } from '../config.js';
import type { DbOrTrx } from '../context.js';
import { isHashAlg, type HashAlg } from '../crypto/hash.js';
import { loadOrCreateSigner, type SigAlg, type Signer } from '../crypto/provider.js';
import type { Database, LedgerCheckpointsTable } from '../db/schema.js';
import { ledgerHead } from './ledger.js';
import { catchUpTree, extendTree, ledgerConsistencyProof, ledgerInclusionProof, treeRoot } from './ledger-tree.js';
import { verifyConsistency } from './merkle.js';
import { PROOF_FORMAT, formatCheckpointBody, type ProofBundle } from './proof-check.js';

/**
 * Signed checkpoints of the ledger's Merkle tree: (origin, size, root) signed with the platform
 * key, written every `checkpointEvery` entries (by `audit()`, in the appending transaction), every
 * `checkpointSeconds` while the server runs and entries were added (`startCheckpointer`), and on
 * demand (`jifang ledger checkpoint`, or an export for an entry no checkpoint covers yet).
 */

export type CheckpointRow = Selectable<LedgerCheckpointsTable>;

export type CheckpointConfig = Pick<Config, 'keysDir' | 'signingAlg' | 'ledgerOrigin' | 'ledgerHash'>;

export function signerFor(config: Pick<Config, 'keysDir' | 'signingAlg'>): Signer {
  return loadOrCreateSigner(config.keysDir, config.signingAlg);
}

/** The body a checkpoint row was signed over (rebuilt exactly from its columns). */
export function bodyOf(row: CheckpointRow): string {
  if (!isHashAlg(row.hash_alg)) throw new Error(`checkpoint ${row.id}: unknown hash ${row.hash_alg}`);
  return formatCheckpointBody({
    origin: row.origin,
    size: Number(row.tree_size),
    root: Buffer.from(row.root_hash, 'hex'),
    hashAlg: row.hash_alg,
    at: row.at,
  });
}

/**
 * Extends the tree to the head and signs a checkpoint of it, in the caller's transaction (which
 * therefore also holds the tree lock until commit: checkpoint ids and sizes only grow).
 */
export async function writeCheckpoint(trx: DbOrTrx, config: CheckpointConfig, now: Date, signer = signerFor(config)): Promise<CheckpointRow> {
  const tree = await extendTree(trx, { alg: config.ledgerHash });
  const hashAlg: HashAlg = tree.alg ?? config.ledgerHash;
  const last = await trx.selectFrom('ledger_checkpoints').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const fields = {
    id: Number(last?.id ?? 0) + 1,
    tree_size: tree.size,
    root_hash: Buffer.from(treeRoot(tree)).toString('hex'),
    hash_alg: hashAlg,
    origin: config.ledgerOrigin,
    at: now.toISOString(),
  };
  const body = formatCheckpointBody({ origin: fields.origin, size: fields.tree_size, root: Buffer.from(fields.root_hash, 'hex'), hashAlg, at: fields.at });
  const sig = signer.sign(new TextEncoder().encode(body));
  const row: CheckpointRow = { ...fields, sig_alg: sig.alg, key_id: sig.keyId, public_key: signer.publicKeyPem, signature: sig.signature };
  await trx.insertInto('ledger_checkpoints').values(row).execute();
  return row;
}

/**
 * On demand: builds the tree in chunks outside the final transaction (a first build over a large
 * ledger), then signs. Also proves the new checkpoint extends the previous one (RFC 6962
 * consistency), so a rewritten history cannot be signed over silently.
 */
export async function checkpointNow(db: Kysely<Database>, config: CheckpointConfig, now: Date): Promise<{ checkpoint: CheckpointRow; consistentWithPrevious: boolean | null }> {
  await catchUpTree(db, config.ledgerHash);
  const previous = await latestCheckpoint(db);
  const checkpoint = await db.transaction().execute((trx) => writeCheckpoint(trx, config, now));
  return { checkpoint, consistentWithPrevious: previous ? await checkpointsConsistent(db, previous, checkpoint) : null };
}

/** A checkpoint when entries were added since the last one (the T-second rule). */
export async function checkpointIfDue(db: Kysely<Database>, config: CheckpointConfig, now: Date): Promise<CheckpointRow | null> {
  const [head, last] = await Promise.all([ledgerHead(db), latestCheckpoint(db)]);
  if (head.seq === 0 || (last && Number(last.tree_size) >= head.seq)) return null;
  return (await checkpointNow(db, config, now)).checkpoint;
}

/**
 * Every `checkpointSeconds` while the server runs. Failures are logged, not thrown: the next tick
 * retries, and `ledger verify` / `ledger checkpoint` report a broken chain to the operator.
 */
export function startCheckpointer(
  db: Kysely<Database>,
  config: CheckpointConfig & Pick<Config, 'checkpointSeconds'>,
  now: () => Date,
  log: { error: (obj: unknown, msg?: string) => void },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    checkpointIfDue(db, config, now())
      .catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, 'ledger checkpoint failed'))
      .finally(() => {
        running = false;
      });
  }, config.checkpointSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

export async function latestCheckpoint(db: DbOrTrx, coveringSeq = 0): Promise<CheckpointRow | undefined> {
  const row = await db
    .selectFrom('ledger_checkpoints')
    .selectAll()
    .where('tree_size', '>=', coveringSeq)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ...row, id: Number(row.id), tree_size: Number(row.tree_size) } : undefined;
}

/** RFC 6962 consistency between two stored checkpoints (older first), from the stored tree. */
export async function checkpointsConsistent(db: DbOrTrx, older: CheckpointRow, newer: CheckpointRow): Promise<boolean> {
  if (older.hash_alg !== newer.hash_alg || !isHashAlg(newer.hash_alg)) return false;
  const m = Number(older.tree_size);
  const n = Number(newer.tree_size);
  if (m > n) return false;
  const proof = await ledgerConsistencyProof(db, newer.hash_alg, m, n);
  return verifyConsistency(newer.hash_alg, m, n, Buffer.from(older.root_hash, 'hex'), Buffer.from(newer.root_hash, 'hex'), proof);
}

export class NoCheckpointError extends Error {
  constructor(readonly seq: number) {
    super(`no checkpoint covers entry #${seq} yet`);
  }
}

/**
 * The proof bundle for entry #seq against the most recent checkpoint that covers it (or the given
 * one). Nothing is checked here: the bundle is evidence, and `checkProofBundle` judges it.
 */
export async function exportProof(db: DbOrTrx, seq: number, checkpointId?: number): Promise<ProofBundle> {
  const entry = await db.selectFrom('ledger_entries').selectAll().where('seq', '=', seq).executeTakeFirst();
  if (!entry) throw new RangeError(`no ledger entry #${seq}`);
  const cp = checkpointId === undefined
    ? await latestCheckpoint(db, seq)
    : await db.selectFrom('ledger_checkpoints').selectAll().where('id', '=', checkpointId).executeTakeFirst();
  if (!cp || Number(cp.tree_size) < seq) throw new NoCheckpointError(seq);
  if (!isHashAlg(cp.hash_alg)) throw new Error(`checkpoint ${cp.id}: unknown hash ${cp.hash_alg}`);
  const proof = await ledgerInclusionProof(db, cp.hash_alg, seq, Number(cp.tree_size));
  const sigAlg = cp.sig_alg as SigAlg;
  return {
    format: PROOF_FORMAT,
    entry: { ...entry, seq: Number(entry.seq) },
    inclusion: { leafIndex: seq - 1, hashes: proof.map((h) => Buffer.from(h).toString('hex')) },
    checkpoint: { body: bodyOf({ ...cp, tree_size: Number(cp.tree_size) }), signature: { alg: sigAlg, keyId: cp.key_id, signature: cp.signature } },
    publicKey: { alg: sigAlg, keyId: cp.key_id, pem: cp.public_key },
  };
}
