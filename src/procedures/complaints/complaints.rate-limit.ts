/**
 * A per-source-address limit for the public complaint routes (there is no platform rate limiter):
 * a sliding window of timestamps per address, in this process's memory. It resets on restart and is
 * per process — behind several processes or a proxy a shared limiter (or the proxy's) is needed;
 * the server does not trust X-Forwarded-For (`trustProxy: false`), so behind a proxy every caller
 * shares the proxy's address: raise the limit there. The table is bounded: at `maxKeys` addresses
 * the oldest are dropped.
 */
export class WindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Records a hit for `key` at `nowMs`; false when the window is already full (the hit is not counted). */
  take(key: string, nowMs: number): boolean {
    const since = nowMs - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      return false;
    }
    list.push(nowMs);
    this.hits.delete(key);
    this.hits.set(key, list);
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return true;
  }
}
