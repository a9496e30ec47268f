import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { exportProof } from '../platform/audit/checkpoints.js';
import { appendLedger } from '../platform/audit/ledger.js';
import { checkProofBundle, formatCheckpointBody, parseCheckpointBody, type ProofBundle } from '../platform/audit/proof-check.js';
import { loadConfig, type Config } from '../platform/config.js';
import { loadOrCreateSigner } from '../platform/crypto/provider.js';
import type { Database } from '../platform/db/schema.js';
import { TEST_DIALECTS, openTestDb } from '../platform/db/testing.js';
import { runCheckProof, runExportProof, runLedgerCheckpoint } from './ledger-proof.js';
import { runLedgerVerify } from './ledger-verify.js';

const tmp = mkdtempSync(join(tmpdir(), 'jifang-proof-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sink() {
  let text = '';
  return { write: (c: string | Uint8Array) => ((text += String(c)), true), text: () => text };
}
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

async function appendMany(db: Kysely<Database>, n: number, from = 0): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = from; i < from + n; i++) {
      await appendLedger(
        trx,
        { actor: { userId: `u${i % 3}`, role: 'city_officer', ip: '10.0.0.1' }, action: 'record.read', objectType: 'register', objectId: `r${i}`, after: { i }, article: '21(3)' },
        { alg: 'sm3', now: new Date(Date.UTC(2026, 2, 2, 1, 0, i)) },
      );
    }
  });
}

async function dropAppendOnly(db: Kysely<Database>, dialect: string): Promise<void> {
  if (dialect === 'sqlite') await sql`DROP TRIGGER ledger_no_update`.execute(db);
  else await sql`DROP TRIGGER ledger_no_update ON ledger_entries`.execute(db);
}

