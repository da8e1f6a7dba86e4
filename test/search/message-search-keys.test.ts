import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, type Db } from "../../src/server/db/database.js";
import { isPostgres } from "../../src/server/db/dialect.js";
import { newId } from "../../src/server/db/ids.js";
import { testPostgresUrl } from "../support/test-database.js";
import {
  closeOpenedDatabases,
  countRows,
  insertCompany,
  insertConversation,
  listedNumbers,
  migratorFor,
  openAt,
  queryPlan,
  searchNumbers,
} from "./search-fixture.js";

/** The migration before the message search keys of 20261208_0001. */
const BEFORE_MESSAGE_KEYS = "20261207_0001_message_search_by_app";
const onSqlite = testPostgresUrl() === null;

afterEach(closeOpenedDatabases);

/**
 * Stores a message the way the app did before migration 20261208_0001:
 * the row, then its entry in the FTS5 table of migration 0010, which
 * PostgreSQL does not have.
 */
async function insertMessageBeforeKeys(
  db: Db,
  companyId: string,
  conversationId: string,
  body: string,
): Promise<string> {
  const id = await insertMessageRow(db, companyId, conversationId, body);
  if (!isPostgres(db)) {
    await sql`INSERT INTO message_search
        (body, message_id, conversation_id, company_id)
      VALUES (${body}, ${id}, ${conversationId}, ${companyId})`.execute(db);
  }

  return id;
}

async function insertMessageRow(
  db: Db,
  companyId: string,
  conversationId: string,
  body: string,
): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  await sql`INSERT INTO messages
      (id, company_id, conversation_id, direction, from_number, to_number,
       body, status, created_at, updated_at)
    VALUES (${id}, ${companyId}, ${conversationId}, 'inbound', '+14155550201',
      '+14155550100', ${body}, 'received', ${at}, ${at})`.execute(db);

  return id;
}

/** Writes the search entries of the messages stored by insertMessageRow. */
async function indexStoredMessages(db: Db): Promise<void> {
  await sql`INSERT INTO message_search_keys (message_id, conversation_key)
    SELECT m.id, ck.key FROM messages AS m
    JOIN conversation_search_keys AS ck ON ck.conversation_id = m.conversation_id
    ORDER BY m.rowid`.execute(db);
  await sql`INSERT INTO message_body_search (rowid, body)
    SELECT k.key, m.body FROM message_search_keys AS k
    JOIN messages AS m ON m.id = k.message_id`.execute(db);
}

