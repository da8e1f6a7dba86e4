import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, type Db } from "../../src/server/db/database.js";
import { testPostgresUrl } from "../support/test-database.js";
import {
  closeOpenedDatabases,
  insertCompany,
  insertConversation,
  listedNumbers,
  migratorFor,
  openAt,
} from "./search-fixture.js";

/** The migration before the suffix table of migration 0012. */
const BEFORE_NUMBER_SEARCH = "20261204_0011_send_rate";
const onSqlite = testPostgresUrl() === null;

afterEach(closeOpenedDatabases);

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
    const db = await openAt(BEFORE_NUMBER_SEARCH);
    const companyId = await insertCompany(db);
    await insertConversation(db, companyId, "+14155551234");
    await insertConversation(db, companyId, "+14155559876");

    await migrateToLatest(db);

    expect(await listedNumbers(db, companyId, "(415) 555-1234")).toEqual([
      "+14155551234",
    ]);
    expect(await listedNumbers(db, companyId, "9876")).toEqual([
      "+14155559876",
    ]);
  });

  it.runIf(onSqlite)("restores the trigram table on rollback", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    await insertConversation(db, companyId, "+14155551234");

    const { error } = await (
      await migratorFor(db)
    ).migrateTo(BEFORE_NUMBER_SEARCH);
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
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const id = await insertConversation(db, companyId, "+1415");

    expect(await storedSuffixes(db, id)).toEqual(["1415", "15", "415", "5"]);
  });

  it("replaces suffixes when the number changes", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const id = await insertConversation(db, companyId, "+1415");

    await sql`UPDATE conversations SET customer_number = '+1628'
      WHERE id = ${id}`.execute(db);

    expect(await storedSuffixes(db, id)).toEqual(["1628", "28", "628", "8"]);
  });

  it("removes suffixes with the conversation", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const id = await insertConversation(db, companyId, "+1415");
    const kept = await insertConversation(db, companyId, "+1416");

    await sql`DELETE FROM conversations WHERE id = ${id}`.execute(db);

    expect(await storedSuffixes(db, id)).toEqual([]);
    expect(await storedSuffixes(db, kept)).toEqual(["1416", "16", "416", "6"]);
  });

  it("deletes through the primary key", async () => {
    const db = await openAt("latest");
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
