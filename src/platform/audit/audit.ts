import type { DbOrTrx, Ctx } from '../context.js';
import { appendLedger } from './ledger.js';
import { writeCheckpoint } from './checkpoints.js';
import type { LedgerAction } from './events.js';

export interface AuditEvent {
  action: LedgerAction;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  article?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Append the ledger entry for a decision or a read, in the caller's transaction. Every
 * `checkpointEvery`-th entry also signs a checkpoint there: the tree and checkpoint then commit
 * (or roll back) with the entry they cover, and bulk jobs outside the server get checkpoints too.
 */
export async function audit(ctx: Pick<Ctx, 'actor' | 'clock' | 'config'>, trx: DbOrTrx, event: AuditEvent) {
  const now = ctx.clock.now();
  const appended = await appendLedger(trx, { actor: ctx.actor, ...event }, { alg: ctx.config.ledgerHash, now });
  if (appended.seq % ctx.config.checkpointEvery === 0) await writeCheckpoint(trx, ctx.config, now);
  return appended;
}
