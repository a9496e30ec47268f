import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { USE_FLAGS } from './access.rules.js';
import { REQUESTER_KINDS } from './matrix.rules.js';

/**
 * Request and response schemas of information access. Bodies reject unknown fields; query values are strings
 * (coercion is off) parsed by the actions. Identity numbers appear only in request bodies and in the unmask
 * response; everywhere else they are masked.
 */
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const Instant = (description: string) =>
  Type.String({ minLength: 16, maxLength: 40, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}', description: `${description} (ISO 8601 instant with an offset)` });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const IdParams = Type.Object({ id: Id });

export const OfficialBody = Type.Object(
  {
    name: Text(100),
    idNumber: Type.String({ minLength: 1, maxLength: 40, description: 'Citizen identity number (GB 11643); stored encrypted, shown masked' }),
    workCertificateNo: Type.Optional(Type.String({ maxLength: 64, description: 'Work certificate (art. 27(2))' })),
  },
  { additionalProperties: false },
);

export const CreateRequestBody = Type.Object(
  {
    cameraIds: Type.Array(Id, { minItems: 1, maxItems: 200, description: 'Registry device ids of cameras of one site' }),
    action: literals(['view', 'copy', 'retrieve'] as const),
    windowFrom: Instant('Start of the footage period'),
    windowTo: Instant('End of the footage period'),
    purpose: Text(500),
    officials: Type.Array(OfficialBody, { minItems: 1, maxItems: 10, description: 'Persons who will view or receive the footage' }),
    legalBasis: Type.Optional(Type.String({ maxLength: 200, description: 'Case number or legal basis (art. 26(1)(3))' })),
    emergencyReference: Type.Optional(Type.String({ maxLength: 200, description: 'The public emergency being handled (art. 26(2))' })),
    copyDestination: Type.Optional(Type.String({ maxLength: 200, description: 'Where a copy goes (art. 21(3))' })),
    legalReasonForCopy: Type.Optional(Type.String({ maxLength: 500, description: 'Citizens, public areas only: the legal reason for a copy (art. 26(4))' })),
    urgentHeavyLoss: Type.Optional(Type.Boolean({ description: 'Citizens: heavy losses, urgent (art. 26(4))' })),
    confidentialityUndertaking: Type.Optional(Type.Boolean({ description: 'Art. 27(5)' })),
    unitCertification: Type.Optional(Type.Boolean({ description: 'Certification document of the requester’s own unit (art. 27(3))' })),
    onBehalfOfCitizen: Type.Optional(Type.Boolean({ description: 'A unit (or the bureau using a public area) registers a citizen’s request' })),
    organisation: Type.Optional(Type.String({ maxLength: 100, description: 'Citizens: how the requester is described' })),
  },
  { additionalProperties: false },
);

export const SupplementBody = Type.Object(
  {
    officials: Type.Optional(Type.Array(OfficialBody, { maxItems: 10 })),
    legalBasis: Type.Optional(Type.String({ maxLength: 200 })),
    emergencyReference: Type.Optional(Type.String({ maxLength: 200 })),
    confidentialityUndertaking: Type.Optional(Type.Literal(true)),
    unitCertification: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);

export const ApprovalBody = Type.Object(
  {
    decision: literals(['approved', 'refused'] as const),
    reasons: Type.Optional(Type.String({ maxLength: 1000 })),
    documentRef: Type.Optional(Type.String({ maxLength: 100, description: 'Number of the approval document (批准文件文号, art. 27(3))' })),
  },
  { additionalProperties: false },
);

export const ConsentBody = Type.Object(
  { decision: literals(['consented', 'refused'] as const), reasons: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const UseReportBody = Type.Object(
  {
    event: literals(['viewing_started', 'viewing_ended', 'exported'] as const),
    at: Instant('When it happened'),
    cameras: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 200, description: 'Device codes (or device ids) used' }),
    footageFrom: Instant('Start of the footage viewed or exported'),
    footageTo: Instant('End of the footage viewed or exported'),
    officialsPresent: Type.Array(Id, { maxItems: 20, description: 'Official ids from the grant who were present' }),
    fileDigest: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Exports: hex digest of the exported file' })),
    digestAlg: Type.Optional(literals(['sm3', 'sha256'] as const)),
  },
  { additionalProperties: false },
);

export const ReasonBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });
export const NoteBody = Type.Object({ note: Text(1000) }, { additionalProperties: false });

