import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { getSiteRetention, listRetentionAlerts, reportRetention } from './retention.actions.js';
import {
  AlertsQuery,
  ProblemView,
  RetentionAlertsView,
  RetentionReportBody,
  RetentionReportResult,
  SiteIdParams,
  SiteRetentionView,
} from './retention.schemas.js';

/** Footage retention watchdog (art. 20): VMS reports in, per-site proof and alerts out. */
export function retentionRoutes(app: App, deps: AppDeps): void {
  const tags = ['registry'];
  const errors = { '4xx': ProblemView };

  app.post(
    '/api/registry/retention-reports',
    {
      schema: {
        tags,
        summary: 'A VMS reports per camera the footage it holds (art. 20); each item is accepted or rejected on its own',
        description:
          'Authenticate with a unit user’s API token (`Authorization: Bearer …`). At most 1,000 reports per call. ' +
          'Codes of cameras not of the caller’s unit are rejected per item as unknown. Repeating a report (same camera, same reportedAt) stores nothing twice.',
        security: [{ token: [] }, { session: [] }],
        body: RetentionReportBody,
        response: { 200: RetentionReportResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await reportRetention(ctxOf(req, deps), req.body)),
  );

  app.get(
    '/api/registry/sites/:id/retention',
    {
      schema: {
        tags,
        summary: 'Proof that retention holds on a site: per camera the legal minimum, the latest report, status, margin, and the last 10 reports (art. 20)',
        params: SiteIdParams,
        response: { 200: SiteRetentionView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await getSiteRetention(ctxOf(req, deps), req.params.id)),
  );

  app.get(
    '/api/registry/retention/alerts',
    {
      schema: {
        tags,
        summary: 'Cameras below the retention minimum or no longer reporting, in the caller’s scope, worst first (art. 20)',
        querystring: AlertsQuery,
        response: { 200: RetentionAlertsView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await listRetentionAlerts(ctxOf(req, deps), req.query)),
  );
}
