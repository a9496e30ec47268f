import { sql, type Kysely } from 'kysely';

// Frozen in time: the legal-day calendar (Administrative Licensing Law art. 82; Civil Code
// arts. 201, 203) and the deadlines every procedure counts on it. Shipped official arrangements
// live in code as data (revision 0); administrators' revisions live here, four-eyes approved.
const inList = (col: string, values: string[]) => sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  // One proposed or approved arrangement of a year, province-wide (440000) or a local override
  // by division code. `revision` is assigned at approval and increases across all approvals: a
  // due date records the highest approved revision it was computed with.
  await db.schema
    .createTable('calendar_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    // JSON `{ "off": ["YYYY-MM-DD", …], "work": ["YYYY-MM-DD", …] }`: listed days off, make-up working days.
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['proposed', 'approved', 'rejected'])))
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('calendar_revisions_year').on('calendar_revisions').columns(['year', 'division_code', 'status']).execute();

  // A period a procedure must keep: counted from the day after `start_date` in working or
  // calendar days, paused intervals not counted (licensing law art. 45), due date cached with
  // the calendar revision it used and whether a provisional (unofficial) year was involved.
  await db.schema
    .createTable('deadlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    // Police unit that must act by the due date: officers' queues filter on it.
    .addColumn('owner_unit_id', 'text')
    .addColumn('day_kind', 'text', (c) => c.notNull().check(inList('day_kind', ['working', 'calendar'])))
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('calendar_revision', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', ['open', 'paused', 'closed'])))
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome is null or ${inList('outcome', ['met', 'late', 'lapsed', 'cancelled'])}`))
    .addColumn('closed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deadlines_subject').on('deadlines').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('deadlines_open_due').on('deadlines').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('deadlines_owner_due').on('deadlines').columns(['owner_unit_id', 'status', 'due_date']).execute();

  // Clock stops: days after `from_date` up to and including `to_date` are not counted; an open
  // pause (to_date null) stops the clock until it is resumed.
  await db.schema
    .createTable('deadline_pauses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deadline_id', 'text', (c) => c.notNull().references('deadlines.id'))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(inList('reason', ['supplement', 'suspension', 'testing', 'expert_review', 'hearing'])),
    )
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deadline_pauses_deadline').on('deadline_pauses').column('deadline_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deadline_pauses').execute();
  await db.schema.dropTable('deadlines').execute();
  await db.schema.dropTable('calendar_revisions').execute();
}
