import type { Kysely } from 'kysely';

// Frozen in time once landed. Issue 6 (supervision and enforcement): filled in by its procedure.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
