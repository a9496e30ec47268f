import { Type } from '@fastify/type-provider-typebox';

const Username = Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9._-]+$' });

export const RegisterCompanyBody = Type.Object(
  {
    company: Type.Object(
      {
        name: Type.String({ minLength: 2, maxLength: 100 }),
        uscc: Type.String({ minLength: 18, maxLength: 24 }),
        divisionCode: Type.String({ pattern: '^[0-9]{6}$' }),
        origin: Type.Union([Type.Literal('guangdong'), Type.Literal('out_of_province')]),
      },
      { additionalProperties: false },
    ),
    user: Type.Object(
      {
        username: Username,
        password: Type.String({ minLength: 8, maxLength: 128 }),
        displayName: Type.String({ minLength: 1, maxLength: 50 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const RegisteredView = Type.Object({ companyId: Type.String(), userId: Type.String() });

export const CompanyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: Type.String(),
  divisionCode: Type.String(),
  divisionName: Type.Union([Type.String(), Type.Null()]),
  origin: Type.String(),
  createdAt: Type.String(),
});
