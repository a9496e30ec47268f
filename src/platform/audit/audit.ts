import type { DbOrTrx, Ctx } from '../context.js';
import { appendLedger } from './ledger.js';
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

/** Append the ledger entry for a decision or a read, in the caller's transaction. */
export function audit(ctx: Pick<Ctx, 'actor' | 'clock' | 'config'>, trx: DbOrTrx, event: AuditEvent) {
  return appendLedger(trx, { actor: ctx.actor, ...event }, { alg: ctx.config.ledgerHash, now: ctx.clock.now() });
}
