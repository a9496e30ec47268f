import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { fixedClock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { DEMO_INSTITUTION, DEMO_USERS } from '../../platform/demo/demo-users.js';
import { makeUscc } from '../../platform/identifiers/uscc.js';
import { actorOfUser } from '../../platform/identity/actor-of-user.js';
import { newUserRow } from '../../platform/identity/user-row.js';
import { findUserByUsername, insertUser } from '../../platform/identity/users.repository.js';
import { registerSite } from '../registry/sites.actions.js';
import { applyForAcceptance, designateTesting, grantAcceptance, submitTestReport } from './acceptance.actions.js';
import { createProject } from './create.actions.js';
import { uploadDocument, type DocClass } from './documents.actions.js';
import { registerInstitution } from './institutions.actions.js';
import { SCHEME_DOC_CLASSES, SCHEME_DOC_LABELS, type SchemeDocClass } from './projects.rules.js';
import { acceptProject, approveProject, issueNotice, submitProject } from './review.actions.js';

/**
 * Demo projects (演示), made through the procedure's own actions as the demo users would make them,
 * each step on a fixed date so the clocks shown are the ones the law gives:
 * - the testing institution of `lab.a`, registered by the province (art. 18), and the `lab.a` account;
 * - unit.a's bank branch in Tianhe (a key unit, art. 9): its competent bureau is the Tianhe
 *   county bureau PSB-440106 (`gz.tianhe.officer`, art. 17);
 * - a video scheme accepted on 2026-09-24, so its 15-working-day review clock shows 2026-10-22
 *   (the National Day week is not counted and Saturday 2026-10-10 is a make-up working day);
 * - an alarm scheme submitted without its construction drawings and sent the one notice;
 * - an access-control scheme approved and designated to lab.a for testing;
 * - an ATM-area video project tested (passing), accepted and completed: its system is `accepted`.
 * The designing and building company is demo company A (level IV; every project is scale class 3),
 * whose certificate is in force on these dates while the demo is seeded within a year of them.
 */

const DEMO = '（演示）';
const SITE = {
  siteType: 'key_unit',
  name: `某银行天河支行营业部${DEMO}`,
  divisionCode: '440106',
  address: `广州市天河区天河路 100 号${DEMO}`,
  categoryCode: '4',
  kindCode: 'bank_branch',
  responsibleParty: `某银行股份有限公司广州天河支行${DEMO}`,
  responsibleBasis: 'owner',
} as const;

/** Names of the demo projects (the e2e journey and the README refer to them). */
export const DEMO_PROJECTS = {
  accepted: `营业厅视频监控系统改造${DEMO}`,
  notice: `入侵报警系统新建${DEMO}`,
  approved: `出入口控制系统新建${DEMO}`,
  completed: `自助银行区视频监控系统${DEMO}`,
} as const;

/** A small but well-formed PDF (header, one page, cross-reference table, trailer), so a download opens. */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '').replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text || 'Jifang demo document'}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const FILE_NAMES: Record<SchemeDocClass, string> = {
  design_scheme: 'design-scheme.pdf',
  bidding_documents: 'bidding-documents.pdf',
  contracts: 'contracts.pdf',
  quality_certificates: 'quality-certificates.pdf',
  construction_drawings: 'construction-drawings.pdf',
};

export interface DemoProjectsResult {
  siteId: string;
  institutionId: string;
  projects: Record<keyof typeof DEMO_PROJECTS, string>;
}

/**
 * Runs after the main demo transaction has committed (the actions open their own transactions).
 * `companyA` is demo company A's id; `passwordHash` the demo accounts' hash (for lab.a).
 */
