import { randomBytes } from "node:crypto";
import pg from "pg";
import { testPostgresUrl } from "../support/test-database.js";

/** The PostgreSQL server that is tried when tests run on SQLite. */
export const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/** A PostgreSQL server for multi-instance tests, or why there is none. */
export type PostgresServer =
  { url: string; skipReason: null } | { url: null; skipReason: string };

/**
 * Returns TEST_DATABASE_URL when it names PostgreSQL. Otherwise it tries
 * LOCAL_POSTGRES_URL and returns the reason to skip when that server does
 * not accept a connection, because several instances cannot share SQLite.
 */
export async function findPostgresServer(): Promise<PostgresServer> {
  const configured = testPostgresUrl();
  if (configured) return { url: configured, skipReason: null };

  try {
    await runOnServer(LOCAL_POSTGRES_URL, "SELECT 1");
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);

    return {
      url: null,
      skipReason: `skipped: needs PostgreSQL; ${LOCAL_POSTGRES_URL} is unreachable (${detail})`,
    };
  }

  return { url: LOCAL_POSTGRES_URL, skipReason: null };
}

/** A fresh schema on a PostgreSQL server, shared by every instance. */
export interface SharedSchema {
  /** The server URL with `options=-c search_path=<schema>`. */
  url: string;
  drop(): Promise<void>;
}

export async function createSharedSchema(
  serverUrl: string,
): Promise<SharedSchema> {
  const schema = `sms_multi_${randomBytes(8).toString("hex")}`;
  await runOnServer(serverUrl, `CREATE SCHEMA ${schema}`);
  const url = new URL(serverUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);

  return {
    url: url.toString(),
    drop: () => runOnServer(serverUrl, `DROP SCHEMA ${schema} CASCADE`),
  };
}

async function runOnServer(serverUrl: string, statement: string) {
  const client = new pg.Client({
    connectionString: serverUrl,
    connectionTimeoutMillis: 2_000,
  });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
