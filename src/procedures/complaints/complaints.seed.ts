import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR, PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/schema.js';
import { newUserRow } from '../../platform/identity/user-row.js';
import { insertUser } from '../../platform/identity/users.repository.js';
import { submitComplaint } from './complaints.actions.js';

/** The supervisory organ's demo account (art. 39): its area is the whole province. */
export const DEMO_SUPERVISOR = { username: 'gd.supervisor', displayName: '省厅督察（演示）', role: 'supervisor', policeUnitId: 'PSB-440000' } as const;

const silent = { info() {}, warn() {}, error() {} };

/**
 * Demo complaints, submitted through the public action as a visitor would: an anonymous report
 * about unit.a's bank branch in Tianhe (→ Tianhe's queue), and a named complaint about an official
 * designating brands (art. 39(2) → the supervisory organ). Their access codes are not kept: the
 * demo shows the officers' and the supervisor's side.
 */
export async function seedDemoComplaints(db: Kysely<Database>, clock: Clock, config: Config, opts: { passwordHash: string }): Promise<void> {
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const id = randomUUID();
    await insertUser(trx, newUserRow({ id, ...DEMO_SUPERVISOR, passwordHash: opts.passwordHash, now }));
    await audit({ actor: SYSTEM_ACTOR, clock, config }, trx, { action: 'user.created', objectType: 'user', objectId: id, detail: { role: DEMO_SUPERVISOR.role, demo: true } });
  });
  const ctx = { db, actor: PUBLIC_ACTOR, clock, config, log: silent };
  await submitComplaint(ctx, {
    kind: 'report',
    subjectKind: 'place',
    subjectName: '某银行天河支行（演示）',
    divisionCode: '440106',
    content: '该支行自助银行区的两台摄像机已损坏一个多月，夜间画面一片漆黑，一直没有维修。（演示数据）',
  });
  await submitComplaint(ctx, {
    kind: 'complaint',
    subjectKind: 'official',
    subjectName: '天河分局技防审批民警（演示）',
    divisionCode: '440106',
    content: '办理技防设计方案审批时，经办民警要求我们必须选用其指定品牌的摄像机，否则不予通过。（演示数据）',
    name: '陈先生（演示）',
    contact: '13800000000',
  });
}
