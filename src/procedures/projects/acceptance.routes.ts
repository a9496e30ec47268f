import type { TSchema } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { applyForAcceptance, designateTesting, grantAcceptance, refuseAcceptance, reportConstructionStarted, submitTestReport } from './acceptance.actions.js';
import { ApplyAcceptanceBody, ConstructionStartedBody, DesignateTestingBody, TestReportBody } from './acceptance.schemas.js';
import { IdParams, ProblemView, ProjectDetailView, ReasonsBody, VersionBody } from './projects.schemas.js';

/** Construction, testing and acceptance steps (art. 17–19): thin handlers; each answers with the project detail. */
export function acceptanceRoutes(app: App, deps: AppDeps): void {
  const tags = ['projects'];
  const P = '/api/projects';
  const errors = { '4xx': ProblemView };
  const step = <B extends TSchema>(summary: string, body: B, status = 200) => ({
    schema: { tags, summary, params: IdParams, body, response: { [status]: ProjectDetailView, ...errors } },
  });
  const id = (req: { params: { id: string } }) => req.params.id;

  app.post(
    `${P}/:id/construction-started`,
    step('Report construction started (applicant). Before approval: recorded, status unchanged, registry finding art. 17 → 36', ConstructionStartedBody),
    async (req, reply) => noStore(reply).send(await reportConstructionStarted(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(
    `${P}/:id/designate-testing`,
    step('Designate the testing institution (applicant, after approval; accreditation valid today, art. 18)', DesignateTestingBody),
    async (req, reply) => noStore(reply).send(await designateTesting(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(
    `${P}/:id/test-reports`,
    step('Submit a test report (the designated institution, art. 18); conclusion pass only if every item passes', TestReportBody, 201),
    async (req, reply) => noStore(reply).code(201).send(await submitTestReport(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(
    `${P}/:id/apply-acceptance`,
    step('Apply for acceptance with a passing test report (applicant, art. 19); opens the acceptance-decision clock', ApplyAcceptanceBody),
    async (req, reply) => noStore(reply).send(await applyForAcceptance(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(
    `${P}/:id/grant-acceptance`,
    step('Grant acceptance (competent bureau, art. 19): registry systems become accepted', VersionBody),
    async (req, reply) => noStore(reply).send(await grantAcceptance(ctxOf(req, deps), id(req), req.body)),
  );
  app.post(
    `${P}/:id/refuse-acceptance`,
    step('Refuse acceptance with reasons (competent bureau); the unit may apply again', ReasonsBody),
    async (req, reply) => noStore(reply).send(await refuseAcceptance(ctxOf(req, deps), id(req), req.body)),
  );
}
