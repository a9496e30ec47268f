import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../context.js';
import type { SessionsTable } from '../db/schema.js';

export async function insertSession(db: DbOrTrx, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSessionWithUser(db: DbOrTrx, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.role',
      'users.status',
      'users.police_unit_id',
      'users.company_id',
      'users.unit_id',
      'users.institution_id',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: DbOrTrx, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function findApiTokenWithUser(db: DbOrTrx, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.revoked_at',
      'users.id as user_id',
      'users.role',
      'users.status',
      'users.police_unit_id',
      'users.company_id',
      'users.unit_id',
      'users.institution_id',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
