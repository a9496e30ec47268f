import { Type, type TSchema } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { ProblemView, PdfView } from '../qualification/qualification.schemas.js';
import { attachment, sendStoredFile } from '../../platform/files/download.js';
import { tooLarge } from '../../platform/files/sniff.js';
import {
  addParty,
  closeCase,
  decideNoPenalty,
  decidePenalty,
  holdHearing,
  openCase,
  proposePenalty,
  readPartyIdentity,
  recordPayment,
  recordWarning,
  requestHearing,
  respond,
  serveDecision,
} from './cases.actions.js';
import { licensingList, publicList, publishCase, removePublication } from './credit.actions.js';
import { decisionPdfOf } from './decision.pdf.js';
import { authoriseCaseUpload, openCaseDocument, uploadCaseDocument, type CaseDocClass } from './documents.actions.js';
import {
  AddPartyBody,
  AssessQuery,
  AssessView,
  CaseDetailView,
  CasePage,
  DecideBody,
  DocParams,
  DocumentView,
  HearingBody,
  HearingRequestBody,
  IdentityView,
  IdParams,
  LicensingPage,
  ListQuery,
  NoPenaltyBody,
  OpenBody,
  PartyParams,
  PayBody,
  ProposeBody,
  PublicPage,
  PublicQuery,
  RemoveBody,
  RespondBody,
  RulesView,
  ServeBody,
  SettingsBody,
  SettingsView,
  UploadQuery,
  VersionBody,
  WarnBody,
} from './penalty.schemas.js';
import { assess, getCaseDetail, getRules, getSettings, listCasesFor, updateSettings } from './read.actions.js';

