import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { CASE_DOC_CLASSES } from './documents.actions.js';
import { SERVICE_METHODS } from './cases.actions.js';
import { PARTY_TYPES, PENALTY_ARTICLES } from './penalty.rules.js';
import { CASE_STATUSES, VERB_NAMES } from './penalty.states.js';

const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Version = Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'The version you saw (optimistic locking)' }));
const Yuan = Type.Integer({ minimum: 0, maximum: 100_000_000 });

export const IdParams = Type.Object({ id: Text(64, 1) });
export const DocParams = Type.Object({ id: Text(64, 1), docId: Text(64, 1) });
export const PartyParams = Type.Object({ id: Text(64, 1), partyId: Text(64, 1) });

export const PartyBody = Type.Object(
  {
    partyType: literals(PARTY_TYPES),
    name: Text(200, 1),
    uscc: Type.Optional(Text(18, 18)),
    unitId: Type.Optional(Text(64, 1)),
    companyId: Type.Optional(Text(64, 1)),
    idNumber: Type.Optional(Text(18, 15)),
  },
  { additionalProperties: false },
);

export const OpenBody = Type.Object(
  {
    source: Type.Object(
      { kind: literals(['rectification', 'inspection', 'finding', 'complaint', 'other'] as const), id: Type.Optional(Text(64, 1)) },
      { additionalProperties: false },
    ),
    siteId: Type.Optional(Text(64, 1)),
    penaltyArticle: Type.Optional(literals(PENALTY_ARTICLES)),
    violatedArticle: Type.Optional(Text(4, 1)),
    facts: Text(5000, 1),
    serious: Type.Optional(Type.Boolean()),
    parties: Type.Array(PartyBody, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const AddPartyBody = Type.Object({ ...PartyBody.properties, version: Version }, { additionalProperties: false });

const Amount = Type.Object({ partyId: Text(64, 1), fineYuan: Yuan, confiscationYuan: Type.Optional(Yuan) }, { additionalProperties: false });
export const ProposeBody = Type.Object({ version: Version, amounts: Type.Array(Amount, { minItems: 1, maxItems: 20 }), reasons: Type.Optional(Text(5000)) }, { additionalProperties: false });
export const DecideBody = Type.Object({ version: Version, amounts: Type.Array(Amount, { minItems: 1, maxItems: 20 }), reasons: Text(5000, 1) }, { additionalProperties: false });
export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export const WarnBody = Type.Object({ version: Version, warnedOn: Type.Optional(Date) }, { additionalProperties: false });
export const RespondBody = Type.Object({ version: Version, statement: Type.Optional(Text(5000)), waive: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const HearingRequestBody = Type.Object({ version: Version, statement: Type.Optional(Text(5000)) }, { additionalProperties: false });
export const HearingBody = Type.Object({ version: Version, heldOn: Date, record: Text(10000, 1) }, { additionalProperties: false });
export const NoPenaltyBody = Type.Object(
  { version: Version, firstViolation: Type.Boolean(), correctedOn: Type.Optional(Date), reasons: Text(5000) },
  { additionalProperties: false },
);
export const ServeBody = Type.Object({ version: Version, servedOn: Date, method: literals(SERVICE_METHODS) }, { additionalProperties: false });
export const PayBody = Type.Object({ version: Version, paidOn: Date, paidYuan: Yuan, paymentRef: Text(100, 1) }, { additionalProperties: false });
export const RemoveBody = Type.Object({ version: Version, reason: Text(2000, 1) }, { additionalProperties: false });

export const ListQuery = Type.Object({ status: Type.Optional(literals(CASE_STATUSES)), page: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })) });
export const AssessQuery = Type.Object({
  article: literals(PENALTY_ARTICLES),
  partyType: literals(PARTY_TYPES),
  amount: Type.String({ pattern: '^[0-9]{1,9}$' }),
  confiscation: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
  serious: Type.Optional(literals(['true', 'false'] as const)),
});
export const PublicQuery = Type.Object({
  q: Type.Optional(Text(100)),
  uscc: Type.Optional(Text(18)),
  page: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
});
export const UploadQuery = Type.Object({ docClass: literals(CASE_DOC_CLASSES), fileName: Text(255, 1) });

const RangeView = Type.Object({ min: Type.Integer(), max: Type.Integer() });
const BandsView = Type.Object({ mild: RangeView, general: RangeView, serious: RangeView });
const BandName = literals(['mild', 'general', 'serious'] as const);

export const SettingsView = Type.Object({
  bands: Type.Array(Type.Object({ article: Type.String(), mildUpTo: Type.Number(), generalUpTo: Type.Number() })),
  hearingIndividualYuan: Type.Integer(),
  hearingUnitYuan: Type.Integer(),
  statementDays: Type.Integer(),
  hearingRequestDays: Type.Integer(),
  publicationDays: Type.Integer(),
  decisionPublicationDays: Type.Integer(),
  creditRecordDays: Type.Integer(),
  decisionRepairMinDays: Type.Integer(),
  creditRepairMinDays: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Nullable(Type.String()),
});

const Days = (max: number) => Type.Integer({ minimum: 1, maximum: max });
export const SettingsBody = Type.Object(
  {
    version: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    bands: Type.Array(
      Type.Object({ article: Text(2, 1), mildUpTo: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), generalUpTo: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 8 },
    ),
    hearingIndividualYuan: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    hearingUnitYuan: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    statementDays: Days(30),
    hearingRequestDays: Days(30),
    publicationDays: Days(30),
    decisionPublicationDays: Days(3660),
    creditRecordDays: Days(3660),
    decisionRepairMinDays: Type.Integer({ minimum: 0, maximum: 3660 }),
    creditRepairMinDays: Type.Integer({ minimum: 0, maximum: 3660 }),
  },
  { additionalProperties: false },
);

export const RulesView = Type.Object({
  provisions: Type.Array(
    Type.Object({
      article: Type.String(),
      precondition: Type.String(),
      confiscation: Type.Boolean(),
      zh: Type.String(),
      en: Type.String(),
      violations: Type.Array(Type.Object({ item: Nullable(Type.String()), violated: Type.String(), zh: Type.String(), en: Type.String() })),
      fines: Type.Array(Type.Object({ partyType: Type.String(), min: Type.Integer(), max: Type.Integer(), serious: Type.Boolean() })),
    }),
  ),
  settings: SettingsView,
});

export const AssessView = Type.Object({
  ok: Type.Boolean(),
  article: Type.String(),
  range: Nullable(RangeView),
  band: Nullable(BandName),
  bands: Nullable(BandsView),
  hearingDue: Type.Boolean(),
  code: Nullable(Type.String()),
});

const PartySummary = Type.Object({ id: Type.String(), partyType: Type.String(), name: Type.String() });
const summaryFields = {
  id: Type.String(),
  number: Type.String(),
  status: literals(CASE_STATUSES),
  penaltyArticle: Type.String(),
  item: Nullable(Type.String()),
  violatedArticle: Type.String(),
  divisionCode: Type.String(),
  handlingUnit: Type.Object({ id: Type.String(), name: Type.String() }),
  parties: Type.Array(PartySummary),
  openedOn: Type.String(),
  decisionNumber: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
};
export const CaseSummaryView = Type.Object(summaryFields);
export const CasePage = Type.Object({ items: Type.Array(CaseSummaryView), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() });

const DeadlineView = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    article: Type.String(),
    dayKind: Type.String(),
    days: Type.Integer(),
    startDate: Type.String(),
    dueDate: Type.String(),
    provisional: Type.Boolean(),
    status: Type.String(),
    outcome: Nullable(Type.String()),
    closedOn: Nullable(Type.String()),
    daysLeft: Nullable(Type.Integer()),
    overdue: Type.Boolean(),
    paused: Type.Boolean(),
  },
  { additionalProperties: true },
);

