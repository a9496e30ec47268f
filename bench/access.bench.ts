import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../src/platform/access/actor.js';
import { checkpointNow, exportProof } from '../src/platform/audit/checkpoints.js';
import { checkProofBundle } from '../src/platform/audit/proof-check.js';
import { fixedClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Ctx } from '../src/platform/context.js';
import { registerProofRecord, writeRegisterEntry, type RegisterDraft } from '../src/procedures/access/register.actions.js';
import { result, type BenchResult } from './report.js';
import { openRawLedger } from './raw-ledger.js';
import { alternate, forDuration, openMigrated, ratioSpread, type Contender } from './support.js';

export interface AccessBenchOptions {
  dir: string;
  log: (line: string) => void;
  warmupSec: number;
  durationSec: number;
  rounds: number;
}

/**
 * Information access (issue 5), the figures the Merkle bench does not already give:
 * 1. register appends/s as the procedure writes them — the register row (art. 21(3)), its ledger entry whose
 *    after_digest is the row's digest, the Merkle tree extended and an SM2 checkpoint signed every 1,000 entries,
 *    one transaction each — against better-sqlite3 inserting the same register rows alone (1/tx);
 * 2. offline verification rate of register-entry proof bundles (record digest + entry hash + SM2 checkpoint
 *    signature + audit path), against the same bundles without the record.
 * Inclusion-proof generation at 10,000,000 entries is `ledger-inclusion-proof` of merkle.bench.ts.
 */
export async function benchAccess(opts: AccessBenchOptions): Promise<BenchResult[]> {
  const ours = await openMigrated(join(opts.dir, 'access-ours.db'));
  const raw = await openRawLedger(join(opts.dir, 'access-raw.db'));
  const keysDir = join(opts.dir, 'access-keys');
  mkdirSync(keysDir, { recursive: true });
  const config = loadConfig({ JIFANG_KEYS_DIR: keysDir, JIFANG_CHECKPOINT_EVERY: '1000' });
  const ctx = { db: ours.db, actor: SYSTEM_ACTOR, clock: fixedClock('2026-03-02'), config } as unknown as Ctx;
  try {
    const rawInsert = raw.prepare(
      `INSERT INTO access_register (id, kind, request_id, grant_id, use_report_id, corrects_id, actor_user_id, requester_kind, organisation, unit_id, division_code, at, cameras, period_from, period_to, purpose, destination, flags, note, ledger_seq, created_at)
       VALUES (?, ?, NULL, NULL, NULL, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let rawSeq = 0;
    const rawTx = raw.transaction(() => {
      const d = draftOf(++rawSeq);
      rawInsert.run(randomUUID(), d.kind, d.actor_user_id, d.requester_kind, d.organisation, d.division_code, d.at, d.cameras, d.period_from, d.period_to, d.purpose, d.destination, d.flags, d.note, rawSeq, d.at);
    });
    let i = 0;
    const appendOurs = () => ours.db.transaction().execute((trx) => writeRegisterEntry(ctx, trx, draftOf(++i)));
    const contenders: Contender[] = [(s) => forDuration(s, async () => (await appendOurs(), 1)), (s) => forDuration(s, () => (rawTx(), 1))];
    if (opts.warmupSec > 0) for (const c of contenders) await c(opts.warmupSec);
    const alt = await alternate(opts.rounds, opts.durationSec, contenders);
    const [o, b] = alt.totals;
    const checkpoints = (await ours.db.selectFrom('ledger_checkpoints').select('id').execute()).length;
    opts.log(`  register append 1/tx: with ledger + Merkle + checkpoints ${Math.round(o.perSecond)}/s, raw register INSERT ${Math.round(b.perSecond)}/s (${checkpoints} checkpoints signed)`);

    // Bundles of register entries spread over the log, signed by one checkpoint.
    await checkpointNow(ours.db, config, new Date());
    const entries = await ours.db.selectFrom('access_register').select(['id', 'ledger_seq']).orderBy('ledger_seq').execute();
    const picks = [0, 0.25, 0.5, 0.75, 0.999].map((f) => entries[Math.floor(f * (entries.length - 1))]);
    const withRecord = await Promise.all(picks.map(async (e) => ({ ...(await exportProof(ours.db, Number(e.ledger_seq))), record: await registerProofRecord(ours.db, e.id) })));
    const without = withRecord.map(({ record: _r, ...b }) => b);
    let k = 0;
    const check = (bundles: readonly unknown[]) => () => {
      if (!checkProofBundle(bundles[k++ % bundles.length]).ok) throw new Error('bundle failed');
      return 1;
    };
    const v = await alternate(opts.rounds, opts.durationSec / 2, [(s) => forDuration(s, check(withRecord)), (s) => forDuration(s, check(without))]);
    const [vr, vp] = v.totals;
    opts.log(`  register-entry proof check: ${Math.round(vr.perSecond)}/s with the row, ${Math.round(vp.perSecond)}/s ledger entry only`);
    return [
      result({
        id: 'access-register-append',
        name: 'Register entry (row + ledger entry + Merkle tree + SM2 checkpoint every 1,000), 1/tx',
        unit: 'entries/s',
        ours: o.perSecond,
        baseline: b.perSecond,
        baselineName: 'better-sqlite3 INSERT of the same register rows, 1/tx',
        details: { checkpointEvery: 1000, checkpointsSigned: checkpoints, entries: entries.length, roundRatio: ratioSpread(alt, 0, 1), durationSec: opts.durationSec, rounds: opts.rounds },
      }),
      result({
        id: 'access-proof-verify',
        name: 'Offline check of a register-entry proof bundle (row digest, entry hash, SM2 signature, audit path)',
        unit: 'bundles/s',
        ours: vr.perSecond,
        baseline: vp.perSecond,
        baselineName: 'the same bundles without the register row (ledger entry only)',
        details: { treeSize: entries.length + 1, bundles: picks.length, roundRatio: ratioSpread(v, 0, 1) },
      }),
    ];
  } finally {
    raw.close();
    await ours.close();
  }
}

/** A typical export report: two cameras, a two-hour window, the file's digest in the note. */
function draftOf(i: number): RegisterDraft {
  const at = new Date(Date.UTC(2026, 2, 1, 0, 0, 0) + i * 1000).toISOString();
  return {
    kind: i % 3 === 0 ? 'exported' : 'viewing_started',
    request_id: null,
    grant_id: null,
    use_report_id: null,
    corrects_id: null,
    actor_user_id: `user-${i % 50}`,
    requester_kind: 'administrative_department',
    organisation: '广州市天河区市场监督管理局',
    unit_id: null,
    division_code: '440106',
    at,
    cameras: JSON.stringify(['44010600001320000101', '44010600001320000102']),
    period_from: '2026-03-01T00:00:00.000Z',
    period_to: '2026-03-01T02:00:00.000Z',
    purpose: '无证经营案件调查取证',
    destination: '天河区市场监督管理局案卷',
    flags: '[]',
    note: `sm3:${(i % 16).toString(16).repeat(64)}`,
    officials: [],
    article: '27(4)',
  };
}
