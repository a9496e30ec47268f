import { Type } from '@fastify/type-provider-typebox';
import { DateText, Nullable, ProblemView, literals } from '../projects/projects.schemas.js';
import { OVERSIGHT_CATEGORIES } from './oversight.rules.js';

/** Schemas of the supervisory organ's view (art. 39). Querystring values arrive as strings. */

export { ProblemView };

export const OverdueQuery = Type.Object(
  {
    category: Type.Optional(literals(OVERSIGHT_CATEGORIES)),
    from: Type.Optional(DateText),
  },
  { additionalProperties: false },
);

export const ReportsQuery = Type.Object(
  { days: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: 'Calendar days an alert may stand without an inspection (1–365; default 15)' })) },
  { additionalProperties: false },
);

export const SeqParams = Type.Object({ seq: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) });

const UnitRef = Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() });
const Counts = Type.Object({ overdue: Type.Integer(), late: Type.Integer(), lapsed: Type.Integer() });
const LedgerRef = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  action: Type.String(),
  article: Nullable(Type.String()),
  objectType: Type.String(),
});

const OverdueItem = Type.Object({
  deadlineId: Type.String(),
  category: literals(OVERSIGHT_CATEGORIES),
  subject: Type.Object({ type: Type.String(), id: Type.String(), known: Type.Boolean(), reference: Nullable(Type.String()) }),
  kind: Type.String(),
  article: Type.String(),
  divisionCode: Type.String(),
  ownerUnitId: Nullable(Type.String()),
  dayKind: literals(['working', 'calendar'] as const),
  days: Type.Integer(),
  startDate: Type.String(),
  dueDate: Type.String(),
  provisional: Type.Boolean(),
  status: literals(['open', 'closed'] as const),
  outcome: Nullable(Type.String()),
  closedOn: Nullable(Type.String()),
  daysPastDue: Type.Integer(),
  ledger: Type.Array(LedgerRef),
});

export const OverdueView = Type.Object({
  asOf: Type.String(),
  truncated: Type.Boolean(),
  counts: Counts,
  units: Type.Array(Type.Object({ unit: UnitRef, counts: Counts, items: Type.Array(OverdueItem) })),
});

const ReportItem = Type.Object({
  site: Type.Object({ id: Type.String(), name: Type.String(), divisionCode: Type.String() }),
  unitName: Nullable(Type.String()),
  since: Type.String(),
  daysStanding: Type.Integer(),
  alerts: Type.Array(
    Type.Object({
      kind: literals(['below_minimum', 'configured_below_minimum', 'stale'] as const),
      since: Type.String(),
      findingId: Nullable(Type.String()),
      deviceId: Nullable(Type.String()),
      deviceName: Nullable(Type.String()),
      article: Type.String(),
      penaltyArticle: Nullable(Type.String()),
    }),
  ),
  lastInspection: Nullable(Type.Object({ id: Type.String(), number: Type.String(), createdAt: Type.String(), status: Type.String() })),
  bureauId: Nullable(Type.String()),
  ledger: Type.Array(LedgerRef),
});

export const ReportsView = Type.Object({
  asOf: Type.String(),
  days: Type.Integer(),
  cutoff: Type.String(),
  units: Type.Array(Type.Object({ unit: UnitRef, items: Type.Array(ReportItem) })),
});

export const LedgerEntryView = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  action: Type.String(),
  article: Nullable(Type.String()),
  objectType: Type.String(),
  objectId: Type.String(),
  actor: Type.Object({ role: Type.String(), userId: Nullable(Type.String()), name: Nullable(Type.String()), policeUnit: Nullable(UnitRef) }),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
  beforeDigest: Nullable(Type.String()),
  afterDigest: Nullable(Type.String()),
  alg: Type.String(),
  prevHash: Type.String(),
  entryHash: Type.String(),
  sameObject: Type.Array(LedgerRef),
});
