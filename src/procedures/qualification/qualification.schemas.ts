import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { VERB_NAMES, APPLICATION_STATUSES } from './qualification.states.js';
import { APPLICATION_KINDS, LEVELS } from './qualification.rules.js';

/**
 * Request and response schemas of the qualification API. Bodies reject unknown fields; every
 * string has a maximum length; the web's types (src/web/api/types.ts) mirror the views.
 */
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const LevelSchema = literals(LEVELS);
export const KindSchema = literals(APPLICATION_KINDS);
export const StatusSchema = literals(APPLICATION_STATUSES);
const CertStatusSchema = literals(['valid', 'expiring', 'expired', 'revoked', 'superseded'] as const);
const CertKindSchema = literals(['qualification', 'record'] as const);
/** Optimistic concurrency: send the `version` you saw; a changed record answers 409 CONFLICT. */
const Version = Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 }));
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const Material = Type.Object(
  { name: Text(200, 1), ref: Text(500, 1) },
  { additionalProperties: false, description: 'A submitted document: its name and a reference (file id or URL)' },
);
const Materials = (min: number) => Type.Array(Material, { minItems: min, maxItems: 50 });
const Checklist = Type.Record(Type.String({ maxLength: 64 }), Type.Boolean(), {
  maxProperties: 50,
  propertyNames: { maxLength: 64 },
  description: 'Promotion checklist item id → met',
});

// ---- Requests -----------------------------------------------------------------------------------

export const IdParams = Type.Object({ id: Text(64, 1) });
export const LevelParams = Type.Object({ level: LevelSchema });
export const ListQuery = Type.Object({ status: Type.Optional(StatusSchema) });

export const ApplyBody = Type.Object(
  {
    kind: KindSchema,
    targetLevel: Type.Optional(LevelSchema),
    certificateId: Type.Optional(Text(64, 1)),
    extensionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'Extension only: 1–90 (art. 15)' })),
    materials: Materials(0),
    checklist: Type.Optional(Checklist),
  },
  { additionalProperties: false },
);

export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export const NoticeBody = Type.Object(
  { missing: Type.Array(Text(500), { maxItems: 50, description: 'Everything missing, in one notice' }), version: Version },
  { additionalProperties: false },
);
export const RejectBody = Type.Object({ reasons: Text(2000), version: Version }, { additionalProperties: false });
export const SupplementBody = Type.Object({ materials: Materials(1), version: Version }, { additionalProperties: false });
export const ExamineBody = Type.Object({ pass: Type.Boolean(), opinion: Text(2000, 1), version: Version }, { additionalProperties: false });
export const DecideBody = Type.Object(
  { approve: Type.Boolean(), reasons: Type.Optional(Text(2000)), version: Version },
  { additionalProperties: false },
);

