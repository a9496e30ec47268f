import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../platform/db/connect.js';
import { makeUscc } from '../../platform/identifiers/uscc.js';
import type { Harness, Session } from '../../platform/testing/harness.js';
import { seedRegistryCatalogue } from '../registry/catalogue.seed.js';
import { addUnit } from '../registry/registry.testing.js';
import { addCertificate, addCompany, countRows } from '../qualification/qualification.testing.js';
import { seedQualificationLevels } from '../qualification/qualification.seed.js';
import type { ProjectStatus } from './projects.states.js';

/**
 * Test helpers for projects: sites of each kind (inserted as the registry stores them), qualified
 * companies with certificates, documents of the five classes, and two worlds of users to act —
 * `setUpProjectWorld` for the scheme review (projects created through the API), `buildWorld` for
 * documents, testing and acceptance (projects inserted directly in the status a test needs).
 */
export const TODAY = '2026-03-02';

export interface SiteSpec {
  siteType: 'key_unit' | 'public_area';
  divisionCode: string;
  name?: string;
  unitId?: string | null;
  builderLevel?: 'county' | 'city' | 'province' | null;
  address?: string;
  /** Key units: the catalogue version the kind was taken from (default 1). */
  catalogueVersion?: number | null;
  responsibleParty?: string;
  /** `created_at`/`updated_at` (default 2026-01-01). */
  at?: string;
}

