import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http/app.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { ctxOf, noStore } from '../../platform/http/request-context.js';
import { ProblemView } from '../qualification/qualification.schemas.js';
import { getInstitution, listInstitutions, registerInstitution } from './institutions.actions.js';
import { INSTITUTION_SCOPES } from './institutions.rules.js';

const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const InstitutionView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: Type.String(),
  accreditationNumber: Type.String(),
  accreditationValidTo: Type.String({ format: 'date' }),
  scope: literals(INSTITUTION_SCOPES),
  divisionCode: Type.String(),
  divisionName: Type.Union([Type.String(), Type.Null()]),
  accredited: Type.Boolean({ description: 'Accreditation valid today (art. 18): only then may it be designated or report' }),
});

const RegisterBody = Type.Object(
  {
    name: Text(200, 1),
    uscc: Text(40, 1),
    accreditationNumber: Text(100, 1),
    accreditationValidTo: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day of the accreditation (YYYY-MM-DD)' }),
    scope: literals(INSTITUTION_SCOPES),
    divisionCode: Type.String({ pattern: '^\\d{6}$', description: 'Provincial: a Guangdong division; national: its home division anywhere in China' }),
  },
  { additionalProperties: false },
);
const ListQuery = Type.Object({ accredited: Type.Optional(literals(['true', 'false'] as const)) });
const IdParams = Type.Object({ id: Text(64, 1) });

/** Testing institutions (art. 18): read by everyone working on projects, registered by the province. */
export function institutionRoutes(app: App, deps: AppDeps): void {
  const tags = ['projects'];
  const errors = { '4xx': ProblemView };
  const BASE = '/api/testing-institutions';

  app.get(
    BASE,
    { schema: { tags, summary: 'Testing institutions with their accreditation (art. 18); accredited ones first', querystring: ListQuery, response: { 200: Type.Array(InstitutionView), ...errors } } },
    async (req, reply) => {
      const accredited = req.query.accredited === undefined ? undefined : req.query.accredited === 'true';
      return noStore(reply).send(await listInstitutions(ctxOf(req, deps), { accredited }));
    },
  );

  app.get(
    `${BASE}/:id`,
    { schema: { tags, summary: 'One testing institution', params: IdParams, response: { 200: InstitutionView, ...errors } } },
    async (req, reply) => noStore(reply).send(await getInstitution(ctxOf(req, deps), req.params.id)),
  );

  app.post(
    BASE,
    {
      schema: {
        tags,
        summary: 'Register a testing institution (province; art. 18). USCC checked (GB 32100); a lapsed accreditation is refused',
        body: RegisterBody,
        response: { 201: InstitutionView, ...errors },
      },
    },
    async (req, reply) => noStore(reply).code(201).send(await registerInstitution(ctxOf(req, deps), req.body)),
  );
}
