import { Type } from '@fastify/type-provider-typebox';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  policeUnitId: Type.Union([Type.String(), Type.Null()]),
  policeUnitName: Type.Union([Type.String(), Type.Null()]),
  jurisdictionCode: Type.Union([Type.String(), Type.Null()]),
  companyId: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.Union([Type.String(), Type.Null()]),
  institutionId: Type.Union([Type.String(), Type.Null()]),
});

export const SessionView = Type.Object({ user: UserView, csrfToken: Type.String() });

export const TokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export const TokenView = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]) });
export const NewTokenView = Type.Object({ id: Type.String(), name: Type.String(), token: Type.String() });
