import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Rows whose division code lies in a jurisdiction (prefix "4401" → Guangzhou). Written as a range
 * rather than `LIKE 'prefix%'`, because SQLite's LIKE is case-insensitive and so cannot use the
 * index; digits sort below ':' in both databases.
 */
export function inDivision(column: string, prefix: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} >= ${prefix} and ${sql.ref(column)} < ${`${prefix}:`})`;
}
