import type { FastifyServerOptions } from 'fastify';

/**
 * Application logs carry no personal data (PIPL; MLPS audit lives in the ledger instead): no
 * client addresses, no query strings (a search may hold a name), no cookies or tokens.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0].replace(/[\r\n]/g, ''),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: ['req.headers', 'headers.cookie', 'headers.authorization'],
  };
}
