import { sql, type Kysely } from 'kysely';

// Frozen in time: complaints and reports from the public (art. 30) and complaints about officials
// (art. 39(2)). The complainant's name and contact are stored only as personal-data ciphertext
// (src/platform/crypto/pii.ts); the status page's access code only as its SM3 digest.
const inList = (col: string, values: string[]) => sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('access_code_digest', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', ['complaint', 'report'])))
    .addColumn('subject_kind', 'text', (c) => c.notNull().check(inList('subject_kind', ['place', 'company', 'official'])))
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('complainant_name', 'text')
    .addColumn('complainant_contact', 'text')
    .addColumn('queue', 'text', (c) => c.notNull().check(inList('queue', ['bureau', 'supervision'])))
    .addColumn('handling_unit_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['received', 'accepted', 'handling', 'closed', 'rejected'])))
    .addColumn('outcome', 'text')
    .addColumn('inspection_id', 'text')
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaints_queue_unit').on('complaints').columns(['queue', 'handling_unit_id', 'status']).execute();
  await db.schema.createIndex('complaints_queue_division').on('complaints').columns(['queue', 'division_code']).execute();

  await db.schema
    .createTable('complaint_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    // Order within the complaint (several notices can share a timestamp).
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(inList('kind', ['received', 'accepted', 'handling', 'transferred', 'closed', 'rejected'])),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('to_unit_id', 'text')
    .addColumn('delivery', 'text', (c) => c.notNull().check(inList('delivery', ['status_page', 'would_send'])))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_notices_complaint').on('complaint_notices').columns(['complaint_id', 'seq']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_notices').execute();
  await db.schema.dropTable('complaints').execute();
}
