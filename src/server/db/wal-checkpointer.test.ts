import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, expect, test } from "vitest";
import { createLogger } from "../logger.js";
import { openDatabase, type Db } from "./database.js";
import {
  CHECKPOINT_INTERVAL_MS,
  FALLBACK_AUTOCHECKPOINT_PAGES,
} from "./wal-checkpointer.js";

const folders: string[] = [];
const databases: Db[] = [];

afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.destroy()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true });
});

function openFile(): { db: Db; path: string } {
  const folder = mkdtempSync(join(tmpdir(), "sms-inbox-wal-"));
  folders.push(folder);
  const path = join(folder, "inbox.sqlite");
  const db = openDatabase(path, { checkpointLogger: createLogger("silent") });
  databases.push(db);

  return { db, path };
}

/** Writes about `pages` pages of rows, one transaction per page. */
async function writePages(db: Db, pages: number): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS filler (body TEXT)`.execute(db);
  for (let page = 0; page < pages; page += 1) {
    await sql`INSERT INTO filler VALUES (${"x".repeat(3_500)})`.execute(db);
  }
}

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20 * CHECKPOINT_INTERVAL_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("The condition never held.");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("the server's connection checkpoints only at the fallback log size", async () => {
  const { db } = openFile();

  const { rows } = await sql<{
    wal_autocheckpoint: number;
  }>`PRAGMA wal_autocheckpoint`.execute(db);

  expect(rows[0]?.wal_autocheckpoint).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
});

test("the worker copies committed pages into the database file", async () => {
  const { db, path } = openFile();
  await writePages(db, 1);
  await waitFor(() => statSync(path).size > 0);
  const before = statSync(path).size;

  // Far fewer pages than the fallback, so only the worker checkpoints them.
  await writePages(db, 200);

  await waitFor(() => statSync(path).size >= before + 200 * 3_500);
});

test("closing leaves no log file behind", async () => {
  const { db, path } = openFile();
  await writePages(db, 20);
  // The worker has its connection open once it has checkpointed.
  await waitFor(() => statSync(path).size >= 20 * 3_500);

  await db.destroy();
  databases.splice(databases.indexOf(db), 1);

  expect(existsSync(`${path}-wal`)).toBe(false);
});

test("a database in memory gets no worker and keeps SQLite's default", async () => {
  const db = openDatabase(":memory:", {
    checkpointLogger: createLogger("silent"),
  });
  databases.push(db);

  const { rows } = await sql<{
    wal_autocheckpoint: number;
  }>`PRAGMA wal_autocheckpoint`.execute(db);

  expect(rows[0]?.wal_autocheckpoint).toBe(1_000);
});