export const CaseDetailView = Type.Object({
  ...summaryFields,
  siteId: Nullable(Type.String()),
  source: Type.Object({ kind: Type.String(), id: Nullable(Type.String()) }),
  rectificationOrder: Nullable(Type.Object({ id: Type.String(), number: Type.String(), status: Type.String(), dueDate: Type.String(), failed: Type.Boolean() })),
  facts: Type.String(),
  serious: Type.Boolean(),
  warningGivenOn: Nullable(Type.String()),
  precondition: Type.String(),
  confiscation: Type.Boolean(),
  finableParties: Type.Array(Type.String()),
  partiesDetail: Type.Array(
    Type.Object({
      id: Type.String(),
      partyType: Type.String(),
      name: Type.String(),
      uscc: Nullable(Type.String()),
      unitId: Nullable(Type.String()),
      companyId: Nullable(Type.String()),
      idNumberMasked: Nullable(Type.String()),
      proposedYuan: Nullable(Type.Integer()),
      decidedYuan: Nullable(Type.Integer()),
      confiscationYuan: Nullable(Type.Integer()),
      range: Nullable(RangeView),
      band: Nullable(BandName),
    }),
  ),
  proposedOn: Nullable(Type.String()),
  noticeNumber: Nullable(Type.String()),
  proposalReasons: Nullable(Type.String()),
  hearingDue: Type.Boolean(),
  hearingThresholds: Type.Object({ individual: Type.Integer(), unit: Type.Integer() }),
  respondedOn: Nullable(Type.String()),
  statement: Nullable(Type.String()),
  hearingRequested: Type.Boolean(),
  hearingOn: Nullable(Type.String()),
  hearingRecord: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  decisionReasons: Nullable(Type.String()),
  noPenaltyReasons: Nullable(Type.String()),
  correctedOn: Nullable(Type.String()),
  servedOn: Nullable(Type.String()),
  serviceMethod: Nullable(Type.String()),
  paidOn: Nullable(Type.String()),
  paidYuan: Nullable(Type.Integer()),
  paymentRef: Nullable(Type.String()),
  closedOn: Nullable(Type.String()),
  decisionPdfUrl: Nullable(Type.String()),
  deadlines: Type.Array(DeadlineView),
  documents: Type.Array(
    Type.Object({
      id: Type.String(),
      docClass: Type.String(),
      fileName: Type.String(),
      mediaType: Type.String(),
      sizeBytes: Type.Integer(),
      digest: Type.String(),
      alg: Type.String(),
      uploadedAt: Type.String(),
      downloadUrl: Type.String(),
    }),
  ),
  publications: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      partyId: Type.String(),
      status: Type.String(),
      publishedOn: Nullable(Type.String()),
      publishUntil: Nullable(Type.String()),
      removedOn: Nullable(Type.String()),
      removalReason: Nullable(Type.String()),
      version: Type.Integer(),
    }),
  ),
  timeline: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.String(), action: Type.String(), actorRole: Type.String(), article: Nullable(Type.String()), objectType: Type.String() })),
  actions: Type.Array(literals(VERB_NAMES)),
  periodOver: Type.Boolean(),
});

