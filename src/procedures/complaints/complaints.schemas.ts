import { Type } from '@fastify/type-provider-typebox';
import { DeadlineView, Nullable, ProblemView, Text, Version, literals } from '../projects/projects.schemas.js';
import { COMPLAINT_KINDS, LIMITS, SUBJECT_KINDS } from './complaints.rules.js';
import { COMPLAINT_STATUSES, COMPLAINT_STEPS } from './complaints.states.js';

/** Request and response schemas of complaints and reports (art. 30, 39). Bodies reject unknown fields. */

export { ProblemView, DeadlineView };

// ---- Requests -----------------------------------------------------------------------------------

export const SubmitBody = Type.Object(
  {
    kind: literals(COMPLAINT_KINDS),
    subjectKind: literals(SUBJECT_KINDS),
    subjectName: Text(LIMITS.subjectName, 1),
    divisionCode: Type.String({ pattern: '^[0-9]{6}$', description: 'County (or city) of the place, GB/T 2260' }),
    content: Text(LIMITS.content, 1),
    certificateNumber: Type.Optional(Nullable(Text(LIMITS.certificate))),
    name: Type.Optional(Nullable(Text(LIMITS.name))),
    contact: Type.Optional(Nullable(Text(LIMITS.contact))),
  },
  { additionalProperties: false },
);

export const TrackingParams = Type.Object({ tracking: Text(32, 1) });
export const AccessCodeHeaders = Type.Object({ 'x-access-code': Type.Optional(Text(64)) });
export const AccessCodeBody = Type.Object({ accessCode: Text(64, 1) }, { additionalProperties: false });

export const IdParams = Type.Object({ id: Text(64, 1) });
export const ListQuery = Type.Object({
  status: Type.Optional(literals(COMPLAINT_STATUSES)),
  mine: Type.Optional(literals(['true', 'false'] as const)),
});

export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export const ReasonsBody = Type.Object({ version: Version, reasons: Text(LIMITS.reasons) }, { additionalProperties: false });
export const TransferBody = Type.Object({ version: Version, toUnitId: Text(64, 1), reasons: Text(LIMITS.reasons) }, { additionalProperties: false });
export const CloseBody = Type.Object({ version: Version, result: Text(LIMITS.reasons) }, { additionalProperties: false });
export const InspectBody = Type.Object({ version: Version, siteId: Text(64, 1) }, { additionalProperties: false });
export const IdentityBody = Type.Object({ reason: Text(500, 1) }, { additionalProperties: false });

// ---- Responses ----------------------------------------------------------------------------------

const UnitRef = Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() });

const Authority = Type.Object({
  kind: literals(['bureau', 'supervision'] as const),
  unit: Nullable(UnitRef),
});

export const NoticeView = Type.Object({
  kind: Type.String(),
  status: Type.String(),
  at: Type.String(),
  note: Nullable(Type.String()),
  toUnit: Nullable(UnitRef),
  delivery: literals(['status_page', 'would_send'] as const),
});

export const SubmittedView = Type.Object({
  trackingNumber: Type.String(),
  accessCode: Type.String({ description: 'Shown once; only its digest is stored' }),
  status: Type.String(),
  authority: Authority,
  acknowledgeDue: Type.String(),
});

export const PublicStatusView = Type.Object({
  trackingNumber: Type.String(),
  kind: Type.String(),
  subjectKind: Type.String(),
  status: Type.String(),
  submittedOn: Type.String(),
  divisionCode: Type.String(),
  authority: Authority,
  acknowledgeDue: Nullable(Type.String()),
  handleDue: Nullable(Type.String()),
  notices: Type.Array(NoticeView),
});

const summaryFields = {
  id: Type.String(),
  trackingNumber: Type.String(),
  kind: Type.String(),
  subjectKind: Type.String(),
  subjectName: Type.String(),
  divisionCode: Type.String(),
  queue: Type.String(),
  authority: Authority,
  status: Type.String(),
  submittedOn: Type.String(),
  closedOn: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  overdue: Type.Boolean(),
  deadlines: Type.Array(DeadlineView),
};

export const ComplaintSummaryView = Type.Object(summaryFields);
export const ComplaintListView = Type.Object({ items: Type.Array(ComplaintSummaryView) });

export const ComplaintDetailView = Type.Object({
  ...summaryFields,
  content: Type.String(),
  certificateNumber: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  inspectionId: Nullable(Type.String()),
  version: Type.Integer(),
  notices: Type.Array(NoticeView),
  allowedSteps: Type.Array(literals(COMPLAINT_STEPS)),
  canRevealIdentity: Type.Boolean(),
});

export const IdentityView = Type.Object({ anonymous: Type.Boolean(), name: Nullable(Type.String()), contact: Nullable(Type.String()) });

const LedgerRef = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  action: Type.String(),
  actorRole: Type.String(),
  objectType: Type.String(),
  objectId: Type.String(),
  article: Nullable(Type.String()),
  entryHash: Type.String(),
});

export const OversightItem = Type.Object({
  ...summaryFields,
  /** late: a period ended after its due date; overdue: a period still open past it (not acted on). */
  findings: Type.Array(Type.Object({ kind: Type.String(), deadlineKind: Type.String(), dueDate: Type.String(), closedOn: Nullable(Type.String()) })),
  ledger: Type.Array(LedgerRef),
});

export const OversightView = Type.Object({
  asOf: Type.String(),
  aboutOfficials: Type.Array(OversightItem),
  bureaus: Type.Array(Type.Object({ unit: UnitRef, items: Type.Array(OversightItem) })),
});
