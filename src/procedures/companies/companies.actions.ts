import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/access/access.js';
import type { Actor } from '../../platform/access/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/errors.js';
import { normaliseUscc, validateUscc } from '../../platform/identifiers/uscc.js';
import { getDivision, isGuangdongDivision } from '../../platform/jurisdictions/divisions.js';
import { assertPasswordPolicy, hashPassword } from '../../platform/identity/passwords.js';
import { findUserByUsername, insertUser } from '../../platform/identity/users.repository.js';
import { newUserRow } from '../../platform/identity/user-row.js';
import { findCompanyById, findCompanyByUscc, insertCompany } from './companies.repository.js';

export interface RegisterCompanyInput {
  company: { name: string; uscc: string; divisionCode: string; origin: 'guangdong' | 'out_of_province' };
  user: { username: string; password: string; displayName: string };
}

/**
 * A company opens its own account with its first user; no officer is needed (art. 14 puts the
 * burden of applying on the company). The credit code is checked against GB 32100.
 */
export async function registerCompany(ctx: Ctx, input: RegisterCompanyInput) {
  const uscc = normaliseUscc(input.company.uscc);
  const check = validateUscc(uscc);
  if (!check.ok) throw new AppError('USCC_INVALID', undefined, { extra: { reason: check.reason } });
  const { divisionCode, origin } = input.company;
  // Guangdong companies register in a known Guangdong division; others give their home division.
  if (origin === 'guangdong' ? !isGuangdongDivision(divisionCode) : divisionCode.startsWith('44')) {
    throw new AppError('DIVISION_UNKNOWN');
  }
  assertPasswordPolicy(input.user.password, input.user.username);
  if (await findCompanyByUscc(ctx.db, uscc)) throw new AppError('COMPANY_EXISTS');
  if (await findUserByUsername(ctx.db, input.user.username)) throw new AppError('USERNAME_TAKEN');

  const companyId = randomUUID();
  const userId = randomUUID();
  const now = ctx.clock.now().toISOString();
  const passwordHash = await hashPassword(input.user.password);
  const self: Actor = { userId, role: 'company_user', companyId, ip: ctx.actor.ip };
  await ctx.db.transaction().execute(async (trx) => {
    await insertCompany(trx, { id: companyId, name: input.company.name.trim(), uscc, division_code: divisionCode, origin, created_at: now });
    await insertUser(
      trx,
      newUserRow({ id: userId, username: input.user.username, displayName: input.user.displayName.trim(), passwordHash, role: 'company_user', companyId, now }),
    );
    const c = { ...ctx, actor: self };
    await audit(c, trx, { action: 'company.registered', objectType: 'company', objectId: companyId, after: { uscc, divisionCode, origin }, article: '14' });
    await audit(c, trx, { action: 'user.created', objectType: 'user', objectId: userId, detail: { role: 'company_user' } });
  });
  return { companyId, userId };
}

export async function getCompany(ctx: Ctx, id: string) {
  const row = await findCompanyById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  assertCan(ctx.actor, 'company.read', { companyId: row.id, divisionCode: row.division_code });
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    divisionCode: row.division_code,
    divisionName: getDivision(row.division_code)?.name ?? null,
    origin: row.origin,
    createdAt: row.created_at,
  };
}
