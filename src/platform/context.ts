import type { Kysely, Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from './access/actor.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';

export type DbOrTrx = Kysely<Database> | Transaction<Database>;

/** What every action receives: `async (ctx, input)`. Only platform/ builds it. */
export interface Ctx {
  db: Kysely<Database>;
  actor: Actor;
  clock: Clock;
  config: Config;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}