const Page = { page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })), pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })) };
const Division = Type.Optional(Type.String({ pattern: '^[0-9]{6}$' }));
const QueryInstant = Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]+Z)?$', description: 'Date or UTC instant' }));

export const RequestsQuery = Type.Object({
  status: Type.Optional(literals(['pending', 'granted', 'refused', 'withdrawn'] as const)),
  requesterKind: Type.Optional(literals(REQUESTER_KINDS)),
  division: Division,
  waitingFor: Type.Optional(literals(['me'] as const)),
  ...Page,
});

/** At most this many entry ids in one register query (oversight links carry up to 100). */
export const MAX_REGISTER_IDS = 100;

export const CameraQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the camera’s name or code, or of the site’s name' })),
  siteId: Type.Optional(Id),
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
});

export const RegisterQuery = Type.Object({
  kind: Type.Optional(literals(['viewing_started', 'viewing_ended', 'exported', 'unmasked', 'correction'] as const)),
  unitId: Type.Optional(Id),
  requestId: Type.Optional(Id),
  officialId: Type.Optional(Id),
  division: Division,
  from: QueryInstant,
  to: QueryInstant,
  flag: Type.Optional(literals(USE_FLAGS)),
  outsideGrant: Type.Optional(literals(['true', 'false'] as const)),
  organisation: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The requesting organisation, exactly (oversight links)' })),
  organisationContains: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Any part of the requesting organisation’s name' })),
  ids: Type.Optional(
    Type.String({
      maxLength: MAX_REGISTER_IDS * 65,
      pattern: '^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64})*$',
      description: `Register entry ids, comma-separated, at most ${MAX_REGISTER_IDS}`,
    }),
  ),
  ...Page,
});

export const OversightQuery = Type.Object({ from: QueryInstant, to: QueryInstant });

// ---- Responses ----------------------------------------------------------------------------------

export const ProblemView = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String(), article: Type.Optional(Type.String()) },
  { additionalProperties: true },
);

export const StepResult = Type.Object({
  id: Type.String(),
  status: Type.String(),
  grantId: Nullable(Type.String()),
  approvalId: Type.Optional(Type.String()),
  consentId: Type.Optional(Type.String()),
});

const Summary = {
  id: Type.String(),
  requesterKind: Type.String(),
  organisation: Type.String(),
  siteId: Type.String(),
  unitId: Nullable(Type.String()),
  divisionCode: Type.String(),
  action: Type.String(),
  windowFrom: Type.String(),
  windowTo: Type.String(),
  purpose: Type.String(),
  status: Type.String(),
  freeOfCharge: Type.Boolean({ description: 'Art. 25: free of charge for public and state security' }),
  createdAt: Type.String(),
};

const Step = literals(['approve', 'refuse', 'consent', 'refuse-consent', 'supplement', 'withdraw', 'revoke'] as const);
const Steps = Type.Array(Step, { description: 'The steps the caller may take now (computed on the server)' });

const Condition = Type.Object({
  code: Type.String(),
  article: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  met: Type.Boolean(),
  defects: Type.Optional(Type.Array(Type.String())),
});

export const RequestList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  truncated: Type.Optional(Type.Boolean({ description: 'waitingFor=me: only the newest pending requests were scanned' })),
  items: Type.Array(
    Type.Object({
      ...Summary,
      // waitingFor=me: what the queue shows without opening each request.
      actions: Type.Optional(Steps),
      basis: Type.Optional(Type.String()),
      missing: Type.Optional(Type.Array(Type.Object({ code: Type.String(), article: Type.String(), zh: Type.String(), en: Type.String(), defects: Type.Optional(Type.Array(Type.String())) }))),
    }),
  ),
});

export const CameraList = Type.Object({
  truncated: Type.Boolean(),
  items: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Registry device id (what a request names)' }),
      deviceCode: Nullable(Type.String()),
      name: Type.String(),
      siteId: Type.String(),
      siteName: Type.String(),
      siteType: Type.String({ description: 'public_area | key_unit' }),
      divisionCode: Type.String(),
      divisionName: Nullable(Type.String()),
    }),
  ),
});

