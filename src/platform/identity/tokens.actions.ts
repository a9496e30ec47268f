import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context.js';
import { assertCan } from '../access/access.js';
import { audit } from '../audit/audit.js';
import { AppError } from '../http/errors.js';
import { newToken, tokenDigest } from './tokens.js';

/** API tokens for machine clients (e.g. a bureau's data exchange). Shown once, stored as a digest. */
export async function createApiToken(ctx: Ctx, input: { name: string }) {
  assertCan(ctx.actor, 'token.manage');
  const token = newToken();
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({ id, user_id: ctx.actor.userId!, name: input.name, token_hash: tokenDigest(token), created_at: now })
      .execute();
    await audit(ctx, trx, { action: 'token.created', objectType: 'api_token', objectId: id });
  });
  return { id, name: input.name, token };
}

export async function listApiTokens(ctx: Ctx) {
  assertCan(ctx.actor, 'token.manage');
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', ctx.actor.userId!)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx.actor, 'token.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .where('user_id', '=', ctx.actor.userId!)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    await audit(ctx, trx, { action: 'token.revoked', objectType: 'api_token', objectId: id });
  });
}