/** Penalty cases (art. 32–38; 行政处罚法), the province's settings, and credit publicity (art. 31; 双公示). Thin handlers. */
export function penaltyRoutes(app: App, deps: AppDeps): void {
  const tags = ['penalties'];
  const P = '/api/penalty-cases';
  const errors = { '4xx': ProblemView };
  const detail = { 200: CaseDetailView, ...errors };

  app.get('/api/penalty-rules', { schema: { tags, summary: 'The penalty articles 32–38 as data (ranges, preconditions) and the province’s settings', response: { 200: RulesView, ...errors } } }, async (req, reply) =>
    noStore(reply).send(await getRules(ctxOf(req, deps))),
  );
  app.get(
    '/api/penalty-rules/assess',
    { schema: { tags, summary: 'An amount against its range: band (mild/general/serious), whether a hearing notice is due, or the refusal code', querystring: AssessQuery, response: { 200: AssessView, ...errors } } },
    async (req, reply) => noStore(reply).send(await assess(ctxOf(req, deps), req.query)),
  );
  app.get('/api/penalty-settings', { schema: { tags, summary: 'Discretion bands, hearing thresholds and publication periods', response: { 200: SettingsView, ...errors } } }, async (req, reply) =>
    noStore(reply).send(await getSettings(ctxOf(req, deps))),
  );
  app.put(
    '/api/penalty-settings',
    { schema: { tags, summary: 'Set bands, thresholds and periods (province, penalty.settings.manage; ledgered)', body: SettingsBody, response: { 200: SettingsView, ...errors } } },
    async (req, reply) => noStore(reply).send(await updateSettings(ctxOf(req, deps), req.body)),
  );

  app.get(P, { schema: { tags, summary: 'Penalty cases in scope, most recently changed first', querystring: ListQuery, response: { 200: CasePage, ...errors } } }, async (req, reply) =>
    noStore(reply).send(await listCasesFor(ctxOf(req, deps), req.query)),
  );
  app.get(`${P}/:id`, { schema: { tags, summary: 'One case: parties, amounts and bands, clocks, documents, publications, timeline, allowed steps', params: IdParams, response: detail } }, async (req, reply) =>
    noStore(reply).send(await getCaseDetail(ctxOf(req, deps), req.params.id)),
  );
  app.post(
    P,
    { schema: { tags, summary: 'File a case (立案): from a rectification order (its site, unit and violated article), an inspection, a finding, a complaint', body: OpenBody, response: { 201: CaseDetailView, ...errors } } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const id = await openCase(ctx, req.body);
      return noStore(reply).code(201).send(await getCaseDetail(ctx, id));
    },
  );
  app.post(`${P}/:id/parties`, { schema: { tags, summary: 'Add a party while the case is open', params: IdParams, body: AddPartyBody, response: detail } }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    await addParty(ctx, req.params.id, req.body);
    return noStore(reply).send(await getCaseDetail(ctx, req.params.id));
  });
  app.get(
    `${P}/:id/parties/:partyId/identity`,
    { schema: { tags, summary: 'An individual party’s full name and identity number (handling bureau only; the read is ledgered)', params: PartyParams, response: { 200: IdentityView, ...errors } } },
    async (req, reply) => noStore(reply).send(await readPartyIdentity(ctxOf(req, deps), req.params.id, req.params.partyId)),
  );

  const step = <B extends TSchema>(summary: string, body: B) => ({ schema: { tags, summary, params: IdParams, body, response: detail } });
  const then = async (req: Parameters<typeof ctxOf>[0] & { params: { id: string } }, run: (ctx: ReturnType<typeof ctxOf>) => Promise<void>) => {
    const ctx = ctxOf(req, deps);
    await run(ctx);
    return getCaseDetail(ctx, req.params.id);
  };

  app.post(`${P}/:id/warn`, step('Record the warning (art. 33: a warning first)', WarnBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => recordWarning(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/propose`, step('Notice of the proposed penalty (告知书): ranges, preconditions, hearing right (行政处罚法44, 63, 64)', ProposeBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => proposePenalty(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/respond`, step('The party states and defends, or waives (ends its period)', RespondBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => respond(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/request-hearing`, step('The party asks for a hearing (only when a hearing is due)', HearingRequestBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => requestHearing(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/hold-hearing`, step('Record the hearing (听证笔录)', HearingBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => holdHearing(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/decide`, step('The penalty decision: numbered, publication due within 7 working days', DecideBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => decidePenalty(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/no-penalty`, step('No penalty: first minor violation corrected in time (行政处罚法33), justified in writing', NoPenaltyBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => decideNoPenalty(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/serve`, step('Service of the decision (date, method)', ServeBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => serveDecision(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/pay`, step('Payment recorded (the full amount decided)', PayBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => recordPayment(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/close`, step('Close the case (结案)', VersionBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => closeCase(ctx, req.params.id, req.body))),
  );
  app.post(`${P}/:id/publish`, step('Publish the decision (双公示) and, for serious consequences, the credit record (art. 31)', VersionBody), async (req, reply) =>
    noStore(reply).send(await then(req, (ctx) => publishCase(ctx, req.params.id, req.body))),
  );
  app.post(
    '/api/credit-publications/:id/remove',
    { schema: { tags, summary: 'Remove a published entry (credit repair) after the minimum period, with reasons', params: IdParams, body: RemoveBody, response: { 204: Type.Null(), ...errors } } },
    async (req, reply) => {
      await removePublication(ctxOf(req, deps), req.params.id, req.body);
      return noStore(reply).code(204).send();
    },
  );

  app.get(
    `${P}/:id/decision.pdf`,
    { schema: { tags, summary: 'The numbered decision document (PDF, Chinese, with appeal information)', params: IdParams, produces: ['application/pdf'], response: { 200: PdfView, ...errors } } },
    async (req, reply) => {
      const { pdf, fileName } = await decisionPdfOf(ctxOf(req, deps), req.params.id);
      return noStore(reply).type('application/pdf').header('content-disposition', attachment(fileName)).send(pdf);
    },
  );

  // ---- Public lists (no sign-in; the same answer for everyone) -----------------------------------
  const pub = { db: deps.db.db, clock: deps.clock };
  const publicTags = ['public'];
  const page = (p?: string) => (p ? Number(p) : undefined);
  app.get(
    '/api/public/penalty-decisions',
    { schema: { tags: publicTags, summary: 'Published penalty decisions (双公示): number, cause, legal basis, party (individuals masked), result, authority, date', querystring: PublicQuery, response: { 200: PublicPage, ...errors } } },
    async (req, reply) => reply.header('cache-control', 'public, max-age=60').send(await publicList(pub, 'penalty_decision', { ...req.query, page: page(req.query.page) })),
  );
  app.get(
    '/api/public/credit',
    { schema: { tags: publicTags, summary: 'Credit records of violations with serious consequences (art. 31), by the party’s credit code', querystring: PublicQuery, response: { 200: PublicPage, ...errors } } },
    async (req, reply) => reply.header('cache-control', 'public, max-age=60').send(await publicList(pub, 'credit_record', { ...req.query, page: page(req.query.page) })),
  );
  app.get(
    '/api/public/licensing-decisions',
    { schema: { tags: publicTags, summary: 'Licensing decisions (双公示): approved qualification and record certificates', querystring: PublicQuery, response: { 200: LicensingPage, ...errors } } },
    async (req, reply) => reply.header('cache-control', 'public, max-age=60').send(await licensingList(pub, { q: req.query.q, page: page(req.query.page) })),
  );
}

/** Evidence and papers: raw-body upload (content-checked, stored under generated names) and ledgered download. */
export function penaltyDocumentRoutes(app: App, deps: AppDeps): void {
  const tags = ['penalties'];
  const errors = { '4xx': ProblemView };
  const maxBytes = deps.config.documentMaxBytes;
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: FastifyError) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge(maxBytes);
    throw err;
  });
  app.put(
    '/api/penalty-cases/:id/documents',
    {
      bodyLimit: maxBytes,
      onRequest: async (req) => {
        const q = req.query as Record<string, unknown>;
        const id = (req.params as Record<string, unknown>).id;
        if (typeof id !== 'string' || id.length > 64) throw new AppError('NOT_FOUND');
        await authoriseCaseUpload(ctxOf(req, deps), id, q.docClass, req.headers['content-length']);
      },
      schema: {
        tags,
        summary: 'Upload evidence or a case paper (raw body; PDF, images, OFD, Office); the party uploads its written statement',
        params: IdParams,
        querystring: UploadQuery,
        response: { 201: DocumentView, ...errors },
      },
    },
    async (req, reply) => {
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const doc = await uploadCaseDocument(ctxOf(req, deps), req.params.id, { docClass: req.query.docClass as CaseDocClass, fileName: req.query.fileName, bytes: body });
      return noStore(reply).code(201).send(doc);
    },
  );
  app.get(
    '/api/penalty-cases/:id/documents/:docId',
    { schema: { tags, summary: 'Download a case document (ledgered as penalty.document_read)', params: DocParams, produces: ['application/octet-stream'], response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors } } },
    async (req, reply) => {
      return sendStoredFile(reply, await openCaseDocument(ctxOf(req, deps), req.params.id, req.params.docId));
    },
  );
}
