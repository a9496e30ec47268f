import { describe, expect, it } from 'vitest';
import {
  candidatesDigest,
  checklistComplete,
  itemForArticle,
  orderDisplayNumber,
  orderNumber,
  prefillChecklist,
  rectificationFailed,
  reproduceDraw,
  seededShuffle,
} from './inspections.rules.js';

const SEED_A = 'a'.repeat(64);
const SEED_B = '0123456789abcdef'.repeat(4);
const sites = Array.from({ length: 40 }, (_, i) => `site-${String(i).padStart(3, '0')}`);
const officers = ['o-1', 'o-2', 'o-3', 'o-4', 'o-5'];

describe('双随机 draw (art. 29)', () => {
  for (const alg of ['sm3', 'sha256'] as const) {
    it(`${alg}: the same seed and candidates give the same draw, in any input order`, () => {
      const input = { seed: SEED_A, alg, siteIds: sites, officerIds: officers, targetCount: 5, inspectorsPerTarget: 2 };
      const a = reproduceDraw(input);
      const b = reproduceDraw({ ...input, siteIds: [...sites].reverse(), officerIds: [...officers].reverse() });
      expect(a).toEqual(b);
      expect(a).toHaveLength(5);
      expect(new Set(a.map((t) => t.siteId)).size).toBe(5);
      for (const t of a) {
        expect(t.inspectorIds).toHaveLength(2);
        expect(new Set(t.inspectorIds).size).toBe(2);
        for (const o of t.inspectorIds) expect(officers).toContain(o);
      }
    });

    it(`${alg}: a different seed gives a different draw`, () => {
      const input = { alg, siteIds: sites, officerIds: officers, targetCount: 5, inspectorsPerTarget: 2 };
      expect(reproduceDraw({ ...input, seed: SEED_A })).not.toEqual(reproduceDraw({ ...input, seed: SEED_B }));
    });
  }

  it('a changed candidate list changes its digest (tampering is detected)', () => {
    const d = candidatesDigest(sites, 'sm3');
    expect(candidatesDigest([...sites].reverse(), 'sm3')).toBe(d);
    expect(candidatesDigest(sites.slice(1), 'sm3')).not.toBe(d);
    expect(candidatesDigest([...sites, 'site-extra'], 'sm3')).not.toBe(d);
  });

  it('more targets than candidates: every candidate once; the shuffle is a permutation and not the identity', () => {
    const all = reproduceDraw({ seed: SEED_A, alg: 'sm3', siteIds: sites.slice(0, 3), officerIds: officers, targetCount: 10, inspectorsPerTarget: 9 });
    expect(all.map((t) => t.siteId).sort()).toEqual(sites.slice(0, 3));
    expect(all[0]!.inspectorIds).toHaveLength(officers.length);
    const shuffled = seededShuffle('sm3', SEED_A, 'x', sites);
    expect([...shuffled].sort()).toEqual(sites);
    expect(shuffled).not.toEqual(sites);
  });

  it('is roughly uniform: each of 5 sites is the first target about 1/5 of the time', () => {
    const counts = new Map<string, number>();
    const five = sites.slice(0, 5);
    for (let i = 0; i < 1000; i++) {
      const first = reproduceDraw({ seed: i.toString(16).padStart(64, '0'), alg: 'sha256', siteIds: five, officerIds: officers, targetCount: 1, inspectorsPerTarget: 1 })[0]!.siteId;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    for (const s of five) expect(counts.get(s)).toBeGreaterThan(140);
  });
});

describe('checklist of art. 29 (1)–(6)', () => {
  it('maps finding articles to items', () => {
    expect([itemForArticle('9'), itemForArticle('13'), itemForArticle('17'), itemForArticle('19'), itemForArticle('12'), itemForArticle('20'), itemForArticle('21'), itemForArticle('22')]).toEqual([
      1, 1, 2, 2, 3, 4, 5, 6,
    ]);
    expect(itemForArticle('34(4)')).toBe(6);
    expect(itemForArticle('10')).toBe(6);
  });

  it('pre-fills items from open findings and needs every item confirmed', () => {
    const list = prefillChecklist([
      { id: 'f1', rule: 'retention_configured_below_minimum', article: '20', detail: '{"retentionDays":15}' },
      { id: 'f2', rule: 'required_system_missing:intrusion_alarm', article: '9', detail: null },
    ]);
    expect(list.map((e) => [e.item, e.suggested, e.article])).toEqual([
      [1, 'problem', '9'],
      [2, null, '17'],
      [3, null, '12'],
      [4, 'problem', '20'],
      [5, null, '21'],
      [6, null, null],
    ]);
    expect(list[3]!.prefill[0]).toMatchObject({ findingId: 'f1', rule: 'retention_configured_below_minimum' });
    expect(list.every((e) => e.result === 'pending')).toBe(true);
    expect(checklistComplete(list)).toBe(false);
    expect(checklistComplete(list.map((e) => ({ ...e, result: 'ok' as const })))).toBe(true);
    expect(checklistComplete(list.map((e, i) => ({ ...e, result: i === 5 ? ('pending' as const) : ('na' as const) })))).toBe(false);
  });
});

describe('rectification orders', () => {
  it('rectificationFailed: the precondition of art. 32–34', () => {
    const due = '2026-10-15';
    expect(rectificationFailed({ status: 'issued', dueDate: due, reportedOn: null }, '2026-10-15')).toBe(false);
    expect(rectificationFailed({ status: 'issued', dueDate: due, reportedOn: null }, '2026-10-16')).toBe(true);
    expect(rectificationFailed({ status: 'lapsed', dueDate: due, reportedOn: null }, '2026-10-16')).toBe(true);
    expect(rectificationFailed({ status: 'reported', dueDate: due, reportedOn: '2026-10-15' }, '2026-11-01')).toBe(false);
    expect(rectificationFailed({ status: 'reported', dueDate: due, reportedOn: '2026-10-16' }, '2026-11-01')).toBe(true);
    expect(rectificationFailed({ status: 'corrected', dueDate: due, reportedOn: '2026-10-10' }, '2026-11-01')).toBe(false);
    expect(rectificationFailed({ status: 'corrected', dueDate: due, reportedOn: '2026-10-20' }, '2026-11-01')).toBe(true);
    expect(rectificationFailed({ status: 'failed', dueDate: due, reportedOn: '2026-10-10' }, '2026-10-12')).toBe(true);
  });

  it('numbers: ASCII-safe unique and the printed form', () => {
    expect(orderNumber('PSB-440106', 2026, 3)).toBe('RO-440106-2026-0003');
    expect(orderDisplayNumber('PSB-440106', 2026, 3)).toBe('穗天公技整字〔2026〕第3号');
    expect(orderDisplayNumber('PSB-440100', 2026, 12)).toBe('穗公技整字〔2026〕第12号');
    expect(orderDisplayNumber('PSB-440000', 2026, 1)).toBe('粤公技整字〔2026〕第1号');
    expect(orderDisplayNumber('PSB-440305', 2026, 1)).toBe('深南公技整字〔2026〕第1号');
  });
});
