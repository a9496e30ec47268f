import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { digestOf, hashHex } from '../crypto/hash.js';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { TEST_DIALECTS, openTestDb } from '../db/testing.js';
import { GENESIS_HASH, appendLedger, entryBytes, ledgerHead, readLedger, type LedgerEntryInput } from './ledger.js';
import { verifyLedger } from './verify.js';

const officer: Actor = { userId: 'u-1', role: 'city_officer', ip: '203.0.113.7' };
const NOW = new Date('2024-05-06T07:08:09.010Z');

function entry(i: number, extra: Partial<LedgerEntryInput> = {}): LedgerEntryInput {
  return {
    actor: officer,
    action: 'qualification.accepted',
    objectType: 'qualification_application',
    objectId: `app-${i % 3}`,
    before: { status: 'submitted', i },
    after: { status: 'accepted', i },
    article: '15(1)',
    detail: { note: `n${i}` },
    ...extra,
  };
}

async function append(db: Kysely<Database>, i: number, alg: 'sm3' | 'sha256' = 'sm3') {
  return db.transaction().execute((trx) => appendLedger(trx, entry(i), { alg, now: NOW }));
}

/** Tampering needs the append-only trigger out of the way first (as a DBA with DDL rights could). */
async function dropUpdateTrigger(db: Kysely<Database>, dialect: DialectName) {
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER ledger_no_update`.execute(db);
    await sql`DROP TRIGGER ledger_no_delete`.execute(db);
  } else {
    await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_no_update`.execute(db);
  }
}

