import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { verifyPassword } from "../../src/server/auth/passwords.js";
import { openDatabase } from "../../src/server/db/database.js";
import {
  createTestDatabaseUrl,
  type TestDatabaseUrl,
} from "../support/test-database.js";

const execFileAsync = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const PASSWORD = "cli password 123";

let dir: string;
let database: TestDatabaseUrl;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "sms-inbox-setup-"));
  database = await createTestDatabaseUrl(join(dir, "inbox.sqlite"));
});

afterEach(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function runSetup(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(
      TSX,
      ["scripts/setup.ts", ...args],
      {
        cwd: ROOT,
        timeout: 30_000,
        env: {
          PATH: process.env.PATH ?? "",
          DATABASE_URL: database.url,
          DATA_DIR: dir,
          LOG_LEVEL: "warn",
          ...env,
        },
      },
    );

    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };

    return {
      code: failed.code ?? -1,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? "",
    };
  }
}

const ownerArgs = [
  "--company",
  "Acme Tours",
  "--country",
  "gb",
  "--name",
  "Ada Owner",
  "--email",
  "Ada@Example.com",
];

async function readCreated() {
  const db = openDatabase(database.url);
  try {
    const companies = await db.selectFrom("companies").selectAll().execute();
    const staff = await db.selectFrom("staff").selectAll().execute();
    const roles = await db
      .selectFrom("roles")
      .select("name")
      .orderBy("name")
      .execute();

    return { companies, staff, roles };
  } finally {
    await db.destroy();
  }
}

describe("npm run setup", { timeout: 60_000 }, () => {
  test("creates company and owner", async () => {
    const result = await runSetup([...ownerArgs, "--password", PASSWORD]);

    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created company "Acme Tours" (GB)');
    expect(result.stdout).toContain("Ada Owner <ada@example.com>");
    expect(result.stdout).not.toContain(PASSWORD);

    const { companies, staff, roles } = await readCreated();
    expect(companies.map((c) => [c.name, c.country])).toEqual([
      ["Acme Tours", "GB"],
    ]);
    expect(roles.map((role) => role.name)).toEqual(["Owner", "Staff"]);
    expect(staff[0]?.email).toBe("ada@example.com");
    expect(await verifyPassword(PASSWORD, staff[0]?.password_hash ?? "")).toBe(
      true,
    );
  });

  test("reads password from environment", async () => {
    const result = await runSetup(ownerArgs, { SETUP_PASSWORD: PASSWORD });

    expect(result.code).toBe(0);
    const { staff } = await readCreated();
    expect(await verifyPassword(PASSWORD, staff[0]?.password_hash ?? "")).toBe(
      true,
    );
  });

  test("second run exits non-zero", async () => {
    await runSetup([...ownerArgs, "--password", PASSWORD]);

    const again = await runSetup([
      ...ownerArgs.slice(0, -1),
      "other@example.com",
      "--password",
      PASSWORD,
    ]);

    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has a company");
    expect((await readCreated()).companies).toHaveLength(1);
  });

  test("bad input names the flags", async () => {
    const result = await runSetup([
      "--company",
      "Acme",
      "--country",
      "XX",
      "--name",
      "Ada",
      "--email",
      "not-an-email",
      "--password",
      "short",
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--country: Use a two-letter");
    expect(result.stderr).toContain("--email: Enter a valid email");
    expect(result.stderr).toContain("--password (or SETUP_PASSWORD):");
    expect(result.stderr).not.toContain("short");
    expect(result.stdout).toBe("");
  });

  test("unknown flag prints usage", async () => {
    const result = await runSetup(["--colour", "blue"]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Unknown option '--colour'");
    expect(result.stderr).toContain("Usage:");
  });
});
