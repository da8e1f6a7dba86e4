import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../src/server/db/database.js";
import { copyDatabase } from "../../src/server/db/copy/copy-database.js";
import { DatabaseCopyError } from "../../src/server/db/copy/copy-error.js";
import { COPY_TABLE_ORDER } from "../../src/server/db/copy/copy-tables.js";
import { checksumMessages } from "../../src/server/db/copy/messages-checksum.js";
import {
  countRows,
  CopyVerificationError,
} from "../../src/server/db/copy/copy-verification.js";
import { API } from "../inbox/inbox-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import type { TestDatabaseUrl } from "../support/test-database.js";
import {
  buildSourceDatabase,
  clearTarget,
  createPostgresSchema,
  findPostgresServer,
  type SourceWorld,
} from "./copy-fixture.js";

const server = await findPostgresServer();
const suiteName = server
  ? "copy to postgres"
  : "copy to postgres (skipped: no PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432)";

describe.skipIf(!server)(suiteName, () => {
  let source: SourceWorld;
  let target: TestDatabaseUrl;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    source = await buildSourceDatabase();
    target = await createPostgresSchema(server ?? "");
  });

  afterAll(async () => {
    await target.drop();
    await source.remove();
  });

  afterEach(async () => {
    for (const resource of opened.splice(0).reverse()) await resource.close();
    await clearTarget(target.url);
  });

  /** Opens a database that closes after the test, before schemas drop. */
  function open(url: string): Db {
    const db = openDatabase(url);
    opened.push({ close: () => db.destroy() });

    return db;
  }

  function openSource(path = source.path): Db {
    return open(path);
  }

  async function readAll(db: Db, table: string): Promise<string[]> {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT * FROM ${sql.table(table)}
    `.execute(db);

    return rows
      .map((row) => JSON.stringify(row, Object.keys(row).sort()))
      .sort();
  }

  it("copies every row exactly", async () => {
    const report = await copyDatabase({
      from: source.path,
      to: target.url,
      batchSize: 2,
    });

    const sqlite = openSource();
    const postgres = open(target.url);
    for (const table of COPY_TABLE_ORDER) {
      const count = report.counts.find((entry) => entry.table === table);
      expect(count?.source, table).toBeGreaterThan(0);
      expect(count?.target, table).toBe(count?.source);
      expect(await readAll(postgres, table), table).toEqual(
        await readAll(sqlite, table),
      );
    }
    expect(report.targetChecksum).toBe(report.sourceChecksum);
    expect(report.sourceChecksum).toBe(await checksumMessages(sqlite));
  });

  it("keeps bodies with emoji", async () => {
    await copyDatabase({ from: source.path, to: target.url });

    const bodies = await open(target.url)
      .selectFrom("messages")
      .select("body")
      .execute();
    const texts = bodies.map((row) => row.body);
    expect(texts).toContain("Hi, is my 10am kayak tour still on? 🌊");
    expect(texts).toContain("Nullbyte and ünïcödé");
    expect(texts).toContain("Yes! See you at the dock 👋");
  });

  it("continues event ids after the copy", async () => {
    const pruned = await buildSourceDatabase();
    opened.push({ close: pruned.remove });
    // Deleting the newest event leaves sqlite_sequence above max(id), as
    // pruning can; the next id must still be a new one.
    const file = new SQLite(pruned.path);
    const { maxId } = file
      .prepare<[], { maxId: number }>(
        "SELECT max(id) AS maxId FROM inbox_events",
      )
      .get() ?? { maxId: 0 };
    file.prepare("DELETE FROM inbox_events WHERE id = ?").run(maxId);
    file.close();

    await copyDatabase({ from: pruned.path, to: target.url });

    const postgres = open(target.url);
    const copied = await postgres
      .selectFrom("inbox_events")
      .select("id")
      .orderBy("id")
      .execute();
    const original = await openSource(pruned.path)
      .selectFrom("inbox_events")
      .select("id")
      .orderBy("id")
      .execute();
    expect(copied).toEqual(original);
    const next = await postgres
      .insertInto("inbox_events")
      .values({
        company_id: pruned.inbox.company.id,
        type: "conversation.read",
        conversation_id: pruned.conversationId,
        message_id: null,
        staff_id: null,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(next.id).toBe(maxId + 1);
  });

  it("serves identical conversation pages", async () => {
    await copyDatabase({ from: source.path, to: target.url });
    const env = { ENCRYPTION_KEY: source.encryptionKey, DATA_DIR: source.dir };
    const apps: TestApp[] = [
      await buildTestApp({ ...env, DATABASE_URL: source.path }),
      await buildTestApp({ ...env, DATABASE_URL: target.url }),
    ];
    for (const app of apps) opened.push(app);

    const paths = [
      "/inbox",
      "/conversations",
      `/conversations/${source.conversationId}`,
      `/conversations/${source.conversationId}/messages`,
    ];
    for (const path of paths) {
      const [fromSqlite, fromPostgres] = await Promise.all(
        apps.map((test) =>
          test.app.inject({
            method: "GET",
            url: `${API}${path}`,
            headers: { cookie: source.owner.cookie },
          }),
        ),
      );
      expect(fromSqlite?.statusCode, path).toBe(200);
      expect(fromPostgres?.statusCode, path).toBe(200);
      expect(fromPostgres?.json(), path).toEqual(fromSqlite?.json());
    }
  });

  it("rejects a non-empty target", async () => {
    await copyDatabase({ from: source.path, to: target.url });
    const postgres = open(target.url);
    const before = await countAll(postgres);
    const checksum = await checksumMessages(postgres);
    const other = await buildSourceDatabase();
    opened.push({ close: other.remove });

    const copy = copyDatabase({ from: other.path, to: target.url });

    await expect(copy).rejects.toThrow(DatabaseCopyError);
    await expect(copy).rejects.toThrow(/^The target database is not empty/);
    expect(await countAll(postgres)).toEqual(before);
    expect(await checksumMessages(postgres)).toBe(checksum);
  });

  it("rolls back on a mismatch", async () => {
    const copy = copyDatabase({
      from: source.path,
      to: target.url,
      onBatch: async (trx, batch) => {
        if (batch.table !== "messages") return;

        await sql`UPDATE messages SET body = body || '!'
          WHERE id = ${String(batch.rows[0]?.id)}`.execute(trx);
      },
    });

    const error = await copy.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CopyVerificationError);
    const report = (error as CopyVerificationError).report;
    expect(report.targetChecksum).not.toBe(report.sourceChecksum);
    const postgres = open(target.url);
    for (const table of COPY_TABLE_ORDER) {
      expect(await countRows(postgres, table), table).toBe(0);
    }
  });

  it("rejects text with a NUL", async () => {
    const broken = await buildSourceDatabase();
    opened.push({ close: broken.remove });
    const file = new SQLite(broken.path);
    file.prepare("UPDATE customers SET name = ?").run("Bad\u0000Name");
    file.close();

    const copy = copyDatabase({ from: broken.path, to: target.url });

    await expect(copy).rejects.toThrow(/customers has a NUL character in name/);
    const postgres = open(target.url);
    expect(await countRows(postgres, "companies")).toBe(0);
  });

  it("rejects an unmigrated source", async () => {
    const stale = await buildSourceDatabase();
    opened.push({ close: stale.remove });
    const file = new SQLite(stale.path);
    file
      .prepare("DELETE FROM kysely_migration WHERE name = ?")
      .run("20261204_0005_inbox_events");
    file.close();

    const copy = copyDatabase({ from: stale.path, to: target.url });

    await expect(copy).rejects.toThrow(/lacks migrations 20261204_0005/);
  });

  it("leaves the source file unchanged", async () => {
    const sqlite = openSource();
    const before = await countAll(sqlite);
    const checksum = await checksumMessages(sqlite);

    await copyDatabase({ from: source.path, to: target.url });

    expect(await countAll(sqlite)).toEqual(before);
    expect(await checksumMessages(sqlite)).toBe(checksum);
  });
});

async function countAll(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COPY_TABLE_ORDER) {
    counts[table] = await countRows(db, table);
  }

  return counts;
}