export async function addSite(db: Db, spec: SiteSpec): Promise<string> {
  const id = randomUUID();
  const now = spec.at ?? '2026-01-01T00:00:00.000Z';
  const keyUnit = spec.siteType === 'key_unit';
  await db.db
    .insertInto('sites')
    .values({
      id,
      site_type: spec.siteType,
      name: spec.name ?? (keyUnit ? '测试重点单位' : '测试公共区域'),
      division_code: spec.divisionCode,
      address: spec.address ?? '测试地址 1 号',
      unit_id: keyUnit ? (spec.unitId ?? null) : null,
      category_code: keyUnit ? '4' : null,
      kind_code: keyUnit ? 'bank_branch' : null,
      catalogue_version: keyUnit ? (spec.catalogueVersion === undefined ? 1 : spec.catalogueVersion) : null,
      responsible_party: keyUnit ? (spec.responsibleParty ?? '某银行股份有限公司') : null,
      responsible_basis: keyUnit ? 'agreement' : null,
      area_kind: keyUnit ? null : 'main_road',
      builder_level: keyUnit ? null : (spec.builderLevel ?? 'county'),
      user_police_unit_id: null,
      anti_terror_target: 0,
      open_findings: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A Guangdong company holding a certificate of `level` (valid two years from `validFrom`). */
export async function addQualifiedCompany(db: Db, divisionCode: string, level: 'I' | 'II' | 'III' | 'IV', validFrom = '2026-01-05', name?: string) {
  const id = await addCompany(db, divisionCode, 'guangdong', name);
  await addCertificate(db, { companyId: id, level, validFrom }, validFrom);
  return id;
}

/** A document row as an upload leaves it (the bytes are not needed by the review steps). */
export async function addDocument(db: Db, projectId: string, docClass: string, round = 0) {
  const id = randomUUID();
  await db.db
    .insertInto('project_documents')
    .values({
      id,
      project_id: projectId,
      doc_class: docClass,
      round,
      file_name: `${docClass}.pdf`,
      stored_name: randomUUID(),
      media_type: 'application/pdf',
      size_bytes: 100,
      digest: '0'.repeat(64),
      alg: 'sm3',
      uploaded_by: 'test',
      uploaded_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  return id;
}

/** The key-unit catalogue and the qualification levels, as of 2026-01-01. */
async function seedCatalogues(db: Db): Promise<void> {
  await db.db.transaction().execute(async (trx) => {
    await seedRegistryCatalogue(trx, '2026-01-01T00:00:00.000Z');
    await seedQualificationLevels(trx, '2026-01-01T00:00:00.000Z');
  });
}

export function expectProblem(res: LightMyRequestResponse, status: number, code: string, article?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ status, code });
  if (article) expect(body.article).toBe(article);
  return body;
}

export interface ProjectWorld {
  units: { tianheBank: string; dongguanShop: string; other: string };
  sites: {
    tianheKeyUnit: string;
    dongguanKeyUnit: string;
    tianheCountyArea: string;
    guangzhouCityArea: string;
    provinceArea: string;
  };
  companies: { designer: string; builder: string; levelIII: string; expired: string; outOfProvince: string };
}

/**
 * Officers: the standard four (province, Guangzhou, Tianhe, Shenzhen), plus Dongguan city and
 * Yuexiu county; unit users of a Tianhe bank and a Dongguan shop; companies of level I and II,
 * a level III, an expired level I, and an out-of-province company without a record.
 */
export async function setUpProjectWorld(h: Harness): Promise<ProjectWorld> {
  await seedCatalogues(h.db);
  await h.addOfficers([
    ['dg.officer', 'city_officer', 'PSB-441900'],
    ['gz.yuexiu.officer', 'county_officer', 'PSB-440104'],
  ]);
  const units = {
    tianheBank: await addUnit(h.db, '某银行天河支行', '440106'),
    dongguanShop: await addUnit(h.db, '东莞某金店', '441900'),
    other: await addUnit(h.db, '另一单位', '440106'),
  };
  await h.addUser({ username: 'unit.tianhe', role: 'unit_user', unitId: units.tianheBank });
  await h.addUser({ username: 'unit.dongguan', role: 'unit_user', unitId: units.dongguanShop });
  await h.addUser({ username: 'unit.other', role: 'unit_user', unitId: units.other });
  const sites = {
    tianheKeyUnit: await addSite(h.db, { siteType: 'key_unit', divisionCode: '440106', unitId: units.tianheBank, name: '某银行天河支行营业部' }),
    dongguanKeyUnit: await addSite(h.db, { siteType: 'key_unit', divisionCode: '441900', unitId: units.dongguanShop, name: '东莞某金店' }),
    tianheCountyArea: await addSite(h.db, { siteType: 'public_area', divisionCode: '440106', builderLevel: 'county', name: '天河路主干道' }),
    guangzhouCityArea: await addSite(h.db, { siteType: 'public_area', divisionCode: '440106', builderLevel: 'city', name: '广州大道' }),
    provinceArea: await addSite(h.db, { siteType: 'public_area', divisionCode: '440106', builderLevel: 'province', name: '省道交叉路口' }),
  };
  const companies = {
    designer: await addQualifiedCompany(h.db, '440106', 'I', '2026-01-05', '天河设计公司'),
    builder: await addQualifiedCompany(h.db, '440106', 'II', '2026-01-05', '天河施工公司'),
    levelIII: await addQualifiedCompany(h.db, '440106', 'III', '2026-01-05', '三级公司'),
    expired: await addQualifiedCompany(h.db, '440106', 'I', '2023-01-05', '过期公司'),
    outOfProvince: await addCompany(h.db, '440106', 'out_of_province', '省外公司'),
  };
  await h.addUser({ username: 'company.designer', role: 'company_user', companyId: companies.designer });
  await h.addUser({ username: 'company.other', role: 'company_user', companyId: companies.levelIII });
  return { units, sites, companies };
}

/** Every table a project step writes: a refused step leaves all of them unchanged. */
export async function projectSnapshot(db: Db) {
  const tables = ['projects', 'project_systems', 'systems', 'deadlines', 'deadline_pauses', 'findings'] as const;
  const out = {} as Record<(typeof tables)[number] | 'ledger_entries', number>;
  for (const t of tables) out[t] = await countRows(db, t);
  // Sign-ins (a test signing in again after moving its clock) are not the project's writes.
  const ledger = await db.db.selectFrom('ledger_entries').select(sql<number | string>`count(*)`.as('n')).where('action', 'not like', 'auth.%').executeTakeFirstOrThrow();
  out.ledger_entries = Number(ledger.n);
  const versions = await db.db.selectFrom('projects').select(['id', 'version', 'status']).orderBy('id').execute();
  return { ...out, versions: versions.map((v) => `${v.id}:${v.version}:${v.status}`) };
}

// ─── Documents, testing and acceptance: a small world (a key unit in Tianhe, its competent county
// bureau, two companies, an accredited and a lapsed testing institution) and projects inserted
// directly in the status a test needs, so each test exercises only its step. ───

export async function filesDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'jifang-files-'));
}

