/**
 * The one place that reads the system clock. Rules take `today` (an Asia/Shanghai calendar date,
 * `YYYY-MM-DD`) as an argument; tests inject a fixed clock.
 */
export interface Clock {
  now(): Date;
  /** Today's calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
  today(): string;
}

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function shanghaiDateOf(instant: Date): string {
  return shanghaiDate.format(instant);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => shanghaiDateOf(new Date()),
};

/** A clock standing still at `iso` (an instant, or a date meaning 09:00 Shanghai time). */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let instant = parse(iso);
  return {
    now: () => new Date(instant.getTime()),
    today: () => shanghaiDateOf(instant),
    set(next: string) {
      instant = parse(next);
    },
  };
}

function parse(iso: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T09:00:00+08:00`) : new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${iso}`);
  return d;
}
