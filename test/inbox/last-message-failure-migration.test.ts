import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import {
  migrateToLatest,
  openDatabase,
  type Db,
} from "../../src/server/db/database.js";
import { isPostgres } from "../../src/server/db/dialect.js";
import { newId } from "../../src/server/db/ids.js";
import { migrations } from "../../src/server/db/migrations/index.js";
import {
  createTestDatabaseUrl,
  type TestDatabaseUrl,
} from "../support/test-database.js";

const BEFORE_FAILURE_COLUMNS = "20261210_0001_inbox_number_names";
const COMPANY_NUMBER = "+14155550100";

let opened: { db: Db; url: TestDatabaseUrl } | null = null;

afterEach(async () => {
  await opened?.db.destroy();
  await opened?.url.drop();
  opened = null;
});

async function migratorOf(db: Db): Promise<Migrator> {
  const schema = isPostgres(db)
    ? (
        await sql<{
          schema: string;
        }>`SELECT current_schema() AS schema`.execute(db)
      ).rows[0]?.schema
    : undefined;

  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
}

async function openBeforeFailureColumns(): Promise<Db> {
  const url = await createTestDatabaseUrl(":memory:");
  const db = openDatabase(url.url);
  opened = { db, url };
  const { error } = await (
    await migratorOf(db)
  ).migrateTo(BEFORE_FAILURE_COLUMNS);
  if (error) throw error;

  return db;
}

/** Inserts a row with raw SQL, as a database from before the columns has it. */
async function insertRow(db: Db, table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    VALUES (${sql.join(Object.values(row))})`.execute(db);
}

function at(minute: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
}

interface StoredText {
  direction: "inbound" | "outbound";
  status: string;
  minute: number;
  /** A new id unless given. */
  id?: string;
}

/** Stores a conversation with `texts` and returns the message ids in order. */
async function insertConversation(
  db: Db,
  companyId: string,
  customerNumber: string,
  texts: StoredText[],
): Promise<{ conversationId: string; messageIds: string[] }> {
  const conversationId = newId();
  const lastMinute = Math.max(...texts.map((text) => text.minute));
  await insertRow(db, "conversations", {
    id: conversationId,
    company_id: companyId,
    customer_number: customerNumber,
    inbox_number: COMPANY_NUMBER,
    last_message_at: at(lastMinute),
    last_message_preview: "text",
    created_at: at(0),
  });
  const messageIds: string[] = [];
  for (const text of texts) {
    const id = text.id ?? newId();
    messageIds.push(id);
    const inbound = text.direction === "inbound";
    await insertRow(db, "messages", {
      id,
      company_id: companyId,
      conversation_id: conversationId,
      direction: text.direction,
      twilio_sid: null,
      from_number: inbound ? customerNumber : COMPANY_NUMBER,
      to_number: inbound ? COMPANY_NUMBER : customerNumber,
      body: "text",
      status: text.status,
      num_media: 0,
      created_at: at(text.minute),
      updated_at: at(text.minute),
    });
  }

  return { conversationId, messageIds };
}

async function failureColumns(db: Db, conversationId: string) {
  return db
    .selectFrom("conversations")
    .select(["last_message_id", "last_message_failed"])
    .where("id", "=", conversationId)
    .executeTakeFirstOrThrow();
}

describe("last message failure backfill", () => {
  it("fills both columns from stored messages", async () => {
    const db = await openBeforeFailureColumns();
    const companyId = newId();
    await insertRow(db, "companies", {
      id: companyId,
      name: "Backfill Co",
      country: "US",
      webhook_token: newId(),
      created_at: at(0),
    });
    const undelivered = await insertConversation(db, companyId, "+1628001", [
      { direction: "inbound", status: "received", minute: 1 },
      { direction: "outbound", status: "undelivered", minute: 2 },
    ]);
    const answered = await insertConversation(db, companyId, "+1628002", [
      { direction: "outbound", status: "failed", minute: 1 },
      { direction: "inbound", status: "received", minute: 2 },
    ]);
    const delivered = await insertConversation(db, companyId, "+1628003", [
      { direction: "outbound", status: "canceled", minute: 1 },
      { direction: "outbound", status: "delivered", minute: 3 },
    ]);
    // Of two texts at the same time, the one with the larger id is last.
    const sameTime = await insertConversation(db, companyId, "+1628004", [
      {
        direction: "inbound",
        status: "received",
        minute: 4,
        id: "01a2477f-ed6e-7000-8000-000000000002",
      },
      {
        direction: "outbound",
        status: "failed",
        minute: 4,
        id: "01a2477f-ed6e-7000-8000-000000000003",
      },
      {
        direction: "inbound",
        status: "received",
        minute: 4,
        id: "01a2477f-ed6e-7000-8000-000000000001",
      },
    ]);

    await migrateToLatest(db);

    expect(await failureColumns(db, undelivered.conversationId)).toEqual({
      last_message_id: undelivered.messageIds[1],
      last_message_failed: 1,
    });
    expect(await failureColumns(db, answered.conversationId)).toEqual({
      last_message_id: answered.messageIds[1],
      last_message_failed: 0,
    });
    expect(await failureColumns(db, delivered.conversationId)).toEqual({
      last_message_id: delivered.messageIds[1],
      last_message_failed: 0,
    });
    expect(await failureColumns(db, sameTime.conversationId)).toEqual({
      last_message_id: sameTime.messageIds[1],
      last_message_failed: 1,
    });
  });

  it("migrates down and up again", async () => {
    const db = await openBeforeFailureColumns();
    const migrator = await migratorOf(db);
    await migrateToLatest(db);

    const down = await migrator.migrateTo(BEFORE_FAILURE_COLUMNS);
    const up = await migrator.migrateToLatest();

    expect(down.error).toBeUndefined();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((result) => result.migrationName)).toContain(
      "20261211_0001_last_message_failure",
    );
  });
});
