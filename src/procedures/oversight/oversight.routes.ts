import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { AppError } from '../../platform/http/errors.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { overdueDecisions, oversightLedgerEntry, reportsNotActedOn } from './oversight.actions.js';
import { MAX_NOT_ACTED_DAYS } from './oversight.rules.js';
import { LedgerEntryView, OverdueQuery, OverdueView, ProblemView, ReportsQuery, ReportsView, SeqParams } from './oversight.schemas.js';

/**
 * The supervisory organ's view (art. 39): supervisors, and province officers holding
 * `supervision.oversight`. Complaints about officials are O's route `/api/oversight/complaints`.
 */
export function oversightRoutes(app: App, deps: AppDeps): void {
  const errors = { '4xx': ProblemView };
  const tags = ['oversight'];

  app.get(
    '/api/oversight/deadlines',
    {
      schema: {
        tags,
        summary: 'Overdue decisions of every procedure (open past due, closed late, lapsed) per owning police unit, each with its ledger entries',
        querystring: OverdueQuery,
        response: { 200: OverdueView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await overdueDecisions(ctxOf(req, deps), req.query)),
  );

  app.get(
    '/api/oversight/reports',
    {
      schema: {
        tags,
        summary: 'Retention alerts (art. 20) standing N days or more with no inspection of the site since, per competent bureau, with ledger entries',
        querystring: ReportsQuery,
        response: { 200: ReportsView, ...errors },
      },
    },
    async (req, reply) => {
      const days = req.query.days === undefined ? undefined : Number(req.query.days);
      if (days !== undefined && (days < 1 || days > MAX_NOT_ACTED_DAYS)) {
        throw new AppError('VALIDATION_FAILED', { zh: `天数须在 1 至 ${MAX_NOT_ACTED_DAYS} 之间`, en: `days must be 1–${MAX_NOT_ACTED_DAYS}` });
      }
      return noStore(reply).send(await reportsNotActedOn(ctxOf(req, deps), { days }));
    },
  );

  app.get(
    '/api/oversight/ledger/:seq',
    {
      schema: {
        tags: [...tags, 'ledger'],
        summary: 'One ledger entry behind an oversight item (only entries about objects in the supervisor’s area; 404 otherwise)',
        params: SeqParams,
        response: { 200: LedgerEntryView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await oversightLedgerEntry(ctxOf(req, deps), Number(req.params.seq))),
  );
}