const OfficialView = Type.Object({ id: Type.String(), name: Type.String(), idNumberMasked: Type.String(), workCertificateNo: Nullable(Type.String()) });

export const RequestView = Type.Object({
  ...Summary,
  requester: Type.Object({
    name: Nullable(Type.String({ description: 'The requesting user’s name' })),
    organisation: Type.String({ description: 'The requesting organisation (police unit, department, or the citizen as described)' }),
    isMe: Type.Boolean(),
  }),
  actions: Steps,
  siteType: Type.String(),
  legalBasis: Nullable(Type.String()),
  emergencyReference: Nullable(Type.String()),
  copyDestination: Nullable(Type.String()),
  legalReasonForCopy: Nullable(Type.String()),
  urgentHeavyLoss: Type.Boolean(),
  confidentialityUndertaking: Type.Boolean(),
  unitCertification: Type.Boolean(),
  refusalReasons: Nullable(Type.String()),
  cameras: Type.Array(Type.Object({ id: Type.String(), deviceCode: Nullable(Type.String()), name: Type.String() })),
  officials: Type.Array(OfficialView),
  approvals: Type.Array(
    Type.Object({
      id: Type.String(),
      organ: Type.String(),
      policeUnitId: Nullable(Type.String()),
      departmentId: Nullable(Type.String()),
      level: Type.String(),
      jurisdictionCode: Type.String(),
      role: Type.String(),
      decision: Type.String(),
      documentRef: Nullable(Type.String()),
      reasons: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  consents: Type.Array(Type.Object({ id: Type.String(), decision: Type.String(), reasons: Nullable(Type.String()), at: Type.String() })),
  evaluation: Type.Object({
    outcome: Type.String({ description: 'allowed | incomplete | refused' }),
    allowed: Type.Boolean(),
    basis: Type.String({ description: 'Paragraph of art. 26' }),
    requires: Type.Array(Condition),
    missing: Type.Array(Condition, { description: 'What is still missing, and why, with articles' }),
    duties: Type.Array(Type.Object({ code: Type.String(), article: Type.String(), zh: Type.String(), en: Type.String() })),
    free: Type.Boolean(),
    officialsRequired: Type.Integer(),
  }),
  grant: Nullable(
    Type.Object({
      id: Type.String(),
      alg: Type.String(),
      keyId: Type.String(),
      issuedAt: Type.String(),
      expiresAt: Type.String(),
      revocation: Type.Optional(
        Nullable(Type.Object({ at: Type.String(), cause: literals(['revoked', 'withdrawn'] as const), reasons: Type.String() }, { description: 'Revoked by the approving bureau, or withdrawn by the requester: later use is flagged' })),
      ),
    }),
  ),
  version: Type.Integer(),
});

export const GrantFileView = Type.Object(
  {
    format: Type.String(),
    grant: Type.Unknown({ description: 'The signed body: cameras, window, action, officials (masked), expiry, request id' }),
    signature: Type.Object({ alg: Type.String(), keyId: Type.String(), value: Type.String() }),
    publicKey: Type.Optional(Type.String()),
  },
  { description: 'Verify offline: signature over the canonical JSON of `grant` (sorted keys, no whitespace)' },
);

export const SigningKeyView = Type.Object({ alg: Type.String(), keyId: Type.String(), publicKeyPem: Type.String() });

export const UseReportResult = Type.Object({
  useReportId: Type.String(),
  registerEntryId: Type.String(),
  ledgerSeq: Type.Integer(),
  flags: Type.Array(Type.String(), { description: 'Use outside the grant or by too few officials' }),
});

const RegisterEntryView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  requestId: Nullable(Type.String()),
  grantId: Nullable(Type.String()),
  correctsId: Nullable(Type.String()),
  requesterKind: Nullable(Type.String()),
  organisation: Type.String(),
  unitId: Nullable(Type.String()),
  divisionCode: Type.String(),
  at: Type.String(),
  cameras: Type.Array(Type.String()),
  periodFrom: Nullable(Type.String()),
  periodTo: Nullable(Type.String()),
  purpose: Type.String(),
  destination: Nullable(Type.String()),
  note: Nullable(Type.String()),
  flags: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String(), article: Type.String() })),
  officials: Type.Array(OfficialView),
  ledgerSeq: Type.Integer({ description: 'The ledger entry covering this register entry (inclusion proofs)' }),
});
export { RegisterEntryView };

