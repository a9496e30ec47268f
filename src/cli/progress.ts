/** Where progress goes: a terminal gets a redrawn bar, anything else (CI logs, files) plain lines. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface ProgressReporter {
  update(done: number, total: number): void;
  finish(): void;
  done(): number;
}

/** One progress display for every long CLI job (ledger verification, imports, recomputation). */
export function progressReporter(label: string, err: ProgressStream = process.stderr): ProgressReporter {
  let done = 0;
  let drawn = false;
  let nextDecile = 0;
  return {
    update(d: number, total: number): void {
      done = d;
      const pct = total === 0 ? 100 : Math.floor((d / total) * 100);
      if (err.isTTY) {
        const width = Math.max(10, Math.min(40, (err.columns ?? 80) - 40));
        const filled = Math.round((pct / 100) * width);
        err.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${d}/${total}`);
        drawn = true;
      } else if (pct >= nextDecile) {
        // Non-terminals get a line per 10% so logs stay short on big jobs.
        err.write(`${label}: ${pct}% (${d}/${total})\n`);
        nextDecile = Math.floor(pct / 10) * 10 + 10;
      }
    },
    finish(): void {
      if (drawn) err.write('\n');
      drawn = false;
    },
    done: (): number => done,
  };
}
