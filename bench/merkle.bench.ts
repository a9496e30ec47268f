import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { SYSTEM_ACTOR } from '../src/platform/access/actor.js';
import { audit } from '../src/platform/audit/audit.js';
import { exportProof, checkpointNow } from '../src/platform/audit/checkpoints.js';
import { appendLedger } from '../src/platform/audit/ledger.js';
import { NODE_STRIDE, ledgerInclusionProof } from '../src/platform/audit/ledger-tree.js';
import { leafHash, treeAccumulator, verifyInclusion } from '../src/platform/audit/merkle.js';
import { checkProofBundle } from '../src/platform/audit/proof-check.js';
import { loadConfig } from '../src/platform/config.js';
import { fixedClock } from '../src/platform/clock.js';
import { connect } from '../src/platform/db/connect.js';
import { result, type BenchResult } from './report.js';
import { openRawLedger, rawLedgerInserter } from './raw-ledger.js';
import { alternate, forDuration, openMigrated, ratioSpread, sampleEntry, type Contender } from './support.js';

export interface MerkleBenchOptions {
  dir: string;
  log: (line: string) => void;
  warmupSec: number;
  durationSec: number;
  rounds: number;
  /** Leaves of the large tree the proof-generation figure is taken at. */
  proofTreeSize: number;
  proofSamples: number;
}

/**
 * Three figures for the verifiable ledger (issue 5):
 * 1. register appends/s through `audit()` — entry, and every 1,000th a Merkle-tree extension and
 *    an SM2-signed checkpoint in the same transaction — against better-sqlite3 inserting the same
 *    rows with a prepared statement (and, in details, against `appendLedger` without the tree);
 * 2. inclusion-proof generation at a large tree from the stored subtree hashes;
 * 3. offline verification rate of whole bundles (entry hash, SM2 signature, audit path).
 */
export async function benchMerkle(opts: MerkleBenchOptions): Promise<BenchResult[]> {
  return [...(await benchAppend(opts)), ...(await benchProofs(opts))];
}

async function benchAppend(opts: MerkleBenchOptions): Promise<BenchResult[]> {
  const ours = await openMigrated(join(opts.dir, 'merkle-ours.db'));
  const plain = await openMigrated(join(opts.dir, 'merkle-plain.db'));
  const raw = await openRawLedger(join(opts.dir, 'merkle-raw.db'));
  const keysDir = join(opts.dir, 'keys');
  mkdirSync(keysDir, { recursive: true });
  const config = loadConfig({ JIFANG_KEYS_DIR: keysDir, JIFANG_CHECKPOINT_EVERY: '1000' });
  const ctx = { actor: SYSTEM_ACTOR, clock: fixedClock('2026-03-02'), config };
  try {
    let i = 0;
    const appendOurs = () => ours.db.transaction().execute((trx) => audit(ctx, trx, eventOf(++i)));
    let j = 0;
    const appendPlain = () => plain.db.transaction().execute((trx) => appendLedger(trx, sampleEntry(++j), { alg: 'sm3', now: new Date() }));
    // Raw side: copies of real rows, fresh seq, one per transaction like the others.
    for (let k = 0; k < 1000; k++) await appendPlain();
    const templates = await plain.db.selectFrom('ledger_entries').selectAll().orderBy('seq').execute();
    const rawTx = raw.transaction(rawLedgerInserter(raw, templates));

    const contenders: Contender[] = [
      (s) => forDuration(s, async () => (await appendOurs(), 1)),
      (s) => forDuration(s, () => (rawTx(), 1)),
      (s) => forDuration(s, async () => (await appendPlain(), 1)),
    ];
    if (opts.warmupSec > 0) for (const c of contenders) await c(opts.warmupSec);
    const alt = await alternate(opts.rounds, opts.durationSec, contenders);
    const [o, b, p] = alt.totals;
    const checkpoints = await ours.db.selectFrom('ledger_checkpoints').select('id').execute();
    opts.log(`  append 1/tx: with Merkle+checkpoints ${Math.round(o.perSecond)}/s, appendLedger alone ${Math.round(p.perSecond)}/s, raw ${Math.round(b.perSecond)}/s (${checkpoints.length} checkpoints signed)`);
    return [
      result({
        id: 'ledger-append-merkle',
        name: 'Register append with Merkle tree + signed checkpoint every 1,000 (1/tx)',
        unit: 'entries/s',
        ours: o.perSecond,
        baseline: b.perSecond,
        baselineName: 'better-sqlite3 INSERT, same rows, 1/tx',
        details: {
          checkpointEvery: 1000,
          checkpointsSigned: checkpoints.length,
          appendLedgerWithoutTree: Math.round(p.perSecond),
          ratioToAppendLedgerWithoutTree: Math.round((o.perSecond / p.perSecond) * 1000) / 1000,
          roundRatio: ratioSpread(alt, 0, 1),
          durationSec: opts.durationSec,
          rounds: opts.rounds,
        },
      }),
    ];
  } finally {
    raw.close();
    await ours.close();
    await plain.close();
  }
}