export const DocumentView = Type.Object({
  id: Type.String(),
  docClass: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  digest: Type.String(),
  alg: Type.String(),
  uploadedAt: Type.String(),
  downloadUrl: Type.String(),
});

export const IdentityView = Type.Object({ name: Type.String(), idNumber: Nullable(Type.String()) });

export const PublicEntryView = Type.Object({
  id: Type.String(),
  kind: literals(['penalty_decision', 'credit_record'] as const),
  decisionNumber: Type.String(),
  cause: Type.String(),
  legalBasis: Type.String(),
  partyType: literals(PARTY_TYPES),
  partyName: Type.String({ description: 'Units in full; individuals masked to the first character' }),
  partyUscc: Nullable(Type.String()),
  result: Type.String(),
  authority: Type.String(),
  decidedOn: Type.String(),
  publishedOn: Type.String(),
  publishUntil: Type.String(),
});
export const PublicPage = Type.Object({ items: Type.Array(PublicEntryView), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() });

export const LicensingEntryView = Type.Object({
  id: Type.String(),
  certificateNumber: Type.String(),
  kind: Type.String(),
  kindZh: Type.String(),
  level: Nullable(Type.String()),
  content: Type.String(),
  legalBasis: Type.String(),
  companyName: Type.String(),
  uscc: Type.String(),
  authority: Type.String(),
  decidedOn: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
});
export const LicensingPage = Type.Object({ items: Type.Array(LicensingEntryView), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() });
