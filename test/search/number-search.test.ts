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
import { listConversationSummariesIn } from "../../src/server/plugins/sms-inbox/conversations/conversation-queries.js";
import { matchingConversations } from "../../src/server/plugins/sms-inbox/search/search-matches.js";
import { parseSearchTerms } from "../../src/server/plugins/sms-inbox/search/search-terms.js";
import {
  createTestDatabaseUrl,
  testPostgresUrl,
  type TestDatabaseUrl,
} from "../support/test-database.js";

const BEFORE_NUMBER_SEARCH = "20261204_0011_send_rate";
const onSqlite = testPostgresUrl() === null;

let opened: { db: Db; url: TestDatabaseUrl } | null = null;

afterEach(async () => {
  await opened?.db.destroy();
  await opened?.url.drop();
  opened = null;
});

function migratorFor(db: Db, schema: string | undefined): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
}

async function currentSchema(db: Db): Promise<string | undefined> {
  if (!isPostgres(db)) return undefined;

  const { rows } = await sql<{
    schema: string;
  }>`SELECT current_schema() AS schema`.execute(db);

  return rows[0]?.schema;
}

/** Opens a database migrated up to, not including, the suffix table. */
async function openBeforeNumberSearch(): Promise<Db> {
  const url = await createTestDatabaseUrl(":memory:");
  const db = openDatabase(url.url);
  opened = { db, url };
  const migrator = migratorFor(db, await currentSchema(db));
  const { error } = await migrator.migrateTo(BEFORE_NUMBER_SEARCH);
  if (error) throw error;

  return db;
}

async function openLatest(): Promise<Db> {
  const url = await createTestDatabaseUrl(":memory:");
  const db = openDatabase(url.url);
  opened = { db, url };
  await migrateToLatest(db);

  return db;
}

async function insertCompany(db: Db): Promise<string> {
  const companyId = newId();
  await sql`INSERT INTO companies (id, name, country, webhook_token, created_at)
    VALUES (${companyId}, 'Search Co', 'US', ${newId()}, ${new Date().toISOString()})`.execute(
    db,
  );

  return companyId;
}

async function insertConversation(
  db: Db,
  companyId: string,
  customerNumber: string,
): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  await sql`INSERT INTO conversations
      (id, company_id, customer_number, inbox_number, last_message_at,
       last_message_preview, created_at)
    VALUES (${id}, ${companyId}, ${customerNumber}, '+14155550100', ${at},
      '', ${at})`.execute(db);

  return id;
}

/** Returns the customer numbers that a search for `query` lists. */
async function searchNumbers(
  db: Db,
  companyId: string,
  query: string,
): Promise<string[]> {
  const rows = await listConversationSummariesIn(db, {
    companyId,
    staffId: newId(),
    matching: matchingConversations(db, {
      companyId,
      terms: parseSearchTerms(query),
      before: null,
      limit: 51,
    }),
  });

  return rows.map((row) => row.customer_number);
}

async function storedSuffixes(
  db: Db,
  conversationId: string,
): Promise<string[]> {
  const { rows } = await sql<{ suffix: string }>`
    SELECT suffix FROM conversation_number_search
    WHERE conversation_id = ${conversationId} ORDER BY suffix
  `.execute(db);

  return rows.map((row) => row.suffix);
}

describe("number search migration", () => {
  it("finds numbers stored before it", async () => {
    const db = await openBeforeNumberSearch();
    const companyId = await insertCompany(db);
    await insertConversation(db, companyId, "+14155551234");
    await insertConversation(db, companyId, "+14155559876");

    await migrateToLatest(db);

    expect(await searchNumbers(db, companyId, "(415) 555-1234")).toEqual([
      "+14155551234",
    ]);
    expect(await searchNumbers(db, companyId, "9876")).toEqual([
      "+14155559876",
    ]);
  });

  it.runIf(onSqlite)("restores the trigram table on rollback", async () => {
    const db = await openLatest();
    const companyId = await insertCompany(db);
    await insertConversation(db, companyId, "+14155551234");

    const { error } = await migratorFor(db, undefined).migrateTo(
      BEFORE_NUMBER_SEARCH,
    );
    if (error) throw error;
    const { rows } = await sql<{ customer_number: string }>`
      SELECT customer_number FROM conversation_search
      WHERE conversation_search.customer_number MATCH '"5551234"'
    `.execute(db);

    expect(rows.map((row) => row.customer_number)).toEqual(["+14155551234"]);
  });
});

describe.runIf(onSqlite)("number suffix table", () => {
  it("stores each suffix that starts with a digit", async () => {
    const db = await openLatest();
    const companyId = await insertCompany(db);
    const id = await insertConversation(db, companyId, "+1415");

    expect(await storedSuffixes(db, id)).toEqual(["1415", "15", "415", "5"]);
  });

  it("replaces suffixes when the number changes", async () => {
    const db = await openLatest();
    const companyId = await insertCompany(db);
    const id = await insertConversation(db, companyId, "+1415");

    await sql`UPDATE conversations SET customer_number = '+1628'
      WHERE id = ${id}`.execute(db);

    expect(await storedSuffixes(db, id)).toEqual(["1628", "28", "628", "8"]);
  });

  it("removes suffixes with the conversation", async () => {
    const db = await openLatest();
    const companyId = await insertCompany(db);
    const id = await insertConversation(db, companyId, "+1415");
    const kept = await insertConversation(db, companyId, "+1416");

    await sql`DELETE FROM conversations WHERE id = ${id}`.execute(db);

    expect(await storedSuffixes(db, id)).toEqual([]);
    expect(await storedSuffixes(db, kept)).toEqual(["1416", "16", "416", "6"]);
  });

  it("deletes through the primary key", async () => {
    const db = await openLatest();
    const { rows } = await sql<{ detail: string }>`
      EXPLAIN QUERY PLAN
      DELETE FROM conversation_number_search
      WHERE company_id = 'c' AND conversation_id = 'x'
        AND suffix IN (SELECT substr('+1415', p.key + 1)
          FROM json_each('[0,0,0,0,0]') AS p)
    `.execute(db);

    expect(rows.map((row) => row.detail).join("\n")).toMatch(
      /SEARCH conversation_number_search USING PRIMARY KEY \(company_id=\? AND suffix=\? AND conversation_id=\?\)/,
    );
  });
});
