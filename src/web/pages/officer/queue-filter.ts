// Which applications the officer queue shows for the chosen filters.
import { applicationStatus } from '../../status';

/** actionable: the caller can act now; open: still being handled; all: everything in the jurisdiction. */
export type QueueScope = 'actionable' | 'open' | 'all';

export interface QueueFilter {
  scope: QueueScope;
  statuses: string[];
  search: string;
}

export function filterQueue<T extends { status: string; actions: readonly string[]; companyName: string }>(rows: T[], f: QueueFilter): T[] {
  const q = f.search.trim().toLowerCase();
  return rows.filter(
    (a) =>
      (f.scope === 'all' || (f.scope === 'open' ? applicationStatus(a.status).open : a.actions.length > 0)) &&
      (f.statuses.length === 0 || f.statuses.includes(a.status)) &&
      (!q || a.companyName.toLowerCase().includes(q)),
  );
}
