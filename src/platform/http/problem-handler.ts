import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, toProblem } from './errors.js';

export function langOf(req: FastifyRequest): 'zh' | 'en' {
  const h = req.headers['accept-language'];
  return typeof h === 'string' && /^en\b/i.test(h.trim()) ? 'en' : 'zh';
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  return reply
    .code(err.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(toProblem(err, langOf(req)));
}

/** Fastify's own errors (parsing, validation, limits) mapped onto our closed set of codes. */
function fromFastify(err: FastifyError): AppError | null {
  if (err.validation) {
    const fields = err.validation.map((v) => ({
      field: `${err.validationContext ?? 'body'}${v.instancePath || ''}`,
      problem: v.message ?? 'invalid',
    }));
    return new AppError(
      'VALIDATION_FAILED',
      { zh: `数据校验未通过：${fields.map((f) => f.field).join('、')}`, en: `Invalid: ${fields.map((f) => `${f.field} ${f.problem}`).join('; ')}` },
      { extra: { errors: fields } },
    );
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_JSON');
  }
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
    return new AppError('MALFORMED_JSON');
  }
  if (err.statusCode === 405) return new AppError('METHOD_NOT_ALLOWED');
  if (err.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (err.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', undefined);
  }
  return null;
}

/** One error handler: problem JSON always; 5xx details go to the log, never to the client. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const known = error instanceof AppError ? error : fromFastify(error);
    if (known) {
      if (known.status >= 500) req.log.error({ err: error }, 'request failed');
      return sendProblem(req, reply, known);
    }
    req.log.error({ err: error }, 'unexpected error');
    return sendProblem(req, reply, new AppError('INTERNAL'));
  });
}