for (const dialect of TEST_DIALECTS) {
  describe(`ledger on ${dialect}`, () => {
    let db: Kysely<Database>;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ db, close } = await openTestDb(dialect));
    });
    afterEach(async () => {
      await close();
    });

    it('an empty ledger verifies against the genesis head', async () => {
      expect(await ledgerHead(db)).toEqual({ seq: 0, entryHash: GENESIS_HASH });
      expect(await verifyLedger(db)).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
    });

    it('appends a gap-free chain, mixing algorithms, and verifies it in pages with progress', async () => {
      const results = [];
      for (let i = 1; i <= 12; i++) results.push(await append(db, i, i % 4 === 0 ? 'sha256' : 'sm3'));
      expect(results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(await ledgerHead(db)).toEqual({ seq: 12, entryHash: results[11].entryHash });

      const progress: [number, number][] = [];
      const res = await verifyLedger(db, { batchSize: 5, onProgress: (d, t) => progress.push([d, t]) });
      expect(res).toEqual({ ok: true, entries: 12, head: results[11].entryHash });
      expect(progress).toEqual([[0, 12], [5, 12], [10, 12], [12, 12]]);
    });

    it('stores digests, never the raw before/after state, and the actor, role, article and IP', async () => {
      await append(db, 1);
      const [row] = await readLedger(db, { objectType: 'qualification_application', objectId: 'app-1' });
      expect(row).toMatchObject({
        seq: 1,
        at: NOW.toISOString(),
        actor_id: 'u-1',
        actor_role: 'city_officer',
        action: 'qualification.accepted',
        article: '15(1)',
        alg: 'sm3',
        prev_hash: GENESIS_HASH,
        before_digest: digestOf({ i: 1, status: 'submitted' }, 'sm3'),
        after_digest: digestOf({ status: 'accepted', i: 1 }, 'sm3'),
      });
      expect(JSON.parse(row.detail!)).toEqual({ note: 'n1', ip: '203.0.113.7' });
      expect(JSON.stringify(row)).not.toContain('submitted');
      expect(row.entry_hash).toBe(hashHex('sm3', entryBytes(row)));
    });

    it('records no digest for missing state and no detail when there is nothing to say', async () => {
      await db.transaction().execute((trx) =>
        appendLedger(
          trx,
          { actor: { userId: null, role: 'public' }, action: 'certificate.read', objectType: 'certificate', objectId: 'c1' },
          { alg: 'sm3', now: NOW },
        ),
      );
      const [row] = await readLedger(db, { objectType: 'certificate', objectId: 'c1' });
      expect(row).toMatchObject({ actor_id: null, actor_role: 'public', before_digest: null, after_digest: null, detail: null, article: null });
      expect((await verifyLedger(db)).ok).toBe(true);
    });

    it('readLedger returns one case history in seq order', async () => {
      for (let i = 1; i <= 9; i++) await append(db, i);
      const rows = await readLedger(db, { objectType: 'qualification_application', objectId: 'app-1' });
      expect(rows.map((r) => r.seq)).toEqual([1, 4, 7]);
    });

    it('refuses to append outside a transaction', async () => {
      await expect(appendLedger(db, entry(1), { alg: 'sm3', now: NOW })).rejects.toThrow(/inside the transaction/);
      expect((await ledgerHead(db)).seq).toBe(0);
    });

    it('a rolled-back transaction leaves no entry and the chain stays valid', async () => {
      await append(db, 1);
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('companies').values({ id: 'c1', name: 'x', uscc: 'u', division_code: '440106', origin: 'guangdong', created_at: NOW.toISOString() }).execute();
          await appendLedger(trx, entry(2), { alg: 'sm3', now: NOW });
          throw new Error('business rule refused');
        }),
      ).rejects.toThrow('business rule refused');
      expect((await ledgerHead(db)).seq).toBe(1);
      expect(await db.selectFrom('companies').selectAll().execute()).toEqual([]);
      const r3 = await append(db, 3);
      expect(r3.seq).toBe(2);
      expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 2 });
    });

    it('the database refuses UPDATE and DELETE of entries', async () => {
      await append(db, 1);
      await expect(db.updateTable('ledger_entries').set({ action: 'auth.login' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('ledger_entries').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
      expect((await verifyLedger(db)).ok).toBe(true);
    });

    it('an entry altered behind the triggers is reported as exactly that entry', async () => {
      for (let i = 1; i <= 6; i++) await append(db, i);
      await dropUpdateTrigger(db, dialect);
      await db.updateTable('ledger_entries').set({ action: 'qualification.refused' }).where('seq', '=', 4).execute();
      expect(await verifyLedger(db, { batchSize: 2 })).toEqual({ ok: false, entries: 3, firstBad: { seq: 4, reason: 'hash_mismatch' } });
    });

    it('an altered entry whose hash was recomputed breaks the link of the next one', async () => {
      for (let i = 1; i <= 6; i++) await append(db, i);
      await dropUpdateTrigger(db, dialect);
      const row = await db.selectFrom('ledger_entries').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      const forged = { ...row, actor_id: 'u-2' };
      await db.updateTable('ledger_entries').set({ actor_id: 'u-2', entry_hash: hashHex('sm3', entryBytes(forged)) }).where('seq', '=', 3).execute();
      expect(await verifyLedger(db)).toEqual({ ok: false, entries: 3, firstBad: { seq: 4, reason: 'chain_break' } });
    });

    it('a deleted entry is a seq gap; a cut-off tail or a moved head is a head mismatch', async () => {
      for (let i = 1; i <= 6; i++) await append(db, i);
      await dropUpdateTrigger(db, dialect);
      await db.deleteFrom('ledger_entries').where('seq', '=', 6).execute();
      expect(await verifyLedger(db)).toEqual({ ok: false, entries: 5, firstBad: { seq: 6, reason: 'head_mismatch' } });

      const e5 = await db.selectFrom('ledger_entries').select('entry_hash').where('seq', '=', 5).executeTakeFirstOrThrow();
      await db.updateTable('ledger_head').set({ seq: 5, entry_hash: e5.entry_hash }).execute();
      expect((await verifyLedger(db)).ok).toBe(true);

      await db.updateTable('ledger_head').set({ seq: 4 }).execute();
      expect(await verifyLedger(db)).toEqual({ ok: false, entries: 4, firstBad: { seq: 4, reason: 'head_mismatch' } });
      const e4 = await db.selectFrom('ledger_entries').select('entry_hash').where('seq', '=', 4).executeTakeFirstOrThrow();
      await db.updateTable('ledger_head').set({ entry_hash: e4.entry_hash }).execute();
      // Entry #5 now lies beyond the head: written around appendLedger.
      expect(await verifyLedger(db)).toEqual({ ok: false, entries: 4, firstBad: { seq: 5, reason: 'head_mismatch' } });

      await db.updateTable('ledger_head').set({ seq: 5, entry_hash: e5.entry_hash }).execute();
      await db.deleteFrom('ledger_entries').where('seq', '=', 2).execute();
      expect(await verifyLedger(db)).toEqual({ ok: false, entries: 1, firstBad: { seq: 2, reason: 'seq_gap' } });
    });

    it('an unknown algorithm id is a hash mismatch', async () => {
      for (let i = 1; i <= 2; i++) await append(db, i);
      await dropUpdateTrigger(db, dialect);
      await db.updateTable('ledger_entries').set({ alg: 'md5' }).where('seq', '=', 2).execute();
      expect(await verifyLedger(db)).toMatchObject({ ok: false, firstBad: { seq: 2, reason: 'hash_mismatch' } });
    });

    it('verification can be aborted between pages without side effects', async () => {
      for (let i = 1; i <= 10; i++) await append(db, i);
      const controller = new AbortController();
      const seen: number[] = [];
      await expect(
        verifyLedger(db, {
          batchSize: 3,
          signal: controller.signal,
          onProgress: (done) => {
            seen.push(done);
            if (done >= 3) controller.abort();
          },
        }),
      ).rejects.toMatchObject({ name: 'AbortError' });
      expect(seen).toEqual([0, 3]);
      expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 10 });
    });

    it('parallel transactions that each change state and append keep one gap-free chain', async () => {
      const n = 20;
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          db.transaction().execute(async (trx) => {
            await trx
              .insertInto('companies')
              .values({ id: `c${i}`, name: `Company ${i}`, uscc: `u${i}`, division_code: '440106', origin: 'guangdong', created_at: NOW.toISOString() })
              .execute();
            return appendLedger(trx, { ...entry(i), action: 'company.registered', objectType: 'company', objectId: `c${i}` }, { alg: 'sm3', now: new Date() });
          }),
        ),
      );
      const res = await verifyLedger(db);
      expect(res).toMatchObject({ ok: true, entries: n });
      const seqs = (await db.selectFrom('ledger_entries').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    });
  });
}
