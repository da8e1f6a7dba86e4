import { spawnSync } from "node:child_process";
import pg from "pg";

/**
 * Runs the unit and API suite on PostgreSQL when it is reachable, or only
 * the test files and vitest options given as arguments. Without a server it
 * prints why and exits 0, unless REQUIRE_POSTGRES=1 (CI), which turns an
 * unreachable server into a failure.
 */
const url =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const required = process.env.REQUIRE_POSTGRES === "1";
const where = new URL(url).host;

async function isReachable(): Promise<string | null> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query("select 1");

    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const failure = await isReachable();
if (failure !== null) {
  const message = `PostgreSQL at ${where} is not reachable (${failure}).`;
  if (required) {
    process.stderr.write(
      `${message} REQUIRE_POSTGRES=1, so this fails. Start PostgreSQL or set TEST_DATABASE_URL.\n`,
    );
    process.exit(1);
  }

  process.stdout.write(`${message} Skipping the PostgreSQL run.\n`);
  process.exit(0);
}

process.stdout.write(`Running the suite on PostgreSQL at ${where}.\n`);
const run = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(run.status ?? 1);
