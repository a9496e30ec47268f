import type { Config } from '../platform/config.js';
import { systemClock } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { Db } from '../platform/db/connect.js';
import { actorOfUser } from '../platform/identity/actor-of-user.js';
import { findUserByUsername } from '../platform/identity/users.repository.js';

/**
 * A CLI command acts as a named, active user (`--as`), so the same access rules and ledger entries
 * apply as on the web. Returns null (after saying why) when there is no such user.
 */
export async function cliCtxAs(db: Db, config: Config, username: string, err: NodeJS.WritableStream): Promise<Ctx | null> {
  const user = await findUserByUsername(db.db, username);
  if (!user || user.status !== 'active') {
    err.write(`no active user ${username}\n`);
    return null;
  }
  const actor = actorOfUser({ ...user, user_id: user.id }, null);
  const write = (o: unknown) => err.write(`${String((o as { err?: unknown })?.err ?? o)}\n`);
  return { db: db.db, actor, clock: systemClock, config, log: { info: () => undefined, warn: write, error: write } as Ctx['log'] };
}
