import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_ACTOR, type Actor } from '../access/actor.js';
import type { Ctx } from '../context.js';
import type { AppDeps } from './deps.js';
import { AppError } from './errors.js';
import { resolveApiToken, resolveSession } from '../identity/auth.actions.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

export function sessionCookieName(deps: AppDeps): string {
  // `__Host-` pins the cookie to this host and path and requires Secure (served over HTTPS).
  return deps.config.secureCookies ? '__Host-jf_session' : 'jf_session';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolve who is calling before any route runs: a session cookie, or an API token for machine
 * clients. Cookie-authenticated writes must echo the session's CSRF token in `x-csrf-token`.
 */
export function installRequestContext(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req: FastifyRequest) => {
    req.actor = { ...PUBLIC_ACTOR, ip: req.ip };
    if (!req.url.startsWith('/api/')) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const resolved = await resolveApiToken({ db: deps.db.db }, auth.slice(7).trim(), req.ip);
      if (!resolved) throw new AppError('UNAUTHENTICATED');
      req.actor = resolved.actor;
      return;
    }
    const cookie = req.cookies?.[sessionCookieName(deps)];
    if (!cookie) return;
    const resolved = await resolveSession({ db: deps.db.db, clock: deps.clock, config: deps.config }, cookie, req.ip);
    if (!resolved) return;
    req.actor = resolved.actor;
    req.sessionId = resolved.sessionId;
    req.csrfToken = resolved.csrfToken;
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== resolved.csrfToken) {
      throw new AppError('CSRF_TOKEN_INVALID');
    }
  });
}

/** The context an action receives, built from the request. */
export function ctxOf(req: FastifyRequest, deps: AppDeps): Ctx {
  return { db: deps.db.db, actor: req.actor, clock: deps.clock, config: deps.config, log: req.log };
}

/** Sensitive responses must not be cached by browsers or proxies (ASVS 14.3). */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}
