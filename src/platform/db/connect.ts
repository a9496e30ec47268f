import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgresql';

export interface Db {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres://… for PostgreSQL; otherwise SQLite. */
  databaseUrl?: string | null;
  /** SQLite file; `:memory:` for a private in-memory database. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  pgPoolSize?: number;
}

export function connect(opts: ConnectOptions): Db {
  if (opts.databaseUrl) return connectPostgres(opts.databaseUrl, opts.pgSchema, opts.pgPoolSize ?? 10);
  return connectSqlite(opts.sqliteFile ?? ':memory:');
}

export function sqliteFileIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'jifang.db');
}

function connectSqlite(file: string): Db {
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // WAL makes NORMAL durable against application crashes; a power cut may lose the last commits.
  raw.pragma('synchronous = NORMAL');
  cachePreparedStatements(raw);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query afresh; profiling showed that compile step as a
 * large share of a simple request. Statements run to completion synchronously (`all`/`run`), so
 * one prepared statement per SQL text can be reused safely. Bounded, oldest evicted first.
 */
function cachePreparedStatements(raw: SQLite.Database, max = 1000): void {
  const prepare = raw.prepare.bind(raw);
  const cache = new Map<string, SQLite.Statement>();
  raw.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof raw.prepare;
}

function connectPostgres(url: string, schema: string | undefined, max: number): Db {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('invalid schema name');
  // search_path as a startup option applies before the first query on every pooled connection.
  const pool = new pg.Pool({ connectionString: url, max, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgresql', close: () => db.destroy() };
}
