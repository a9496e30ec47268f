import { Type, type TSchema } from '@fastify/type-provider-typebox';
import {
  AREA_KINDS,
  BUILDER_LEVELS,
  CERT_TYPES,
  DEVICE_KINDS,
  PLACEMENTS,
  PRIVACY_KINDS,
  RESPONSIBLE_BASES,
  SITE_TYPES,
  SYSTEM_TYPES,
  keysOf,
} from './registry.terms.js';
import { SYSTEM_STATUSES } from './systems.states.js';

/**
 * Request and response schemas of the registry API. Bodies reject unknown fields and bound every
 * string; the content rules (catalogue, divisions, GB/T 28181 codes, what applies to which kind of
 * site) are registry.validate.ts's, which answers 422 with a message per field.
 */
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'The version you saw; a changed record answers 409 CONFLICT' });

export const SiteTypeSchema = literals(keysOf(SITE_TYPES));
export const SystemTypeSchema = literals(keysOf(SYSTEM_TYPES));
export const SystemStatusSchema = literals(SYSTEM_STATUSES);
export const DeviceKindSchema = literals(keysOf(DEVICE_KINDS));
const Article = Type.String({ pattern: '^[0-9]{1,2}$', description: 'Article number, e.g. 10' });
const Division = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 code; matches the division and everything under it' });
const CategoryCode = Type.String({ pattern: '^[0-9A-Za-z_]{1,16}$' });
const PageNo = Type.String({ pattern: '^[1-9][0-9]{0,4}$' });
const PageSize = Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: '1–200' });

// ---- Requests -----------------------------------------------------------------------------------

export const IdParams = Type.Object({ id: Text(64, 1) });

const siteFields = {
  siteType: SiteTypeSchema,
  name: Text(200),
  divisionCode: Text(6),
  address: Text(500),
  categoryCode: Opt(Text(16)),
  kindCode: Opt(Text(64)),
  responsibleParty: Opt(Text(200)),
  responsibleBasis: Opt(literals(keysOf(RESPONSIBLE_BASES))),
  areaKind: Opt(literals(keysOf(AREA_KINDS))),
  builderLevel: Opt(literals(keysOf(BUILDER_LEVELS))),
  userPoliceUnitId: Opt(Text(64)),
  antiTerrorTarget: Type.Optional(Type.Boolean({ description: 'Anti-terrorism key target: footage ≥ 90 days (art. 20)' })),
};
export const SiteBody = Type.Object(siteFields, { additionalProperties: false });
export const SiteUpdateBody = Type.Object({ ...siteFields, version: Version }, { additionalProperties: false });

const systemFields = {
  systemType: SystemTypeSchema,
  name: Text(200),
  status: SystemStatusSchema,
  alarmCentreInterface: Type.Boolean({ description: 'Interface to the local alarm centre reserved (art. 11)' }),
  authorisationRef: Opt(Text(100)),
  acceptedOn: Opt(DateText),
};
export const SystemBody = Type.Object(systemFields, { additionalProperties: false });
export const SystemUpdateBody = Type.Object({ ...systemFields, version: Version }, { additionalProperties: false });

const CertificateBody = Type.Object(
  { certType: literals(keysOf(CERT_TYPES)), number: Text(100), validTo: Opt(DateText) },
  { additionalProperties: false },
);
const deviceFields = {
  deviceKind: DeviceKindSchema,
  name: Text(200),
  deviceCode: Opt(Text(30)),
  placement: Opt(literals(keysOf(PLACEMENTS))),
  privacyKind: Opt(literals(keysOf(PRIVACY_KINDS))),
  audioCapture: Type.Optional(Type.Boolean()),
  signage: Type.Optional(Type.Boolean({ description: 'Visible signage (art. 7)' })),
  retentionDays: Opt(Type.Integer({ minimum: 0, maximum: 3650 })),
  equipmentType: Opt(Text(100)),
  certificates: Type.Optional(Type.Array(CertificateBody, { maxItems: 20 })),
};
export const DeviceBody = Type.Object(deviceFields, { additionalProperties: false });
export const DeviceUpdateBody = Type.Object({ ...deviceFields, version: Version }, { additionalProperties: false });

