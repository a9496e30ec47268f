import { PostgresAdapter, sql, type Insertable, type Updateable } from 'kysely';
import type { ListScope } from '../../platform/access/access.js';
import type { DbOrTrx } from '../../platform/context.js';
import type { CertificatesTable } from '../../platform/db/schema.js';
import { inDivision } from '../../platform/db/division-filter.js';

/** Kysely queries for certificates: `db | trx` first, rows out. */

const CERT_WITH_COMPANY = [
  'certificates.id',
  'certificates.number',
  'certificates.company_id',
  'certificates.kind',
  'certificates.level',
  'certificates.business_scope',
  'certificates.valid_from',
  'certificates.valid_to',
  'certificates.issued_by_unit_id',
  'certificates.application_id',
  'certificates.issued_at',
  'certificates.revoked_at',
  'certificates.revoked_reason',
  'certificates.superseded_by',
  'companies.name as company_name',
  'companies.division_code as company_division_code',
] as const;

function withCompany(db: DbOrTrx) {
  return db.selectFrom('certificates').innerJoin('companies', 'companies.id', 'certificates.company_id').select(CERT_WITH_COMPANY);
}

export function findCertificate(db: DbOrTrx, id: string) {
  return withCompany(db).where('certificates.id', '=', id).executeTakeFirst();
}

export type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

export function findCertificateByNumber(db: DbOrTrx, number: string) {
  return withCompany(db).where('certificates.number', '=', number).executeTakeFirst();
}

export function certificatesOfCompany(db: DbOrTrx, companyId: string) {
  return db.selectFrom('certificates').selectAll().where('company_id', '=', companyId).orderBy('valid_from').execute();
}

export function listCertificates(db: DbOrTrx, scope: ListScope, limit: number) {
  return withCompany(db)
    .where((eb) => {
      switch (scope.kind) {
        case 'all':
          return eb.val(1).$castTo<boolean>();
        case 'division':
          return inDivision('companies.division_code', scope.prefix);
        case 'company':
          return eb('certificates.company_id', '=', scope.companyId);
        default:
          return eb.val(0).$castTo<boolean>();
      }
    })
    .orderBy('certificates.valid_to', 'desc')
    .orderBy('certificates.number')
    .limit(limit)
    .execute();
}

/**
 * Serialise number allocation per prefix until commit (PostgreSQL advisory lock), so concurrent
 * issues in one city queue instead of colliding. SQLite transactions are serialised already.
 */
export async function lockNumberSequence(db: DbOrTrx, prefix: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(hashtext(${prefix}))`.execute(db);
  }
}

/** The highest number issued with this prefix (numbers are zero-padded, so text order is numeric). */
export async function lastNumberWithPrefix(db: DbOrTrx, prefix: string): Promise<string | null> {
  const row = await db
    .selectFrom('certificates')
    .select('number')
    .where('number', 'like', `${prefix}%`)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.number ?? null;
}

export async function insertCertificate(db: DbOrTrx, row: Insertable<CertificatesTable>): Promise<void> {
  await db.insertInto('certificates').values(row).execute();
}

/** Marks a certificate superseded unless it already is; returns rows changed (0 means someone else did). */
export async function supersedeCertificate(db: DbOrTrx, id: string, successorId: string): Promise<number> {
  const r = await db
    .updateTable('certificates')
    .set({ superseded_by: successorId })
    .where('id', '=', id)
    .where('superseded_by', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function updateCertificate(db: DbOrTrx, id: string, patch: Updateable<CertificatesTable>): Promise<void> {
  await db.updateTable('certificates').set(patch).where('id', '=', id).execute();
}

export interface PublicSearch {
  name?: string;
  level?: string;
  /** Division-code prefix of a city (4 digits). */
  cityPrefix?: string;
  today: string;
  limit: number;
  offset: number;
}

/**
 * Companies holding a current qualification certificate (not revoked, not superseded, not
 * expired). `name` matches anywhere in the company name; LIKE wildcards in it are escaped.
 */
function qualified(db: DbOrTrx, s: PublicSearch) {
  let q = db
    .selectFrom('certificates')
    .innerJoin('companies', 'companies.id', 'certificates.company_id')
    .where('certificates.kind', '=', 'qualification')
    .where('certificates.revoked_at', 'is', null)
    .where('certificates.superseded_by', 'is', null)
    .where('certificates.valid_to', '>=', s.today);
  if (s.name) {
    const pattern = `%${s.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`lower(companies.name) like lower(${pattern}) escape '\\'`);
  }
  if (s.level) q = q.where('certificates.level', '=', s.level);
  if (s.cityPrefix) q = q.where(inDivision('companies.division_code', s.cityPrefix));
  return q;
}

export function searchQualified(db: DbOrTrx, s: PublicSearch) {
  return qualified(db, s)
    .select([
      'companies.name as company_name',
      'companies.division_code',
      'companies.id as company_id',
      'certificates.id',
      'certificates.kind',
      'certificates.number',
      'certificates.level',
      'certificates.valid_from',
      'certificates.valid_to',
      'certificates.revoked_at',
      'certificates.superseded_by',
    ])
    .orderBy('companies.name')
    .orderBy('certificates.number')
    .limit(s.limit)
    .offset(s.offset)
    .execute();
}

export async function countQualified(db: DbOrTrx, s: PublicSearch): Promise<number> {
  const r = await qualified(db, s).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