export interface World {
  unitA: string;
  unitB: string;
  designerId: string;
  builderId: string;
  /** A company whose certificate expired (art. 14(2) refusals at decisions). */
  expiredId: string;
  labId: string;
  lab2Id: string;
  expiredLabId: string;
  s: Record<string, Session>;
}

let seq = 0;

export async function buildWorld(h: Harness): Promise<World> {
  const now = h.clock.now().toISOString();
  const unitA = randomUUID();
  const unitB = randomUUID();
  await h.db.db
    .insertInto('units')
    .values([
      { id: unitA, name: '某银行天河支行', division_code: '440106', category: '4', created_at: now },
      { id: unitB, name: '某金店', division_code: '440106', category: '4', created_at: now },
    ])
    .execute();
  await seedCatalogues(h.db);
  const designerId = await addQualifiedCompany(h.db, '440106', 'I', '2026-01-05', '设计公司');
  const builderId = await addQualifiedCompany(h.db, '440106', 'II', '2026-01-05', '施工公司');
  const expiredId = await addQualifiedCompany(h.db, '440106', 'I', '2023-01-05', '资质过期公司');
  const lab = (id: string, name: string, first17: string, validTo: string) => ({
    id,
    name,
    uscc: makeUscc(first17),
    accreditation_number: `CMA-${first17.slice(-4)}`,
    accreditation_valid_to: validTo,
    scope: 'provincial',
    division_code: '440100',
    created_at: now,
  });
  const labId = randomUUID();
  const lab2Id = randomUUID();
  const expiredLabId = randomUUID();
  await h.db.db
    .insertInto('testing_institutions')
    .values([
      lab(labId, '广东省安全技术防范产品质量检测站', '12440000MB2C3D4E5', '2030-12-31'),
      lab(lab2Id, '另一检测站', '12440000MB2C3D4F6', '2030-12-31'),
      lab(expiredLabId, '资质过期的检测站', '12440000MB2C3D4G7', '2026-03-01'),
    ])
    .execute();
  await h.addOfficers();
  await h.addUser({ username: 'unit.a', role: 'unit_user', unitId: unitA });
  await h.addUser({ username: 'unit.b', role: 'unit_user', unitId: unitB });
  await h.addUser({ username: 'designer', role: 'company_user', companyId: designerId });
  await h.addUser({ username: 'lab', role: 'testing_institution', institutionId: labId });
  await h.addUser({ username: 'lab2', role: 'testing_institution', institutionId: lab2Id });
  await h.addUser({ username: 'lab.expired', role: 'testing_institution', institutionId: expiredLabId });
  const s: Record<string, Session> = {};
  for (const u of ['gd.officer', 'gz.officer', 'gz.tianhe.officer', 'sz.officer', 'unit.a', 'unit.b', 'designer', 'lab', 'lab2', 'lab.expired']) s[u] = await h.login(u);
  return { unitA, unitB, designerId, builderId, expiredId, labId, lab2Id, expiredLabId, s };
}

export interface ProjectFixture {
  id: string;
  number: string;
  siteId: string;
  systemIds: string[];
}

/**
 * A key-unit project of unit A in Tianhe (competent bureau PSB-440106) in `status`, on a new
 * site with one planned video system linked to it.
 */
