import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppDeps } from './deps.js';
import { AppError } from './errors.js';
import { installProblemHandler, sendProblem } from './problem-handler.js';
import { installRequestContext } from './request-context.js';
import { ROUTES } from './routes.js';

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; served with SPA fallback when present. */
  webDir?: string | null;
}

const VERSION = process.env.npm_package_version ?? '0.1.0';

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
    // Correlation ids instead of personal data in logs.
    requestIdHeader: false,
    // Errors the router raises before any route runs (bad escapes, over-long ids) are problems too.
    frameworkErrors: (err, req, reply) =>
      sendProblem(req, reply, new AppError(err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'BAD_URL')),
  }).withTypeProvider<TypeBoxTypeProvider>();

  installProblemHandler(app);
  await app.register(cookie);
  installRequestContext(app, deps);

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Jifang 技防 API',
        version: VERSION,
        description: 'Guangdong safety technology prevention management (粤府令第238号). Errors are problem JSON.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jf_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await deps.db.db.selectFrom('ledger_head').select('seq').executeTakeFirst();
    return { status: 'ok', database: deps.db.dialect, version: VERSION };
  });

  for (const register of ROUTES) await app.register(async (scope) => register(scope as App, deps));

  const webDir = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? opts.webDir : null;
  if (webDir) {
    // Hashed asset names: cache them for long; index.html is revalidated every time.
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1d' });
  }
  // Unknown /api paths get problem JSON; other GETs get the web app, whose router shows the page.
  app.setNotFoundHandler((req, reply) => {
    // A missing asset (e.g. a stale chunk name) is a 404, not the page, or the browser runs HTML as JS.
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || !webDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendProblem(req, reply, new AppError('NOT_FOUND'));
    }
    return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  });
  return app;
}
