import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/deps.js';
import { AppError } from '../http/errors.js';
import { ctxOf, noStore, sessionCookieName } from '../http/request-context.js';
import { currentUser, login, logout } from './auth.actions.js';
import { LoginBody, NewTokenView, SessionView, TokenBody, TokenView } from './auth.schemas.js';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.actions.js';

export function authRoutes(app: App, deps: AppDeps): void {
  const cookieName = sessionCookieName(deps);
  const tags = ['auth'];

  app.post(
    '/api/auth/login',
    { schema: { tags, summary: 'Sign in with username and password', body: LoginBody, response: { 200: SessionView } } },
    async (req, reply) => {
      const result = await login(ctxOf(req, deps), req.body);
      reply.setCookie(cookieName, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.secureCookies,
        maxAge: deps.config.sessionAbsoluteHours * 3600,
      });
      return noStore(reply).send({ user: result.user, csrfToken: result.csrfToken });
    },
  );

  app.post('/api/auth/logout', { schema: { tags, summary: 'Sign out', response: { 204: Type.Null() } } }, async (req, reply) => {
    if (req.sessionId) await logout(ctxOf(req, deps), req.sessionId);
    reply.clearCookie(cookieName, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', { schema: { tags, summary: 'The signed-in user', response: { 200: SessionView } } }, async (req, reply) => {
    if (!req.actor.userId) throw new AppError('UNAUTHENTICATED');
    const user = await currentUser(ctxOf(req, deps));
    return noStore(reply).send({ user, csrfToken: req.csrfToken ?? '' });
  });

  app.get('/api/auth/tokens', { schema: { tags, summary: 'My API tokens', response: { 200: Type.Array(TokenView) } } }, async (req) =>
    listApiTokens(ctxOf(req, deps)),
  );

  app.post(
    '/api/auth/tokens',
    { schema: { tags, summary: 'Create an API token (shown once)', body: TokenBody, response: { 201: NewTokenView } } },
    async (req, reply) => noStore(reply).code(201).send(await createApiToken(ctxOf(req, deps), req.body)),
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await revokeApiToken(ctxOf(req, deps), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
