import { readFileSync, writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db/schema.js';
import { NoCheckpointError, bodyOf, checkpointNow, exportProof } from '../platform/audit/checkpoints.js';
import { LedgerTreeError } from '../platform/audit/ledger-tree.js';
import { checkProofBundle, type ProofCheck } from '../platform/audit/proof-check.js';
import { keyFiles } from '../platform/crypto/provider.js';
import { splitArgs } from './args.js';
import { registerProofRecord } from '../procedures/access/register.actions.js';

/**
 * `jifang ledger checkpoint | export-proof | check-proof`. check-proof opens no database and reads
 * no setting: it is what an inspector runs on a machine that has only the bundle (and, ideally,
 * the published public key, `--key`).
 */

type Out = Pick<NodeJS.WritableStream, 'write'>;

export async function runLedgerCheckpoint(db: Kysely<Database>, config: Config, now: Date, out: Out, err: Out): Promise<number> {
  try {
    const { checkpoint, consistentWithPrevious } = await checkpointNow(db, config, now);
    out.write(bodyOf(checkpoint));
    out.write(`\n— ${checkpoint.sig_alg} key ${checkpoint.key_id}\n  ${checkpoint.signature}\n`);
    out.write(`public key: ${keyFiles(config.keysDir, config.signingAlg).publicKey}\n`);
    if (consistentWithPrevious === false) {
      err.write('WARNING: this checkpoint is NOT consistent with the previous one: signed history was rewritten\n');
      return 1;
    }
    if (consistentWithPrevious) out.write('consistent with the previous checkpoint (RFC 6962 consistency proof)\n');
    return 0;
  } catch (e) {
    if (e instanceof LedgerTreeError) {
      err.write(`refused: ${e.message}; run \`jifang ledger verify\`\n`);
      return 1;
    }
    throw e;
  }
}

export async function runExportProof(db: Kysely<Database>, config: Config, now: Date, argv: string[], out: Out, err: Out): Promise<number> {
  const args = splitArgs(argv);
  if (typeof args === 'string') return usage(err, args);
  const seq = Number(args.positional[0]);
  if (args.positional.length !== 1 || !Number.isSafeInteger(seq) || seq < 1) return usage(err, 'give one entry number');
  const checkpointId = args.flags.checkpoint === undefined ? undefined : Number(args.flags.checkpoint);
  if (checkpointId !== undefined && !Number.isSafeInteger(checkpointId)) return usage(err, '--checkpoint takes a checkpoint id');
  let bundle;
  try {
    bundle = await exportProof(db, seq, checkpointId);
  } catch (e) {
    if (e instanceof NoCheckpointError && checkpointId === undefined) {
      // A fresh entry: sign a checkpoint now (on demand) rather than send the inspector away.
      err.write(`${e.message}: writing one now\n`);
      const code = await runLedgerCheckpoint(db, config, now, { write: () => true }, err);
      if (code !== 0) return code;
      bundle = await exportProof(db, seq);
    } else if (e instanceof RangeError || e instanceof NoCheckpointError) {
      err.write(`${e.message}\n`);
      return 1;
    } else throw e;
  }
  let missingRecord = false;
  // A register entry (art. 21(3)) travels with its row as stored now: check-proof compares it with the
  // digest the ledger entry recorded, so a row altered by hand makes the proof fail.
  if (bundle.entry.object_type === 'access_register') {
    const record = await registerProofRecord(db, bundle.entry.object_id);
    if (record) bundle = { ...bundle, record };
    else {
      err.write(`register entry ${bundle.entry.object_id} of ledger entry #${seq} is missing from the register (deleted by hand?)\n`);
      missingRecord = true;
    }
  }
  const json = `${JSON.stringify(bundle, null, 2)}\n`;
  if (args.flags.out) writeFileSync(args.flags.out, json);
  else out.write(json);
  // Judged at once with the same offline check, so a tampered entry shows here too. Not pinned to
  // today's key: an older checkpoint may carry a key since replaced.
  const res = checkProofBundle(bundle);
  err.write(describe(res));
  return res.ok && !missingRecord ? 0 : 1;
}

export function runCheckProof(argv: string[], out: Out, err: Out): number {
  const args = splitArgs(argv);
  if (typeof args === 'string') return usage(err, args);
  if (args.positional.length !== 1) return usage(err, 'give one bundle file');
  let bundle: unknown;
  let trustedPublicKey: string | undefined;
  try {
    bundle = JSON.parse(readFileSync(args.positional[0], 'utf8'));
    if (args.flags.key) trustedPublicKey = readFileSync(args.flags.key, 'utf8');
  } catch (e) {
    err.write(`cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const res = checkProofBundle(bundle, { trustedPublicKey });
  out.write(describe(res));
  return res.ok ? 0 : 1;
}

function describe(res: ProofCheck): string {
  if (!res.ok) return `proof does NOT verify (${res.failed}): ${res.message}\n`;
  const key = res.keyPinned
    ? `the trusted key ${res.keyId}`
    : `the bundle's own key ${res.keyId} — compare it with the published key (or pass --key)`;
  const record = res.record ? `${res.record.type} ${res.record.id} matches entry #${res.seq}; ` : '';
  return `proof OK: ${record}entry #${res.seq} is in ${res.origin}'s tree of ${res.treeSize} entries (${res.hashAlg}), checkpoint of ${res.at} signed (${res.sigAlg}) by ${key}\n`;
}

function usage(err: Out, why: string): number {
  err.write(`${why}\n  jifang ledger export-proof <seq> [--out file] [--checkpoint id]\n  jifang ledger check-proof <bundle.json> [--key public.pem]\n`);
  return 2;
}
