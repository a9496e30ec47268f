import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { SYSTEM_TYPES, keysOf } from '../registry/registry.terms.js';
import { PAUSE_REASONS, SCHEME_DOC_CLASSES } from './projects.rules.js';
import { PROJECT_STATUSES, VERB_NAMES } from './projects.states.js';

/**
 * Request and response schemas of the projects API (scheme review part; testing and acceptance
 * bodies are in acceptance.schemas.ts). Bodies reject unknown fields; strings have maximum lengths.
 */
export const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
export const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
/** Optimistic concurrency: send the `version` you saw; a changed record answers 409 CONFLICT. */
export const Version = Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 }));

export const ProjectStatusSchema = literals(PROJECT_STATUSES);
export const VerbSchema = literals(VERB_NAMES);
export const SystemTypeSchema = literals(keysOf(SYSTEM_TYPES));
export const PauseReasonSchema = literals(PAUSE_REASONS);

// ---- Requests -----------------------------------------------------------------------------------

export const IdParams = Type.Object({ id: Text(64, 1) });

export const ListQuery = Type.Object({
  status: Type.Optional(ProjectStatusSchema),
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })),
  pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: '1–200, default 50' })),
});

export const CreateBody = Type.Object(
  {
    title: Text(200, 1),
    siteId: Text(64, 1),
    systemTypes: Type.Array(SystemTypeSchema, { minItems: 1, maxItems: 10, uniqueItems: true }),
    designerCompanyId: Text(64, 1),
    builderCompanyId: Text(64, 1),
    investmentYuan: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }),
    level1Risk: Type.Optional(Type.Boolean({ description: 'GA/T 75 level-1 risk site: scale class 1 whatever the investment' })),
  },
  { additionalProperties: false },
);

export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });

const NoticeItem = Type.Object(
  {
    docClass: Nullable(literals(SCHEME_DOC_CLASSES)),
    zh: Text(500),
    en: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
export const NoticeBody = Type.Object(
  {
    missing: Type.Array(NoticeItem, { maxItems: 50, description: 'Everything missing, in the one notice (行政许可法32)' }),
    note: Type.Optional(Text(2000)),
    version: Version,
  },
  { additionalProperties: false },
);
export const ReasonsBody = Type.Object({ reasons: Text(2000), version: Version }, { additionalProperties: false });
export const PauseBody = Type.Object(
  { reason: PauseReasonSchema, note: Type.Optional(Text(2000)), version: Version },
  { additionalProperties: false },
);
export const ApproveBody = Type.Object(
  { approvalNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9\\-_/()（）〔〕\\[\\]\\u4e00-\\u9fff]+$' })), version: Version },
  { additionalProperties: false },
);

// ---- Responses ----------------------------------------------------------------------------------

const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const CompanyRef = Type.Object({ id: Type.String(), name: Type.String(), uscc: Type.String() });
export const SiteRef = Type.Object({ id: Type.String(), name: Type.String(), siteType: Type.String(), divisionCode: Type.String() });

/** A deadline as `presentDeadline` (platform calendar) shows it. */
export const DeadlineView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  article: Type.String(),
  dayKind: Type.String(),
  days: Type.Integer(),
  startDate: Type.String(),
  dueDate: Type.String(),
  provisional: Type.Boolean(),
  calendarRevision: Type.Integer(),
  status: Type.String(),
  outcome: Nullable(Type.String()),
  closedOn: Nullable(Type.String()),
  daysLeft: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
  paused: Type.Boolean(),
  pauses: Type.Array(
    Type.Object({ reason: Type.String(), article: Type.String(), from: Type.String(), to: Nullable(Type.String()), note: Nullable(Type.String()) }),
  ),
});

export const EligibilityFlagView = Type.Object({
  companyId: Type.String(),
  role: literals(['designer', 'builder'] as const),
  reason: Type.String(),
  article: Type.String(),
  since: Type.String(),
});