function eventOf(i: number) {
  const e = sampleEntry(i);
  return { action: e.action, objectType: e.objectType, objectId: e.objectId, before: e.before, after: e.after, article: e.article, detail: e.detail };
}

/**
 * The large tree is built synthetically (rows written with a prepared statement, stored nodes
 * with the same accumulator the tree code uses) because appending ten million real entries
 * would take longer than the benchmark; proof generation itself runs the production code on it.
 */
async function benchProofs(opts: MerkleBenchOptions): Promise<BenchResult[]> {
  const n = opts.proofTreeSize;
  const file = join(opts.dir, 'merkle-large.db');
  await (await openMigrated(file)).close();
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const t0 = performance.now();
  const insertEntry = raw.prepare(
    `INSERT INTO ledger_entries (seq, at, actor_role, action, object_type, object_id, alg, prev_hash, entry_hash) VALUES (?, '2026-03-02T00:00:00.000Z', 'system', 'record.read', 'bench', 'x', 'sm3', '', ?)`,
  );
  const insertNode = raw.prepare('INSERT INTO ledger_tree_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const acc = treeAccumulator('sm3', undefined, (level, idx, hash) => {
    if (level % NODE_STRIDE === 0) insertNode.run(level, idx, Buffer.from(hash).toString('hex'));
  });
  const chunk = 100_000;
  const fill = raw.transaction((from: number, to: number) => {
    const pool = randomBytes(32 * (to - from));
    for (let s = from; s < to; s++) {
      const h = pool.subarray(32 * (s - from), 32 * (s - from + 1));
      insertEntry.run(s + 1, h.toString('hex'));
      acc.pushLeafHash(leafHash('sm3', h));
    }
  });
  for (let from = 0; from < n; from += chunk) {
    fill(from, Math.min(n, from + chunk));
    if (from % 1_000_000 === 0 && from > 0) opts.log(`  building tree: ${from.toLocaleString('en-US')} / ${n.toLocaleString('en-US')}`);
  }
  const lastHash = (raw.prepare('SELECT entry_hash FROM ledger_entries WHERE seq = ?').get(n) as { entry_hash: string }).entry_hash;
  raw.prepare('UPDATE ledger_tree SET alg = ?, size = ?, last_entry_hash = ?, compact_range = ? WHERE id = 1')
    .run('sm3', n, lastHash, JSON.stringify(acc.range().map((h) => Buffer.from(h).toString('hex'))));
  raw.prepare('UPDATE ledger_head SET seq = ?, entry_hash = ? WHERE id = 1').run(n, lastHash);
  const nodes = (raw.prepare('SELECT count(*) AS c FROM ledger_tree_nodes').get() as { c: number }).c;
  raw.close();
  const buildSec = (performance.now() - t0) / 1000;
  const root = acc.root();
  opts.log(`  built a ${n.toLocaleString('en-US')}-leaf tree in ${buildSec.toFixed(1)} s (${nodes.toLocaleString('en-US')} stored nodes)`);

  const db = connect({ sqliteFile: file });
  try {
    const seqs = Array.from({ length: opts.proofSamples }, () => 1 + Math.floor(Math.random() * n));
    const hashes = await db.db.selectFrom('ledger_entries').select(['seq', 'entry_hash']).where('seq', 'in', seqs).execute();
    const leafOf = new Map(hashes.map((r) => [Number(r.seq), leafHash('sm3', Buffer.from(r.entry_hash, 'hex'))]));
    const times: number[] = [];
    const proofs: Uint8Array[][] = [];
    for (const seq of seqs) {
      const s = performance.now();
      const proof = await ledgerInclusionProof(db.db, 'sm3', seq, n);
      times.push(performance.now() - s);
      proofs.push(proof);
      if (!verifyInclusion('sm3', leafOf.get(seq)!, seq - 1, n, proof, root)) throw new Error(`proof for #${seq} does not verify`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))];
    opts.log(`  inclusion proof at ${n.toLocaleString('en-US')}: median ${median.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (${proofs[0].length} hashes)`);

    // Bare audit-path verification (the inner loop of check-proof) at this size.
    let k = 0;
    const verifyPath = await forDuration(opts.durationSec, () => {
      const idx = k++ % seqs.length;
      verifyInclusion('sm3', leafOf.get(seqs[idx])!, seqs[idx] - 1, n, proofs[idx], root);
      return 1;
    });
    return [
      result({
        id: 'ledger-inclusion-proof',
        name: `Inclusion proof generation at ${n.toLocaleString('en-US')} entries (stored subtree hashes)`,
        unit: 'proofs/s',
        ours: 1000 / median,
        baseline: Number.NaN,
        baselineName: 'none (absolute; median of samples)',
        details: { treeSize: n, samples: seqs.length, medianMs: round(median), p99Ms: round(p99), proofHashes: proofs[0].length, storedNodes: nodes, nodeStride: NODE_STRIDE, buildSeconds: round(buildSec) },
      }),
      ...(await benchBundleVerify(opts, verifyPath.perSecond, n)),
    ];
  } finally {
    await db.close();
  }
}

