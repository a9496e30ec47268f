import { Type, type TSchema } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { supplementApplication, withdrawApplication } from './applicant.actions.js';
import { applyForQualification } from './apply.actions.js';
import { certificatePdf, listCertificatesFor } from './certificates.actions.js';
import { decideApplication, examineApplication } from './decide.actions.js';
import { acceptApplication, issueNotice, rejectApplication } from './intake.actions.js';
import { listLevels, updateLevelDefinition } from './levels.actions.js';
import { getApplicationDetail, listApplicationsFor } from './read.actions.js';
import {
  ApplicationDetailView,
  ApplicationSummaryView,
  ApplyBody,
  CertificateView,
  DecideBody,
  ExamineBody,
  IdParams,
  Items,
  LevelBody,
  LevelParams,
  LevelView,
  ListQuery,
  NoticeBody,
  PdfView,
  ProblemView,
  RejectBody,
  SupplementBody,
  VersionBody,
} from './qualification.schemas.js';

/** Company qualification (art. 14–16): thin handlers, schema → action → present. */
export function qualificationRoutes(app: App, deps: AppDeps): void {
  const tags = ['qualification'];
  const APPS = '/api/qualification/applications';
  const errors = { '4xx': ProblemView };
  const detail = { 200: ApplicationDetailView, ...errors };

  app.get(
    '/api/qualification/levels',
    { schema: { tags, summary: 'Levels, their business scope and promotion checklist (public, art. 14)', response: { 200: Type.Array(LevelView) } } },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return listLevels({ db: deps.db.db });
    },
  );

  app.put(
    '/api/qualification/levels/:level',
    { schema: { tags, summary: 'Set a level’s scope and checklist (province only)', params: LevelParams, body: LevelBody, response: { 200: LevelView, ...errors } } },
    async (req) => updateLevelDefinition(ctxOf(req, deps), req.params.level, req.body),
  );

  app.get(
    APPS,
    { schema: { tags, summary: 'Applications in scope, earliest due date first', querystring: ListQuery, response: { 200: Items(ApplicationSummaryView), ...errors } } },
    async (req, reply) => noStore(reply).send(await listApplicationsFor(ctxOf(req, deps), req.query)),
  );

  app.get(
    `${APPS}/:id`,
    { schema: { tags, summary: 'One application with its history', params: IdParams, response: detail } },
    async (req, reply) => noStore(reply).send(await getApplicationDetail(ctxOf(req, deps), req.params.id)),
  );

  app.post(
    APPS,
    { schema: { tags, summary: 'Apply: first (level IV), promotion, renewal, extension, or record filing', body: ApplyBody, response: { 201: ApplicationDetailView, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await applyForQualification(ctxOf(req, deps), req.body)),
  );

  // The steps share params and response; each names its body, so handlers stay typed.
  const step = <B extends TSchema>(summary: string, body: B) => ({ schema: { tags, summary, params: IdParams, body, response: detail } });
  const id = (req: { params: { id: string } }) => req.params.id;

  app.post(`${APPS}/:id/accept`, step('Accept (受理)', VersionBody), async (req, reply) =>
    noStore(reply).send(await acceptApplication(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${APPS}/:id/notice`, step('One consolidated notice of everything missing (一次性告知)', NoticeBody), async (req, reply) =>
    noStore(reply).send(await issueNotice(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${APPS}/:id/reject`, step('Not accept, with reasons (不予受理)', RejectBody), async (req, reply) =>
    noStore(reply).send(await rejectApplication(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${APPS}/:id/supplement`, step('Supplement the missing materials', SupplementBody), async (req, reply) =>
    noStore(reply).send(await supplementApplication(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${APPS}/:id/examine`, step('City bureau examination of a level I/II application (初审)', ExamineBody), async (req, reply) =>
    noStore(reply).send(await examineApplication(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${APPS}/:id/decide`, step('Approve (issues the certificate) or refuse with reasons', DecideBody), async (req, reply) =>
    noStore(reply).send(await decideApplication(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${APPS}/:id/withdraw`, step('Withdraw an application not yet accepted', VersionBody), async (req, reply) =>
    noStore(reply).send(await withdrawApplication(ctxOf(req, deps), id(req), req.body)),
  );

  app.get(
    '/api/qualification/certificates',
    { schema: { tags, summary: 'Certificates in scope', response: { 200: Items(CertificateView), ...errors } } },
    async (req, reply) => noStore(reply).send(await listCertificatesFor(ctxOf(req, deps))),
  );

  app.get(
    '/api/qualification/certificates/:id/pdf',
    { schema: { tags, summary: 'The certificate as PDF (each download is recorded)', params: IdParams, produces: ['application/pdf'], response: { 200: PdfView, ...errors } } },
    async (req, reply) => {
      const { number, pdf } = await certificatePdf(ctxOf(req, deps), req.params.id);
      return noStore(reply)
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${number}.pdf"`)
        .send(pdf);
    },
  );
}
