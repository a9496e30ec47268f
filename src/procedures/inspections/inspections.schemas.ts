import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { ProblemView } from '../qualification/qualification.schemas.js';
import { CHECKLIST_ITEMS, ITEM_RESULTS, ORDER_STATUSES } from './inspections.rules.js';
import { INSPECTION_STATUSES, INSPECTION_VERBS, ORDER_VERBS, PLAN_STATUSES, REASON_KINDS } from './inspections.states.js';

/** Request and response schemas of the inspections API. Bodies reject unknown fields; strings have maximum lengths. */

export { ProblemView };
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const Version = Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'The version you saw; a changed record answers 409 CONFLICT' }));
const ArticleText = Type.String({ minLength: 1, maxLength: 20, description: 'Article of the Measures, e.g. "20" or "34(4)"' });
const PageParams = {
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })),
  pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: '1–200, default 50' })),
};

// ---- Requests -------------------------------------------------------------------------------------------

export const IdParams = Type.Object({ id: Text(64, 1) });
export const ItemParams = Type.Object({ id: Text(64, 1), item: Type.String({ pattern: '^[1-6]$', description: 'Checklist item of art. 29, 1–6' }) });
export const PhotoParams = Type.Object({ id: Text(64, 1), photoId: Text(64, 1) });

export const PlanListQuery = Type.Object(PageParams);
export const CreatePlanBody = Type.Object(
  {
    title: Text(200, 1),
    filters: Type.Optional(
      Type.Object(
        {
          categoryCode: Type.Optional(Text(20, 1)),
          siteType: Type.Optional(literals(['key_unit', 'public_area'])),
          hasOpenFindings: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    targetCount: Type.Integer({ minimum: 1, maximum: 500 }),
    inspectorsPerTarget: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'Default 2' })),
    periodFrom: DateText,
    periodTo: DateText,
  },
  { additionalProperties: false },
);
export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });

export const InspectionListQuery = Type.Object({
  status: Type.Optional(literals(INSPECTION_STATUSES)),
  planId: Type.Optional(Text(64, 1)),
  assigned: Type.Optional(literals(['me'])),
  ...PageParams,
});
export const TargetedBody = Type.Object(
  {
    siteId: Text(64, 1),
    reason: Type.Object(
      {
        kind: literals(['complaint', 'finding', 'officer']),
        id: Type.Optional(Nullable(Text(64, 1))),
        note: Type.Optional(Nullable(Text(1000))),
      },
      { additionalProperties: false },
    ),
    inspectorIds: Type.Optional(Type.Array(Text(64, 1), { maxItems: 10, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const RecordItemBody = Type.Object(
  {
    result: literals(['ok', 'problem', 'na']),
    observation: Type.Optional(Nullable(Text(2000))),
    article: Type.Optional(Nullable(ArticleText)),
    version: Version,
  },
  { additionalProperties: false },
);
export const CompleteBody = Type.Object({ summary: Type.Optional(Nullable(Text(2000))), version: Version }, { additionalProperties: false });
export const PhotoQuery = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255, description: 'Original file name (.png, .jpg, .jpeg); the content must match' }),
  item: Type.Optional(Type.String({ pattern: '^[1-6]$', description: 'Checklist item the photo shows' })),
});
export const CorrectionPhotoQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }) });
export const IssueOrderBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          item: Type.Integer({ minimum: 1, maximum: 6 }),
          article: Type.Optional(Nullable(ArticleText)),
          problem: Type.Optional(Nullable(Text(2000))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 6 },
    ),
    dayKind: Type.Optional(literals(['working', 'calendar'])),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 180, description: 'Default 10 (working days)' })),
    version: Version,
  },
  { additionalProperties: false },
);

export const OrderListQuery = Type.Object({ status: Type.Optional(literals(ORDER_STATUSES)), siteId: Type.Optional(Text(64, 1)), ...PageParams });
export const ReportBody = Type.Object({ note: Text(2000, 1), photoId: Type.Optional(Nullable(Text(64, 1))), version: Version }, { additionalProperties: false });
export const VerifyBody = Type.Object({ corrected: Type.Boolean(), note: Type.Optional(Nullable(Text(2000))), version: Version }, { additionalProperties: false });

// ---- Responses ------------------------------------------------------------------------------------------

const UnitRef = Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() });
const Person = Type.Object({ id: Type.String(), name: Type.String() });
const TimelineView = Type.Array(
  Type.Object({ seq: Type.Integer(), at: Type.String(), action: Type.String(), actorRole: Type.String(), article: Nullable(Type.String()) }),
);
const PageOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const PlanView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: literals(['random', 'targeted']),
  status: literals(PLAN_STATUSES),
  policeUnit: UnitRef,
  divisionCode: Type.String(),
  filters: Type.Object({ categoryCode: Type.Optional(Type.String()), siteType: Type.Optional(Type.String()), hasOpenFindings: Type.Optional(Type.Boolean()) }),
  targetCount: Type.Integer(),
  inspectorsPerTarget: Type.Integer(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  draw: Nullable(
    Type.Object({
      seed: Type.String({ description: '32 random bytes, hex' }),
      alg: Type.String({ description: 'e.g. sm3-ctr-fisher-yates-v1' }),
      drawnAt: Type.String(),
      drawnBy: Nullable(Person),
      candidateSites: Type.Integer(),
      candidateOfficers: Type.Integer(),
      sitesDigest: Type.String(),
      officersDigest: Type.String(),
      result: Type.Array(Type.Object({ siteId: Type.String(), inspectors: Type.Array(Person) })),
    }),
  ),
  createdAt: Type.String(),
  version: Type.Integer(),
  actions: Type.Array(literals(['draw'])),
});

