import { Type } from '@fastify/type-provider-typebox';
import { SYSTEM_TYPES, keysOf } from './registry.terms.js';

/** The key-unit catalogue (art. 9) and its public announcements. */
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const SystemType = Type.Unsafe<keyof typeof SYSTEM_TYPES>({ type: 'string', enum: keysOf(SYSTEM_TYPES) });
const Code = (max: number) => Type.String({ pattern: `^[0-9A-Za-z_]{1,${max}}$` });

const Kind = Type.Object({ code: Code(64), zh: Text(200, 1), en: Text(200, 1) }, { additionalProperties: false });
const Category = Type.Object(
  {
    code: Code(16),
    zh: Text(200, 1),
    en: Text(200, 1),
    kinds: Type.Array(Kind, { minItems: 1, maxItems: 100 }),
    requiredSystems: Type.Array(SystemType, { maxItems: 10, description: 'Systems a key unit of this category must install (art. 9 → 33)' }),
    alarmCentreSystems: Type.Array(SystemType, { maxItems: 10, description: 'Systems that must connect to the alarm centre (art. 11 → 34(1))' }),
  },
  { additionalProperties: false },
);

export const CatalogueBody = Type.Object(
  {
    effectiveFrom: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD, today or later' }),
    categories: Type.Array(Category, { minItems: 1, maxItems: 50 }),
    announcementZh: Text(5000, 1),
    announcementEn: Text(5000, 1),
  },
  { additionalProperties: false },
);

export const CatalogueView = Type.Object({
  version: Type.Integer(),
  effectiveFrom: Type.String(),
  illustrative: Type.Boolean({ description: 'true: demo values (示例), not yet set by the province' }),
  categories: Type.Array(
    Type.Object({
      code: Type.String(),
      zh: Type.String(),
      en: Type.String(),
      kinds: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })),
      requiredSystems: Type.Array(Type.String()),
      alarmCentreSystems: Type.Array(Type.String()),
    }),
  ),
});

export const AnnouncementView = Type.Object({
  version: Type.Integer(),
  effectiveFrom: Type.String(),
  announcementZh: Type.String(),
  announcementEn: Type.String(),
  publishedAt: Type.String(),
});
