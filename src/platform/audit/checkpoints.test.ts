import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { fixedClock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { TEST_DIALECTS, openTestDb } from '../db/testing.js';
import { audit } from './audit.js';
import { checkpointIfDue, checkpointNow, checkpointsConsistent, exportProof, latestCheckpoint, writeCheckpoint } from './checkpoints.js';
import { appendLedger } from './ledger.js';
import {
  LedgerTreeError,
  catchUpTree,
  ledgerConsistencyProof,
  ledgerInclusionProof,
  ledgerRoot,
  ledgerRootAt,
  readTree,
} from './ledger-tree.js';
import { consistencyProof, inclusionProof, rootOf, verifyConsistency } from './merkle.js';
import { checkProofBundle, parseCheckpointBody } from './proof-check.js';

const keysRoot = mkdtempSync(join(tmpdir(), 'jifang-cp-'));
afterAll(() => rmSync(keysRoot, { recursive: true, force: true }));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

function configWith(env: Record<string, string> = {}): Config {
  return loadConfig({ JIFANG_KEYS_DIR: join(keysRoot, 'keys'), ...env });
}

/** n entries in one transaction, straight through appendLedger (no checkpoint trigger). */
async function appendMany(db: Kysely<Database>, n: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) {
      await appendLedger(trx, { actor: SYSTEM_ACTOR, action: 'record.read', objectType: 'test', objectId: `o${i}` }, { alg: 'sm3', now: new Date('2026-03-02T01:00:00Z') });
    }
  });
}

async function entryHashes(db: Kysely<Database>): Promise<Uint8Array[]> {
  const rows = await db.selectFrom('ledger_entries').select('entry_hash').orderBy('seq').execute();
  return rows.map((r) => bytes(r.entry_hash));
}

