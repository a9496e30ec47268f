import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { ALERT_STATUSES, RETENTION_STATUSES } from './retention.rules.js';

/**
 * Request and response schemas of the retention watchdog (art. 20). Bodies reject unknown
 * fields; query parameters are strings (Ajv coercion is off) and are parsed by the action.
 */
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Most reports a VMS may send in one call; a larger fleet sends several batches. */
export const MAX_REPORTS_PER_BATCH = 1000;

const Instant = (description: string) =>
  Type.String({
    minLength: 16,
    maxLength: 40,
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}',
    description: `${description}: ISO 8601 instant with an offset, e.g. 2026-03-02T09:00:00+08:00`,
  });

// ---- Requests -----------------------------------------------------------------------------------

export const RetentionReportItem = Type.Object(
  {
    deviceCode: Type.String({ minLength: 1, maxLength: 32, description: 'GB/T 28181 20-digit code of a registered camera of the caller’s unit' }),
    oldestRecordingAt: Instant('Oldest recording the VMS still holds for this camera'),
    recordingDays: Type.Integer({ minimum: 0, maximum: 36_500, description: 'Days of recordings held' }),
    reportedAt: Instant('When the VMS measured it (at most 5 minutes ahead of the server clock)'),
  },
  { additionalProperties: false },
);

export const RetentionReportBody = Type.Object(
  { reports: Type.Array(RetentionReportItem, { minItems: 1, maxItems: MAX_REPORTS_PER_BATCH }) },
  { additionalProperties: false },
);

export const SiteIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const AlertsQuery = Type.Object({
  division: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 code: the division and everything under it' })),
  status: Type.Optional(literals(ALERT_STATUSES)),
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })),
  pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: '1–200, default 50' })),
});

// ---- Responses ----------------------------------------------------------------------------------

const StatusSchema = literals(RETENTION_STATUSES);
const WarningSchema = literals(['below_configured', 'configured_below_minimum', 'stale_report'] as const);

export const RetentionReportResult = Type.Object({
  accepted: Type.Integer({ description: 'Reports stored (including exact repeats of stored reports, which are not stored twice)' }),
  duplicates: Type.Integer({ description: 'Of the accepted, repeats of a report already stored (same camera, same reportedAt)' }),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer({ description: 'Position in `reports`' }),
      deviceCode: Type.String(),
      code: Type.String(),
      zh: Type.String(),
      en: Type.String(),
      article: Type.Optional(Type.String()),
    }),
  ),
});

const evaluationFields = {
  status: StatusSchema,
  requiredDays: Type.Integer({ description: 'Legal floor: 30, or 90 on an anti-terrorism key target (art. 20)' }),
  configuredDays: Nullable(Type.Integer({ description: 'The unit’s own recorder setting' })),
  targetDays: Type.Integer({ description: 'Higher of the legal floor and the configured retention' }),
  recordingDays: Nullable(Type.Integer({ description: 'Days of footage the latest report supports' })),
  oldestRecordingAt: Nullable(Type.String()),
  lastReportAt: Nullable(Type.String()),
  hoursSinceReport: Nullable(Type.Integer()),
  marginDays: Nullable(Type.Integer({ description: 'recordingDays − requiredDays; negative is a breach' })),
  stale: Type.Boolean(),
  warnings: Type.Array(WarningSchema),
};

export const ReportEvidence = Type.Object({
  reportedAt: Type.String(),
  receivedAt: Type.String(),
  oldestRecordingAt: Type.String(),
  recordingDays: Type.Integer({ description: 'As reported' }),
  retainedDays: Type.Integer({ description: 'Days the report supports: the smaller of recordingDays and the days since the oldest recording' }),
});

export const SiteRetentionView = Type.Object({
  siteId: Type.String(),
  siteName: Type.String(),
  divisionCode: Type.String(),
  antiTerrorTarget: Type.Boolean(),
  article: Type.String(),
  requiredDays: Type.Integer(),
  staleReportHours: Type.Integer(),
  evaluatedAt: Type.String(),
  holds: Type.Boolean({ description: 'Every camera in service reported, fresh, at or above the legal floor' }),
  counts: Type.Object({ total: Type.Integer(), ok: Type.Integer(), belowMinimum: Type.Integer(), stale: Type.Integer(), neverReported: Type.Integer() }),
  cameras: Type.Array(
    Type.Object({
      deviceId: Type.String(),
      deviceCode: Nullable(Type.String()),
      name: Type.String(),
      systemId: Type.String(),
      ...evaluationFields,
      reports: Type.Array(ReportEvidence, { description: 'The latest reports, newest first (evidence)' }),
    }),
  ),
});

export const RetentionAlertView = Type.Object({
  deviceId: Type.String(),
  deviceCode: Nullable(Type.String()),
  deviceName: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  antiTerrorTarget: Type.Boolean(),
  article: Type.String(),
  ...evaluationFields,
});

export const RetentionAlertsView = Type.Object({
  items: Type.Array(RetentionAlertView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  staleReportHours: Type.Integer(),
  evaluatedAt: Type.String(),
});

/** Problem JSON (RFC 9457) as the platform's one error handler sends it; extra facts pass through. */
export const ProblemView = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    article: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
