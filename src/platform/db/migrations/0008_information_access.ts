import { sql, SqliteAdapter, type Kysely } from 'kysely';

// Frozen in time: information access (art. 21(3), 23–27, 39). Requesting departments, requests with
// their cameras and officials, approvals, unit consents, signed grants, the VMS's use reports, the
// register of every viewing and copying, and unmasking events. The register (and its officials),
// unmask events and use reports are append-only, refused UPDATE/DELETE by the database itself as the
// ledger is (art. 23(2), 24(3): no record may be altered or deleted); corrections are new entries.
const inList = (col: string, values: readonly string[]) => sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);

const REQUESTER_KINDS = ['public_security', 'state_security', 'emergency_department', 'administrative_department', 'citizen'];
const DEPARTMENT_KINDS = ['administrative', 'emergency', 'state_security'];
const LEVELS = ['below_county', 'county', 'city', 'province', 'national'];
const APPEND_ONLY = ['access_register', 'access_register_officials', 'access_unmask_events', 'access_use_reports'];

export async function up(db: Kysely<any>): Promise<void> {
  // Other administrative, emergency and state security departments whose users ask for footage or (state
  // security) approve their own organ's copies (art. 26(1)–(3)).
  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', DEPARTMENT_KINDS)))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(inList('level', LEVELS)))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // SQLite allows ADD COLUMN with a REFERENCES clause when the default is NULL.
  await db.schema.alterTable('users').addColumn('department_id', 'text', (c) => c.references('departments.id')).execute();
  // 1 = the person in charge (负责人) of the user's police unit or department: the chief, or a deputy acting in
  // charge (art. 26(1)). Set by the administration, never by the approver at approval time.
  await db.schema.alterTable('users').addColumn('in_charge', 'integer').execute();

  await db.schema
    .createTable('access_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requester_kind', 'text', (c) => c.notNull().check(inList('requester_kind', REQUESTER_KINDS)))
    .addColumn('requester_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('police_unit_id', 'text')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('site_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('builder_division_code', 'text')
    .addColumn('action', 'text', (c) => c.notNull().check(inList('action', ['view', 'copy', 'retrieve'])))
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('emergency_reference', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('copy_destination', 'text')
    .addColumn('legal_reason_for_copy', 'text')
    .addColumn('urgent_heavy_loss', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confidentiality_undertaking', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unit_certification', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('free_of_charge', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['pending', 'granted', 'refused', 'withdrawn'])))
    .addColumn('refusal_reasons', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_requests_division').on('access_requests').columns(['division_code', 'created_at']).execute();
  await db.schema.createIndex('access_requests_unit').on('access_requests').columns(['unit_id', 'created_at']).execute();
  await db.schema.createIndex('access_requests_requester').on('access_requests').columns(['requester_user_id', 'created_at']).execute();

  await db.schema
    .createTable('access_request_cameras')
    .addColumn('request_id', 'text', (c) => c.notNull().references('access_requests.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addPrimaryKeyConstraint('access_request_cameras_pk', ['request_id', 'device_id'])
    .execute();

  // Identity numbers only as SM4 ciphertext, a keyed blind index for search, and the masked form.
  await db.schema
    .createTable('access_officials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('access_requests.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('work_certificate_no', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_officials_request').on('access_officials').columns(['request_id', 'position']).execute();
  await db.schema.createIndex('access_officials_index').on('access_officials').column('id_number_index').execute();

  await db.schema
    .createTable('access_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('access_requests.id'))
    .addColumn('approver_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organ', 'text', (c) => c.notNull().check(inList('organ', ['public_security', 'state_security'])))
    .addColumn('police_unit_id', 'text')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(inList('level', LEVELS)))
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(inList('role', ['person_in_charge', 'officer'])))
    .addColumn('decision', 'text', (c) => c.notNull().check(inList('decision', ['approved', 'refused'])))
    .addColumn('document_ref', 'text')
    .addColumn('reasons', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_approvals_request').on('access_approvals').column('request_id').execute();

  await db.schema
    .createTable('access_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('access_requests.id'))
    .addColumn('unit_id', 'text')
    .addColumn('police_unit_id', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(inList('decision', ['consented', 'refused'])))
    .addColumn('reasons', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_consents_request').on('access_consents').column('request_id').execute();

  await db.schema
    .createTable('access_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().unique().references('access_requests.id'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('access_use_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grant_id', 'text', (c) => c.notNull().references('access_grants.id'))
    .addColumn('event', 'text', (c) => c.notNull().check(inList('event', ['viewing_started', 'viewing_ended', 'exported'])))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('cameras', 'text', (c) => c.notNull())
    .addColumn('footage_from', 'text', (c) => c.notNull())
    .addColumn('footage_to', 'text', (c) => c.notNull())
    .addColumn('file_digest', 'text')
    .addColumn('digest_alg', 'text')
    .addColumn('officials_present', 'text', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_use_reports_grant').on('access_use_reports').columns(['grant_id', 'at']).execute();

  // The register of art. 21(3): one entry per viewing, copying, unmasking or correction.
  await db.schema
    .createTable('access_register')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['viewing_started', 'viewing_ended', 'exported', 'unmasked', 'correction'])))
    .addColumn('request_id', 'text', (c) => c.references('access_requests.id'))
    .addColumn('grant_id', 'text', (c) => c.references('access_grants.id'))
    .addColumn('use_report_id', 'text', (c) => c.references('access_use_reports.id'))
    .addColumn('corrects_id', 'text', (c) => c.references('access_register.id'))
    .addColumn('actor_user_id', 'text')
    .addColumn('requester_kind', 'text')
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('cameras', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('destination', 'text')
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('ledger_seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_register_division').on('access_register').columns(['division_code', 'at']).execute();
  await db.schema.createIndex('access_register_unit').on('access_register').columns(['unit_id', 'at']).execute();
  await db.schema.createIndex('access_register_request').on('access_register').column('request_id').execute();

  // Who the entry concerns (officials present, or the official unmasked): per-official oversight by blind index.
  await db.schema
    .createTable('access_register_officials')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('access_register.id'))
    .addColumn('official_id', 'text', (c) => c.notNull().references('access_officials.id'))
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_register_officials_pk', ['entry_id', 'official_id'])
    .execute();
  await db.schema.createIndex('access_register_officials_index').on('access_register_officials').column('id_number_index').execute();

  await db.schema
    .createTable('access_unmask_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('official_id', 'text', (c) => c.notNull().references('access_officials.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('register_entry_id', 'text', (c) => c.notNull().references('access_register.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of APPEND_ONLY) {
      await sql.raw(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`).execute(db);
      await sql.raw(`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`).execute(db);
    }
  } else {
    await sql`CREATE FUNCTION access_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
    for (const t of APPEND_ONLY) {
      await sql.raw(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION access_append_only()`).execute(db);
      await sql.raw(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION access_append_only()`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'access_unmask_events',
    'access_register_officials',
    'access_register',
    'access_use_reports',
    'access_grants',
    'access_consents',
    'access_approvals',
    'access_officials',
    'access_request_cameras',
    'access_requests',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('users').dropColumn('in_charge').execute();
  await db.schema.alterTable('users').dropColumn('department_id').execute();
  await db.schema.dropTable('departments').execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`DROP FUNCTION IF EXISTS access_append_only()`.execute(db);
  }
}
