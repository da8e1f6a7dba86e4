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

const BEFORE_COUNTERS = "20261204_0009_webhook_health";

let opened: { db: Db; url: TestDatabaseUrl } | null = null;

afterEach(async () => {
  await opened?.db.destroy();
  await opened?.url.drop();
  opened = null;
});

async function openBeforeCounters(): Promise<Db> {
  const url = await createTestDatabaseUrl(":memory:");
  const db = openDatabase(url.url);
  opened = { db, url };
  const schema = isPostgres(db)
    ? (
        await sql<{
          schema: string;
        }>`SELECT current_schema() AS schema`.execute(db)
      ).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateTo(BEFORE_COUNTERS);
  if (error) throw error;

  return db;
}

/** Inserts rows with raw SQL, as a database from before the counters has them. */
async function insertRow(db: Db, table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    VALUES (${sql.join(Object.values(row))})`.execute(db);
}

describe("counter backfill", () => {
  it("fills counters from stored messages and reads", async () => {
    const db = await openBeforeCounters();
    const at = (minute: number) =>
      new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
    const companyId = newId();
    const roleId = newId();
    const staffId = newId();
    const conversationId = newId();
    await insertRow(db, "companies", {
      id: companyId,
      name: "Backfill Co",
      country: "US",
      webhook_token: newId(),
      created_at: at(0),
    });
    await insertRow(db, "roles", {
      id: roleId,
      company_id: companyId,
      name: "Owner",
      permissions: "[]",
      created_at: at(0),
    });
    await insertRow(db, "staff", {
      id: staffId,
      company_id: companyId,
      role_id: roleId,
      email: `${staffId}@example.com`,
      name: "Reader",
      password_hash: "",
      active: 1,
      created_at: at(0),
    });
    await insertRow(db, "conversations", {
      id: conversationId,
      company_id: companyId,
      customer_number: "+14155550123",
      inbox_number: "+14155550100",
      last_message_at: at(4),
      last_message_preview: "later",
      created_at: at(1),
    });
    for (const [minute, direction] of [
      [1, "inbound"],
      [2, "outbound"],
      [3, "inbound"],
      [4, "inbound"],
    ] as const) {
      await insertRow(db, "messages", {
        id: newId(),
        company_id: companyId,
        conversation_id: conversationId,
        direction,
        twilio_sid: null,
        from_number: "+14155550123",
        to_number: "+14155550100",
        body: "text",
        status: "received",
        num_media: 0,
        created_at: at(minute),
        updated_at: at(minute),
      });
    }
    await insertRow(db, "conversation_reads", {
      conversation_id: conversationId,
      staff_id: staffId,
      last_read_at: at(3),
    });

    await migrateToLatest(db);

    const conversation = await db
      .selectFrom("conversations")
      .select(["inbound_count", "last_inbound_at"])
      .executeTakeFirstOrThrow();
    const read = await db
      .selectFrom("conversation_reads")
      .select("read_inbound_count")
      .executeTakeFirstOrThrow();
    const companyTotal = await db
      .selectFrom("company_inbound_counts")
      .select((eb) => eb.fn.sum<number>("inbound_count").as("total"))
      .executeTakeFirstOrThrow();
    const staffTotal = await db
      .selectFrom("staff_read_counts")
      .select("read_inbound_count")
      .executeTakeFirstOrThrow();

    expect(conversation.inbound_count).toBe(3);
    expect(conversation.last_inbound_at).toBe(at(4));
    expect(read.read_inbound_count).toBe(2);
    expect(Number(companyTotal.total)).toBe(3);
    expect(Number(staffTotal.read_inbound_count)).toBe(2);
  });
});
