import type { TSchema } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { createProject } from './create.actions.js';
import { getProjectDetail, listProjectsFor, projectQueue } from './read.actions.js';
import {
  acceptProject,
  approveProject,
  issueNotice,
  notAcceptProject,
  pauseProject,
  refuseProject,
  resumeProject,
  submitProject,
  supplementProject,
  withdrawProject,
} from './review.actions.js';
import {
  ApproveBody,
  CreateBody,
  IdParams,
  ListQuery,
  NoticeBody,
  PageOf,
  PauseBody,
  ProblemView,
  ProjectDetailView,
  ProjectSummaryView,
  QueueView,
  ReasonsBody,
  VersionBody,
} from './projects.schemas.js';

/**
 * Projects, design-scheme part (art. 17; 行政许可法32, 38, 42, 45): thin handlers, schema → action →
 * present. Testing and acceptance steps, documents and test reports are registered by their own
 * module (acceptance/documents routes).
 */
export function projectRoutes(app: App, deps: AppDeps): void {
  const tags = ['projects'];
  const P = '/api/projects';
  const errors = { '4xx': ProblemView };
  const detail = { 200: ProjectDetailView, ...errors };

  app.get(
    P,
    { schema: { tags, summary: 'Projects in scope, most recently changed first', querystring: ListQuery, response: { 200: PageOf(ProjectSummaryView), ...errors } } },
    async (req, reply) => noStore(reply).send(await listProjectsFor(ctxOf(req, deps), req.query)),
  );

  app.get(
    `${P}/queue`,
    { schema: { tags, summary: 'The officer’s queue: running clocks of my bureau, earliest due date first', response: { 200: QueueView, ...errors } } },
    async (req, reply) => noStore(reply).send(await projectQueue(ctxOf(req, deps))),
  );

  app.get(
    `${P}/:id`,
    { schema: { tags, summary: 'One project: documents, checklist, clocks, systems, test reports, timeline', params: IdParams, response: detail } },
    async (req, reply) => noStore(reply).send(await getProjectDetail(ctxOf(req, deps), req.params.id)),
  );

  app.post(
    P,
    { schema: { tags, summary: 'Draft a project for a site (key unit: its unit; public area: the builder-level bureau)', body: CreateBody, response: { 201: ProjectDetailView, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await createProject(ctxOf(req, deps), req.body)),
  );

  const step = <B extends TSchema>(summary: string, body: B) => ({ schema: { tags, summary, params: IdParams, body, response: detail } });
  const id = (req: { params: { id: string } }) => req.params.id;

  app.post(`${P}/:id/submit`, step('Submit the design scheme (starts the 5-working-day completeness clock)', VersionBody), async (req, reply) =>
    noStore(reply).send(await submitProject(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/notice`, step('The one notice of everything missing (一次性告知, 行政许可法32)', NoticeBody), async (req, reply) =>
    noStore(reply).send(await issueNotice(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/supplement`, step('Supplement after the notice (a new completeness clock)', VersionBody), async (req, reply) =>
    noStore(reply).send(await supplementProject(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/accept`, step('Accept (受理): starts the scheme-review clock', VersionBody), async (req, reply) =>
    noStore(reply).send(await acceptProject(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/not-accept`, step('Not accept, with reasons (不予受理)', ReasonsBody), async (req, reply) =>
    noStore(reply).send(await notAcceptProject(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/pause`, step('Stop the review clock (行政许可法45)', PauseBody), async (req, reply) =>
    noStore(reply).send(await pauseProject(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/resume`, step('Restart the review clock', VersionBody), async (req, reply) =>
    noStore(reply).send(await resumeProject(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/approve`, step('Approve the design scheme (art. 17)', ApproveBody), async (req, reply) =>
    noStore(reply).send(await approveProject(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/refuse`, step('Refuse the design scheme, with reasons', ReasonsBody), async (req, reply) =>
    noStore(reply).send(await refuseProject(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(`${P}/:id/withdraw`, step('Withdraw before acceptance', VersionBody), async (req, reply) =>
    noStore(reply).send(await withdrawProject(ctxOf(req, deps), id(req), req.body)),
  );
}
