// One function per endpoint of the information-access API (issue 5; contract: src/procedures/access/README.md).
import { api } from './client';
import type {
  AccessRequestDetail,
  AccessRequestList,
  AccessRequestsQuery,
  CreateAccessRequest,
  Department,
  DepartmentKind,
  GrantFile,
  OfficerAccount,
  OversightView,
  RegisterEntry,
  RegisterList,
  RegisterQuery,
  RequestableCameraList,
  SigningKey,
  StepResult,
  SupplementAccessRequest,
  UnmaskResult,
} from './access-types';

const enc = encodeURIComponent;
const A = '/api/access';
type Q = Record<string, string | number | undefined | null>;

export const createAccessRequest = (body: CreateAccessRequest) => api.post<StepResult>(`${A}/requests`, body);
export const listAccessRequests = (q: AccessRequestsQuery = {}) => api.get<AccessRequestList>(`${A}/requests`, { query: q as Q });
export const getAccessRequest = (id: string) => api.get<AccessRequestDetail>(`${A}/requests/${enc(id)}`);
export const supplementAccessRequest = (id: string, body: SupplementAccessRequest) => api.post<StepResult>(`${A}/requests/${enc(id)}/supplement`, body);
export const decideAccessApproval = (id: string, body: { decision: 'approved' | 'refused'; reasons?: string; documentRef?: string }) =>
  api.post<StepResult>(`${A}/requests/${enc(id)}/approvals`, body);
export const decideAccessConsent = (id: string, body: { decision: 'consented' | 'refused'; reasons?: string }) =>
  api.post<StepResult>(`${A}/requests/${enc(id)}/consent`, body);

export const withdrawAccessRequest = (id: string, reasons?: string) => api.post<StepResult>(`${A}/requests/${enc(id)}/withdraw`, reasons ? { reasons } : {});
export const revokeGrant = (id: string, reasons: string) =>
  api.post<{ grantId: string; requestId: string; revokedAt: string; cause: string }>(`${A}/grants/${enc(id)}/revoke`, { reasons });

export const getGrantFile = (id: string) => api.get<GrantFile>(`${A}/grants/${enc(id)}`);
/** Same-origin address of the grant file (what the QR code carries when the file itself is too large). */
export const grantFilePath = (id: string) => `${A}/grants/${enc(id)}`;
export const fetchSigningKey = () => api.get<SigningKey>('/api/keys/signing');

export const listRegister = (q: RegisterQuery = {}) => api.get<RegisterList>(`${A}/register`, { query: q as Q });
export const getRegisterEntry = (id: string) => api.get<RegisterEntry>(`${A}/register/${enc(id)}`);
/** The proof bundle of an entry (jifang-ledger-proof/1): `npx jifang ledger check-proof <file>` checks it offline. */
export const registerProofUrl = (id: string) => `${A}/register/${enc(id)}/proof`;
export const correctRegisterEntry = (id: string, note: string) =>
  api.post<{ id: string; corrects: string; ledgerSeq: number }>(`${A}/register/${enc(id)}/corrections`, { note });
export const unmaskOfficial = (officialId: string, reason: string) => api.post<UnmaskResult>(`${A}/officials/${enc(officialId)}/unmask`, { reason });
export const fetchOversight = (q: { from?: string; to?: string } = {}) => api.get<OversightView>(`${A}/oversight`, { query: q });

/** Cameras the caller may name in a request (a department its government's area, an officer the jurisdiction, a unit its own). */
export const listRequestableCameras = (q: { q?: string; siteId?: string; limit?: number } = {}) =>
  api.get<RequestableCameraList>(`${A}/cameras`, { query: q as Q });

// Departments and persons in charge (province officers).
export const listDepartments = () => api.get<{ items: Department[] }>(`${A}/departments`);
export const createDepartment = (body: { name: string; kind: DepartmentKind; divisionCode: string }) => api.post<{ id: string }>(`${A}/departments`, body);
export const createDepartmentUser = (departmentId: string, body: { username: string; displayName: string; password: string }) =>
  api.post<{ id: string }>(`${A}/departments/${enc(departmentId)}/users`, body);
export const setInCharge = (userId: string, body: { inCharge: boolean; reasons: string }) =>
  api.post<{ userId: string; inCharge: boolean }>(`${A}/users/${enc(userId)}/in-charge`, body);
export const listOfficers = (q?: string) => api.get<{ items: OfficerAccount[] }>(`${A}/officers`, { query: { q } });
