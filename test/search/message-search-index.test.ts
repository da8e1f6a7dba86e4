import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isPostgres } from "../../src/server/db/dialect.js";
import { addMissingSearchEntries } from "../../src/server/plugins/sms-inbox/search/message-search-index.js";
import { storeInboundMessage } from "../../src/server/plugins/sms-inbox/webhook/inbound-store.js";
import type { InboundMessage } from "../../src/server/plugins/sms-inbox/webhook/webhook-request.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import { testPostgresUrl } from "../support/test-database.js";
import {
  buildInboxCompany,
  randomSid,
  type InboxCompany,
} from "../webhook/webhook-fixture.js";

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  await testApp.close();
});

const onSqlite = testPostgresUrl() === null;

function text(index: number, body: string): InboundMessage {
  return {
    messageSid: randomSid("SM"),
    accountSid: randomSid("AC"),
    from: `+1415555${String(3000 + (index % 5)).padStart(4, "0")}`,
    to: "+14155550100",
    messagingServiceSid: null,
    body,
    media: [],
    optOutType: null,
  };
}

function store(inbox: InboxCompany, message: InboundMessage) {
  return storeInboundMessage(
    testApp.ctx.db,
    { id: inbox.company.id, country: "US" },
    message,
  );
}

/**
 * Returns each message's search entries as "message id: body": its key,
 * and the entry under that key in the FTS5 table, which stores no text.
 */
async function searchEntries(): Promise<string[]> {
  const { rows } = await sql<{ message_id: string; body: string }>`
    SELECT m.id AS message_id, m.body
    FROM message_search_keys AS k
    JOIN messages AS m ON m.id = k.message_id
    JOIN message_body_search AS ms ON ms.rowid = k.key
    ORDER BY m.body
  `.execute(testApp.ctx.db);

  return rows.map((row) => `${row.message_id}: ${row.body}`);
}

/** Returns the ids of the messages whose text contains `term`. */
async function messagesMatching(term: string): Promise<string[]> {
  const { rows } = await sql<{ message_id: string }>`
    SELECT k.message_id
    FROM message_body_search AS ms
    JOIN message_search_keys AS k ON k.key = ms.rowid
    WHERE ms.body MATCH ${`"${term}"`}
    ORDER BY k.message_id
  `.execute(testApp.ctx.db);

  return rows.map((row) => row.message_id);
}

async function countRows(table: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    SELECT count(*) AS count FROM ${sql.table(table)}
  `.execute(testApp.ctx.db);

  return Number(rows[0]?.count ?? 0);
}

async function storedMessages(): Promise<string[]> {
  const rows = await testApp.ctx.db
    .selectFrom("messages")
    .select(["id", "body"])
    .orderBy("body")
    .execute();

  return rows.map((row) => `${row.id}: ${row.body}`);
}

describe.runIf(onSqlite)("message search entries on SQLite", () => {
  test("texts stored together get one entry each", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const messages = Array.from({ length: 24 }, (_, index) =>
      text(index, `Pickup ${String(index).padStart(2, "0")} at the marina`),
    );

    await Promise.all(messages.map((message) => store(inbox, message)));
    // Twilio's retries of the same texts store nothing and index nothing.
    await Promise.all(messages.map((message) => store(inbox, message)));

    const stored = await storedMessages();
    expect(stored).toHaveLength(24);
    expect(await searchEntries()).toEqual(stored);
    expect(await countRows("message_search_keys")).toBe(24);
    expect(await countRows("message_body_search_docsize")).toBe(24);
    expect(await messagesMatching("Pickup 07")).toHaveLength(1);
  });

  test("a text stored alone gets its entry", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await store(inbox, text(0, "Is the ferry running today?"));

    expect(await searchEntries()).toEqual(await storedMessages());
  });

  test("a failed text leaves the others' entries whole", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await sql`
      CREATE TRIGGER fail_one_body BEFORE INSERT ON messages
      WHEN new.body = 'fails'
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END
    `.execute(testApp.ctx.db);

    const results = await Promise.allSettled([
      store(inbox, text(0, "first of three")),
      store(inbox, text(1, "fails")),
      store(inbox, text(2, "third of three")),
    ]);

    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    const stored = await storedMessages();
    expect(stored).toHaveLength(2);
    expect(await searchEntries()).toEqual(stored);
  });

  test("missing entries are added once", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const first = await store(inbox, text(0, "Kept entry"));
    const second = await store(inbox, text(1, "Lost entry"));
    // What a server without the app's indexing leaves behind.
    await sql`DELETE FROM message_body_search WHERE rowid = (
      SELECT key FROM message_search_keys
      WHERE message_id = ${second.messageId})`.execute(testApp.ctx.db);
    await sql`DELETE FROM message_search_keys
      WHERE message_id = ${second.messageId}`.execute(testApp.ctx.db);
    expect(await searchEntries()).toEqual([`${first.messageId}: Kept entry`]);

    await addMissingSearchEntries(testApp.ctx.db, testApp.ctx.logger);
    await addMissingSearchEntries(testApp.ctx.db, testApp.ctx.logger);

    expect(await searchEntries()).toEqual(await storedMessages());
    expect(await countRows("message_search_keys")).toBe(2);
    expect(await messagesMatching("Lost entry")).toEqual([second.messageId]);
  });

  test("deleted messages lose their entries", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const kept = await store(inbox, text(0, "Kept tangerine"));
    const deleted = await store(inbox, text(1, "Deleted tangerine"));

    await sql`DELETE FROM messages WHERE id = ${deleted.messageId}`.execute(
      testApp.ctx.db,
    );

    expect(await messagesMatching("tangerine")).toEqual([kept.messageId]);
    expect(await countRows("message_search_keys")).toBe(1);
    expect(await countRows("message_body_search_docsize")).toBe(1);

    await sql`DELETE FROM companies WHERE id = ${inbox.company.id}`.execute(
      testApp.ctx.db,
    );

    expect(await messagesMatching("tangerine")).toEqual([]);
    expect(await countRows("message_search_keys")).toBe(0);
    expect(await countRows("message_body_search_docsize")).toBe(0);
  });

  test("no trigger writes entries", async () => {
    expect(isPostgres(testApp.ctx.db)).toBe(false);
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master
      WHERE type = 'trigger' AND tbl_name = 'messages'
    `.execute(testApp.ctx.db);

    expect(rows.map((row) => row.name)).toEqual(["message_body_search_delete"]);
  });

  test("conversation keys follow the latest text", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await store(inbox, text(0, "First"));
    await store(inbox, text(0, "Second"));
    const { rows } = await sql<{ copied: string; stored: string }>`
      SELECT ck.last_message_at AS copied, c.last_message_at AS stored
      FROM conversation_search_keys AS ck
      JOIN conversations AS c ON c.id = ck.conversation_id
    `.execute(testApp.ctx.db);

    expect(rows).toHaveLength(1);
    expect(rows[0]?.copied).toBe(rows[0]?.stored);
  });
});