const summaryFields = {
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: ProjectStatusSchema,
  site: SiteRef,
  authority: Ref,
  scaleClass: Type.Integer(),
  companies: Type.Object({ designer: CompanyRef, builder: CompanyRef }),
  receivedOn: Nullable(Type.String()),
  /** The clock running now (completeness, review or acceptance decision), if any. */
  deadline: Nullable(DeadlineView),
  paused: Type.Boolean(),
  eligibilityFlagged: Type.Boolean(),
  constructionStartedOn: Nullable(Type.String()),
  actions: Type.Array(VerbSchema),
  version: Type.Integer(),
  updatedAt: Type.String(),
};
export const ProjectSummaryView = Type.Object(summaryFields);

export const ProjectDetailView = Type.Object({
  ...summaryFields,
  round: Type.Integer(),
  constructionUnitName: Type.String(),
  unitId: Nullable(Type.String()),
  builderLevel: Nullable(Type.String()),
  systemTypes: Type.Array(Type.String()),
  investmentYuan: Type.Integer(),
  level1Risk: Type.Boolean(),
  noticeIssuedOn: Nullable(Type.String()),
  missingNotice: Nullable(
    Type.Object({ items: Type.Array(Type.Object({ docClass: Nullable(Type.String()), zh: Type.String(), en: Type.Optional(Type.String()) })), note: Nullable(Type.String()) }),
  ),
  acceptedOn: Nullable(Type.String()),
  deemedAccepted: Type.Boolean(),
  decidedOn: Nullable(Type.String()),
  approvalNumber: Nullable(Type.String()),
  reasons: Nullable(Type.String()),
  testingInstitution: Nullable(Ref),
  acceptanceAppliedOn: Nullable(Type.String()),
  acceptanceDecidedOn: Nullable(Type.String()),
  acceptanceNumber: Nullable(Type.String()),
  acceptanceReasons: Nullable(Type.String()),
  eligibilityFlags: Type.Array(EligibilityFlagView),
  documents: Type.Array(
    Type.Object({
      id: Type.String(),
      projectId: Type.String(),
      docClass: Type.String(),
      round: Type.Integer(),
      fileName: Type.String(),
      mediaType: Type.String(),
      sizeBytes: Type.Integer(),
      digest: Type.String(),
      alg: Type.String(),
      uploadedAt: Type.String(),
      downloadUrl: Type.String(),
    }),
  ),
  checklist: Type.Array(Type.Object({ docClass: Type.String(), zh: Type.String(), en: Type.String(), present: Type.Boolean() })),
  deadlines: Type.Array(DeadlineView),
  testReports: Type.Array(
    Type.Object({
      id: Type.String(),
      institutionId: Type.String(),
      institutionName: Type.String(),
      reportNumber: Type.String(),
      testedOn: Type.String(),
      items: Type.Array(Type.Object({ item: Type.String(), result: Type.String(), note: Type.Optional(Type.String()) })),
      conclusion: Type.String(),
      documentId: Nullable(Type.String()),
      submittedAt: Type.String(),
    }),
  ),
  systems: Type.Array(
    Type.Object({
      id: Type.String(),
      systemType: Type.String(),
      name: Type.String(),
      status: Type.String(),
      acceptedOn: Nullable(Type.String()),
      authorisationRef: Nullable(Type.String()),
    }),
  ),
  timeline: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.String(), action: Type.String(), actorRole: Type.String(), article: Nullable(Type.String()) })),
  createdAt: Type.String(),
});

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() });

export const QueueView = Type.Object({ items: Type.Array(ProjectSummaryView), total: Type.Integer() });

export const SettleView = Type.Object({
  deemedAccepted: Type.Integer(),
  flagged: Type.Integer(),
  cleared: Type.Integer(),
  checked: Type.Integer(),
});

/** Problem JSON (RFC 9457) as the platform's one error handler sends it; extra facts pass through. */
export const ProblemView = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String(), article: Type.Optional(Type.String()) },
  { additionalProperties: true },
);
