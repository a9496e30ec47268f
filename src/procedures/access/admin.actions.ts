import { randomUUID } from 'node:crypto';
import { assertCan } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { assertPasswordPolicy, hashPassword } from '../../platform/identity/passwords.js';
import { newUserRow } from '../../platform/identity/user-row.js';
import { findUserById, findUserByUsername, insertUser } from '../../platform/identity/users.repository.js';
import { getDivision, isGuangdongDivision } from '../../platform/jurisdictions/divisions.js';
import { departmentUsers, findDepartment, insertDepartment, listDepartments as listDepartmentRows, officerUsers } from './access.repository.js';
import { getPoliceUnit } from '../../platform/jurisdictions/police-units.js';
import { requireSignedIn } from './access.scope.js';

/**
 * Administration behind the art. 26 rows: the provincial department registers the departments whose users ask
 * for footage (state security 26(1), emergency 26(2), other administrative 26(3)), creates their accounts, and
 * names the person in charge (负责人) of a police unit or department, whose approval art. 26(1) requires. All of
 * it is ledgered: who may approve is itself evidence.
 */

export type DepartmentKind = 'state_security' | 'emergency' | 'administrative';

const invalid = (zh: string, en: string, field: string) => new AppError('ACCESS_INPUT_INVALID', { zh, en }, { extra: { field } });

/** @article 26 — a requesting department; its level follows from the government (division) it belongs to. */
export async function createDepartment(ctx: Ctx, input: { name: string; kind: DepartmentKind; divisionCode: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.departments.manage');
  const name = input.name.trim();
  if (name === '') throw invalid('请填写部门名称', 'Give the department’s name', 'name');
  const division = isGuangdongDivision(input.divisionCode) ? getDivision(input.divisionCode) : undefined;
  if (!division) throw new AppError('DIVISION_UNKNOWN', undefined, { extra: { field: 'divisionCode' } });
  const exists = (await listDepartmentRows(ctx.db)).some((d) => d.name === name && d.division_code === division.code);
  if (exists) throw invalid('该行政区划已登记同名部门', 'A department of that name is already registered there', 'name');
  const row = { id: randomUUID(), name, kind: input.kind, division_code: division.code, level: division.level, created_at: ctx.clock.now().toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    await insertDepartment(trx, row);
    await audit(ctx, trx, { action: 'access.department_registered', objectType: 'department', objectId: row.id, after: row, article: KIND_ARTICLE[input.kind] });
  });
  return { id: row.id };
}

const KIND_ARTICLE: Record<DepartmentKind, string> = { state_security: '26(1)', emergency: '26(2)', administrative: '26(3)' };

export async function listDepartments(ctx: Ctx) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.departments.manage');
  const rows = await listDepartmentRows(ctx.db);
  const users = await departmentUsers(ctx.db, rows.map((r) => r.id));
  return {
    items: rows.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      divisionCode: d.division_code,
      level: d.level,
      createdAt: d.created_at,
      users: users
        .filter((u) => u.department_id === d.id)
        .map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, inCharge: Number(u.in_charge) === 1, status: u.status })),
    })),
  };
}

/** An account for a department's official: role `department_user`, asking as the department's row of art. 26. */
export async function createDepartmentUser(ctx: Ctx, departmentId: string, input: { username: string; displayName: string; password: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.departments.manage');
  const dept = await findDepartment(ctx.db, departmentId);
  if (!dept) throw new AppError('NOT_FOUND');
  const displayName = input.displayName.trim();
  if (displayName === '') throw invalid('请填写姓名', 'Give the user’s name', 'displayName');
  assertPasswordPolicy(input.password, input.username);
  if (await findUserByUsername(ctx.db, input.username)) throw new AppError('USERNAME_TAKEN');
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    await insertUser(trx, { ...newUserRow({ id, username: input.username, displayName, passwordHash, role: 'department_user', now }), department_id: dept.id });
    await audit(ctx, trx, {
      action: 'access.department_user_created',
      objectType: 'user',
      objectId: id,
      after: { id, username: input.username, role: 'department_user', departmentId: dept.id },
      article: KIND_ARTICLE[dept.kind as DepartmentKind] ?? '26',
      detail: { departmentId: dept.id },
    });
  });
  return { id };
}

const IN_CHARGE_ROLES = new Set(['county_officer', 'city_officer', 'province_officer', 'department_user']);

/**
 * @article 26(1) — names (or un-names) the person in charge of an officer's police unit or a department user's
 * department: the chief, or a deputy acting in charge. Never by the person themselves, and never at approval time;
 * with reasons (e.g. the appointment document), ledgered.
 */
export async function setInCharge(ctx: Ctx, userId: string, input: { inCharge: boolean; reasons: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.departments.manage');
  const reasons = input.reasons.trim();
  if (reasons === '') throw new AppError('REASONS_REQUIRED');
  if (userId === ctx.actor.userId) throw new AppError('FORBIDDEN');
  return ctx.db.transaction().execute(async (trx) => {
    const u = await findUserById(trx, userId);
    if (!u) throw new AppError('NOT_FOUND');
    if (!IN_CHARGE_ROLES.has(u.role) || (u.role === 'department_user' ? !u.department_id : !u.police_unit_id)) {
      throw invalid('只有公安机关民警或部门工作人员可被指定为负责人', 'Only an officer of a police unit or a department’s user can be its person in charge', 'userId');
    }
    const before = Number(u.in_charge) === 1;
    await trx.updateTable('users').set({ in_charge: input.inCharge ? 1 : 0 }).where('id', '=', u.id).execute();
    await audit(ctx, trx, {
      action: 'access.in_charge_set',
      objectType: 'user',
      objectId: u.id,
      before: { inCharge: before },
      // The reasons may name the appointment document: digested with the state, not spelled out in the entry.
      after: { inCharge: input.inCharge, policeUnitId: u.police_unit_id, departmentId: u.department_id, reasons },
      article: '26(1)',
      detail: { inCharge: input.inCharge },
    });
    return { userId: u.id, inCharge: input.inCharge };
  });
}

/**
 * @article 26(1) — the officers whose person-in-charge mark the province sets: id, account, name, police unit and
 * the mark. Matching `q` in the account or the name; at most 200.
 */
export async function listOfficers(ctx: Ctx, q: { q?: string }) {
  requireSignedIn(ctx.actor);
  assertCan(ctx.actor, 'access.departments.manage');
  const rows = await officerUsers(ctx.db, q.q?.trim() || undefined, 200);
  return {
    items: rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      policeUnitId: u.police_unit_id,
      policeUnitName: u.police_unit_id ? (getPoliceUnit(u.police_unit_id)?.name ?? null) : null,
      role: u.role,
      inCharge: Number(u.in_charge) === 1,
      status: u.status,
    })),
  };
}
