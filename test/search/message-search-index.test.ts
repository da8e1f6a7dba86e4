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

/** Returns each message's search entries as "message id: body". */
async function searchEntries(): Promise<string[]> {
  const { rows } = await sql<{ message_id: string; body: string }>`
    SELECT message_id, body FROM message_search ORDER BY body
  `.execute(testApp.ctx.db);

  return rows.map((row) => `${row.message_id}: ${row.body}`);
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
    await sql`DELETE FROM message_search WHERE message_id = ${second.messageId}`.execute(
      testApp.ctx.db,
    );
    expect(await searchEntries()).toEqual([`${first.messageId}: Kept entry`]);

    await addMissingSearchEntries(testApp.ctx.db, testApp.ctx.logger);
    await addMissingSearchEntries(testApp.ctx.db, testApp.ctx.logger);

    expect(await searchEntries()).toEqual(await storedMessages());
  });

  test("no trigger writes entries", async () => {
    expect(isPostgres(testApp.ctx.db)).toBe(false);
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master
      WHERE type = 'trigger' AND tbl_name = 'messages'
    `.execute(testApp.ctx.db);

    expect(rows.map((row) => row.name)).toEqual(["message_search_delete"]);
  });
});
