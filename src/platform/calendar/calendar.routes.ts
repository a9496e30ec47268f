import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/deps.js';
import { ctxOf, noStore } from '../http/request-context.js';
import { approveRevision, calculateDue, getYear, listRevisionsFor, listYears, proposeRevision, rejectRevision } from './calendar.actions.js';
import {
  ApproveBody,
  ApproveView,
  DueQuery,
  DueView,
  IdParams,
  Items,
  ProblemView,
  ProposeBody,
  RejectBody,
  RevisionView,
  RevisionsQuery,
  YearDetailView,
  YearParams,
  YearSummaryView,
} from './calendar.schemas.js';

/** The legal-day calendar: years, four-eyes revisions, and the due-date calculator. */
export function calendarRoutes(app: App, deps: AppDeps): void {
  const tags = ['calendar'];
  const C = '/api/calendar';
  const errors = { '4xx': ProblemView };

  app.get(
    `${C}/years`,
    { schema: { tags, summary: 'Years 2007 to next year: official, revised or provisional', response: { 200: Type.Array(YearSummaryView), ...errors } } },
    async (req) => listYears(ctxOf(req, deps)),
  );

  app.get(
    `${C}/years/:year`,
    { schema: { tags, summary: 'A year’s days off and make-up working days, with local overrides', params: YearParams, response: { 200: YearDetailView, ...errors } } },
    async (req) => getYear(ctxOf(req, deps), Number(req.params.year)),
  );

  app.get(
    `${C}/revisions`,
    { schema: { tags, summary: 'Proposed, approved and rejected arrangements (provincial administrators)', querystring: RevisionsQuery, response: { 200: Items(RevisionView), ...errors } } },
    async (req, reply) => noStore(reply).send({ items: await listRevisionsFor(ctxOf(req, deps), req.query.status) }),
  );

  app.post(
    `${C}/revisions`,
    { schema: { tags, summary: 'Propose a year’s arrangement or a local override (a second administrator approves)', body: ProposeBody, response: { 201: RevisionView, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await proposeRevision(ctxOf(req, deps), req.body)),
  );

  app.post(
    `${C}/revisions/:id/approve`,
    {
      schema: {
        tags,
        summary: 'Approve (not the proposer): assigns the next revision and recomputes open deadlines',
        params: IdParams,
        body: ApproveBody,
        response: { 200: ApproveView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await approveRevision(ctxOf(req, deps), req.params.id)),
  );

  app.post(
    `${C}/revisions/:id/reject`,
    { schema: { tags, summary: 'Reject a proposal with a reason', params: IdParams, body: RejectBody, response: { 200: RevisionView, ...errors } } },
    async (req, reply) => noStore(reply).send(await rejectRevision(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.get(
    `${C}/due`,
    { schema: { tags, summary: 'Due date of a period on the calendar in force (the day after start counts first)', querystring: DueQuery, response: { 200: DueView, ...errors } } },
    async (req) =>
      calculateDue(ctxOf(req, deps), {
        start: req.query.start,
        days: Number(req.query.days),
        dayKind: req.query.dayKind,
        divisionCode: req.query.divisionCode || null,
      }),
  );
}
