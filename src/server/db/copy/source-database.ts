import { existsSync } from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, sql, SqliteDialect } from "kysely";
import type { Db } from "../database.js";
import { migrations } from "../migrations/index.js";
import type { Database } from "../schema.js";
import { DatabaseCopyError } from "./copy-error.js";

/**
 * Opens a SQLite database file read-only, so the copy can never change it.
 * Throws when the file does not exist.
 */
export function openSourceDatabase(path: string): Db {
  if (!existsSync(path)) {
    throw new DatabaseCopyError(
      `The SQLite database ${path} was not found. Pass the path of the existing database file with --from.`,
    );
  }

  const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });

  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
  });
}

/**
 * Throws unless the source has applied exactly the migrations this version
 * of the app has, because only then do its tables match the target's.
 */
export async function assertSourceMigrated(source: Db): Promise<void> {
  const applied = await readAppliedMigrations(source);
  const known = Object.keys(migrations);
  const missing = known.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !known.includes(name));

  if (unknown.length > 0) {
    throw new DatabaseCopyError(
      `The SQLite database has migrations this version does not know (${unknown.join(", ")}). Run the copy with the app version that last used the database.`,
    );
  }

  if (missing.length > 0) {
    throw new DatabaseCopyError(
      `The SQLite database lacks migrations ${missing.join(", ")}. Run \`DATABASE_URL=<the file> npm run db:migrate\` on it first; the copy opens it read-only.`,
    );
  }
}

async function readAppliedMigrations(source: Db): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT name FROM sqlite_master
    WHERE type = 'table' AND name = 'kysely_migration'
  `.execute(source);
  if (tables.length === 0) {
    throw new DatabaseCopyError(
      "The SQLite file has no kysely_migration table, so it is not an sms-inbox database. Check the --from path.",
    );
  }

  const { rows } = await sql<{
    name: string;
  }>`SELECT name FROM kysely_migration ORDER BY name`.execute(source);

  return rows.map((row) => row.name);
}

/**
 * Returns the highest inbox_events id SQLite has handed out, which is
 * above max(id) when the newest events were pruned. AUTOINCREMENT keeps it
 * in sqlite_sequence so that no id is used twice.
 */
export async function readSqliteEventSequence(source: Db): Promise<number> {
  const { rows } = await sql<{ seq: number | null }>`
    SELECT max(seq) AS seq FROM sqlite_sequence WHERE name = 'inbox_events'
  `.execute(source);

  return Number(rows[0]?.seq ?? 0);
}
