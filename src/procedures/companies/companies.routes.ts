import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { ctxOf } from '../../platform/http/request-context.js';
import { getCompany, registerCompany } from './companies.actions.js';
import { CompanyView, RegisterCompanyBody, RegisteredView } from './companies.schemas.js';

export function companyRoutes(app: App, deps: AppDeps): void {
  const tags = ['companies'];
  app.post(
    '/api/auth/register-company',
    {
      schema: {
        tags,
        summary: 'A security company opens its account with its first user',
        body: RegisterCompanyBody,
        response: { 201: RegisteredView },
      },
    },
    async (req, reply) => reply.code(201).send(await registerCompany(ctxOf(req, deps), req.body)),
  );

  app.get(
    '/api/companies/:id',
    {
      schema: {
        tags,
        summary: 'A company (its own users, or officers of its jurisdiction)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: CompanyView },
      },
    },
    async (req) => getCompany(ctxOf(req, deps), req.params.id),
  );
}