export const InspectionSummaryView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  planId: Nullable(Type.String()),
  kind: literals(['random', 'targeted']),
  reasonKind: literals(REASON_KINDS),
  reasonId: Nullable(Type.String()),
  site: Type.Object({ id: Type.String(), name: Type.String(), siteType: Type.String() }),
  divisionCode: Type.String(),
  policeUnit: UnitRef,
  inspectors: Type.Array(Person),
  status: literals(INSPECTION_STATUSES),
  problems: Type.Integer(),
  suggestedProblems: Type.Integer(),
  completedOn: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
});

export const PlanDetailView = Type.Object({ ...PlanView.properties, inspections: Type.Array(InspectionSummaryView) });

export const DrawCheckView = Type.Object({
  seed: Type.String(),
  alg: Type.String(),
  sitesDigestMatches: Type.Boolean(),
  officersDigestMatches: Type.Boolean(),
  ledgerMatches: Type.Boolean(),
  reproduced: Type.Boolean(),
  ok: Type.Boolean(),
  result: Type.Array(Type.Object({ siteId: Type.String(), inspectorIds: Type.Array(Type.String()) })),
});

export const PhotoView = Type.Object({
  id: Type.String(),
  inspectionId: Type.String(),
  orderId: Nullable(Type.String()),
  purpose: literals(['checklist', 'correction']),
  item: Nullable(Type.Integer()),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  digest: Type.String(),
  alg: Type.String(),
  uploadedAt: Type.String(),
  url: Type.String(),
});

const ChecklistEntryView = Type.Object({
  item: Type.Unsafe<number>({ type: 'integer', enum: [...CHECKLIST_ITEMS] }),
  zh: Type.String(),
  en: Type.String(),
  result: literals(ITEM_RESULTS),
  suggested: Nullable(literals(['problem'])),
  observation: Nullable(Type.String()),
  article: Nullable(Type.String()),
  prefill: Type.Array(Type.Object({ findingId: Type.String(), rule: Type.String(), article: Type.String(), detail: Nullable(Type.String()) })),
  recordedAt: Nullable(Type.String()),
});

export const InspectionDetailView = Type.Object({
    ...InspectionSummaryView.properties,
    reasonNote: Nullable(Type.String()),
    summary: Nullable(Type.String()),
    checklist: Type.Array(ChecklistEntryView),
    photos: Type.Array(PhotoView),
    order: Nullable(Type.Object({ id: Type.String(), number: Type.String(), displayNumber: Type.String(), status: Type.String(), dueDate: Type.String() })),
    actions: Type.Array(literals(INSPECTION_VERBS)),
    timeline: TimelineView,
});

const DeadlineView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  article: Type.String(),
  dayKind: literals(['working', 'calendar']),
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
});

export const OrderSummaryView = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'ASCII-safe unique number, e.g. RO-440106-2026-0001' }),
  displayNumber: Type.String({ description: 'As printed, e.g. 穗天公技整字〔2026〕第1号' }),
  inspectionId: Type.String(),
  site: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  unitId: Nullable(Type.String()),
  divisionCode: Type.String(),
  policeUnit: UnitRef,
  items: Type.Array(Type.Object({ item: Type.Integer(), article: Type.String(), problem: Type.String() })),
  article: Type.String({ description: 'The violated article (first item)' }),
  dayKind: literals(['working', 'calendar']),
  days: Type.Integer(),
  issuedOn: Type.String(),
  dueDate: Type.String(),
  status: literals(ORDER_STATUSES),
  report: Nullable(Type.Object({ note: Nullable(Type.String()), reportedOn: Type.String(), photoId: Nullable(Type.String()), late: Type.Boolean() })),
  verification: Nullable(Type.Object({ verifiedOn: Type.String(), note: Nullable(Type.String()) })),
  lapsedOn: Nullable(Type.String()),
  failed: Type.Boolean({ description: 'Failed to correct within the time limit (precondition of art. 32–34 fines)' }),
  version: Type.Integer(),
});

export const OrderDetailView = Type.Object({
    ...OrderSummaryView.properties,
    deadline: Nullable(DeadlineView),
    photos: Type.Array(PhotoView),
    actions: Type.Array(literals(ORDER_VERBS)),
    timeline: TimelineView,
});

export const PlanPage = PageOf(PlanView);
export const InspectionPage = PageOf(InspectionSummaryView);
export const OrderPage = PageOf(OrderSummaryView);
export const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