describe("message search keys migration", () => {
  it("finds texts stored before it", async () => {
    const db = await openAt(BEFORE_MESSAGE_KEYS);
    const companyId = await insertCompany(db);
    const otherCompanyId = await insertCompany(db);
    const first = await insertConversation(db, companyId, "+14155550201");
    const second = await insertConversation(db, companyId, "+14155550202");
    const other = await insertConversation(db, otherCompanyId, "+14155550203");
    await insertMessageBeforeKeys(db, companyId, first, "Two tangerines");
    await insertMessageBeforeKeys(db, companyId, first, "and a lemon");
    await insertMessageBeforeKeys(db, companyId, second, "Tangerine crate");
    await insertMessageBeforeKeys(db, otherCompanyId, other, "tangerine");

    await migrateToLatest(db);

    expect(await searchNumbers(db, companyId, "tangerine")).toEqual([
      "+14155550201",
      "+14155550202",
    ]);
    expect(await searchNumbers(db, companyId, "a lem")).toEqual([
      "+14155550201",
    ]);
    expect(await searchNumbers(db, otherCompanyId, "tangerine")).toEqual([
      "+14155550203",
    ]);
  });

  it.runIf(onSqlite)("keys every message in stored order", async () => {
    const db = await openAt(BEFORE_MESSAGE_KEYS);
    const companyId = await insertCompany(db);
    const conversationId = await insertConversation(
      db,
      companyId,
      "+14155550201",
    );
    const ids: string[] = [];
    for (const body of ["first", "second", "third"]) {
      ids.push(
        await insertMessageBeforeKeys(db, companyId, conversationId, body),
      );
    }

    await migrateToLatest(db);

    const { rows } = await sql<{ message_id: string; conversation_id: string }>`
      SELECT k.message_id, ck.conversation_id
      FROM message_search_keys AS k
      JOIN conversation_search_keys AS ck ON ck.key = k.conversation_key
      ORDER BY k.key
    `.execute(db);
    expect(rows.map((row) => row.message_id)).toEqual(ids);
    expect(rows.map((row) => row.conversation_id)).toEqual([
      conversationId,
      conversationId,
      conversationId,
    ]);
    expect(await countRows(db, "message_body_search_docsize")).toBe(3);
    expect(await countRows(db, "conversation_search_keys")).toBe(1);
  });

  it.runIf(onSqlite)("restores the old text table on rollback", async () => {
    const db = await openAt(BEFORE_MESSAGE_KEYS);
    const companyId = await insertCompany(db);
    const conversationId = await insertConversation(
      db,
      companyId,
      "+14155550201",
    );
    const messageId = await insertMessageBeforeKeys(
      db,
      companyId,
      conversationId,
      "Two tangerines",
    );
    await migrateToLatest(db);

    const { error } = await (
      await migratorFor(db)
    ).migrateTo(BEFORE_MESSAGE_KEYS);
    if (error) throw error;
    const { rows } = await sql<{ message_id: string; conversation_id: string }>`
      SELECT message_id, conversation_id FROM message_search
      WHERE message_search.body MATCH '"tangerine"'
    `.execute(db);

    expect(rows).toEqual([
      { message_id: messageId, conversation_id: conversationId },
    ]);
    await sql`DELETE FROM messages WHERE id = ${messageId}`.execute(db);
    expect(await countRows(db, "message_search")).toBe(0);
  });
});