/** Whole-bundle checks (entry hash, SM2 signature, path) against bare path verification. */
async function benchBundleVerify(opts: MerkleBenchOptions, pathPerSecond: number, n: number): Promise<BenchResult[]> {
  const db = await openMigrated(join(opts.dir, 'merkle-bundle.db'));
  try {
    const config = loadConfig({ JIFANG_KEYS_DIR: join(opts.dir, 'keys'), JIFANG_CHECKPOINT_EVERY: '1000000' });
    await db.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 1000; i++) await appendLedger(trx, sampleEntry(i), { alg: 'sm3', now: new Date() });
    });
    await checkpointNow(db.db, config, new Date());
    const bundles = await Promise.all([1, 250, 500, 999].map((s) => exportProof(db.db, s)));
    let k = 0;
    const run = await forDuration(opts.durationSec, () => {
      if (!checkProofBundle(bundles[k++ % bundles.length]).ok) throw new Error('bundle failed');
      return 1;
    });
    opts.log(`  check-proof: ${Math.round(run.perSecond)} bundles/s (SM2); bare audit path at ${n.toLocaleString('en-US')}: ${Math.round(pathPerSecond)}/s`);
    return [
      result({
        id: 'ledger-proof-verify',
        name: 'Proof bundle verification (entry hash + SM2 checkpoint signature + audit path)',
        unit: 'bundles/s',
        ours: run.perSecond,
        baseline: pathPerSecond,
        baselineName: `audit path only (RFC 9162 verify) at ${n.toLocaleString('en-US')} entries`,
        details: { bundles: run.count, seconds: round(run.seconds), sigAlg: 'sm2' },
      }),
    ];
  } finally {
    await db.close();
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
