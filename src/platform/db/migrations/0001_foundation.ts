import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here. Portable across SQLite and PostgreSQL.
const ROLES = ['province_officer', 'city_officer', 'county_officer', 'company_user', 'unit_user', 'system'];
const inList = (col: string, values: string[]) =>
  sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(inList('origin', ['guangdong', 'out_of_province'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('companies_division').on('companies').column('division_code').execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(inList('role', ROLES)))
    .addColumn('police_unit_id', 'text')
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['active', 'disabled'])))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('qualification_levels')
    .addColumn('level', 'text', (c) => c.primaryKey().check(inList('level', ['I', 'II', 'III', 'IV'])))
    .addColumn('scope_zh', 'text', (c) => c.notNull())
    .addColumn('scope_en', 'text', (c) => c.notNull())
    .addColumn('project_scales', 'text', (c) => c.notNull())
    .addColumn('promotion_checklist', 'text', (c) => c.notNull())
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['qualification', 'record'])))
    .addColumn('level', 'text')
    .addColumn('business_scope', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('issued_by_unit_id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('superseded_by', 'text')
    .execute();
  await db.schema.createIndex('certificates_company').on('certificates').column('company_id').execute();

  await db.schema
    .createTable('qualification_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(inList('kind', ['first', 'promotion', 'renewal', 'extension', 'record'])),
    )
    .addColumn('target_level', 'text')
    .addColumn('certificate_id', 'text', (c) => c.references('certificates.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          inList('status', [
            'submitted',
            'supplement_required',
            'accepted',
            'examined',
            'approved',
            'refused',
            'withdrawn',
            'not_accepted',
          ]),
        ),
    )
    .addColumn('deciding_unit_id', 'text', (c) => c.notNull())
    .addColumn('examining_unit_id', 'text')
    .addColumn('extension_days', 'integer')
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('missing_notice', 'text')
    .addColumn('opinion', 'text')
    .addColumn('reasons', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text')
    .addColumn('due_date', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('issued_certificate_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qapps_company').on('qualification_applications').column('company_id').execute();
  await db.schema
    .createIndex('qapps_queue')
    .on('qualification_applications')
    .columns(['deciding_unit_id', 'status', 'due_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'qualification_applications',
    'certificates',
    'qualification_levels',
    'api_tokens',
    'sessions',
    'users',
    'units',
    'companies',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