const ChecklistItem = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }), zh: Text(500, 1), en: Text(500, 1) },
  { additionalProperties: false },
);
export const LevelBody = Type.Object(
  {
    scopeZh: Text(1000, 1),
    scopeEn: Text(1000, 1),
    projectScales: Type.Array(Type.Integer({ minimum: 1, maximum: 3 }), { minItems: 1, maxItems: 3, uniqueItems: true }),
    promotionChecklist: Type.Array(ChecklistItem, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

// ---- Responses ----------------------------------------------------------------------------------

export const LevelView = Type.Object({
  level: LevelSchema,
  scopeZh: Type.String(),
  scopeEn: Type.String(),
  projectScales: Type.Array(Type.Integer()),
  promotionChecklist: Type.Array(Type.Object({ id: Type.String(), zh: Type.String(), en: Type.String() })),
  illustrative: Type.Boolean(),
});

/** A licensing period as the platform's `presentDeadline` shows it (legal-day calendar, 行政许可法82). */
export const DeadlineView = Type.Object(
  {
    id: Type.String(),
    kind: literals(['qualification.acceptance', 'qualification.examination', 'qualification.decision'] as const),
    article: Type.String({ description: 'e.g. 行政许可法32 (acceptance), 43 (examination), 42 (decision)' }),
    dayKind: literals(['working', 'calendar'] as const),
    days: Type.Integer(),
    startDate: Type.String({ description: 'The triggering day; counting starts the day after (Civil Code 201)' }),
    dueDate: Type.String(),
    provisional: Type.Boolean({ description: 'The period touches a year with no official or approved holiday arrangement (Mon–Fri assumed)' }),
    calendarRevision: Type.Integer({ description: 'The calendar revision the due date was counted on (0 = shipped data)' }),
    status: literals(['open', 'paused', 'closed'] as const),
    outcome: Nullable(literals(['met', 'late', 'lapsed', 'cancelled'] as const)),
    closedOn: Nullable(Type.String()),
    daysLeft: Nullable(Type.Integer({ description: 'Working days from today to the due date; negative when overdue; null once closed' })),
    overdue: Type.Boolean(),
    paused: Type.Boolean(),
    pauses: Type.Array(
      Type.Object({ reason: Type.String(), article: Type.String(), from: Type.String(), to: Nullable(Type.String()), note: Nullable(Type.String()) }),
    ),
  },
  { description: 'Recomputed when a calendar revision is approved' },
);

const summaryFields = {
  id: Type.String(),
  companyId: Type.String(),
  companyName: Type.String(),
  kind: KindSchema,
  targetLevel: Nullable(LevelSchema),
  status: StatusSchema,
  submittedAt: Type.String(),
  dueDate: Nullable(Type.String({ description: "The running deadline's due date, in working days; null when no clock runs (the applicant's turn, or closed)" })),
  dueDateProvisional: Type.Boolean({ description: "The running deadline's provisional flag: its period touches a year without an official or approved holiday arrangement" }),
  deadline: Nullable(DeadlineView),
  actions: Type.Array(literals(VERB_NAMES)),
  version: Type.Integer(),
};
export const ApplicationSummaryView = Type.Object(summaryFields);

const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });
export const ApplicationDetailView = Type.Object({
  ...summaryFields,
  materials: Type.Array(Type.Object({ name: Type.String(), ref: Type.String() })),
  checklist: Type.Record(Type.String(), Type.Boolean()),
  missingNotice: Nullable(Type.Array(Type.String())),
  opinion: Nullable(Type.String()),
  examinationPassed: Nullable(Type.Boolean()),
  acceptedOn: Nullable(Type.String({ description: 'The day of acceptance (受理); when deemed, the day the materials were received' })),
  deemedAccepted: Type.Boolean({ description: 'Accepted by lapse of the 5 working days with neither acceptance nor notice (行政许可法32)' }),
  reasons: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  certificateId: Nullable(Type.String()),
  basedOnCertificateId: Nullable(Type.String()),
  extensionDays: Nullable(Type.Integer()),
  decidingUnit: UnitRef,
  examiningUnit: Nullable(UnitRef),
  history: Type.Array(
    Type.Object({ at: Type.String(), action: Type.String(), actorRole: Type.String(), article: Nullable(Type.String()) }),
  ),
  deadlines: Type.Array(DeadlineView, { description: 'Every period the application has run, newest first' }),
});

export const CertificateView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  companyId: Type.String(),
  companyName: Type.String(),
  kind: CertKindSchema,
  level: Nullable(LevelSchema),
  businessScope: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
  status: CertStatusSchema,
});

export const PublicCertificateView = Type.Object({
  number: Type.String(),
  companyName: Type.String(),
  kind: CertKindSchema,
  level: Nullable(LevelSchema),
  validFrom: Type.String(),
  validTo: Type.String(),
  status: CertStatusSchema,
});

export const NumberParams = Type.Object({ number: Text(64, 1) });
export const PublicCompaniesQuery = Type.Object(
  {
    name: Type.Optional(Text(100)),
    level: Type.Optional(LevelSchema),
    city: Type.Optional(Type.String({ pattern: '^44[0-9]{4}$', description: 'GB/T 2260 city code, e.g. 440100' })),
    page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })),
  },
);
export const QualifiedCompanyView = Type.Object({
  // Projects name their designing and building companies by this id (art. 14(2) checks).
  companyId: Type.String(),
  companyName: Type.String(),
  level: Nullable(LevelSchema),
  city: Type.String(),
  cityName: Type.String(),
  certificateNumber: Type.String(),
  validTo: Type.String(),
  status: CertStatusSchema,
});

export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() });

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

export const PdfView = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' });
