import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  SqliteAdapter,
  SqliteDialect,
} from "kysely";
import pg from "pg";
import { isPostgres } from "./dialect.js";
import { migrations } from "./migrations/index.js";
import type { Database } from "./schema.js";
import { InlineLimitsPlugin } from "./inline-limits.js";
import { withStatementCache } from "./sqlite-statement-cache.js";
import { startWalCheckpointer } from "./wal-checkpointer.js";
import type { Logger } from "../logger.js";

export type Db = Kysely<Database>;

/** Connections the server keeps open to PostgreSQL at most. */
const POSTGRES_POOL_SIZE = 10;

export interface OpenOptions {
  /**
   * Runs the WAL checkpoints of a SQLite file on a worker thread instead
   * of inside a COMMIT (see wal-checkpointer.ts), and logs their errors
   * here. A server sets it; a short-lived script has no need to.
   */
  checkpointLogger?: Logger;
}

/**
 * Opens the database named by DATABASE_URL. A `postgres://` or
 * `postgresql://` URL opens PostgreSQL; a plain path (or `file:` URL) is a
 * SQLite file, and `:memory:` is a private in-memory database for tests.
 */
export function openDatabase(
  databaseUrl: string,
  options: OpenOptions = {},
): Db {
  if (isPostgresUrl(databaseUrl)) return openPostgres(databaseUrl);

  const path = databaseUrl.replace(/^file:/, "");
  if (path !== ":memory:") createPrivateFile(path);

  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // A writer waits for another connection's lock instead of failing at once.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");

  const database = withStatementCache(sqlite);
  const logger = options.checkpointLogger;
  if (logger && path !== ":memory:") {
    const checkpointer = startWalCheckpointer(sqlite, (message) =>
      logger.warn({ error: message }, "WAL checkpoint failed"),
    );
    const close = database.close.bind(database);
    database.close = () => {
      checkpointer.stop();
      close();
    };
  }

  return new Kysely<Database>({
    dialect: new TransactionalDdlSqliteDialect({ database }),
    plugins: [new InlineLimitsPlugin()],
  });
}

/*
 * SQLite runs DDL in transactions, but Kysely's SqliteAdapter reports that
 * it does not, so Kysely's migrator would apply each statement on its own
 * and record the migration afterwards. A process stopped during a long
 * migration then left its tables half built and the migration unrecorded,
 * and the next start failed on a table that already existed. With this
 * adapter the migrator runs all pending migrations, and their records, in
 * one transaction, as it does on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/**
 * Opens a pool of PostgreSQL connections. The URL may set connection
 * parameters, such as `?options=-c%20search_path%3Dinbox` for a schema.
 */
function openPostgres(connectionString: string): Db {
  const pool = new pg.Pool({
    connectionString,
    max: POSTGRES_POOL_SIZE,
    types: { getTypeParser: parseInt8AsNumber },
  });
  // A connection that fails while idle leaves the pool, and the next query
  // opens a new one. Without a listener, the error would end the process.
  pool.on("error", () => undefined);

  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Parses bigint (int8) values, such as count() results and identity ids,
 * as numbers, like SQLite returns them. Values above 2^53 would lose
 * precision, which no count or id in this schema reaches.
 */
const parseInt8AsNumber = ((oid: number, format?: "text" | "binary") =>
  oid === pg.types.builtins.INT8 && format !== "binary"
    ? (value: string) => Number(value)
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

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
    // Kysely looks for its migration tables in every schema unless it is
    // given one, so name the schema that the connection's search_path uses.
    migrationTableSchema: isPostgres(db) ? await currentSchema(db) : undefined,
  });
  for (let attempt = 1; ; attempt += 1) {
    const { error } = await migrator.migrateToLatest();
    if (!error) return;

    // Kysely's migrator lists the tables of every schema on the server, and
    // that catalog query fails with 3F000 (invalid_schema_name) when another
    // client drops a schema meanwhile. The failed run is rolled back, so it
    // is safe to run it again.
    if (!isSchemaDroppedMeanwhile(error) || attempt >= MIGRATE_ATTEMPTS) {
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

const MIGRATE_ATTEMPTS = 5;

function isSchemaDroppedMeanwhile(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === "3F000"
  );
}

async function currentSchema(db: Db): Promise<string> {
  const { rows } = await sql<{
    schema: string | null;
  }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new Error(
      "The PostgreSQL search_path names no existing schema. Create the schema, or fix search_path in DATABASE_URL.",
    );
  }

  return schema;
}
