import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../platform/db/connect.js';
import type { Harness } from '../../platform/testing/harness.js';
import { seedRegistryCatalogue } from '../registry/catalogue.seed.js';
import { addUnit } from '../registry/registry.testing.js';
import { addCertificate, addCompany, countRows } from '../qualification/qualification.testing.js';
import { seedQualificationLevels } from '../qualification/qualification.seed.js';

/**
 * Test helpers for projects: sites of each kind (inserted as the registry stores them), qualified
 * companies with certificates, documents of the five classes, and a world of users to act.
 */

export interface SiteSpec {
  siteType: 'key_unit' | 'public_area';
  divisionCode: string;
  name?: string;
  unitId?: string | null;
  builderLevel?: 'county' | 'city' | 'province' | null;
}

export async function addSite(db: Db, spec: SiteSpec): Promise<string> {
  const id = randomUUID();
  const now = '2026-01-01T00:00:00.000Z';
  const keyUnit = spec.siteType === 'key_unit';
  await db.db
    .insertInto('sites')
    .values({
      id,
      site_type: spec.siteType,
      name: spec.name ?? (keyUnit ? '测试重点单位' : '测试公共区域'),
      division_code: spec.divisionCode,
      address: '测试地址 1 号',
      unit_id: keyUnit ? (spec.unitId ?? null) : null,
      category_code: keyUnit ? '4' : null,
      kind_code: keyUnit ? 'bank_branch' : null,
      catalogue_version: keyUnit ? 1 : null,
      responsible_party: keyUnit ? '某银行股份有限公司' : null,
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
  await h.db.db.transaction().execute(async (trx) => {
    await seedRegistryCatalogue(trx, '2026-01-01T00:00:00.000Z');
    await seedQualificationLevels(trx, '2026-01-01T00:00:00.000Z');
  });
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
