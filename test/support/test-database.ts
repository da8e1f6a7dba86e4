import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  isPostgresUrl,
  migrateToLatest,
  openDatabase,
  type Db,
} from "../../src/server/db/database.js";

/** A database for one test world, and how to remove it afterwards. */
export interface TestDatabaseUrl {
  url: string;
  /** Drops the PostgreSQL schema. Call it after every pool on it has closed. */
  drop(): Promise<void>;
}

export interface TestDatabase {
  db: Db;
  url: string;
  /** Closes the pool and drops the PostgreSQL schema. */
  close(): Promise<void>;
}

/**
 * Returns the PostgreSQL server that tests run on, from TEST_DATABASE_URL,
 * or null when tests run on SQLite.
 */
export function testPostgresUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL;

  return url && isPostgresUrl(url) ? url : null;
}

/**
 * Creates an empty database for one test world. On PostgreSQL that is a
 * fresh schema named sms_test_<random>, and the returned URL sets it as
 * the search_path, so test files can run in parallel on one server. On
 * SQLite it returns `sqliteUrl` as it is.
 */
export async function createTestDatabaseUrl(
  sqliteUrl: string,
): Promise<TestDatabaseUrl> {
  const server = testPostgresUrl();
  if (!server) return { url: sqliteUrl, drop: async () => undefined };

  const schema = `sms_test_${randomBytes(8).toString("hex")}`;
  await runOnServer(server, `CREATE SCHEMA ${schema}`);

  return {
    url: withSearchPath(server, schema),
    drop: () => runOnServer(server, `DROP SCHEMA ${schema} CASCADE`),
  };
}

/**
 * Opens and migrates a database for one test world. Without `sharedUrl`
 * it is a fresh one (see createTestDatabaseUrl), which close() removes.
 * With `sharedUrl` it opens that database, which close() leaves in place.
 */
export async function openTestDatabase(
  sharedUrl?: string,
): Promise<TestDatabase> {
  const created = sharedUrl
    ? { url: sharedUrl, drop: async () => undefined }
    : await createTestDatabaseUrl(":memory:");
  const db = openDatabase(created.url);
  await migrateToLatest(db);

  return {
    db,
    url: created.url,
    close: async () => {
      await db.destroy();
      await created.drop();
    },
  };
}

/** Adds `options=-c search_path=<schema>` to a PostgreSQL URL. */
function withSearchPath(serverUrl: string, schema: string): string {
  const url = new URL(serverUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);

  return url.toString();
}

async function runOnServer(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
