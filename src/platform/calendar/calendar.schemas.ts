import { Type, type TSchema } from '@fastify/type-provider-typebox';

/**
 * Request and response schemas of the calendar API. Querystring values arrive as strings (no
 * coercion), so numbers in queries are patterns parsed by the handler. Dates are checked by
 * `calendar.rules.ts`, which answers CALENDAR_INVALID naming each bad date.
 */
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const DateString = Type.String({ pattern: '^(19|20|21)\\d{2}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (1900–2199)' });
const Dates = Type.Array(Type.String({ maxLength: 10 }), { maxItems: 366 });

export const RevisionStatusSchema = literals(['proposed', 'approved', 'rejected'] as const);
export const YearStatusSchema = literals(['official', 'revised', 'provisional'] as const);
export const DayKindSchema = literals(['working', 'calendar'] as const);

// ---- Requests -----------------------------------------------------------------------------------

export const YearParams = Type.Object({ year: Type.String({ pattern: '^(19|20|21)\\d{2}$' }) });
export const IdParams = Type.Object({ id: Text(64, 1) });
export const RevisionsQuery = Type.Object({ status: Type.Optional(RevisionStatusSchema) });

export const ProposeBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    divisionCode: Type.String({ pattern: '^\\d{6}$', description: '440000 for the whole province, else a local override' }),
    off: Dates,
    work: Dates,
    source: Text(500, 1),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export const ApproveBody = Type.Optional(Type.Object({}, { additionalProperties: false }));
export const RejectBody = Type.Object({ reason: Text(2000, 1) }, { additionalProperties: false });

export const DueQuery = Type.Object({
  start: DateString,
  days: Type.String({ pattern: '^[1-9]\\d{0,2}$', description: '1–999' }),
  dayKind: DayKindSchema,
  divisionCode: Type.Optional(Type.String({ pattern: '^(\\d{6})?$' })),
});

// ---- Responses ----------------------------------------------------------------------------------

export const YearSummaryView = Type.Object({
  year: Type.Integer(),
  status: YearStatusSchema,
  revision: Nullable(Type.Integer()),
  source: Nullable(Type.String()),
});

export const YearDetailView = Type.Object({
  year: Type.Integer(),
  status: YearStatusSchema,
  revision: Nullable(Type.Integer()),
  source: Nullable(Type.String()),
  off: Type.Array(Type.String()),
  work: Type.Array(Type.String()),
  localOverrides: Type.Array(
    Type.Object({ divisionCode: Type.String(), off: Type.Array(Type.String()), work: Type.Array(Type.String()), revision: Nullable(Type.Integer()) }),
  ),
});

export const RevisionView = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  divisionCode: Type.String(),
  off: Type.Array(Type.String()),
  work: Type.Array(Type.String()),
  source: Type.String(),
  note: Nullable(Type.String()),
  status: RevisionStatusSchema,
  revision: Nullable(Type.Integer()),
  proposedBy: Type.String(),
  proposedByName: Nullable(Type.String()),
  proposedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
});

export const ApproveView = Type.Object({
  revision: Type.Integer(),
  recomputed: Type.Object({ checked: Type.Integer(), changed: Type.Integer() }),
});

export const DueView = Type.Object({
  dueDate: Type.String(),
  provisional: Type.Boolean(),
  revision: Type.Integer(),
  pausedDays: Type.Integer(),
  paused: Type.Boolean(),
});

export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** Problem JSON (RFC 9457) as the platform's one error handler sends it; extra facts (`errors`) pass through. */
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
