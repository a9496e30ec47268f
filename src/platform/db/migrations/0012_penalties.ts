import { sql, type Kysely } from 'kysely';

// Frozen in time once landed. Issue 6 (supervision and enforcement), part: penalty cases (art. 32–38,
// Administrative Penalty Law procedure) and credit publicity (art. 31; 双公示). Portable.
const inList = (col: string, values: string[]) => sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);

const CASE_STATUSES = ['open', 'notified', 'hearing_requested', 'heard', 'decided', 'served', 'paid', 'closed', 'no_penalty'];
const PENALTY_ARTICLES = ['32', '33', '34', '35', '36', '37', '38'];

export async function up(db: Kysely<any>): Promise<void> {
  // The province's discretion bands, hearing thresholds and publication periods (one row, id 'province');
  // absent means the defaults in penalty.settings.ts.
  await db.schema
    .createTable('penalty_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // JSON {"*": [cut1, cut2], "<article>": [cut1, cut2]}: fractions of a range ending the mild and general bands.
    .addColumn('bands', 'text', (c) => c.notNull())
    .addColumn('hearing_individual_yuan', 'integer', (c) => c.notNull())
    .addColumn('hearing_unit_yuan', 'integer', (c) => c.notNull())
    .addColumn('statement_days', 'integer', (c) => c.notNull())
    .addColumn('hearing_request_days', 'integer', (c) => c.notNull())
    .addColumn('publication_days', 'integer', (c) => c.notNull())
    .addColumn('decision_publication_days', 'integer', (c) => c.notNull())
    .addColumn('credit_record_days', 'integer', (c) => c.notNull())
    .addColumn('decision_repair_min_days', 'integer', (c) => c.notNull())
    .addColumn('credit_repair_min_days', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('penalty_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', CASE_STATUSES)))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('handling_unit_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('source_kind', 'text', (c) => c.notNull().check(inList('source_kind', ['rectification', 'inspection', 'finding', 'complaint', 'other'])))
    .addColumn('source_id', 'text')
    .addColumn('rectification_order_id', 'text')
    .addColumn('penalty_article', 'text', (c) => c.notNull().check(inList('penalty_article', PENALTY_ARTICLES)))
    .addColumn('item', 'text')
    .addColumn('violated_article', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('serious', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warning_given_on', 'text')
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('proposed_on', 'text')
    .addColumn('notice_number', 'text')
    .addColumn('proposal_reasons', 'text')
    .addColumn('hearing_due', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('responded_on', 'text')
    .addColumn('statement', 'text')
    .addColumn('hearing_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hearing_on', 'text')
    .addColumn('hearing_record', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_number', 'text', (c) => c.unique())
    .addColumn('decision_reasons', 'text')
    .addColumn('no_penalty_reasons', 'text')
    .addColumn('corrected_on', 'text')
    .addColumn('served_on', 'text')
    .addColumn('service_method', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('paid_yuan', 'integer')
    .addColumn('payment_ref', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('penalty_cases_division').on('penalty_cases').columns(['division_code', 'status']).execute();
  await db.schema.createIndex('penalty_cases_unit').on('penalty_cases').columns(['handling_unit_id', 'status']).execute();
  await db.schema.createIndex('penalty_cases_order').on('penalty_cases').column('rectification_order_id').execute();

  // Parties: a unit by its unified social credit code; an individual's name and identity number encrypted
  // (pii.ts), only a masked form in clear.
  await db.schema
    .createTable('penalty_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('penalty_cases.id'))
    .addColumn('party_type', 'text', (c) => c.notNull().check(inList('party_type', ['unit', 'individual', 'responsible'])))
    .addColumn('name', 'text')
    .addColumn('name_enc', 'text')
    .addColumn('name_masked', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('uscc', 'text')
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('proposed_yuan', 'integer')
    .addColumn('decided_yuan', 'integer')
    .addColumn('confiscation_yuan', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('penalty_parties_case').on('penalty_parties').column('case_id').execute();
  await db.schema.createIndex('penalty_parties_unit').on('penalty_parties').column('unit_id').execute();

  // Evidence and case papers: stored like project documents (generated names outside the web root, digest in the ledger).
  await db.schema
    .createTable('penalty_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('penalty_cases.id'))
    .addColumn('doc_class', 'text', (c) => c.notNull().check(inList('doc_class', ['evidence', 'statement', 'hearing_record', 'service', 'other'])))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('penalty_documents_case').on('penalty_documents').column('case_id').execute();

  // 双公示 and art. 31: every penalty decision on the public list; serious violations also as a credit
  // record against the party's credit code. Text is frozen at creation (what was published stays as published).
  await db.schema
    .createTable('credit_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['penalty_decision', 'credit_record'])))
    .addColumn('case_id', 'text', (c) => c.notNull().references('penalty_cases.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('penalty_parties.id'))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('authority_unit_id', 'text', (c) => c.notNull())
    .addColumn('authority_name', 'text', (c) => c.notNull())
    .addColumn('decision_number', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('party_type', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_uscc', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['pending', 'published', 'removed'])))
    .addColumn('published_on', 'text')
    .addColumn('publish_until', 'text')
    .addColumn('removed_on', 'text')
    .addColumn('removal_reason', 'text')
    .addColumn('removed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('credit_publications_list').on('credit_publications').columns(['kind', 'status', 'published_on']).execute();
  await db.schema.createIndex('credit_publications_case').on('credit_publications').column('case_id').execute();
  await db.schema.createIndex('credit_publications_uscc').on('credit_publications').column('party_uscc').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_publications').execute();
  await db.schema.dropTable('penalty_documents').execute();
  await db.schema.dropTable('penalty_parties').execute();
  await db.schema.dropTable('penalty_cases').execute();
  await db.schema.dropTable('penalty_settings').execute();
}