export const RegisterList = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(RegisterEntryView) });

export const CorrectionResult = Type.Object({ id: Type.String(), corrects: Type.String(), ledgerSeq: Type.Integer() });

export const UnmaskResult = Type.Object({ officialId: Type.String(), name: Type.String(), idNumber: Type.String(), registerEntryId: Type.String() });

const TallyFields = {
  entries: Type.Integer(),
  viewings: Type.Integer(),
  exports: Type.Integer(),
  outsideGrant: Type.Integer(),
  singleOfficial: Type.Integer(),
  unmasked: Type.Integer(),
  flaggedEntryIds: Type.Array(Type.String(), { description: 'Register entries behind the flags (first 100)' }),
  unmaskEntryIds: Type.Array(Type.String()),
};

export const OversightView = Type.Object({
  truncated: Type.Boolean(),
  flags: Type.Array(Type.String()),
  perUnit: Type.Array(Type.Object({ unitId: Nullable(Type.String()), unitName: Nullable(Type.String()), ...TallyFields, registerLink: Nullable(Type.String()) })),
  perOrganisation: Type.Array(Type.Object({ organisation: Type.String(), ...TallyFields, registerLink: Type.String() })),
  perOfficial: Type.Array(Type.Object({ name: Type.String(), idNumberMasked: Type.String(), officialId: Type.String(), ...TallyFields, registerLink: Nullable(Type.String()) })),
});

// ---- Withdrawal, revocation, departments (administration) ------------------------------------------

export const WithdrawBody = Type.Object({ reasons: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const RevokeBody = Type.Object({ reasons: Text(500) }, { additionalProperties: false });
export const RevokeResult = Type.Object({ grantId: Type.String(), requestId: Type.String(), revokedAt: Type.String(), cause: Type.String() });

export const DepartmentBody = Type.Object(
  {
    name: Text(100),
    kind: Type.Unsafe<'state_security' | 'emergency' | 'administrative'>({
      type: 'string',
      enum: ['state_security', 'emergency', 'administrative'],
      description: 'Art. 26: state security organ (26(1)), department handling a public emergency (26(2)), other administrative department (26(3))',
    }),
    divisionCode: Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 code of the government it belongs to (its level follows)' }),
  },
  { additionalProperties: false },
);
export const DepartmentUserView = Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String(), inCharge: Type.Boolean(), status: Type.String() });
export const DepartmentView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  divisionCode: Type.String(),
  level: Type.String(),
  createdAt: Type.String(),
  users: Type.Array(DepartmentUserView),
});
export const DepartmentList = Type.Object({ items: Type.Array(DepartmentView) });
export const DepartmentUserBody = Type.Object(
  { username: Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }), displayName: Text(100), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const CreatedId = Type.Object({ id: Type.String() });
export const InChargeBody = Type.Object(
  { inCharge: Type.Boolean({ description: 'The person in charge (负责人) of the user’s police unit or department (art. 26(1))' }), reasons: Text(500) },
  { additionalProperties: false },
);
export const OfficerQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 64, description: 'Part of the account or the name' })) });
export const OfficerList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      username: Type.String(),
      displayName: Type.String(),
      policeUnitId: Nullable(Type.String()),
      policeUnitName: Nullable(Type.String()),
      role: Type.String(),
      inCharge: Type.Boolean(),
      status: Type.String(),
    }),
  ),
});
export const InChargeResult = Type.Object({ userId: Type.String(), inCharge: Type.Boolean() });

/** Passed through as built: the bundle's exact fields are what check-proof reads, so no schema trims them. */
export const ProofBundleView = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  additionalProperties: true,
  description: 'jifang-ledger-proof/1: entry, inclusion, checkpoint, publicKey, and record (the register row as digested)',
});
