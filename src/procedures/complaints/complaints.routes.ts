import type { TSchema } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { getComplaint, listComplaintsFor, publicStatus, revealIdentity, runComplaintStep, submitComplaint } from './complaints.actions.js';
import { WindowLimiter } from './complaints.rate-limit.js';
import {
  AccessCodeBody,
  AccessCodeHeaders,
  CloseBody,
  ComplaintDetailView,
  ComplaintListView,
  IdParams,
  IdentityBody,
  IdentityView,
  InspectBody,
  ListQuery,
  OversightView,
  ProblemView,
  PublicStatusView,
  ReasonsBody,
  SubmitBody,
  SubmittedView,
  TrackingParams,
  TransferBody,
  VersionBody,
} from './complaints.schemas.js';
import type { ComplaintStep } from './complaints.states.js';
import { complaintOversight } from './oversight.actions.js';

/**
 * Complaints and reports (art. 30) and their oversight (art. 39). Public routes need no sign-in and
 * are limited per source address (complaints.rate-limit.ts); everything else is for the handling
 * bureau or the supervisory organ — unit users, companies and institutions reach nothing here.
 */
export function complaintRoutes(app: App, deps: AppDeps): void {
  const errors = { '4xx': ProblemView };
  const HOUR = 3_600_000;
  // One limiter per app: submissions per hour (setting), status look-ups 60 per 10 minutes.
  const submissions = new WindowLimiter(deps.config.complaintSubmissionsPerHour, HOUR);
  const lookups = new WindowLimiter(60, HOUR / 6);
  const limit = (limiter: WindowLimiter, req: FastifyRequest) => {
    if (!limiter.take(req.ip ?? 'unknown', deps.clock.now().getTime())) throw new AppError('RATE_LIMITED');
  };

  const pub = ['public', 'complaints'];
  app.post(
    '/api/public/complaints',
    {
      schema: {
        tags: pub,
        summary: 'Submit a complaint or report (no sign-in; name and contact optional). Answers a tracking number and an access code shown once',
        body: SubmitBody,
        response: { 201: SubmittedView, ...errors },
      },
    },
    async (req, reply) => {
      limit(submissions, req);
      return noStore(reply).code(201).send(await submitComplaint(ctxOf(req, deps), req.body));
    },
  );

  app.get(
    '/api/public/complaints/:tracking',
    {
      schema: {
        tags: pub,
        summary: 'Status and notices of one complaint; the access code in the x-access-code header',
        params: TrackingParams,
        headers: AccessCodeHeaders,
        response: { 200: PublicStatusView, ...errors },
      },
    },
    async (req, reply) => {
      limit(lookups, req);
      return noStore(reply).send(await publicStatus(ctxOf(req, deps), req.params.tracking, req.headers['x-access-code']));
    },
  );

  app.post(
    '/api/public/complaints/:tracking/status',
    {
      schema: {
        tags: pub,
        summary: 'Status and notices of one complaint; the access code in the body (for forms)',
        params: TrackingParams,
        body: AccessCodeBody,
        response: { 200: PublicStatusView, ...errors },
      },
    },
    async (req, reply) => {
      limit(lookups, req);
      return noStore(reply).send(await publicStatus(ctxOf(req, deps), req.params.tracking, req.body.accessCode));
    },
  );

  const tags = ['complaints'];
  const C = '/api/complaints';
  const detail = { 200: ComplaintDetailView, ...errors };

  app.get(
    C,
    {
      schema: {
        tags,
        summary: 'The complaint queue: officers their jurisdiction’s bureau complaints; the supervisory organ complaints about officials',
        querystring: ListQuery,
        response: { 200: ComplaintListView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await listComplaintsFor(ctxOf(req, deps), req.query)),
  );

  app.get(
    `${C}/:id`,
    { schema: { tags, summary: 'One complaint with its deadlines, notices and the steps open to me', params: IdParams, response: detail } },
    async (req, reply) => noStore(reply).send(await getComplaint(ctxOf(req, deps), req.params.id)),
  );

  const step = <B extends TSchema>(summary: string, body: B) => ({ schema: { tags, summary, params: IdParams, body, response: detail } });
  const run = (s: ComplaintStep) => async (req: FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>, reply: import('fastify').FastifyReply) =>
    noStore(reply).send(await runComplaintStep(ctxOf(req, deps), req.params.id, s, req.body as never));

  app.post(`${C}/:id/accept`, step('Accept (受理): starts the handling period; the complainant is told', VersionBody), run('accept'));
  app.post(`${C}/:id/reject`, step('Not accept, with reasons; the complainant is told', ReasonsBody), run('reject'));
  app.post(`${C}/:id/start`, step('Start handling; the complainant is told', VersionBody), run('start'));
  app.post(`${C}/:id/transfer`, step('Transfer to another bureau, with reasons; a new acknowledgement period there', TransferBody), run('transfer'));
  app.post(`${C}/:id/close`, step('Close with the result; the complainant is told', CloseBody), run('close'));
  app.post(`${C}/:id/inspection`, step('Ask for a targeted inspection of a site (art. 29): it records only the tracking number', InspectBody), run('inspect'));

  app.post(
    `${C}/:id/identity`,
    {
      schema: {
        tags,
        summary: 'The complainant’s name and contact (handling organ only; a ledgered read with its reason)',
        params: IdParams,
        body: IdentityBody,
        response: { 200: IdentityView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await revealIdentity(ctxOf(req, deps), req.params.id, req.body.reason)),
  );

  app.get(
    '/api/oversight/complaints',
    {
      schema: {
        tags: ['oversight', 'complaints'],
        summary: 'Supervisory organ (art. 39): complaints about officials, and per bureau complaints handled late or not acted on, with their ledger entries',
        response: { 200: OversightView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await complaintOversight(ctxOf(req, deps))),
  );
}
