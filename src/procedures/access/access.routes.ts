import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { listRequestableCameras } from './cameras.actions.js';
import { createDepartment, createDepartmentUser, listDepartments, listOfficers, setInCharge } from './admin.actions.js';
import { getGrantFile, reportUse, revokeGrant, signingKey } from './grants.actions.js';
import { correctRegisterEntry, getRegisterEntry, listRegister, oversight, registerEntryProof, unmaskOfficial } from './register.actions.js';
import { createRequest, decideApproval, decideConsent, getRequest, listRequests, supplementRequest, withdrawRequest } from './requests.actions.js';
import {
  ApprovalBody,
  CameraList,
  CameraQuery,
  ConsentBody,
  CorrectionResult,
  CreatedId,
  CreateRequestBody,
  DepartmentBody,
  DepartmentList,
  DepartmentUserBody,
  InChargeBody,
  InChargeResult,
  RevokeBody,
  RevokeResult,
  WithdrawBody,
  GrantFileView,
  IdParams,
  NoteBody,
  OfficerList,
  OfficerQuery,
  OversightQuery,
  OversightView,
  ProblemView,
  ProofBundleView,
  ReasonBody,
  RegisterEntryView,
  RegisterList,
  RegisterQuery,
  RequestList,
  RequestsQuery,
  RequestView,
  SigningKeyView,
  StepResult,
  SupplementBody,
  UnmaskResult,
  UseReportBody,
  UseReportResult,
} from './access.schemas.js';

