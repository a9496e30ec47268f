import { randomUUID } from 'node:crypto';
import { assertCan } from '../../platform/access/access.js';
import { audit } from '../../platform/audit/audit.js';
import { isCalendarDate } from '../../platform/calendar/dates.js';
import type { Ctx, DbOrTrx } from '../../platform/context.js';
import { AppError, refuse } from '../../platform/http/errors.js';
import { normaliseUscc, validateUscc } from '../../platform/identifiers/uscc.js';
import { getDivision, isGuangdongDivision } from '../../platform/jurisdictions/divisions.js';
import { isAccredited, type InstitutionScope } from './institutions.rules.js';

/** Testing institutions (art. 18): the province registers them; everyone working on projects reads them. */

export interface RegisterInstitutionInput {
  name: string;
  uscc: string;
  accreditationNumber: string;
  accreditationValidTo: string;
  scope: InstitutionScope;
  divisionCode: string;
}

export function findInstitution(db: DbOrTrx, id: string) {
  return db.selectFrom('testing_institutions').selectAll().where('id', '=', id).executeTakeFirst();
}
export type InstitutionRow = NonNullable<Awaited<ReturnType<typeof findInstitution>>>;

export function presentInstitution(row: InstitutionRow, today: string) {
  const division = getDivision(row.division_code);
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    accreditationNumber: row.accreditation_number,
    accreditationValidTo: row.accreditation_valid_to,
    scope: row.scope as InstitutionScope,
    divisionCode: row.division_code,
    divisionName: division?.name ?? null,
    accredited: isAccredited(row, today),
  };
}
export type InstitutionView = ReturnType<typeof presentInstitution>;

function requireSignedIn(ctx: Ctx): void {
  if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED');
}

/** All institutions (a public register of accreditation, no personal data), accredited ones first, by name. */
export async function listInstitutions(ctx: Ctx, q: { accredited?: boolean } = {}): Promise<InstitutionView[]> {
  requireSignedIn(ctx);
  assertCan(ctx.actor, 'testing_institution.read');
  const today = ctx.clock.today();
  let query = ctx.db.selectFrom('testing_institutions').selectAll();
  if (q.accredited === true) query = query.where('accreditation_valid_to', '>=', today);
  if (q.accredited === false) query = query.where('accreditation_valid_to', '<', today);
  const rows = await query.orderBy('name').orderBy('id').limit(1000).execute();
  return rows.map((r) => presentInstitution(r, today)).sort((a, b) => Number(b.accredited) - Number(a.accredited));
}

export async function getInstitution(ctx: Ctx, id: string): Promise<InstitutionView> {
  requireSignedIn(ctx);
  assertCan(ctx.actor, 'testing_institution.read');
  const row = await findInstitution(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentInstitution(row, ctx.clock.today());
}

/**
 * The province registers an institution with its accreditation (art. 18). A lapsed accreditation
 * is refused at the door; a provincial institution sits in a Guangdong division, a national one
 * may sit anywhere in China (its home division code).
 */
export async function registerInstitution(ctx: Ctx, input: RegisterInstitutionInput): Promise<InstitutionView> {
  requireSignedIn(ctx);
  assertCan(ctx.actor, 'testing_institution.manage');
  const uscc = normaliseUscc(input.uscc);
  const check = validateUscc(uscc);
  if (!check.ok) throw new AppError('USCC_INVALID', undefined, { extra: { reason: check.reason } });
  const name = input.name.trim();
  const accreditationNumber = input.accreditationNumber.trim();
  if (!name || !accreditationNumber) {
    throw new AppError('PROJECT_INPUT_INVALID', { zh: '名称和资质认定证书编号不能为空', en: 'Name and accreditation number are required' }, { article: '18' });
  }
  if (!isCalendarDate(input.accreditationValidTo)) {
    throw new AppError('PROJECT_INPUT_INVALID', { zh: '资质有效期不是有效日期', en: 'The accreditation validity is not a valid date' }, { article: '18' });
  }
  const code = input.divisionCode;
  if (input.scope === 'provincial' ? !isGuangdongDivision(code) : !/^[1-8]\d{5}$/.test(code) || (code.startsWith('44') && !getDivision(code))) {
    throw new AppError('DIVISION_UNKNOWN');
  }
  const today = ctx.clock.today();
  if (input.accreditationValidTo < today) throw refuse('TESTING_INSTITUTION_NOT_ACCREDITED', '18');
  const row = {
    id: randomUUID(),
    name,
    uscc,
    accreditation_number: accreditationNumber,
    accreditation_valid_to: input.accreditationValidTo,
    scope: input.scope,
    division_code: code,
    created_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('testing_institutions').select('id').where('uscc', '=', uscc).executeTakeFirst();
    if (taken) throw new AppError('TESTING_INSTITUTION_EXISTS');
    try {
      await trx.insertInto('testing_institutions').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('TESTING_INSTITUTION_EXISTS');
      throw err;
    }
    await audit(ctx, trx, { action: 'testing_institution.registered', objectType: 'testing_institution', objectId: row.id, after: row, article: '18' });
  });
  return presentInstitution(row, today);
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(e.message ?? ''));
}
