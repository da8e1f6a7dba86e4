import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql, type Kysely, type Migration } from "kysely";
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

describe("SQLite migrations", () => {
  /** Tables of the test database, without SQLite's and Kysely's own. */
  async function tableNames(db: Db): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master
      WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
        AND name NOT LIKE 'kysely_%'
      ORDER BY name`.execute(db);

    return rows.map((row) => row.name);
  }

  function migrator(db: Db, migrations: Record<string, Migration>) {
    return new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
    });
  }

  const createFirst: Migration = {
    up: async (db: Kysely<unknown>) => {
      await sql`CREATE TABLE first_table (x integer)`.execute(db);
    },
  };

  test("a failing migration leaves none of the run applied", async () => {
    const db = open(join(tempFolder(), "inbox.sqlite"));

    const { error } = await migrator(db, {
      "0001_first": createFirst,
      "0002_second": {
        up: async (db: Kysely<unknown>) => {
          await sql`CREATE TABLE second_table (x integer)`.execute(db);
          throw new Error("stopped half way");
        },
      },
    }).migrateToLatest();

    expect(error).toBeInstanceOf(Error);
    expect(await tableNames(db)).toEqual([]);
    const { rows } = await sql<{
      count: number;
    }>`SELECT count(*) AS count FROM kysely_migration`.execute(db);
    expect(rows[0]?.count).toBe(0);
  });

  test("a migration stopped half way runs again in full", async () => {
    const db = open(join(tempFolder(), "inbox.sqlite"));
    await migrator(db, {
      "0001_first": {
        up: async (db: Kysely<unknown>) => {
          await sql`CREATE TABLE first_table (x integer)`.execute(db);
          throw new Error("stopped half way");
        },
      },
    }).migrateToLatest();

    const { error } = await migrator(db, {
      "0001_first": createFirst,
    }).migrateToLatest();

    expect(error).toBeUndefined();
    expect(await tableNames(db)).toEqual(["first_table"]);
  });
});