for (const dialect of TEST_DIALECTS) {
  describe(`jifang ledger checkpoint / export-proof / check-proof on ${dialect}`, () => {
    let db: Kysely<Database>;
    let close: () => Promise<void>;
    let config: Config;
    const now = new Date('2026-03-02T03:00:00Z');
    beforeEach(async () => {
      ({ db, close } = await openTestDb(dialect));
      config = loadConfig({ JIFANG_KEYS_DIR: join(tmp, `keys-${dialect}`) });
      await appendMany(db, 13);
    });
    afterEach(async () => {
      await close();
    });

    it('exports a bundle that check-proof accepts with no database, pinned to the published key', async () => {
      const out = sink();
      expect(await runLedgerCheckpoint(db, config, now, out, sink())).toBe(0);
      expect(out.text()).toMatch(/^jifang\/ledger\n13\n[A-Za-z0-9+/]{43}=\nhash sm3\ntime 2026-03-02T03:00:00.000Z\n/);
      const file = join(tmp, `bundle-${dialect}.json`);
      const err = sink();
      expect(await runExportProof(db, config, now, ['7', '--out', file], sink(), err)).toBe(0);
      expect(err.text()).toMatch(/^proof OK: entry #7 is in jifang\/ledger's tree of 13 entries/);

      const bundle = JSON.parse(readFileSync(file, 'utf8')) as ProofBundle;
      expect(bundle.entry.seq).toBe(7);
      expect(bundle.publicKey.alg).toBe('sm2');
      const checked = sink();
      const pub = join(config.keysDir, 'signing-sm2.pub.pem');
      expect(runCheckProof([file, '--key', pub], checked, sink())).toBe(0);
      expect(checked.text()).toContain('signed (sm2) by the trusted key');
      // Without --key it still checks, and says the key must be compared by hand.
      const unpinned = sink();
      expect(runCheckProof([file], unpinned, sink())).toBe(0);
      expect(unpinned.text()).toContain('compare it with the published key');
      // Another key as the trusted one: refused.
      const stranger = loadOrCreateSigner(join(tmp, `stranger-${dialect}`), 'sm2');
      const strangerFile = join(tmp, `stranger-${dialect}.pem`);
      writeFileSync(strangerFile, stranger.publicKeyPem);
      const refused = sink();
      expect(runCheckProof([file, '--key', strangerFile], refused, sink())).toBe(1);
      expect(refused.text()).toMatch(/NOT verify \(key\)/);
      expect(runCheckProof([join(tmp, 'missing.json')], sink(), sink())).toBe(2);
      expect(await runExportProof(db, config, now, ['99'], sink(), sink())).toBe(1);
      expect(await runExportProof(db, config, now, ['x'], sink(), sink())).toBe(2);
    });

    it('writes a checkpoint on demand when none covers the entry yet', async () => {
      const err = sink();
      const out = sink();
      expect(await runExportProof(db, config, now, ['13'], out, err)).toBe(0);
      expect(err.text()).toMatch(/no checkpoint covers entry #13 yet: writing one now\nproof OK/);
      expect(checkProofBundle(JSON.parse(out.text())).ok).toBe(true);
    });

    it('altering any field of the entry, the proof, the checkpoint, the key or the signature makes it fail', async () => {
      await runLedgerCheckpoint(db, config, now, sink(), sink());
      const good = await exportProof(db, 6);
      expect(checkProofBundle(good).ok).toBe(true);
      const failsWith = (b: unknown, why: string, step?: string) => {
        const res = checkProofBundle(b);
        expect(res.ok, why).toBe(false);
        if (step && !res.ok) expect(res.failed, why).toBe(step);
      };

      for (const key of Object.keys(good.entry) as (keyof ProofBundle['entry'])[]) {
        const b = clone(good);
        const v = b.entry[key];
        (b.entry as Record<string, unknown>)[key] = typeof v === 'number' ? v + 1 : v === null ? 'x' : `${String(v).slice(0, -1)}${String(v).endsWith('0') ? '1' : '0'}`;
        failsWith(b, `entry.${key}`);
      }
      good.inclusion.hashes.forEach((h, i) => {
        const b = clone(good);
        b.inclusion.hashes[i] = `${h.slice(0, -1)}${h.endsWith('0') ? '1' : '0'}`;
        failsWith(b, `proof[${i}]`, 'inclusion');
      });
      const dropped = clone(good);
      dropped.inclusion.hashes.pop();
      failsWith(dropped, 'proof shortened', 'inclusion');
      const extended = clone(good);
      extended.inclusion.hashes.push(good.inclusion.hashes[0]);
      failsWith(extended, 'proof lengthened', 'inclusion');
      const moved = clone(good);
      moved.inclusion.leafIndex += 1;
      failsWith(moved, 'leaf index', 'inclusion');

      const body = parseCheckpointBody(good.checkpoint.body)!;
      const otherRoot = Uint8Array.from(body.root);
      otherRoot[0] ^= 1;
      for (const [why, changed] of [
        ['root', { ...body, root: otherRoot }],
        ['size', { ...body, size: body.size + 1 }],
        ['origin', { ...body, origin: 'someone/else' }],
        ['time', { ...body, at: '2027-01-01T00:00:00.000Z' }],
        ['hash', { ...body, hashAlg: 'sha256' as const }],
      ] as const) {
        const b = clone(good);
        b.checkpoint.body = formatCheckpointBody(changed);
        failsWith(b, `checkpoint ${why}`, 'signature');
      }
      const badSig = clone(good);
      const sigBytes = Buffer.from(good.checkpoint.signature.signature, 'base64');
      sigBytes[10] ^= 1;
      badSig.checkpoint.signature.signature = sigBytes.toString('base64');
      failsWith(badSig, 'signature', 'signature');

      // A forger re-signs a changed root with their own key: self-consistent, so only pinning catches it.
      const forger = loadOrCreateSigner(join(tmp, `forger-${dialect}`), 'sm2');
      const forged = clone(good);
      forged.checkpoint.body = formatCheckpointBody({ ...body, root: otherRoot });
      forged.checkpoint.signature = forger.sign(new TextEncoder().encode(forged.checkpoint.body));
      forged.publicKey = { alg: 'sm2', keyId: forger.keyId, pem: forger.publicKeyPem };
      failsWith(forged, 'forged root', 'inclusion');
      const swappedKey = clone(good);
      swappedKey.publicKey = { alg: 'sm2', keyId: good.publicKey.keyId, pem: forger.publicKeyPem };
      failsWith(swappedKey, 'key swapped', 'key');
      const realKey = loadOrCreateSigner(config.keysDir, 'sm2').publicKeyPem;
      const forgedSigned = clone(good);
      forgedSigned.checkpoint.signature = forger.sign(new TextEncoder().encode(good.checkpoint.body));
      forgedSigned.publicKey = { alg: 'sm2', keyId: forger.keyId, pem: forger.publicKeyPem };
      expect(checkProofBundle(forgedSigned).ok).toBe(true);
      expect(checkProofBundle(forgedSigned, { trustedPublicKey: realKey })).toMatchObject({ ok: false, failed: 'key' });
      expect(checkProofBundle(good, { trustedPublicKey: realKey })).toMatchObject({ ok: true, keyPinned: true });

      for (const junk of [null, 1, 'x', [], {}, { ...good, format: 'other' }, { ...good, entry: null }, { ...good, inclusion: { leafIndex: 5, hashes: 'x' } }]) {
        expect(checkProofBundle(junk).ok).toBe(false);
      }
    });

    it('a row altered by hand: ledger verify fails and a fresh proof stops verifying against the earlier checkpoint', async () => {
      await runLedgerCheckpoint(db, config, now, sink(), sink());
      expect(await runExportProof(db, config, now, ['5'], sink(), sink())).toBe(0);
      await dropAppendOnly(db, dialect);

      // 1. A careless edit: the stored entry_hash no longer matches the fields.
      await db.updateTable('ledger_entries').set({ object_id: 'someone-else' }).where('seq', '=', 5).execute();
      const verifyOut = sink();
      expect(await runLedgerVerify(db, verifyOut as never, { err: sink() as never })).toBe(1);
      expect(verifyOut.text()).toBe('ledger BROKEN at entry #5: hash_mismatch\nregister OK: 0 entries match their ledger entries\n');
      const err = sink();
      expect(await runExportProof(db, config, now, ['5'], sink(), err)).toBe(1);
      expect(err.text()).toMatch(/NOT verify \(entry\)/);

      // 2. A careful edit that also recomputes the entry's own hash: the leaf changes, the signed root does not.
      const row = await db.selectFrom('ledger_entries').selectAll().where('seq', '=', 5).executeTakeFirstOrThrow();
      const { entryBytes } = await import('../platform/audit/ledger.js');
      const { hashHex } = await import('../platform/crypto/hash.js');
      await db.updateTable('ledger_entries').set({ entry_hash: hashHex('sm3', entryBytes({ ...row, seq: Number(row.seq) })) }).where('seq', '=', 5).execute();
      expect(await runLedgerVerify(db, sink() as never, { err: sink() as never })).toBe(1);
      const out = sink();
      const err2 = sink();
      expect(await runExportProof(db, config, now, ['5'], out, err2)).toBe(1);
      expect(err2.text()).toMatch(/NOT verify \(inclusion\)/);
      const bundle = JSON.parse(out.text()) as ProofBundle;
      expect(bundle.entry.object_id).toBe('someone-else');
      expect(parseCheckpointBody(bundle.checkpoint.body)!.size).toBe(13);
      const file = join(tmp, `tampered-${dialect}.json`);
      writeFileSync(file, out.text());
      expect(runCheckProof([file], sink(), sink())).toBe(1);
    });
  });
}

describe('proof-check.ts stands alone', () => {
  it('reaches no database code at run time (its import graph, type-only imports aside)', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../platform/audit/proof-check.ts');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)) {
        const spec = m[1];
        if (spec.startsWith('.')) walk(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        else packages.add(spec);
      }
    };
    walk(root);
    expect([...packages].sort()).toEqual(['node:crypto', 'node:fs', 'node:path', 'sm-crypto-v2']);
    for (const f of seen) expect(f).not.toMatch(/\/(db|http|access)\/|context\.ts$/);
  });
});
