import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openDatabase } from "../../src/server/db/database.js";

const execFileAsync = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sms-inbox-data-dir-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a script from scripts/ with DATA_DIR set and DATABASE_URL unset. */
async function runWithDataDir(script: string, args: string[] = []) {
  return execFileAsync(TSX, [join("scripts", script), ...args], {
    cwd: ROOT,
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? "",
      DATA_DIR: join(dir, "nested"),
      LOG_LEVEL: "warn",
      SETUP_PASSWORD: "cli password 123",
    },
  });
}

describe("DATA_DIR without DATABASE_URL", () => {
  test("db:migrate creates the database in DATA_DIR", async () => {
    const { stdout } = await runWithDataDir("migrate.ts");

    const file = join(dir, "nested", "sms-inbox.sqlite");
    expect(stdout).toContain(file);
    expect(existsSync(file)).toBe(true);
  });

  test("setup writes the company to DATA_DIR", async () => {
    await runWithDataDir("setup.ts", [
      "--company",
      "Acme",
      "--name",
      "Ada",
      "--email",
      "ada@example.com",
    ]);

    const db = openDatabase(join(dir, "nested", "sms-inbox.sqlite"));
    try {
      const companies = await db
        .selectFrom("companies")
        .select("name")
        .execute();
      expect(companies).toEqual([{ name: "Acme" }]);
    } finally {
      await db.destroy();
    }
    expect(existsSync(join(dir, "nested", "encryption.key"))).toBe(true);
  });
});
