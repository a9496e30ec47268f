// Shapes of the information-access API (issue 5), as src/procedures/access/access.schemas.ts states them.

export type RequesterKind = 'public_security' | 'state_security' | 'emergency_department' | 'administrative_department' | 'citizen';
export const REQUESTER_KINDS: readonly RequesterKind[] = ['public_security', 'state_security', 'emergency_department', 'administrative_department', 'citizen'];
export type AccessAction = 'view' | 'copy' | 'retrieve';
export const ACCESS_ACTIONS: readonly AccessAction[] = ['view', 'copy', 'retrieve'];
export type RequestStatus = 'pending' | 'granted' | 'refused' | 'withdrawn';
export type RegisterKind = 'viewing_started' | 'viewing_ended' | 'exported' | 'unmasked' | 'correction';
export const REGISTER_KINDS: readonly RegisterKind[] = ['viewing_started', 'viewing_ended', 'exported', 'unmasked', 'correction'];
export type UseFlag =
  | 'camera_outside_grant'
  | 'period_outside_grant'
  | 'action_outside_grant'
  | 'before_issue'
  | 'after_expiry'
  | 'after_revocation'
  | 'single_official'
  | 'unknown_official';
export const USE_FLAGS: readonly UseFlag[] = [
  'camera_outside_grant',
  'period_outside_grant',
  'action_outside_grant',
  'before_issue',
  'after_expiry',
  'after_revocation',
  'single_official',
  'unknown_official',
];

export interface OfficialInput {
  name: string;
  idNumber: string;
  workCertificateNo?: string;
}

export interface CreateAccessRequest {
  cameraIds: string[];
  action: AccessAction;
  windowFrom: string;
  windowTo: string;
  purpose: string;
  officials: OfficialInput[];
  legalBasis?: string;
  emergencyReference?: string;
  copyDestination?: string;
  legalReasonForCopy?: string;
  urgentHeavyLoss?: boolean;
  confidentialityUndertaking?: boolean;
  unitCertification?: boolean;
  onBehalfOfCitizen?: boolean;
  organisation?: string;
}

export interface SupplementAccessRequest {
  officials?: OfficialInput[];
  legalBasis?: string;
  emergencyReference?: string;
  confidentialityUndertaking?: true;
  unitCertification?: true;
}

export interface StepResult {
  id: string;
  status: RequestStatus | string;
  grantId: string | null;
  approvalId?: string;
  consentId?: string;
}

export interface AccessRequestSummary {
  id: string;
  requesterKind: RequesterKind | string;
  organisation: string;
  siteId: string;
  unitId: string | null;
  divisionCode: string;
  action: AccessAction | string;
  windowFrom: string;
  windowTo: string;
  purpose: string;
  status: RequestStatus | string;
  /** Art. 25: free of charge for public and state security. */
  freeOfCharge: boolean;
  createdAt: string;
}

/** The steps the caller may take on a request now, computed by the server (never guessed from the role). */
export type RequestStep = 'approve' | 'refuse' | 'consent' | 'refuse-consent' | 'supplement' | 'withdraw' | 'revoke';
export const REQUEST_STEPS: readonly RequestStep[] = ['approve', 'refuse', 'consent', 'refuse-consent', 'supplement', 'withdraw', 'revoke'];

/** A list item; with `waitingFor=me` it also carries the caller's steps, the paragraph of art. 26 and what is missing. */
export interface AccessRequestListItem extends AccessRequestSummary {
  actions?: RequestStep[];
  basis?: string;
  missing?: Omit<MatrixCondition, 'met'>[];
}

export interface AccessRequestList {
  total: number;
  page: number;
  pageSize: number;
  /** waitingFor=me: only the newest pending requests were scanned. */
  truncated?: boolean;
  items: AccessRequestListItem[];
}

export interface AccessRequestsQuery {
  status?: RequestStatus;
  requesterKind?: RequesterKind;
  division?: string;
  /** The approver's or unit's queue: requests whose way forward includes the caller's approval or consent. */
  waitingFor?: 'me';
  page?: number;
  pageSize?: number;
}

/** One condition of the matrix cell, with its article; `defects` say why submitted approvals do not count. */
export interface MatrixCondition {
  code: string;
  article: string;
  zh: string;
  en: string;
  met: boolean;
  defects?: string[];
}

export interface MatrixDuty {
  code: string;
  article: string;
  zh: string;
  en: string;
}

export interface OfficialView {
  id: string;
  name: string;
  idNumberMasked: string;
  workCertificateNo: string | null;
}

export interface ApprovalView {
  id: string;
  organ: string;
  policeUnitId: string | null;
  departmentId: string | null;
  level: string;
  jurisdictionCode: string;
  role: string;
  decision: string;
  documentRef: string | null;
  reasons: string | null;
  at: string;
}

export interface AccessEvaluation {
  outcome: 'allowed' | 'incomplete' | 'refused' | string;
  allowed: boolean;
  basis: string;
  requires: MatrixCondition[];
  missing: MatrixCondition[];
  duties: MatrixDuty[];
  free: boolean;
  officialsRequired: number;
}

