import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, test } from "vitest";
import { createLogger } from "../logger.js";
import { KEY_FILE_NAME, loadEncryptionKey } from "../crypto/encryption-key.js";
import { openDatabase, type Db } from "./database.js";

const folders: string[] = [];
const databases: Db[] = [];

afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.destroy()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "sms-inbox-db-"));
  folders.push(folder);

  return folder;
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

function open(path: string): Db {
  const db = openDatabase(path);
  databases.push(db);

  return db;
}

describe("database file permissions", () => {
  test("new file and folders are private", async () => {
    const root = tempFolder();
    const path = join(root, "data", "nested", "inbox.sqlite");

    const db = open(path);
    await sql`create table t (x integer)`.execute(db);
    await sql`insert into t values (1)`.execute(db);

    expect(modeOf(join(root, "data"))).toBe(0o700);
    expect(modeOf(join(root, "data", "nested"))).toBe(0o700);
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(`${path}-wal`)).toBe(0o600);
  });

  test("existing file keeps its mode", () => {
    const path = join(tempFolder(), "inbox.sqlite");
    writeFileSync(path, "", { mode: 0o640 });

    open(path);

    expect(modeOf(path)).toBe(0o640);
  });

  test("reopening keeps the data", async () => {
    const path = join(tempFolder(), "inbox.sqlite");
    const first = openDatabase(path);
    await sql`create table t (x integer)`.execute(first);
    await sql`insert into t values (7)`.execute(first);
    await first.destroy();

    const rows = await sql<{ x: number }>`select x from t`.execute(open(path));

    expect(rows.rows).toEqual([{ x: 7 }]);
  });

  test("key file folder is private", () => {
    const dataDir = join(tempFolder(), "data");

    loadEncryptionKey(undefined, dataDir, createLogger("silent"));

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, KEY_FILE_NAME))).toBe(0o600);
  });
});