export const SiteListQuery = Type.Object({
  siteType: Type.Optional(SiteTypeSchema),
  division: Type.Optional(Division),
  category: Type.Optional(CategoryCode),
  q: Type.Optional(Text(100)),
  hasFindings: Type.Optional(literals(['true', 'false'] as const)),
  article: Type.Optional(Article),
  page: Type.Optional(PageNo),
  pageSize: Type.Optional(PageSize),
});

export const FindingListQuery = Type.Object({
  division: Type.Optional(Division),
  article: Type.Optional(Article),
  category: Type.Optional(CategoryCode),
  status: Type.Optional(literals(['open', 'resolved'] as const)),
  siteId: Type.Optional(Text(64, 1)),
  page: Type.Optional(PageNo),
  pageSize: Type.Optional(PageSize),
});

export const FindingCountQuery = Type.Object({
  by: literals(['division', 'article', 'category'] as const),
  level: Type.Optional(literals(['city', 'county'] as const)),
});

// ---- Responses ----------------------------------------------------------------------------------

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

export const FindingView = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  subjectType: literals(['site', 'system', 'device'] as const),
  subjectId: Type.String(),
  rule: Type.String(),
  article: Type.String({ description: 'Article of the Measures broken' }),
  penaltyArticle: Nullable(Type.String({ description: 'Article that penalises it; null: order to correct only' })),
  divisionCode: Type.String(),
  categoryCode: Nullable(Type.String()),
  openedAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  detail: Bilingual,
});

const summaryFields = {
  id: Type.String(),
  siteType: SiteTypeSchema,
  name: Type.String(),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  categoryCode: Nullable(Type.String()),
  kindCode: Nullable(Type.String()),
  unitId: Nullable(Type.String()),
  openFindings: Type.Integer(),
  antiTerrorTarget: Type.Boolean(),
};
export const SiteSummaryView = Type.Object(summaryFields);

export const SystemView = Type.Object({
  id: Type.String(),
  systemType: Type.String(),
  name: Type.String(),
  status: Type.String(),
  alarmCentreInterface: Type.Boolean(),
  authorisationRef: Nullable(Type.String()),
  acceptedOn: Nullable(Type.String()),
  version: Type.Integer(),
});

export const DeviceView = Type.Object({
  id: Type.String(),
  systemId: Type.String(),
  deviceKind: Type.String(),
  name: Type.String(),
  deviceCode: Nullable(Type.String()),
  placement: Nullable(Type.String()),
  privacyKind: Nullable(Type.String()),
  audioCapture: Type.Boolean(),
  signage: Type.Boolean(),
  retentionDays: Nullable(Type.Integer()),
  equipmentType: Nullable(Type.String()),
  lastReportAt: Nullable(Type.String()),
  reportedRecordingDays: Nullable(Type.Integer()),
  oldestRecordingAt: Nullable(Type.String()),
  certificates: Type.Array(Type.Object({ id: Type.String(), certType: Type.String(), number: Type.String(), validTo: Nullable(Type.String()) })),
  version: Type.Integer(),
});

export const SiteDetailView = Type.Object({
  ...summaryFields,
  address: Type.String(),
  categoryName: Nullable(Type.String()),
  kindName: Nullable(Type.String()),
  catalogueVersion: Nullable(Type.Integer()),
  responsibleParty: Nullable(Type.String()),
  responsibleBasis: Nullable(Type.String()),
  areaKind: Nullable(Type.String()),
  builderLevel: Nullable(Type.String()),
  userPoliceUnitId: Nullable(Type.String()),
  userPoliceUnitName: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  systems: Type.Array(SystemView),
  devices: Type.Array(DeviceView),
  findings: Type.Array(FindingView, { description: 'Open findings' }),
  actions: Type.Array(literals(['edit'] as const), { description: '`edit`: the caller may change the site, its systems and devices' }),
});

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const CountView = Type.Array(Type.Object({ key: Type.String(), label: Type.String(), labelEn: Type.String(), open: Type.Integer() }));
