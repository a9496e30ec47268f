import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen in time: technical prevention construction projects (art. 11, 12, 17–19, 36): design-
// scheme review, testing by accredited institutions, acceptance; their documents and test reports.
const inList = (col: string, values: string[]) => sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);

const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'supplement_required',
  'not_accepted',
  'withdrawn',
  'scheme_accepted',
  'scheme_approved',
  'scheme_refused',
  'under_construction',
  'acceptance_applied',
  'acceptance_refused',
  'completed',
];
const DOC_CLASSES = [
  'design_scheme',
  'bidding_documents',
  'contracts',
  'quality_certificates',
  'construction_drawings',
  'supplement',
  'test_report',
  'acceptance',
  'decision',
  'other',
];

// Roles as of this migration: 0001's list plus testing institutions (art. 18), other departments
// that ask for information (art. 26(2)(3)) and the supervisory role over officials (art. 39).
const ROLES = [
  'province_officer',
  'city_officer',
  'county_officer',
  'company_user',
  'unit_user',
  'system',
  'testing_institution',
  'department_user',
  'supervisor',
];

/**
 * Widen the users.role CHECK. PostgreSQL alters the named constraint; SQLite cannot alter a
 * CHECK, so the table is rebuilt by SQLite's documented procedure (foreign keys off, copy,
 * rename, check). Kysely runs SQLite migrations outside a transaction, so the PRAGMA takes effect.
 */
async function widenRoles(db: Kysely<any>): Promise<void> {
  const check = `role in (${ROLES.map((r) => `'${r}'`).join(', ')})`;
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`ALTER TABLE users DROP CONSTRAINT users_role_check`.execute(db);
    await sql.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (${check})`).execute(db);
    return;
  }
  const { rows } = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'`.execute(db);
  const original = rows[0]!.sql;
  const rebuilt = original
    .replace(/create table "users"/i, 'create table "users_new"')
    .replace(/role in \([^)]*\)/, check);
  if (rebuilt === original || !rebuilt.includes('supervisor')) throw new Error('users table definition not recognised');
  const indexes = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'users' AND sql IS NOT NULL`.execute(db);
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      await sql`INSERT INTO users_new SELECT * FROM users`.execute(trx);
      await sql`DROP TABLE users`.execute(trx);
      await sql`ALTER TABLE users_new RENAME TO users`.execute(trx);
      for (const ix of indexes.rows) await sql.raw(ix.sql).execute(trx);
      const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('foreign key check failed after rebuilding users');
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await widenRoles(db);
  // Testing institutions of art. 18 (national or provincial accredited), with their accreditation.
  await db.schema
    .createTable('testing_institutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('accreditation_number', 'text', (c) => c.notNull())
    .addColumn('accreditation_valid_to', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(inList('scope', ['national', 'provincial'])))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('users').addColumn('institution_id', 'text', (c) => c.references('testing_institutions.id')).execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('site_type', 'text', (c) => c.notNull().check(inList('site_type', ['key_unit', 'public_area'])))
    .addColumn('division_code', 'text', (c) => c.notNull())
    // The construction unit (建设单位): a key unit's organisation, or for a public area the government level that builds.
    .addColumn('construction_unit_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('builder_level', 'text', (c) => c.check(sql`builder_level is null or ${inList('builder_level', ['county', 'city', 'province'])}`))
    // JSON array of system types (registry SYSTEM_TYPES) the project builds.
    .addColumn('system_types', 'text', (c) => c.notNull())
    .addColumn('designer_company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('builder_company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('investment_yuan', 'integer', (c) => c.notNull())
    .addColumn('level1_risk', 'integer', (c) => c.notNull().defaultTo(0))
    // GA/T 75 scale class: 1 (≥ ¥1M or level-1 risk), 2, 3.
    .addColumn('scale_class', 'integer', (c) => c.notNull().check(sql`scale_class in (1, 2, 3)`))
    // Competent police unit (art. 17): approves the scheme and accepts the system (art. 19).
    .addColumn('authority_unit_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', PROJECT_STATUSES)))
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_on', 'text')
    .addColumn('notice_issued_on', 'text')
    .addColumn('missing_notice', 'text')
    .addColumn('accepted_on', 'text')
    .addColumn('deemed_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('approval_number', 'text')
    .addColumn('reasons', 'text')
    .addColumn('construction_started_on', 'text')
    .addColumn('testing_institution_id', 'text', (c) => c.references('testing_institutions.id'))
    .addColumn('acceptance_applied_on', 'text')
    .addColumn('acceptance_decided_on', 'text')
    .addColumn('acceptance_number', 'text')
    .addColumn('acceptance_reasons', 'text')
    // JSON `{companyId, role, reason, article, since}[]` while a company's certificate is not in force; null when clear.
    .addColumn('eligibility_flags', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('projects_division').on('projects').columns(['division_code', 'status']).execute();
  await db.schema.createIndex('projects_authority').on('projects').columns(['authority_unit_id', 'status']).execute();
  await db.schema.createIndex('projects_site').on('projects').column('site_id').execute();
  await db.schema.createIndex('projects_unit').on('projects').column('unit_id').execute();
  await db.schema.createIndex('projects_designer').on('projects').column('designer_company_id').execute();
  await db.schema.createIndex('projects_builder').on('projects').column('builder_company_id').execute();
  await db.schema.createIndex('projects_institution').on('projects').column('testing_institution_id').execute();

  // Registry systems the project builds (created as `planned` at submission, `accepted` at acceptance).
  await db.schema
    .createTable('project_systems')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('system_id', 'text', (c) => c.notNull().references('systems.id'))
    .addPrimaryKeyConstraint('project_systems_pk', ['project_id', 'system_id'])
    .execute();
  await db.schema.createIndex('project_systems_system').on('project_systems').column('system_id').execute();

  // Files are stored outside the web root under generated names; the row keeps the digest that
  // also goes into the ledger. Never updated or deleted: a new upload supersedes by being newer.
  await db.schema
    .createTable('project_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('doc_class', 'text', (c) => c.notNull().check(inList('doc_class', DOC_CLASSES)))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_documents_project').on('project_documents').columns(['project_id', 'doc_class']).execute();

  await db.schema
    .createTable('test_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('institution_id', 'text', (c) => c.notNull().references('testing_institutions.id'))
    .addColumn('report_number', 'text', (c) => c.notNull())
    .addColumn('tested_on', 'text', (c) => c.notNull())
    // JSON `{item, result: 'pass'|'fail', note?}[]`.
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull().check(inList('conclusion', ['pass', 'fail'])))
    .addColumn('document_id', 'text', (c) => c.references('project_documents.id'))
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('test_reports_project').on('test_reports').column('project_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('test_reports').execute();
  await db.schema.dropTable('project_documents').execute();
  await db.schema.dropTable('project_systems').execute();
  await db.schema.dropTable('projects').execute();
  await db.schema.alterTable('users').dropColumn('institution_id').execute();
  await db.schema.dropTable('testing_institutions').execute();
}
