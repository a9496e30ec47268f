import { sql, type Kysely } from 'kysely';

// Frozen in time: the registry of art. 3, 7–11, 13, 20, 40 — sites (key public areas and key
// units), their technical prevention systems and devices, computed compliance findings, footage
// retention reports, the versioned key-unit catalogue, and bulk-import jobs. Portable.
const inList = (col: string, values: string[]) => sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const SYSTEM_TYPES = [
  'intrusion_alarm',
  'video_surveillance',
  'road_checkpoint',
  'access_control',
  'electronic_patrol',
  'parking_management',
  'explosion_proof_inspection',
  'biometric',
  'intelligent_video_analysis',
  'integrated_platform',
];

export async function up(db: Kysely<any>): Promise<void> {
  // Versioned catalogue of key-unit categories and kinds with the systems each requires (art. 9(2)):
  // the province adjusts and announces it; sites keep the version they were registered under.
  await db.schema
    .createTable('registry_catalogues')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('catalogue', 'text', (c) => c.notNull())
    .addColumn('announcement_zh', 'text', (c) => c.notNull())
    .addColumn('announcement_en', 'text', (c) => c.notNull())
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_type', 'text', (c) => c.notNull().check(inList('site_type', ['key_unit', 'public_area'])))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    // Key units (art. 9): the organisation that maintains it, category and kind, responsible party.
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('category_code', 'text')
    .addColumn('kind_code', 'text')
    .addColumn('catalogue_version', 'integer')
    .addColumn('responsible_party', 'text')
    .addColumn('responsible_basis', 'text', (c) =>
      c.check(sql`responsible_basis is null or ${inList('responsible_basis', ['agreement', 'owner', 'state_use_right', 'state_management'])}`),
    )
    // Key public areas (art. 7): kind, the government level that builds it, the police unit using it.
    .addColumn('area_kind', 'text', (c) =>
      c.check(sql`area_kind is null or ${inList('area_kind', ['main_entrance', 'main_road', 'complex_section', 'intersection'])}`),
    )
    .addColumn('builder_level', 'text', (c) =>
      c.check(sql`builder_level is null or ${inList('builder_level', ['county', 'city', 'province'])}`),
    )
    .addColumn('user_police_unit_id', 'text')
    .addColumn('anti_terror_target', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('open_findings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sites_division').on('sites').columns(['division_code', 'category_code']).execute();
  await db.schema.createIndex('sites_category').on('sites').column('category_code').execute();
  await db.schema.createIndex('sites_unit').on('sites').column('unit_id').execute();
  await db.schema.createIndex('sites_name').on('sites').column('name').execute();

  await db.schema
    .createTable('systems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('system_type', 'text', (c) => c.notNull().check(inList('system_type', SYSTEM_TYPES)))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(inList('status', ['planned', 'under_construction', 'accepted', 'in_use', 'decommissioned'])),
    )
    // Art. 11: connected to the alarm centre (报警中心) where the rules require it.
    .addColumn('alarm_centre_interface', 'integer', (c) => c.notNull().defaultTo(0))
    // Art. 8: a system in a public area needs the authorisation of the government/police; its reference.
    .addColumn('authorisation_ref', 'text')
    .addColumn('accepted_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('systems_site').on('systems').column('site_id').execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('system_id', 'text', (c) => c.notNull().references('systems.id'))
    .addColumn('device_kind', 'text', (c) => c.notNull().check(inList('device_kind', ['camera', 'equipment'])))
    .addColumn('name', 'text', (c) => c.notNull())
    // GB/T 28181 20-digit code for cameras; unique across the province.
    .addColumn('device_code', 'text', (c) => c.unique())
    .addColumn('placement', 'text', (c) =>
      c.check(sql`placement is null or ${inList('placement', ['public_area', 'inside_unit', 'privacy'])}`),
    )
    .addColumn('privacy_kind', 'text', (c) =>
      c.check(
        sql`privacy_kind is null or ${inList('privacy_kind', ['hotel_room', 'dormitory', 'public_bathroom', 'changing_room', 'toilet'])}`,
      ),
    )
    .addColumn('audio_capture', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signage', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retention_days', 'integer')
    .addColumn('equipment_type', 'text')
    // Latest retention report (art. 20), denormalised for the watchdog.
    .addColumn('last_report_at', 'text')
    .addColumn('reported_recording_days', 'integer')
    .addColumn('oldest_recording_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('devices_site').on('devices').column('site_id').execute();
  await db.schema.createIndex('devices_system').on('devices').column('system_id').execute();

  // Art. 13: quality certificates of main equipment (CCC, production licence, inspection report …).
  await db.schema
    .createTable('equipment_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('cert_type', 'text', (c) =>
      c.notNull().check(inList('cert_type', ['ccc', 'production_licence', 'inspection_report', 'voluntary'])),
    )
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equipment_certificates_device').on('equipment_certificates').column('device_id').execute();

  // Computed, never typed in: one row per (rule, subject) while open; resolved rows are history.
  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('subject_type', 'text', (c) => c.notNull().check(inList('subject_type', ['site', 'system', 'device'])))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('penalty_article', 'text')
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text')
    .addColumn('detail', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('findings_site').on('findings').columns(['site_id', 'resolved_at']).execute();
  await db.schema.createIndex('findings_division').on('findings').columns(['division_code', 'resolved_at', 'article']).execute();
  await db.schema
    .createIndex('findings_open_unique')
    .on('findings')
    .columns(['rule', 'subject_id'])
    .unique()
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('retention_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('oldest_recording_at', 'text', (c) => c.notNull())
    .addColumn('recording_days', 'integer', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('reporter_id', 'text')
    .execute();
  await db.schema.createIndex('retention_reports_device').on('retention_reports').columns(['device_id', 'reported_at']).execute();

  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['sites', 'systems', 'devices'])))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(inList('mode', ['dry_run', 'all_or_nothing', 'valid_rows_only'])))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(inList('status', ['running', 'succeeded', 'failed', 'interrupted'])),
    )
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['import_jobs', 'retention_reports', 'findings', 'equipment_certificates', 'devices', 'systems', 'sites', 'registry_catalogues']) {
    await db.schema.dropTable(t).execute();
  }
}