export async function seedDemoProjects(db: Kysely<Database>, config: Config, opts: { companyA: string; passwordHash: string }): Promise<DemoProjectsResult> {
  const clock = fixedClock('2026-09-01');
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Ctx['log'];
  const as = async (username: string): Promise<Ctx> => {
    const u = await findUserByUsername(db, username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return { db, actor: actorOfUser({ ...u, user_id: u.id }, null), clock, config, log };
  };
  const on = (date: string) => clock.set(date);

  // ── the testing institution (art. 18), registered by the province, and its demo account ──
  on('2026-09-01');
  const province = await as('gd.officer');
  const institution = await registerInstitution(province, {
    name: DEMO_INSTITUTION.name,
    uscc: makeUscc(DEMO_INSTITUTION.first17),
    accreditationNumber: DEMO_INSTITUTION.accreditationNumber,
    accreditationValidTo: DEMO_INSTITUTION.accreditationValidTo,
    scope: DEMO_INSTITUTION.scope,
    divisionCode: DEMO_INSTITUTION.divisionCode,
  });
  const labUser = DEMO_USERS.find((u) => u.username === 'lab.a')!;
  await db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const now = clock.now().toISOString();
    await insertUser(trx, newUserRow({ id, username: labUser.username, displayName: labUser.displayName, passwordHash: opts.passwordHash, role: labUser.role, institutionId: institution.id, now }));
    await audit(province, trx, { action: 'user.created', objectType: 'user', objectId: id, detail: { role: labUser.role, demo: true } });
  });

  // ── unit.a's bank branch (art. 9), registered by unit.a ──
  const unit = await as('unit.a');
  const site = await registerSite(unit, { ...SITE });
  const officer = await as('gz.tianhe.officer');
  const lab = await as('lab.a');

  const draft = async (title: string, systemTypes: string[], investmentYuan: number, classes: readonly SchemeDocClass[]) => {
    const p = await createProject(unit, { title, siteId: site.id, systemTypes, designerCompanyId: opts.companyA, builderCompanyId: opts.companyA, investmentYuan, level1Risk: false });
    for (const c of classes) await uploadDocument(unit, p.id, { docClass: c as DocClass, fileName: FILE_NAMES[c], bytes: demoPdf(`${FILE_NAMES[c]} - Jifang demo`) });
    return p.id;
  };

  // ── completed: tested, accepted (art. 18, 19) ──
  on('2026-09-01');
  const completed = await draft(DEMO_PROJECTS.completed, ['video_surveillance'], 180_000, SCHEME_DOC_CLASSES);
  await submitProject(unit, completed, {});
  on('2026-09-03');
  await acceptProject(officer, completed, {});
  on('2026-09-15');
  await approveProject(officer, completed, {});
  on('2026-09-16');
  await designateTesting(unit, completed, { institutionId: institution.id });
  on('2026-10-20');
  const tested = await submitTestReport(lab, completed, {
    reportNumber: `GDAF-2026-0917${DEMO}`,
    testedOn: '2026-10-19',
    items: [
      { item: '图像质量（GB 50395）', result: 'pass' },
      { item: '录像保存期限（不少于 30 日）', result: 'pass' },
      { item: '系统联动与时钟同步', result: 'pass' },
    ],
  });
  on('2026-10-22');
  await applyForAcceptance(unit, completed, { testReportId: tested.testReports[0]!.id });
  on('2026-11-05');
  await grantAcceptance(officer, completed, {});

  // ── approved and designated to lab.a: awaiting its test report ──
  on('2026-10-12');
  const approved = await draft(DEMO_PROJECTS.approved, ['access_control'], 120_000, SCHEME_DOC_CLASSES);
  await submitProject(unit, approved, {});
  on('2026-10-14');
  await acceptProject(officer, approved, {});
  on('2026-10-28');
  await approveProject(officer, approved, {});
  on('2026-10-29');
  await designateTesting(unit, approved, { institutionId: institution.id });

  // ── accepted on 2026-09-24: the review clock runs 15 working days to 2026-10-22 ──
  on('2026-09-22');
  const accepted = await draft(DEMO_PROJECTS.accepted, ['video_surveillance'], 280_000, SCHEME_DOC_CLASSES);
  await submitProject(unit, accepted, {});
  on('2026-09-24');
  await acceptProject(officer, accepted, {});

  // ── submitted without the construction drawings: the one notice lists them ──
  on('2026-11-23');
  const missing: SchemeDocClass = 'construction_drawings';
  const notice = await draft(DEMO_PROJECTS.notice, ['intrusion_alarm'], 95_000, SCHEME_DOC_CLASSES.filter((c) => c !== missing));
  await submitProject(unit, notice, {});
  on('2026-11-25');
  await issueNotice(officer, notice, {
    missing: [{ docClass: missing, zh: SCHEME_DOC_LABELS[missing].zh, en: SCHEME_DOC_LABELS[missing].en }],
    note: '请补正施工图纸后重新提交（演示）',
  });

  return { siteId: site.id, institutionId: institution.id, projects: { accepted, notice, approved, completed } };
}