for (const dialect of TEST_DIALECTS) {
  describe(`ledger Merkle tree and checkpoints on ${dialect}`, () => {
    let db: Kysely<Database>;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ db, close } = await openTestDb(dialect));
    });
    afterEach(async () => {
      await close();
    });

    it('stored-node proofs and roots equal the in-memory tree over the entry hashes, at every checkpoint size', async () => {
      await appendMany(db, 300);
      // Built in uneven chunks, to cross stored-node boundaries mid-chunk.
      await catchUpTree(db, 'sm3', 37);
      expect((await readTree(db)).size).toBe(300);
      const nodes = await db.selectFrom('ledger_tree_nodes').select(['level']).execute();
      expect(new Set(nodes.map((n) => Number(n.level)))).toEqual(new Set([4, 8])); // 18 at level 4, 1 at level 8
      expect(nodes).toHaveLength(18 + 1);

      const hashes = await entryHashes(db);
      for (const size of [1, 2, 15, 16, 17, 100, 255, 256, 257, 300]) {
        expect(hex(await ledgerRootAt(db, 'sm3', size)), `root ${size}`).toBe(hex(rootOf('sm3', hashes.slice(0, size))));
        expect((await ledgerRoot(db, 'sm3', size)).root).toBe(hex(rootOf('sm3', hashes.slice(0, size))));
        for (const seq of new Set([1, Math.ceil(size / 2), size])) {
          const fromDb = await ledgerInclusionProof(db, 'sm3', seq, size);
          expect(fromDb.map(hex), `inclusion ${seq}/${size}`).toEqual(inclusionProof('sm3', hashes.slice(0, size), seq - 1).map(hex));
        }
        for (const m of [0, 1, 7, 16, 200]) {
          if (m > size) continue;
          const fromDb = await ledgerConsistencyProof(db, 'sm3', m, size);
          expect(fromDb.map(hex), `consistency ${m}→${size}`).toEqual(consistencyProof('sm3', hashes.slice(0, size), m).map(hex));
        }
      }
      await expect(ledgerInclusionProof(db, 'sm3', 1, 301)).rejects.toThrow(RangeError);
    });

    it('signs a checkpoint every N entries inside the appending transaction, and each extends the last', async () => {
      const config = configWith({ JIFANG_CHECKPOINT_EVERY: '4' });
      const ctx = { actor: SYSTEM_ACTOR, clock: fixedClock('2026-03-02'), config };
      for (let i = 0; i < 9; i++) {
        await db.transaction().execute((trx) => audit(ctx, trx, { action: 'record.read', objectType: 'test', objectId: `x${i}` }));
      }
      const cps = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('id').execute();
      expect(cps.map((c) => Number(c.tree_size))).toEqual([4, 8]);
      const hashes = await entryHashes(db);
      for (const cp of cps) {
        expect(cp.root_hash).toBe(hex(rootOf('sm3', hashes.slice(0, Number(cp.tree_size)))));
        expect([cp.sig_alg, cp.hash_alg, cp.origin]).toEqual(['sm2', 'sm3', 'jifang/ledger']);
      }
      const [a, b] = cps.map((c) => ({ ...c, id: Number(c.id), tree_size: Number(c.tree_size) }));
      expect(await checkpointsConsistent(db, a, b)).toBe(true);
      const proof = await ledgerConsistencyProof(db, 'sm3', 4, 8);
      expect(verifyConsistency('sm3', 4, 8, bytes(a.root_hash), bytes(b.root_hash), proof)).toBe(true);
      expect(verifyConsistency('sm3', 4, 8, bytes(b.root_hash), bytes(a.root_hash), proof)).toBe(false);

      // The trigger's checkpoint rolls back with the transaction that would have reached 12.
      await expect(
        db.transaction().execute(async (trx) => {
          for (let i = 0; i < 3; i++) await audit(ctx, trx, { action: 'record.read', objectType: 'test', objectId: 'r' });
          throw new Error('caller fails after its audit');
        }),
      ).rejects.toThrow('caller fails');
      expect(await db.selectFrom('ledger_checkpoints').select('id').execute()).toHaveLength(2);
      expect((await readTree(db)).size).toBe(8);
    });

    it('writes on demand and when due; a bundle from it verifies offline; nothing to do when nothing is new', async () => {
      const config = configWith({ JIFANG_SIGNING_ALG: 'ed25519', JIFANG_LEDGER_ORIGIN: 'gd.example/jifang' });
      const now = new Date('2026-03-02T02:00:00Z');
      expect(await checkpointIfDue(db, config, now)).toBeNull(); // empty ledger
      await appendMany(db, 21);
      const due = await checkpointIfDue(db, config, now);
      expect(due?.tree_size).toBe(21);
      expect(await checkpointIfDue(db, config, now)).toBeNull();
      const body = parseCheckpointBody((await exportProof(db, 5)).checkpoint.body)!;
      expect(body).toMatchObject({ origin: 'gd.example/jifang', size: 21, hashAlg: 'sm3', at: now.toISOString() });

      await appendMany(db, 2);
      await expect(exportProof(db, 23)).rejects.toThrow(/no checkpoint covers entry #23/);
      const { checkpoint, consistentWithPrevious } = await checkpointNow(db, config, now);
      expect(checkpoint.tree_size).toBe(23);
      expect(consistentWithPrevious).toBe(true);
      for (const seq of [1, 5, 21, 23]) {
        const res = checkProofBundle(await exportProof(db, seq));
        expect(res, `entry ${seq}`).toMatchObject({ ok: true, seq, treeSize: 23, sigAlg: 'ed25519' });
      }
      // Against the earlier checkpoint, explicitly chosen.
      expect(checkProofBundle(await exportProof(db, 5, Number(due!.id)))).toMatchObject({ ok: true, treeSize: 21 });
      await expect(exportProof(db, 23, Number(due!.id))).rejects.toThrow(/no checkpoint/);
      expect((await latestCheckpoint(db, 22))?.tree_size).toBe(23);
      // Checkpoints and stored nodes are append-only in the database itself.
      await expect(db.updateTable('ledger_checkpoints').set({ root_hash: '00' }).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('ledger_checkpoints').execute()).rejects.toThrow(/append-only/);
    });

    it('refuses to extend the tree (and so to sign) over an entry that does not recompute or link', async () => {
      const config = configWith();
      await appendMany(db, 6);
      await checkpointNow(db, config, new Date());
      await appendMany(db, 3);
      await dropAppendOnly(db, dialect);
      await db.updateTable('ledger_entries').set({ object_id: 'rewritten' }).where('seq', '=', 8).execute();
      await expect(checkpointNow(db, config, new Date())).rejects.toThrow(LedgerTreeError);
      await expect(checkpointNow(db, config, new Date())).rejects.toMatchObject({ seq: 8, reason: 'hash_mismatch' });
      expect((await readTree(db)).size).toBe(6);
      expect(await db.selectFrom('ledger_checkpoints').select('id').execute()).toHaveLength(1);
      // Inside a caller's transaction the refusal rolls that transaction back.
      await expect(db.transaction().execute((trx) => writeCheckpoint(trx, config, new Date()))).rejects.toThrow(LedgerTreeError);
    });
  });
}

/** Only tests do this: it is what someone with database access would do to rewrite history. */
async function dropAppendOnly(db: Kysely<Database>, dialect: string): Promise<void> {
  const { sql } = await import('kysely');
  if (dialect === 'sqlite') await sql`DROP TRIGGER ledger_no_update`.execute(db);
  else await sql`DROP TRIGGER ledger_no_update ON ledger_entries`.execute(db);
}