describe.runIf(onSqlite)("message search keys", () => {
  it("removes deleted messages and companies", async () => {
    const db = await openAt(BEFORE_MESSAGE_KEYS);
    const companyId = await insertCompany(db);
    const otherCompanyId = await insertCompany(db);
    const conversationId = await insertConversation(
      db,
      companyId,
      "+14155550201",
    );
    const other = await insertConversation(db, otherCompanyId, "+14155550203");
    const deleted = await insertMessageBeforeKeys(
      db,
      companyId,
      conversationId,
      "Deleted tangerine",
    );
    await insertMessageBeforeKeys(
      db,
      companyId,
      conversationId,
      "Kept tangerine",
    );
    await insertMessageBeforeKeys(db, otherCompanyId, other, "tangerine");
    await migrateToLatest(db);

    await sql`DELETE FROM messages WHERE id = ${deleted}`.execute(db);

    expect(await countRows(db, "message_search_keys")).toBe(2);
    expect(await countRows(db, "message_body_search_docsize")).toBe(2);
    expect(await searchNumbers(db, companyId, "deleted")).toEqual([]);
    expect(await searchNumbers(db, companyId, "kept")).toEqual([
      "+14155550201",
    ]);

    await sql`DELETE FROM companies WHERE id = ${companyId}`.execute(db);

    expect(await countRows(db, "message_search_keys")).toBe(1);
    expect(await countRows(db, "message_body_search_docsize")).toBe(1);
    expect(await countRows(db, "conversation_search_keys")).toBe(1);
    expect(await searchNumbers(db, otherCompanyId, "tangerine")).toEqual([
      "+14155550203",
    ]);
  });

  it("follows each conversation's last activity", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const older = await insertConversation(db, companyId, "+14155550201");
    const newer = await insertConversation(db, companyId, "+14155550202");
    await sql`UPDATE conversations SET last_message_at = '2026-01-01T00:00:00.000Z'
      WHERE id = ${older}`.execute(db);
    await sql`UPDATE conversations SET last_message_at = '2026-01-02T00:00:00.000Z'
      WHERE id = ${newer}`.execute(db);

    await sql`UPDATE conversations SET last_message_at = '2026-01-03T00:00:00.000Z'
      WHERE id = ${older}`.execute(db);

    const { rows } = await sql<{
      conversation_id: string;
      company_id: string;
      last_message_at: string;
    }>`
      SELECT conversation_id, company_id, last_message_at
      FROM conversation_search_keys ORDER BY last_message_at DESC
    `.execute(db);
    expect(rows).toEqual([
      {
        conversation_id: older,
        company_id: companyId,
        last_message_at: "2026-01-03T00:00:00.000Z",
      },
      {
        conversation_id: newer,
        company_id: companyId,
        last_message_at: "2026-01-02T00:00:00.000Z",
      },
    ]);
  });

  it("lists text matches by last activity", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const numbers = ["+14155550201", "+14155550202", "+14155550203"];
    const conversations: string[] = [];
    for (const number of numbers) {
      const id = await insertConversation(db, companyId, number);
      await insertMessageRow(db, companyId, id, "A tangerine");
      conversations.push(id);
    }
    await indexStoredMessages(db);
    // The second conversation becomes the newest and the first the next.
    for (const [index, id] of [conversations[0], conversations[1]].entries()) {
      await sql`UPDATE conversations
        SET last_message_at = ${`2099-01-0${index + 1}T00:00:00.000Z`}
        WHERE id = ${id ?? ""}`.execute(db);
    }

    const listed = await listedNumbers(db, companyId, "tangerine", 2);

    expect(listed).toEqual(["+14155550202", "+14155550201"]);
  });

  it("lists a conversation matched twice once", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const older = await insertConversation(db, companyId, "+14155550201");
    const newer = await insertConversation(db, companyId, "+14155550202");
    await sql`INSERT INTO customers
        (id, company_id, name, phone, phone_e164, created_at)
      VALUES (${newId()}, ${companyId}, 'Tangerine Grove', '+14155550202',
        '+14155550202', ${new Date().toISOString()})`.execute(db);
    await insertMessageRow(db, companyId, older, "One tangerine");
    await insertMessageRow(db, companyId, newer, "Two tangerines");
    await insertMessageRow(db, companyId, newer, "Three tangerines");
    await indexStoredMessages(db);
    await sql`UPDATE conversations SET last_message_at = '2099-01-01T00:00:00.000Z'
      WHERE id = ${newer}`.execute(db);

    const listed = await listedNumbers(db, companyId, "tangerine", 2);

    expect(listed).toEqual(["+14155550202", "+14155550201"]);
  });

  it("finds keys through the message id index", async () => {
    const db = await openAt("latest");

    expect(
      await queryPlan(
        db,
        "SELECT key FROM message_search_keys WHERE message_id = 'x'",
      ),
    ).toMatch(
      /SEARCH message_search_keys USING COVERING INDEX \S+ \(message_id=\?\)/,
    );
    expect(
      await queryPlan(
        db,
        `DELETE FROM message_body_search WHERE rowid = (
           SELECT key FROM message_search_keys WHERE message_id = 'x')`,
      ),
    ).toMatch(/VIRTUAL TABLE INDEX 0:=/);
  });

  it("stores no copy of the text", async () => {
    const db = await openAt("latest");
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master
      WHERE type = 'table' AND name GLOB 'message_body_search_*'
      ORDER BY name
    `.execute(db);

    expect(rows.map((row) => row.name)).not.toContain(
      "message_body_search_content",
    );
  });

  it("reaches each match's conversation by primary key", async () => {
    const db = await openAt("latest");

    expect(
      await queryPlan(
        db,
        `SELECT ck.conversation_id FROM message_body_search AS ms
         CROSS JOIN message_search_keys AS k ON k.key = ms.rowid
         CROSS JOIN conversation_search_keys AS ck
           ON ck.key = k.conversation_key
         WHERE ms.body MATCH '"tangerine"'`,
      ),
    ).toMatch(
      /SEARCH k USING INTEGER PRIMARY KEY \(rowid=\?\)\nSEARCH ck USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    );
  });
});
