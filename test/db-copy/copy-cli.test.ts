import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/db/database.js";
import { copyDatabase } from "../../src/server/db/copy/copy-database.js";
import { checksumMessages } from "../../src/server/db/copy/messages-checksum.js";
import { countRows } from "../../src/server/db/copy/copy-verification.js";
import type { TestDatabaseUrl } from "../support/test-database.js";
import {
  buildSourceDatabase,
  clearTarget,
  createPostgresSchema,
  findPostgresServer,
  type SourceWorld,
} from "./copy-fixture.js";

const ROOT = join(import.meta.dirname, "../..");
const server = await findPostgresServer();
const suiteName = server
  ? "copy-to-postgres command"
  : "copy-to-postgres command (skipped: no PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432)";

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/copy-to-postgres.ts with `args` and `env` added. */
function runCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(
      join(ROOT, "node_modules/.bin/tsx"),
      ["scripts/copy-to-postgres.ts", ...args],
      { cwd: ROOT, env: { ...process.env, FROM: "", TO: "", ...env } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!server)(suiteName, () => {
  let source: SourceWorld;
  let target: TestDatabaseUrl;

  beforeAll(async () => {
    source = await buildSourceDatabase();
    target = await createPostgresSchema(server ?? "");
  });

  afterEach(async () => {
    await clearTarget(target.url);
  });

  afterAll(async () => {
    await target.drop();
    await source.remove();
  });

  it("copies and prints checksums", async () => {
    const result = await runCli(["--from", source.path, "--to", target.url]);

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const db = openDatabase(target.url);
    try {
      const checksum = await checksumMessages(db);
      expect(result.stdout).toContain(`SQLite      ${checksum}`);
      expect(result.stdout).toContain(`PostgreSQL  ${checksum}`);
      const messages = await countRows(db, "messages");
      expect(result.stdout).toMatch(
        new RegExp(`messages +${messages} +${messages}\\n`),
      );
    } finally {
      await db.destroy();
    }
    expect(result.stdout).toContain("same ENCRYPTION_KEY");
    expect(result.stdout).not.toContain(target.url);
  });

  it("fails on a non-empty target", async () => {
    await copyDatabase({ from: source.path, to: target.url });

    const result = await runCli([], { FROM: source.path, TO: target.url });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^The target database is not empty/);
  });

  it("fails without --to", async () => {
    const result = await runCli(["--from", source.path]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Missing --to/);
  });
});
