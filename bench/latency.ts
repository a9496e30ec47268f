// Request latency for the benches that time pages one at a time: per-request samples of ours and
// of a baseline taken in alternating slices, and their p50/p95 and rate.

export interface Latency {
  count: number;
  totalMs: number;
  p50: number;
  p95: number;
  perSecond: number;
}

export function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const totalMs = s.reduce((a, b) => a + b, 0);
  return { count: s.length, totalMs: round3(totalMs), p50: round3(at(50)), p95: round3(at(95)), perSecond: s.length / (totalMs / 1000) };
}

/**
 * Ours and the baseline one request at a time, in alternating slices (A B, B A, …) so background
 * load on a shared machine lands on both; a warm-up of each first, not counted.
 */
export async function alternateRequests(n: number, ours: (i: number) => Promise<void>, base: (i: number) => void, rounds = 4): Promise<[number[], number[]]> {
  const warm = Math.min(10, n);
  for (let i = 0; i < warm; i++) {
    await ours(i);
    base(i);
  }
  const o: number[] = [];
  const b: number[] = [];
  const per = Math.ceil(n / rounds);
  for (let r = 0, i = 0; r < rounds && i < n; r++) {
    const end = Math.min(n, i + per);
    const runOurs = async () => {
      for (let k = i; k < end; k++) {
        const t = performance.now();
        await ours(k);
        o.push(performance.now() - t);
      }
    };
    const runBase = () => {
      for (let k = i; k < end; k++) {
        const t = performance.now();
        base(k);
        b.push(performance.now() - t);
      }
    };
    if (r % 2 === 0) {
      await runOurs();
      runBase();
    } else {
      runBase();
      await runOurs();
    }
    i = end;
  }
  return [o, b];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
