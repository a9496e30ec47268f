import { PostgresAdapter, sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/context.js';
import { inDivision } from '../../platform/db/division-filter.js';
import type { CreditPublicationsTable, Database, PenaltyCasesTable, PenaltyDocumentsTable, PenaltyPartiesTable } from '../../platform/db/schema.js';

/** Kysely queries of penalty cases, their parties, documents and publications. No rules here. */

export type CaseRow = Selectable<PenaltyCasesTable>;
export type PartyRow = Selectable<PenaltyPartiesTable>;
export type CaseDocumentRow = Selectable<PenaltyDocumentsTable>;
export type PublicationRow = Selectable<CreditPublicationsTable>;

export type CaseScope =
  | { kind: 'all' }
  | { kind: 'officer'; prefix: string; unitId: string | null }
  | { kind: 'unit'; unitId: string }
  | { kind: 'company'; companyId: string }
  | { kind: 'none' };

function scopeFilter(eb: ExpressionBuilder<Database, 'penalty_cases'>, scope: CaseScope) {
  switch (scope.kind) {
    case 'all':
      return eb.val(1).$castTo<boolean>();
    case 'officer':
      return eb.or([inDivision('penalty_cases.division_code', scope.prefix), ...(scope.unitId ? [eb('penalty_cases.handling_unit_id', '=', scope.unitId)] : [])]);
    case 'unit':
      return eb.exists(
        eb.selectFrom('penalty_parties').select('penalty_parties.id').whereRef('penalty_parties.case_id', '=', 'penalty_cases.id').where('penalty_parties.unit_id', '=', scope.unitId),
      );
    case 'company':
      return eb.exists(
        eb.selectFrom('penalty_parties').select('penalty_parties.id').whereRef('penalty_parties.case_id', '=', 'penalty_cases.id').where('penalty_parties.company_id', '=', scope.companyId),
      );
    default:
      return eb.val(0).$castTo<boolean>();
  }
}

export function findCase(db: DbOrTrx, id: string) {
  return db.selectFrom('penalty_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockCase(trx: DbOrTrx, id: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await trx.selectFrom('penalty_cases').select('id').where('id', '=', id).forUpdate().execute();
}

export async function insertCase(db: DbOrTrx, row: Insertable<PenaltyCasesTable>): Promise<void> {
  await db.insertInto('penalty_cases').values(row).execute();
}

export async function updateCase(db: DbOrTrx, id: string, version: number, patch: Updateable<PenaltyCasesTable>): Promise<number> {
  const r = await db
    .updateTable('penalty_cases')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listCases(db: DbOrTrx, scope: CaseScope, f: { status?: string }, page: { limit: number; offset: number }) {
  let q = db.selectFrom('penalty_cases').selectAll().where((eb) => scopeFilter(eb, scope));
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('updated_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countCases(db: DbOrTrx, scope: CaseScope, f: { status?: string }): Promise<number> {
  let q = db.selectFrom('penalty_cases').select(sql<number | string>`count(*)`.as('n')).where((eb) => scopeFilter(eb, scope));
  if (f.status) q = q.where('status', '=', f.status);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** How many numbers already carry this prefix (the next sequence number; a unique index settles races). */
export async function countNumbered(db: DbOrTrx, column: 'number' | 'decision_number', prefix: string): Promise<number> {
  const r = await db
    .selectFrom('penalty_cases')
    .select(sql<number | string>`count(*)`.as('n'))
    .where(column, '>=', prefix)
    .where(column, '<', `${prefix}\uffff`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function partiesOf(db: DbOrTrx, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([] as PartyRow[]);
  // Units first, then individuals, then responsible persons: the order of the decision document.
  const rank = sql<number>`case party_type when 'unit' then 0 when 'individual' then 1 else 2 end`;
  return db.selectFrom('penalty_parties').selectAll().where('case_id', 'in', [...caseIds]).orderBy(rank).orderBy('created_at').orderBy('id').execute();
}

export async function insertParty(db: DbOrTrx, row: Insertable<PenaltyPartiesTable>): Promise<void> {
  await db.insertInto('penalty_parties').values(row).execute();
}

export async function updateParty(db: DbOrTrx, id: string, patch: Updateable<PenaltyPartiesTable>): Promise<void> {
  await db.updateTable('penalty_parties').set(patch).where('id', '=', id).execute();
}

export function documentsOf(db: DbOrTrx, caseId: string) {
  return db.selectFrom('penalty_documents').selectAll().where('case_id', '=', caseId).orderBy('uploaded_at').orderBy('id').execute();
}

export function findDocument(db: DbOrTrx, caseId: string, docId: string) {
  return db.selectFrom('penalty_documents').selectAll().where('case_id', '=', caseId).where('id', '=', docId).executeTakeFirst();
}

export async function insertDocument(db: DbOrTrx, row: Insertable<PenaltyDocumentsTable>): Promise<void> {
  await db.insertInto('penalty_documents').values(row).execute();
}

export function publicationsOf(db: DbOrTrx, caseId: string) {
  return db.selectFrom('credit_publications').selectAll().where('case_id', '=', caseId).orderBy('kind').orderBy('id').execute();
}

export function findPublication(db: DbOrTrx, id: string) {
  return db.selectFrom('credit_publications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPublication(db: DbOrTrx, row: Insertable<CreditPublicationsTable>): Promise<void> {
  await db.insertInto('credit_publications').values(row).execute();
}

export async function updatePublication(db: DbOrTrx, id: string, version: number, patch: Updateable<CreditPublicationsTable>): Promise<number> {
  const r = await db
    .updateTable('credit_publications')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface PublicFilter {
  kind: 'penalty_decision' | 'credit_record';
  today: string;
  q?: string;
  uscc?: string;
}

/** What the public sees: published, not removed, within its publication period; newest first. */
function publicQuery(db: DbOrTrx, f: PublicFilter) {
  let q = db
    .selectFrom('credit_publications')
    .where('kind', '=', f.kind)
    .where('status', '=', 'published')
    .where('publish_until', '>=', f.today);
  if (f.uscc) q = q.where('party_uscc', '=', f.uscc);
  if (f.q) {
    const term = f.q;
    q = q.where((eb) => eb.or([eb('party_name', '=', term), eb('party_uscc', '=', term), eb('decision_number', '=', term)]));
  }
  return q;
}

export function listPublic(db: DbOrTrx, f: PublicFilter, page: { limit: number; offset: number }) {
  return publicQuery(db, f).selectAll().orderBy('published_on', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countPublic(db: DbOrTrx, f: PublicFilter): Promise<number> {
  return Number((await publicQuery(db, f).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/** Ledger entries of the case, its deadlines and its publications, oldest first. */
export async function timelineEntries(db: DbOrTrx, caseId: string, otherIds: { deadline: readonly string[]; publication: readonly string[] }) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'at', 'action', 'actor_role', 'article', 'object_type'])
    .where((eb) =>
      eb.or([
        eb.and([eb('object_type', '=', 'penalty_case'), eb('object_id', '=', caseId)]),
        ...(otherIds.deadline.length ? [eb.and([eb('object_type', '=', 'deadline'), eb('object_id', 'in', [...otherIds.deadline])])] : []),
        ...(otherIds.publication.length ? [eb.and([eb('object_type', '=', 'credit_publication'), eb('object_id', 'in', [...otherIds.publication])])] : []),
      ]),
    )
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Approved licensing decisions (qualification and record certificates issued on an application), newest first. */
function licensingQuery(db: DbOrTrx, q?: string) {
  let query = db
    .selectFrom('qualification_applications as a')
    .innerJoin('certificates as c', 'c.id', 'a.issued_certificate_id')
    .innerJoin('companies as co', 'co.id', 'a.company_id')
    .where('a.status', '=', 'approved')
    .where('a.decided_at', 'is not', null);
  if (q) query = query.where((eb) => eb.or([eb('co.name', '=', q), eb('co.uscc', '=', q), eb('c.number', '=', q)]));
  return query;
}

export function listLicensing(db: DbOrTrx, page: { limit: number; offset: number }, q?: string) {
  return licensingQuery(db, q)
    .select(['a.id', 'a.kind', 'a.target_level', 'a.decided_at', 'a.deciding_unit_id', 'c.number', 'c.level', 'c.valid_from', 'c.valid_to', 'co.name as company_name', 'co.uscc'])
    .orderBy('a.decided_at', 'desc')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countLicensing(db: DbOrTrx, q?: string): Promise<number> {
  return Number((await licensingQuery(db, q).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}
