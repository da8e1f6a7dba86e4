import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { migrations } from "../db/migrations/index.js";

/** How long the database may take to respond before it counts as down, in ms. */
const DATABASE_TIMEOUT_MS = 2_000;

export type ReadinessCheck = "shutdown" | "database" | "migrations";

export type Readiness =
  | { ready: true }
  | { ready: false; check: ReadinessCheck; message: string; cause?: unknown };

/** The table where Kysely's Migrator records each applied migration. */
type MigrationTables = {
  kysely_migration: { name: string };
};

/**
 * Checks that the database responds to a trivial query within 2 seconds and
 * that the applied migrations are exactly the ones this build ships.
 */
export async function checkReadiness(db: Db): Promise<Readiness> {
  try {
    await withTimeout(sql`select 1`.execute(db), DATABASE_TIMEOUT_MS);
  } catch (error) {
    return {
      ready: false,
      check: "database",
      message:
        "The database did not respond to a test query. Check that it is running and that DATABASE_URL points at it.",
      cause: error,
    };
  }

  return checkMigrations(db);
}

async function checkMigrations(db: Db): Promise<Readiness> {
  let applied: string[];
  try {
    const rows = await db
      .withTables<MigrationTables>()
      .selectFrom("kysely_migration")
      .select("name")
      .execute();
    applied = rows.map((row) => row.name);
  } catch (error) {
    return {
      ready: false,
      check: "migrations",
      message:
        "The migration table could not be read. Run `npm run db:migrate`, or restart the server, which migrates at start.",
      cause: error,
    };
  }

  const pending = Object.keys(migrations).filter(
    (name) => !applied.includes(name),
  );
  if (pending.length > 0) {
    return {
      ready: false,
      check: "migrations",
      message: `Migrations not applied: ${pending.join(", ")}. Run \`npm run db:migrate\`, or restart the server, which migrates at start.`,
    };
  }

  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    return {
      ready: false,
      check: "migrations",
      message: `The database has migrations this build does not know: ${unknown.join(", ")}. Deploy the build that applied them, or a newer one.`,
    };
  }

  return { ready: true };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`The database did not respond within ${ms} ms.`));
    }, ms);
  });

  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
