import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrations } from "./migrations/index.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

/**
 * Opens the database named by DATABASE_URL. A plain path (or `file:` URL) is
 * a SQLite file; `:memory:` is a private in-memory database for tests.
 */
export function openDatabase(databaseUrl: string): Db {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      "DATABASE_URL names PostgreSQL, which this build does not support yet. Use a SQLite file path.",
    );
  }

  const path = databaseUrl.replace(/^file:/, "");
  if (path !== ":memory:") createPrivateFile(path);

  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // A writer waits for another connection's lock instead of failing at once.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");

  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
  });
}

/**
 * Creates the database file, and any missing folders above it, readable by
 * this user only: folders 0700, the file 0600. SQLite gives its -wal and
 * -shm files the database file's mode. An existing file or folder keeps
 * the mode it has.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Flag "a" creates the file with `mode` but leaves an existing one intact.
  closeSync(openSync(path, "a", 0o600));
}

/** Applies every pending migration; throws if one fails. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
