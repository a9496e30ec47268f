import { sql, type Kysely } from 'kysely';

// Frozen in time once landed. Issue 6, inspections (art. 29): inspection plans with their 双随机
// draws, inspections with the checklist of art. 29 (1)–(6), photos, and rectification orders.
const inList = (col: string, values: string[]) => sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  // A plan of one police unit. A random plan draws its targets and inspectors once; the seed, the
  // candidate lists (sorted ids) and their digests are kept so anyone can reproduce the draw.
  await db.schema
    .createTable('inspection_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['random', 'targeted'])))
    .addColumn('police_unit_id', 'text', (c) => c.notNull())
    // The division whose subtree the unit covers: the area its targets are drawn from.
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['draft', 'drawn'])))
    // JSON `{categoryCode?, siteType?, hasOpenFindings?}`.
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('target_count', 'integer', (c) => c.notNull())
    .addColumn('inspectors_per_target', 'integer', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('draw_seed', 'text')
    .addColumn('draw_alg', 'text')
    // JSON arrays of ids, sorted, as they stood at the draw.
    .addColumn('candidate_site_ids', 'text')
    .addColumn('candidate_officer_ids', 'text')
    .addColumn('candidate_sites_digest', 'text')
    .addColumn('candidate_officers_digest', 'text')
    // JSON `{siteId, inspectorIds}[]`: the result as drawn.
    .addColumn('draw_result', 'text')
    .addColumn('drawn_at', 'text')
    .addColumn('drawn_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('inspection_plans_unit').on('inspection_plans').columns(['police_unit_id', 'created_at']).execute();
  await db.schema.createIndex('inspection_plans_division').on('inspection_plans').column('division_code').execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.references('inspection_plans.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['random', 'targeted'])))
    // Why a targeted inspection: a complaint (art. 30), a registry finding, or the officer's own reason.
    .addColumn('reason_kind', 'text', (c) => c.notNull().check(inList('reason_kind', ['draw', 'complaint', 'finding', 'officer'])))
    .addColumn('reason_id', 'text')
    .addColumn('reason_note', 'text')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('police_unit_id', 'text', (c) => c.notNull())
    // JSON array of user ids.
    .addColumn('inspector_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['planned', 'in_progress', 'completed'])))
    // JSON `{item, result, observation, article, prefill}[]` for items 1–6.
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('inspections_division').on('inspections').columns(['division_code', 'status']).execute();
  await db.schema.createIndex('inspections_unit').on('inspections').columns(['police_unit_id', 'status']).execute();
  await db.schema.createIndex('inspections_site').on('inspections').column('site_id').execute();
  await db.schema.createIndex('inspections_site_unit').on('inspections').column('unit_id').execute();
  await db.schema.createIndex('inspections_plan').on('inspections').column('plan_id').execute();

  await db.schema
    .createTable('rectification_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // ASCII-safe, unique: `RO-<police unit division>-<year>-<seq>`; the display form is computed.
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('inspection_id', 'text', (c) => c.notNull().unique().references('inspections.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('police_unit_id', 'text', (c) => c.notNull())
    // JSON `{item, article, problem}[]`.
    .addColumn('items', 'text', (c) => c.notNull())
    // The violated article (of the first item): the ledger cites it and the penalty follows it.
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('day_kind', 'text', (c) => c.notNull().check(inList('day_kind', ['working', 'calendar'])))
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('deadline_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['issued', 'reported', 'corrected', 'failed', 'lapsed'])))
    .addColumn('report_note', 'text')
    .addColumn('report_photo_id', 'text')
    .addColumn('reported_on', 'text')
    .addColumn('reported_by', 'text')
    .addColumn('verified_on', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('verification_note', 'text')
    .addColumn('lapsed_on', 'text')
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('rectification_orders_seq').on('rectification_orders').columns(['police_unit_id', 'year', 'seq']).unique().execute();
  await db.schema.createIndex('rectification_orders_division').on('rectification_orders').columns(['division_code', 'status']).execute();
  await db.schema.createIndex('rectification_orders_unit').on('rectification_orders').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('rectification_orders_due').on('rectification_orders').columns(['status', 'due_date']).execute();

  // Photos of an inspection (per checklist item) and of a unit's correction report; stored like
  // project documents (outside the web root, generated names, digest in the row and the ledger).
  await db.schema
    .createTable('inspection_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('order_id', 'text', (c) => c.references('rectification_orders.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(inList('purpose', ['checklist', 'correction'])))
    .addColumn('item', 'integer')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_photos_inspection').on('inspection_photos').column('inspection_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_photos').execute();
  await db.schema.dropTable('rectification_orders').execute();
  await db.schema.dropTable('inspections').execute();
  await db.schema.dropTable('inspection_plans').execute();
}
