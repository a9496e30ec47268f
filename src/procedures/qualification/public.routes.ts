import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { searchQualifiedCompanies, verifyCertificate } from './certificates.actions.js';
import { NumberParams, PageOf, ProblemView, PublicCertificateView, PublicCompaniesQuery, QualifiedCompanyView } from './qualification.schemas.js';

/**
 * Anonymous verification (the QR code on every certificate points here) and the public register
 * of qualified companies. Same answer for every caller, so a short shared cache is fine.
 */
export function publicCertificateRoutes(app: App, deps: AppDeps): void {
  const tags = ['public'];
  const ctx = { db: deps.db.db, clock: deps.clock, config: deps.config };

  app.get(
    '/api/public/certificates/:number',
    {
      schema: {
        tags,
        summary: 'Verify a certificate by its number: company, level, validity and status only',
        params: NumberParams,
        response: { 200: PublicCertificateView, '4xx': ProblemView },
      },
    },
    async (req, reply) => {
      const body = await verifyCertificate(ctx, req.params.number);
      return reply.header('cache-control', 'public, max-age=60').send(body);
    },
  );

  app.get(
    '/api/public/companies',
    {
      schema: {
        tags,
        summary: 'Companies holding a current qualification certificate (50 per page)',
        querystring: PublicCompaniesQuery,
        response: { 200: PageOf(QualifiedCompanyView), '4xx': ProblemView },
      },
    },
    async (req, reply) => {
      const { name, level, city, page } = req.query;
      const body = await searchQualifiedCompanies(ctx, { name, level, city, page: page ? Number(page) : undefined });
      return reply.header('cache-control', 'public, max-age=60').send(body);
    },
  );
}