export interface AccessRequestDetail extends AccessRequestSummary {
  /** Who asked: the user's name, the organisation, and whether it is the caller. */
  requester: { name: string | null; organisation: string; isMe: boolean };
  actions: RequestStep[];
  siteType: string;
  legalBasis: string | null;
  emergencyReference: string | null;
  copyDestination: string | null;
  legalReasonForCopy: string | null;
  urgentHeavyLoss: boolean;
  confidentialityUndertaking: boolean;
  unitCertification: boolean;
  refusalReasons: string | null;
  cameras: { id: string; deviceCode: string | null; name: string }[];
  officials: OfficialView[];
  approvals: ApprovalView[];
  consents: { id: string; decision: string; reasons: string | null; at: string }[];
  evaluation: AccessEvaluation;
  grant: {
    id: string;
    alg: string;
    keyId: string;
    issuedAt: string;
    expiresAt: string;
    /** Revoked by the approving bureau, or withdrawn by the requester: later use is flagged. */
    revocation?: { at: string; cause: 'revoked' | 'withdrawn' | string; reasons: string } | null;
  } | null;
  version: number;
}

/** The signed grant file for the VMS: the signature is over the canonical JSON of `grant`. */
export interface GrantFile {
  format: string;
  grant: GrantBody;
  signature: { alg: string; keyId: string; value: string };
  publicKey?: string;
}

/** The signed body (src/procedures/access/grant-verify.ts `GrantBody`). */
export interface GrantBody {
  id: string;
  requestId: string;
  issuer: string;
  issuedAt: string;
  expiresAt: string;
  /** The paragraph of art. 26 the access rests on. */
  basis: string;
  action: AccessAction;
  requesterKind: string;
  organisation: string;
  site: { id: string; name: string };
  unitId: string | null;
  cameras: { deviceId: string; deviceCode: string | null; name: string }[];
  window: { from: string; to: string };
  officials: { id: string; name: string; idNumberMasked: string; workCertificateNo: string | null }[];
  officialsRequired: number;
  purpose: string;
  destination: string | null;
  free: boolean;
  duties: { code: string; article: string }[];
}

export interface SigningKey {
  alg: string;
  keyId: string;
  publicKeyPem: string;
}

export interface RegisterFlag {
  code: UseFlag | string;
  zh: string;
  en: string;
  article: string;
}

export interface RegisterEntry {
  id: string;
  kind: RegisterKind | string;
  requestId: string | null;
  grantId: string | null;
  correctsId: string | null;
  requesterKind: string | null;
  organisation: string;
  unitId: string | null;
  divisionCode: string;
  at: string;
  cameras: string[];
  periodFrom: string | null;
  periodTo: string | null;
  purpose: string;
  destination: string | null;
  note: string | null;
  flags: RegisterFlag[];
  officials: OfficialView[];
  /** The ledger entry covering this register entry (inclusion proofs). */
  ledgerSeq: number;
}

export interface RegisterList {
  total: number;
  page: number;
  pageSize: number;
  items: RegisterEntry[];
}

export interface RegisterQuery {
  kind?: RegisterKind;
  unitId?: string;
  requestId?: string;
  officialId?: string;
  division?: string;
  from?: string;
  to?: string;
  flag?: UseFlag;
  outsideGrant?: 'true' | 'false';
  /** The requesting organisation exactly (oversight links). */
  organisation?: string;
  /** Any part of the requesting organisation's name. */
  organisationContains?: string;
  /** Entry ids, comma-separated, at most 100. */
  ids?: string;
  page?: number;
  pageSize?: number;
}

export interface UnmaskResult {
  officialId: string;
  name: string;
  idNumber: string;
  registerEntryId: string;
}

export interface Tally {
  entries: number;
  viewings: number;
  exports: number;
  outsideGrant: number;
  singleOfficial: number;
  unmasked: number;
  flaggedEntryIds: string[];
  unmaskEntryIds: string[];
}

export interface OversightView {
  truncated: boolean;
  flags: string[];
  perUnit: (Tally & { unitId: string | null; unitName: string | null; registerLink: string | null })[];
  perOrganisation: (Tally & { organisation: string; registerLink: string })[];
  perOfficial: (Tally & { name: string; idNumberMasked: string; officialId: string; registerLink: string | null })[];
}

export interface UseReport {
  event: 'viewing_started' | 'viewing_ended' | 'exported';
  at: string;
  cameras: string[];
  footageFrom: string;
  footageTo: string;
  officialsPresent: string[];
  fileDigest?: string;
  digestAlg?: 'sm3' | 'sha256';
}

/** A camera a requester may name (`GET /api/access/cameras`): no registry internals. */
export interface RequestableCamera {
  id: string;
  deviceCode: string | null;
  name: string;
  siteId: string;
  siteName: string;
  siteType: 'public_area' | 'key_unit' | string;
  divisionCode: string;
  divisionName: string | null;
}

export interface RequestableCameraList {
  truncated: boolean;
  items: RequestableCamera[];
}

// ─── Departments (art. 26(1)–(3)) and persons in charge: province administration ─────────────

export type DepartmentKind = 'state_security' | 'emergency' | 'administrative';
export const DEPARTMENT_KINDS: readonly DepartmentKind[] = ['administrative', 'emergency', 'state_security'];

export interface DepartmentUser {
  id: string;
  username: string;
  displayName: string;
  inCharge: boolean;
  status: string;
}

export interface Department {
  id: string;
  name: string;
  kind: DepartmentKind | string;
  divisionCode: string;
  level: string;
  createdAt: string;
  users: DepartmentUser[];
}

/** An officer account and its person-in-charge mark (art. 26(1)), as the province sees it. */
export interface OfficerAccount {
  id: string;
  username: string;
  displayName: string;
  policeUnitId: string | null;
  policeUnitName: string | null;
  role: string;
  inCharge: boolean;
  status: string;
}