export async function insertProject(
  h: Harness,
  w: World,
  status: ProjectStatus,
  o: { constructionStartedOn?: string | null; testingInstitutionId?: string | null; systemStatus?: string; builderId?: string } = {},
): Promise<ProjectFixture> {
  const now = h.clock.now().toISOString();
  const n = ++seq;
  const siteId = await addSite(h.db, {
    siteType: 'key_unit',
    divisionCode: '440106',
    unitId: w.unitA,
    name: `网点${n}`,
    address: '广州市天河区',
    catalogueVersion: null,
    responsibleParty: '某银行',
    at: now,
  });
  const systemId = randomUUID();
  const id = randomUUID();
  const number = `XM-440106-2026-${String(n).padStart(5, '0')}`;
  await h.db.db
    .insertInto('systems')
    .values({ id: systemId, site_id: siteId, system_type: 'video_surveillance', name: '视频监控', status: o.systemStatus ?? 'planned', alarm_centre_interface: 1, authorisation_ref: null, accepted_on: null, version: 1, created_at: now, updated_at: now })
    .execute();
  const approved = !['draft', 'submitted', 'supplement_required', 'scheme_accepted', 'not_accepted', 'withdrawn', 'scheme_refused'].includes(status);
  await h.db.db
    .insertInto('projects')
    .values({
      id,
      number,
      title: `网点${n}技防工程`,
      site_id: siteId,
      site_type: 'key_unit',
      division_code: '440106',
      construction_unit_name: '某银行天河支行',
      unit_id: w.unitA,
      builder_level: null,
      system_types: JSON.stringify(['video_surveillance']),
      designer_company_id: w.designerId,
      builder_company_id: o.builderId ?? w.builderId,
      investment_yuan: 200_000,
      level1_risk: 0,
      scale_class: 3,
      authority_unit_id: 'PSB-440106',
      status,
      round: 0,
      received_on: status === 'draft' ? null : '2026-01-05',
      notice_issued_on: null,
      missing_notice: null,
      accepted_on: approved ? '2026-01-06' : null,
      deemed_accepted: 0,
      decided_on: approved ? '2026-01-20' : null,
      decided_by: null,
      approval_number: approved ? `${number}-PF` : null,
      reasons: null,
      construction_started_on: o.constructionStartedOn ?? null,
      testing_institution_id: o.testingInstitutionId ?? null,
      acceptance_applied_on: null,
      acceptance_decided_on: null,
      acceptance_number: null,
      acceptance_reasons: null,
      eligibility_flags: null,
      created_by: 'fixture',
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await h.db.db.insertInto('project_systems').values({ project_id: id, system_id: systemId }).execute();
  return { id, number, siteId, systemIds: [systemId] };
}

/** A raw-body upload with the session's cookie and CSRF token. */
export function upload(h: Harness, s: Session | null, projectId: string, docClass: string, fileName: string, bytes: Buffer, contentType = 'application/octet-stream'): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (s) Object.assign(headers, { cookie: `jf_session=${s.cookie}`, 'x-csrf-token': s.csrf });
  const q = new URLSearchParams({ docClass, fileName });
  return h.app.inject({ method: 'PUT', url: `/api/projects/${encodeURIComponent(projectId)}/documents?${q}`, headers, payload: bytes });
}

/** Ledger entries of an object, oldest first. */
export function ledgerOf(h: Harness, objectId: string) {
  return h.db.db.selectFrom('ledger_entries').selectAll().where('object_id', '=', objectId).orderBy('seq').execute();
}

export async function openFindings(h: Harness, siteId: string) {
  const rows = await h.db.db.selectFrom('findings').select(['rule', 'article', 'penalty_article']).where('site_id', '=', siteId).where('resolved_at', 'is', null).execute();
  return rows.map((r) => `${r.rule} ${r.article}→${r.penalty_article ?? '-'}`).sort();
}
