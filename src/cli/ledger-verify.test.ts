import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { appendLedger } from '../platform/audit/ledger.js';
import type { Database } from '../platform/db/schema.js';
import { TEST_DIALECTS, openTestDb } from '../platform/db/testing.js';
import { runLedgerVerify } from './ledger-verify.js';

/** Collects what is written; `onWrite` lets a test act at a given moment (e.g. press Ctrl-C). */
function sink(opts: { isTTY?: boolean; onWrite?: (chunk: string) => void } = {}) {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      opts.onWrite?.(String(chunk));
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stream.isTTY = opts.isTTY;
  stream.columns = 80;
  return { stream, text: () => text };
}

for (const dialect of TEST_DIALECTS) {
  describe(`jifang ledger verify on ${dialect}`, () => {
    let db: Kysely<Database>;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ db, close } = await openTestDb(dialect));
      for (let i = 0; i < 25; i++) {
        await db.transaction().execute((trx) =>
          appendLedger(trx, { actor: SYSTEM_ACTOR, action: 'ledger.verified', objectType: 'ledger', objectId: 'main' }, { alg: 'sm3', now: new Date() }),
        );
      }
    });
    afterEach(async () => {
      await close();
    });

    it('prints OK with the head and exits 0; plain progress lines when not a terminal', async () => {
      const out = sink();
      const err = sink({ isTTY: false });
      const head = await db.selectFrom('ledger_head').select('entry_hash').executeTakeFirstOrThrow();
      expect(await runLedgerVerify(db, out.stream, { err: err.stream, batchSize: 10 })).toBe(0);
      expect(out.text()).toBe(`ledger OK: 25 entries, head ${head.entry_hash}\nregister OK: 0 entries match their ledger entries\n`);
      expect(err.text()).toBe('ledger verify: 0% (0/25)\nledger verify: 40% (10/25)\nledger verify: 80% (20/25)\nledger verify: 100% (25/25)\n');
    });

    it('draws a bar on a terminal', async () => {
      const err = sink({ isTTY: true });
      expect(await runLedgerVerify(db, sink().stream, { err: err.stream, batchSize: 10 })).toBe(0);
      expect(err.text()).toContain('\rledger verify [');
      expect(err.text()).toMatch(/100% 25\/25\n$/);
    });

    it('prints BROKEN with the first bad entry and exits 1', async () => {
      await db.updateTable('ledger_head').set({ seq: 30 }).execute();
      const out = sink();
      expect(await runLedgerVerify(db, out.stream, { err: sink().stream })).toBe(1);
      expect(out.text()).toBe('ledger BROKEN at entry #26: head_mismatch\nregister OK: 0 entries match their ledger entries\n');
    });

    it('stops cleanly on SIGINT with exit code 130 and removes its handler', async () => {
      const before = process.listenerCount('SIGINT');
      let pressed = false;
      const err = sink({
        onWrite: () => {
          if (!pressed) {
            pressed = true;
            process.emit('SIGINT');
          }
        },
      });
      const out = sink();
      expect(await runLedgerVerify(db, out.stream, { err: err.stream, batchSize: 10 })).toBe(130);
      expect(out.text()).toBe('');
      expect(err.text()).toContain('interrupted after 0 entries; nothing was changed');
      expect(process.listenerCount('SIGINT')).toBe(before);
    });
  });
}
