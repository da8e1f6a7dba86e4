import type SQLite from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/** Distinct statements kept prepared; IN lists of many lengths stay bounded. */
const MAX_CACHED_STATEMENTS = 500;

/**
 * Wraps a better-sqlite3 connection for Kysely's SqliteDialect so that each
 * SQL text is prepared once and reused. Kysely prepares every query anew,
 * which costs as much as running a short one. Reuse is safe because the
 * dialect runs one query at a time on its single connection.
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();

  return {
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached) {
        // Re-inserting keeps the map in least-recently-used order.
        statements.delete(sql);
        statements.set(sql, cached);

        return cached;
      }

      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > MAX_CACHED_STATEMENTS) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }

      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}
