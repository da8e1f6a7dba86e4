import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type BenchTarget = "sqlite" | "pg";

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/** A database that one benchmark run creates and removes. */
export interface BenchDatabase {
  target: BenchTarget;
  /** DATABASE_URL for the server and for openDatabase. */
  url: string;
  /** A folder for DATA_DIR and other files of the run. */
  dir: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database: a SQLite file in a new temporary folder, or a
 * fresh schema on the PostgreSQL server at `postgresUrl`, selected through
 * the URL's search_path.
 */
export async function createBenchDatabase(
  target: BenchTarget,
  postgresUrl: string,
): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "sms-inbox-bench-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (target === "sqlite") {
    return {
      target,
      url: join(dir, "inbox.sqlite"),
      dir,
      drop: async () => removeDir(),
    };
  }

  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await runOnServer(postgresUrl, `CREATE SCHEMA ${schema}`);
  const url = new URL(postgresUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);

  return {
    target,
    url: url.toString(),
    dir,
    drop: async () => {
      await runOnServer(postgresUrl, `DROP SCHEMA ${schema} CASCADE`);
      removeDir();
    },
  };
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