/** Information access (art. 21(3), 23–27, 39): requests → approvals/consent → signed grant → use → register. */
export function accessRoutes(app: App, deps: AppDeps): void {
  const tags = ['access'];
  const errors = { '4xx': ProblemView };

  app.post(
    '/api/access/requests',
    {
      schema: {
        tags,
        summary: 'Request to view, copy or retrieve footage (art. 26); refused at once where the Measures forbid it (a citizen’s copy, 26(4))',
        description: 'The row of art. 26 follows from the caller. Granted at once when nothing is missing; otherwise pending with the missing conditions.',
        body: CreateRequestBody,
        response: { 201: StepResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).code(201).send(await createRequest(ctxOf(req, deps), req.body)),
  );

  app.get(
    '/api/access/requests',
    {
      schema: {
        tags,
        summary: 'Access requests in the caller’s view',
        description: '`waitingFor=me`: the approver’s or unit’s queue — pending requests whose way forward includes the caller’s approval (one that would count) or consent; items then carry `actions`, `basis` and `missing`.',
        querystring: RequestsQuery,
        response: { 200: RequestList, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await listRequests(ctxOf(req, deps), req.query)),
  );

  app.get(
    '/api/access/cameras',
    {
      schema: {
        tags,
        summary: 'Cameras the caller may name in a request: a department its government’s area, an officer the jurisdiction, a unit its own sites',
        description: 'Device id, code and name, site and division only. A department user’s lookup that shows key-unit cameras is ledgered (`access.cameras_looked_up`).',
        querystring: CameraQuery,
        response: { 200: CameraList, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await listRequestableCameras(ctxOf(req, deps), req.query)),
  );

  app.get(
    '/api/access/requests/:id',
    {
      schema: {
        tags,
        summary: 'A request with the matrix’s evaluation: every condition, what is missing and why, with articles',
        params: IdParams,
        response: { 200: RequestView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await getRequest(ctxOf(req, deps), req.params.id)),
  );

  app.post(
    '/api/access/requests/:id/supplement',
    { schema: { tags, summary: 'The requester adds what is missing (officials, undertaking, case number)', params: IdParams, body: SupplementBody, response: { 200: StepResult, ...errors } } },
    async (req, reply) => noStore(reply).send(await supplementRequest(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.post(
    '/api/access/requests/:id/approvals',
    {
      schema: {
        tags,
        summary: 'A bureau approves or refuses (art. 26(1)(3)(4)); whether it counts is the matrix’s judgement',
        params: IdParams,
        body: ApprovalBody,
        response: { 200: StepResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await decideApproval(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.post(
    '/api/access/requests/:id/consent',
    { schema: { tags, summary: 'The using unit consents to a citizen viewing (art. 26(4))', params: IdParams, body: ConsentBody, response: { 200: StepResult, ...errors } } },
    async (req, reply) => noStore(reply).send(await decideConsent(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.get(
    '/api/access/grants/:id',
    { schema: { tags, summary: 'The signed grant file for the VMS (verify with the published key)', params: IdParams, response: { 200: GrantFileView, ...errors } } },
    async (req, reply) => noStore(reply).send(await getGrantFile(ctxOf(req, deps), req.params.id)),
  );

  app.post(
    '/api/access/grants/:id/use',
    {
      schema: {
        tags,
        summary: 'The unit’s VMS reports use under a grant; each report is a register entry, use outside the grant is flagged',
        security: [{ token: [] }, { session: [] }],
        params: IdParams,
        body: UseReportBody,
        response: { 201: UseReportResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).code(201).send(await reportUse(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.get(
    '/api/access/register',
    { schema: { tags, summary: 'The register of viewing and copying (art. 21(3)), identities masked', querystring: RegisterQuery, response: { 200: RegisterList, ...errors } } },
    async (req, reply) => noStore(reply).send(await listRegister(ctxOf(req, deps), req.query)),
  );

  app.get(
    '/api/access/register/:id',
    { schema: { tags, summary: 'One register entry', params: IdParams, response: { 200: RegisterEntryView, ...errors } } },
    async (req, reply) => noStore(reply).send(await getRegisterEntry(ctxOf(req, deps), req.params.id)),
  );

  app.get(
    '/api/access/register/:id/proof',
    {
      schema: {
        tags,
        summary: 'Proof bundle of a register entry (jifang-ledger-proof/1 with the row): check offline with `npx jifang ledger check-proof`',
        params: IdParams,
        response: { 200: ProofBundleView, ...errors },
      },
    },
    async (req, reply) => {
      const bundle = await registerEntryProof(ctxOf(req, deps), req.params.id);
      return noStore(reply).header('content-disposition', `attachment; filename="register-${req.params.id}.proof.json"`).send(bundle);
    },
  );

  app.post(
    '/api/access/register/:id/corrections',
    {
      schema: {
        tags,
        summary: 'Correct a register entry: a new entry pointing at the old, which stays (art. 23(2), 24(3))',
        params: IdParams,
        body: NoteBody,
        response: { 201: CorrectionResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).code(201).send(await correctRegisterEntry(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.post(
    '/api/access/officials/:id/unmask',
    {
      schema: {
        tags,
        summary: 'Show an official’s full identity number, with a reason; itself a register entry',
        params: IdParams,
        body: ReasonBody,
        response: { 200: UnmaskResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await unmaskOfficial(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.get(
    '/api/access/oversight',
    {
      schema: {
        tags,
        summary: 'Oversight (art. 39): per unit, organisation and official — volumes, use outside grants, single-official use, unmasking',
        querystring: OversightQuery,
        response: { 200: OversightView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await oversight(ctxOf(req, deps), req.query)),
  );

  app.post(
    '/api/access/requests/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'The requester withdraws a pending or granted request; a granted one’s grant is revoked with it',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: StepResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await withdrawRequest(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.post(
    '/api/access/grants/:id/revoke',
    {
      schema: {
        tags,
        summary: 'The approving bureau revokes a grant; later use reported against it is flagged after_revocation',
        params: IdParams,
        body: RevokeBody,
        response: { 200: RevokeResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await revokeGrant(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.get(
    '/api/access/departments',
    { schema: { tags, summary: 'Requesting departments (art. 26(1)–(3)) and their users (province)', response: { 200: DepartmentList, ...errors } } },
    async (req, reply) => noStore(reply).send(await listDepartments(ctxOf(req, deps))),
  );

  app.post(
    '/api/access/departments',
    { schema: { tags, summary: 'Register a requesting department: state security, emergency or other administrative (art. 26)', body: DepartmentBody, response: { 201: CreatedId, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await createDepartment(ctxOf(req, deps), req.body)),
  );

  app.post(
    '/api/access/departments/:id/users',
    { schema: { tags, summary: 'Create an account for a department’s official (role department_user)', params: IdParams, body: DepartmentUserBody, response: { 201: CreatedId, ...errors } } },
    async (req, reply) => noStore(reply).code(201).send(await createDepartmentUser(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.get(
    '/api/access/officers',
    {
      schema: {
        tags,
        summary: 'Officer accounts with their person-in-charge mark (art. 26(1)), for the province to set it',
        querystring: OfficerQuery,
        response: { 200: OfficerList, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await listOfficers(ctxOf(req, deps), req.query)),
  );

  app.post(
    '/api/access/users/:id/in-charge',
    {
      schema: {
        tags,
        summary: 'Name (or un-name) the person in charge of an officer’s police unit or a department (art. 26(1)); ledgered',
        params: IdParams,
        body: InChargeBody,
        response: { 200: InChargeResult, ...errors },
      },
    },
    async (req, reply) => noStore(reply).send(await setInCharge(ctxOf(req, deps), req.params.id, req.body)),
  );

  app.get(
    '/api/keys/signing',
    {
      schema: {
        tags: ['ledger'],
        summary: 'The published signing key (grants and ledger checkpoints): pin it in a VMS or pass it to check-proof',
        response: { 200: SigningKeyView, ...errors },
      },
    },
    async () => signingKey(deps),
  );
}
