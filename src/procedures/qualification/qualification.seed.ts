import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { addDays, addYears } from '../../platform/calendar/dates.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { DbOrTrx } from '../../platform/context.js';
import { cityBureauFor, provincialDepartment } from '../../platform/jurisdictions/police-units.js';
import { nextNumber } from './certificate.issue.js';
import { insertCertificate, supersedeCertificate } from './certificate.repository.js';
import { certificateValidTo } from './certificate.rules.js';
import { findCompany, findLevel, insertLevelIfAbsent } from './qualification.repository.js';
import type { Level } from './qualification.rules.js';

/**
 * Art. 14 leaves the business scope of each level to the province. These values are ILLUSTRATIVE
 * (示例), flagged `illustrative` and labelled in the text, until the province sets its own through
 * PUT /api/qualification/levels/:level. Project scales are GA/T 75 classes (1 largest … 3 smallest).
 */
export const ILLUSTRATIVE_LEVELS: readonly { level: Level; zh: string; en: string; scales: number[]; checklist: { id: string; zh: string; en: string }[] }[] = [
  {
    level: 'I',
    zh: '（示例）可承接各类规模（一、二、三级）技防工程的设计、施工和维修',
    en: '(Illustrative) Design, construction and maintenance of projects of every scale (classes 1–3)',
    scales: [1, 2, 3],
    checklist: [
      { id: 'I-projects', zh: '（示例）近三年完成二级以上技防工程不少于5项且验收合格', en: '(Illustrative) ≥ 5 class-2 or larger projects accepted in the last 3 years' },
      { id: 'I-engineers', zh: '（示例）高级工程师不少于3名', en: '(Illustrative) At least 3 senior engineers' },
      { id: 'I-capital', zh: '（示例）注册资本不少于1000万元', en: '(Illustrative) Registered capital ≥ RMB 10 million' },
    ],
  },
  {
    level: 'II',
    zh: '（示例）可承接二级、三级技防工程的设计、施工和维修',
    en: '(Illustrative) Design, construction and maintenance of class-2 and class-3 projects',
    scales: [2, 3],
    checklist: [
      { id: 'II-projects', zh: '（示例）近三年完成三级以上技防工程不少于5项且验收合格', en: '(Illustrative) ≥ 5 class-3 or larger projects accepted in the last 3 years' },
      { id: 'II-engineers', zh: '（示例）工程师不少于5名', en: '(Illustrative) At least 5 engineers' },
    ],
  },
  {
    level: 'III',
    zh: '（示例）可承接三级技防工程的设计、施工和维修',
    en: '(Illustrative) Design, construction and maintenance of class-3 projects',
    scales: [3],
    checklist: [
      { id: 'III-projects', zh: '（示例）持四级证书期间完成技防工程不少于3项且验收合格', en: '(Illustrative) ≥ 3 projects accepted while holding level IV' },
      { id: 'III-staff', zh: '（示例）专业技术人员不少于8名', en: '(Illustrative) At least 8 technical staff' },
    ],
  },
  {
    level: 'IV',
    zh: '（示例）可承接三级技防工程的施工和维修（入门等级）',
    en: '(Illustrative) Construction and maintenance of class-3 projects (entry level)',
    scales: [3],
    checklist: [],
  },
];

/** Inserts the four levels unless present: the province's own edits are never overwritten. */
export async function seedQualificationLevels(db: DbOrTrx, now: string): Promise<void> {
  for (const l of ILLUSTRATIVE_LEVELS) {
    await insertLevelIfAbsent(db, {
      level: l.level,
      scope_zh: l.zh,
      scope_en: l.en,
      project_scales: JSON.stringify(l.scales),
      promotion_checklist: JSON.stringify(l.checklist),
      illustrative: 1,
      updated_at: now,
      updated_by: null,
    });
  }
}

export interface DemoCertificateSpec {
  companyId: string;
  level: Level;
  validFrom: string;
  kind?: 'qualification' | 'record';
  revoked?: string;
}

/**
 * One demo certificate as if issued by the competent unit (city bureau for III/IV, province for
 * I/II and records), with its ledger entry. Must run inside a transaction (the ledger requires it).
 */
export async function seedDemoCertificate(db: DbOrTrx, clock: Clock, config: Config, spec: DemoCertificateSpec): Promise<string> {
  const company = await findCompany(db, spec.companyId);
  if (!company) throw new Error(`no company ${spec.companyId}`);
  const kind = spec.kind ?? 'qualification';
  const byProvince = kind === 'record' || spec.level === 'I' || spec.level === 'II';
  const unit = byProvince ? provincialDepartment() : cityBureauFor(company.division_code);
  if (!unit) throw new Error(`no city bureau for ${company.division_code}`);
  const id = randomUUID();
  const now = clock.now().toISOString();
  const row = {
    id,
    number: await nextNumber(db, kind, company.division_code, spec.validFrom),
    company_id: company.id,
    kind,
    level: spec.level,
    business_scope: (await findLevel(db, spec.level))?.scope_zh ?? '',
    valid_from: spec.validFrom,
    valid_to: certificateValidTo(spec.validFrom, kind === 'record' ? 1 : 2),
    issued_by_unit_id: unit.id,
    application_id: null,
    issued_at: now,
    revoked_at: spec.revoked ? now : null,
    revoked_reason: spec.revoked ?? null,
  };
  await insertCertificate(db, row);
  const ctx = { actor: SYSTEM_ACTOR, clock, config };
  await audit(ctx, db, { action: 'certificate.issued', objectType: 'certificate', objectId: id, after: row, article: kind === 'record' ? '16' : '14', detail: { demo: true } });
  if (spec.revoked) {
    await audit(ctx, db, { action: 'certificate.revoked', objectType: 'certificate', objectId: id, detail: { demo: true } });
  }
  return id;
}

/**
 * Certificates in every status for the demo companies (keys as in platform/demo/demo-users.ts):
 * A valid level IV held > 1 year (may apply for III); B expiring level III (may renew; its
 * superseded level IV predecessor too); C expired; D revoked; E out-of-province record, valid.
 */
export async function seedDemoCertificates(db: DbOrTrx, clock: Clock, config: Config, ids: Record<'A' | 'B' | 'C' | 'D' | 'E', string>): Promise<void> {
  const today = clock.today();
  const yearsAgo = (n: number, plusDays = 0) => addDays(addYears(today, -n), plusDays);
  await seedDemoCertificate(db, clock, config, { companyId: ids.A, level: 'IV', validFrom: yearsAgo(1, -40) });
  const oldB = await seedDemoCertificate(db, clock, config, { companyId: ids.B, level: 'IV', validFrom: yearsAgo(4, 20) });
  const newB = await seedDemoCertificate(db, clock, config, { companyId: ids.B, level: 'III', validFrom: yearsAgo(2, 20) });
  await supersedeCertificate(db, oldB, newB);
  await audit({ actor: SYSTEM_ACTOR, clock, config }, db, { action: 'certificate.superseded', objectType: 'certificate', objectId: oldB, article: '15', detail: { supersededBy: newB, demo: true } });
  await seedDemoCertificate(db, clock, config, { companyId: ids.C, level: 'III', validFrom: yearsAgo(2, -10) });
  await seedDemoCertificate(db, clock, config, { companyId: ids.D, level: 'II', validFrom: yearsAgo(1), revoked: '（演示）资质条件不再符合要求，予以撤销' });
  await seedDemoCertificate(db, clock, config, { companyId: ids.E, level: 'II', validFrom: addDays(today, -60), kind: 'record' });
}
