import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { makeResidentId } from '../../platform/identifiers/resident-id.js';
import { actorOfUser } from '../../platform/identity/actor-of-user.js';
import { newUserRow } from '../../platform/identity/user-row.js';
import { findUserByUsername, insertUser } from '../../platform/identity/users.repository.js';
import { reportUse } from './grants.actions.js';
import { createRequest, decideApproval } from './requests.actions.js';

/**
 * Demo data of information access (art. 21(3), 26, 27), after the registry demo has committed: an administrative
 * law-enforcement department with its user `dept.a`, the person in charge of the Tianhe sub-bureau
 * (`gz.tianhe.chief`), one request of the department granted and used (an export reported by the sub-bureau, which
 * uses the public-area system: a register entry) and one waiting for the sub-bureau's approval. No API token is
 * made here: a token printed at start-up would be a live credential; the journey creates one through the API.
 * Identity numbers are fictitious (valid check digits only).
 */
export const DEMO_DEPARTMENT = { name: '广州市天河区市场监督管理局（演示）', kind: 'administrative', divisionCode: '440106', level: 'county' } as const;
export const DEMO_ACCESS_USERNAMES = ['dept.a', 'gz.tianhe.chief'] as const;

const OFFICIALS = [
  { name: '王执法（演示）', idNumber: makeResidentId('44010619850101001'), workCertificateNo: '穗天市监执字001（演示）' },
  { name: '李执法（演示）', idNumber: makeResidentId('44010619870202002'), workCertificateNo: '穗天市监执字002（演示）' },
];

export async function seedDemoAccess(db: Kysely<Database>, clock: Clock, config: Config, opts: { passwordHash: string }): Promise<string[]> {
  const now = clock.now().toISOString();
  const departmentId = randomUUID();
  const system = { actor: SYSTEM_ACTOR, clock, config };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('departments').values({ id: departmentId, name: DEMO_DEPARTMENT.name, kind: DEMO_DEPARTMENT.kind, division_code: DEMO_DEPARTMENT.divisionCode, level: DEMO_DEPARTMENT.level, created_at: now }).execute();
    await audit(system, trx, { action: 'access.department_registered', objectType: 'department', objectId: departmentId, article: '26(3)', detail: { demo: true } });
    const users = [
      { username: 'dept.a', displayName: '天河区市场监管局执法人员（演示）', role: 'department_user', policeUnitId: null, departmentId, inCharge: null },
      { username: 'gz.tianhe.chief', displayName: '天河分局负责人（演示）', role: 'county_officer', policeUnitId: 'PSB-440106', departmentId: null, inCharge: 1 },
    ];
    for (const u of users) {
      const id = randomUUID();
      await insertUser(trx, { ...newUserRow({ id, username: u.username, displayName: u.displayName, passwordHash: opts.passwordHash, role: u.role, policeUnitId: u.policeUnitId, now }), department_id: u.departmentId, in_charge: u.inCharge });
      await audit(system, trx, { action: 'user.created', objectType: 'user', objectId: id, detail: { role: u.role, demo: true } });
      if (u.inCharge) await audit(system, trx, { action: 'access.in_charge_set', objectType: 'user', objectId: id, after: { inCharge: true, policeUnitId: u.policeUnitId }, article: '26(1)', detail: { inCharge: true, demo: true } });
    }
  });

  const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Ctx['log'];
  const as = async (username: string): Promise<Ctx> => {
    const u = await findUserByUsername(db, username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return { db, actor: actorOfUser({ ...u, user_id: u.id }, null), clock, config, log };
  };
  const cameras = await db
    .selectFrom('devices')
    .innerJoin('sites', 'sites.id', 'devices.site_id')
    .select(['devices.id', 'devices.device_code'])
    .where('sites.site_type', '=', 'public_area')
    .where('sites.user_police_unit_id', '=', 'PSB-440106')
    .where('devices.device_kind', '=', 'camera')
    .orderBy('devices.device_code')
    .execute();
  if (cameras.length === 0) return [...DEMO_ACCESS_USERNAMES];

  // Yesterday morning, Beijing time: footage that exists, well inside the 31-day limit.
  const day = new Date(clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
  const window = { windowFrom: `${day}T08:00:00+08:00`, windowTo: `${day}T10:00:00+08:00` };
  const dept = await as('dept.a');
  const chief = await as('gz.tianhe.chief');

  // 1. Granted and used: a copy for an administrative case (26(3), 27), approved by the Tianhe sub-bureau.
  const granted = await createRequest(dept, {
    ...window,
    cameraIds: [cameras[0].id],
    action: 'copy',
    purpose: '无证经营案件调查取证（演示）',
    legalBasis: '穗天市监立〔2026〕1号（演示）',
    copyDestination: '天河区市场监督管理局案卷（演示）',
    confidentialityUndertaking: true,
    officials: OFFICIALS,
  });
  const approved = await decideApproval(chief, granted.id, { decision: 'approved', documentRef: '天公信批〔2026〕1号（演示）' });
  if (approved.grantId) {
    const grant = await db.selectFrom('access_grants').select('payload').where('id', '=', approved.grantId).executeTakeFirstOrThrow();
    const body = JSON.parse(grant.payload) as { officials: { id: string }[] };
    await reportUse(await as('gz.tianhe.officer'), approved.grantId, {
      event: 'exported',
      at: clock.now().toISOString(),
      cameras: [cameras[0].device_code ?? cameras[0].id],
      footageFrom: window.windowFrom,
      footageTo: window.windowTo,
      officialsPresent: body.officials.map((o) => o.id),
      fileDigest: '0'.repeat(63) + '1',
      digestAlg: 'sm3',
    });
  }

  // 2. Waiting for the sub-bureau's approval: viewing another camera (26(3) asks approval for viewing too).
  await createRequest(dept, {
    ...window,
    cameraIds: [cameras[cameras.length - 1].id],
    action: 'view',
    purpose: '占道经营投诉核查（演示）',
    legalBasis: '穗天市监立〔2026〕2号（演示）',
    confidentialityUndertaking: true,
    officials: OFFICIALS,
  });
  return [...DEMO_ACCESS_USERNAMES];
}
