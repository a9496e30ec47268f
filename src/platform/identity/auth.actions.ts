import type { Ctx } from '../context.js';
import { AppError } from '../http/errors.js';
import { audit } from '../audit/audit.js';
import { dummyHash, verifyPassword } from './passwords.js';
import { findUserById, findUserByUsername, updateUser } from './users.repository.js';
import {
  deleteSession,
  findApiTokenWithUser,
  findSessionWithUser,
  insertSession,
  touchSession,
} from './sessions.repository.js';
import { newToken, tokenDigest } from './tokens.js';
import { actorOfUser } from './actor-of-user.js';
import type { Actor } from '../access/actor.js';
import { presentUser, type PresentedUser } from './present-user.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: PresentedUser;
}

/**
 * Sign in. A locked account stays locked even with the right password; five failures lock it
 * (MLPS level 3: ≤ 5 attempts, ≥ 30 min). Every outcome is written to the ledger.
 */
export async function login(ctx: Ctx, input: { username: string; password: string }): Promise<LoginResult> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const user = await findUserByUsername(ctx.db, input.username);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash()));
  if (!user) throw new AppError('INVALID_CREDENTIALS');

  const subject = { ...ctx, actor: { userId: user.id, role: user.role, ip: ctx.actor.ip } as Actor };
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  if (user.locked_until && user.locked_until > nowIso) {
    await ctx.db.transaction().execute((trx) =>
      audit(subject, trx, { action: 'auth.login_failed', objectType: 'user', objectId: user.id, detail: { reason: 'locked' } }),
    );
    throw new AppError('ACCOUNT_LOCKED', undefined, { extra: { lockedUntil: user.locked_until } });
  }

  if (!ok) {
    const failures = user.failed_logins + 1;
    const lock = failures >= ctx.config.lockoutThreshold;
    const lockedUntil = lock ? new Date(now.getTime() + ctx.config.lockoutMinutes * 60_000).toISOString() : null;
    await ctx.db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, { failed_logins: lock ? 0 : failures, locked_until: lockedUntil });
      await audit(subject, trx, { action: 'auth.login_failed', objectType: 'user', objectId: user.id, detail: { failures } });
      if (lock) await audit(subject, trx, { action: 'auth.locked', objectType: 'user', objectId: user.id, detail: { lockedUntil } });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', undefined, { extra: { lockedUntil } });
    throw new AppError('INVALID_CREDENTIALS');
  }

  // A new session id at every login (no fixation); the cookie carries the token, the table its digest.
  const token = newToken();
  const csrfToken = newToken();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { failed_logins: 0, locked_until: null, last_login_at: nowIso });
    await insertSession(trx, {
      id: tokenDigest(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: nowIso,
      last_seen_at: nowIso,
      expires_at: new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000).toISOString(),
    });
    await audit(subject, trx, { action: 'auth.login', objectType: 'user', objectId: user.id });
  });
  return { token, csrfToken, user: presentUser(user) };
}

export async function logout(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionId);
    if (ctx.actor.userId) {
      await audit(ctx, trx, { action: 'auth.logout', objectType: 'user', objectId: ctx.actor.userId });
    }
  });
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string | null;
  csrfToken: string | null;
}

/** The actor behind a session cookie, or null when absent, idle too long, expired or disabled. */
export async function resolveSession(
  ctx: Pick<Ctx, 'db' | 'clock' | 'config'>,
  token: string,
  ip: string | null,
): Promise<ResolvedSession | null> {
  const id = tokenDigest(token);
  const row = await findSessionWithUser(ctx.db, id);
  if (!row) return null;
  const now = ctx.clock.now();
  const idleLimit = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000).toISOString();
  if (row.status !== 'active' || row.expires_at <= now.toISOString() || row.last_seen_at < idleLimit) {
    await deleteSession(ctx.db, id);
    return null;
  }
  // Touch at most once a minute: keeps the idle timer honest without a write per request.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) await touchSession(ctx.db, id, now.toISOString());
  return { actor: actorOfUser(row, ip), sessionId: id, csrfToken: row.csrf_token };
}

export async function resolveApiToken(
  ctx: Pick<Ctx, 'db'>,
  token: string,
  ip: string | null,
): Promise<ResolvedSession | null> {
  const row = await findApiTokenWithUser(ctx.db, tokenDigest(token));
  if (!row || row.revoked_at || row.status !== 'active') return null;
  return { actor: actorOfUser(row, ip), sessionId: null, csrfToken: null };
}

export async function currentUser(ctx: Ctx): Promise<PresentedUser> {
  const user = ctx.actor.userId ? await findUserById(ctx.db, ctx.actor.userId) : undefined;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return presentUser(user);
}

