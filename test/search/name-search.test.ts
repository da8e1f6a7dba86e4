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

/** The migration before the customer name keys of 20261206_0001. */
const BEFORE_NAME_KEYS = "20261205_0002_location_names";
const onSqlite = testPostgresUrl() === null;

let opened: { db: Db; url: TestDatabaseUrl } | null = null;

afterEach(async () => {
  await opened?.db.destroy();
  await opened?.url.drop();
  opened = null;
});

async function currentSchema(db: Db): Promise<string | undefined> {
  if (!isPostgres(db)) return undefined;

  const { rows } = await sql<{
    schema: string;
  }>`SELECT current_schema() AS schema`.execute(db);

  return rows[0]?.schema;
}

async function migratorFor(db: Db): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: await currentSchema(db),
  });
}

async function openAt(migration: string | "latest"): Promise<Db> {
  const url = await createTestDatabaseUrl(":memory:");
  const db = openDatabase(url.url);
  opened = { db, url };
  if (migration === "latest") {
    await migrateToLatest(db);

    return db;
  }

  const { error } = await (await migratorFor(db)).migrateTo(migration);
  if (error) throw error;

  return db;
}

async function insertCompany(db: Db): Promise<string> {
  const companyId = newId();
  await sql`INSERT INTO companies (id, name, country, webhook_token, created_at)
    VALUES (${companyId}, 'Name Co', 'US', ${newId()}, ${new Date().toISOString()})`.execute(
    db,
  );

  return companyId;
}

async function insertCustomer(
  db: Db,
  companyId: string,
  name: string,
  phoneE164: string | null,
): Promise<string> {
  const id = newId();
  await sql`INSERT INTO customers (id, company_id, name, phone, phone_e164, created_at)
    VALUES (${id}, ${companyId}, ${name}, ${phoneE164 ?? "none"}, ${phoneE164},
      ${new Date().toISOString()})`.execute(db);

  return id;
}

async function insertConversation(
  db: Db,
  companyId: string,
  customerNumber: string,
  customerId: string | null = null,
): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  await sql`INSERT INTO conversations
      (id, company_id, customer_number, inbox_number, last_message_at,
       last_message_preview, created_at, customer_id)
    VALUES (${id}, ${companyId}, ${customerNumber}, '+14155550100', ${at},
      '', ${at}, ${customerId})`.execute(db);

  return id;
}

/** Returns the customer numbers that a search for `query` lists, sorted. */
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

  return rows.map((row) => row.customer_number).sort();
}

async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    SELECT count(*) AS count FROM ${sql.table(table)}
  `.execute(db);

  return Number(rows[0]?.count ?? 0);
}

async function queryPlan(db: Db, statement: string): Promise<string> {
  const { rows } = await sql<{ detail: string }>`${sql.raw(
    `EXPLAIN QUERY PLAN ${statement}`,
  )}`.execute(db);

  return rows.map((row) => row.detail).join("\n");
}

describe("name search migration", () => {
  it("finds customers stored before it", async () => {
    const db = await openAt(BEFORE_NAME_KEYS);
    const companyId = await insertCompany(db);
    const chosen = await insertCustomer(db, companyId, "Ada Okonkwo", null);
    await insertCustomer(db, companyId, "Bea Okonkwo", "+14155550201");
    await insertCustomer(db, companyId, "Cyd Other", "+14155550202");
    await insertConversation(db, companyId, "+14155550200", chosen);
    await insertConversation(db, companyId, "+14155550201");
    await insertConversation(db, companyId, "+14155550202");

    await migrateToLatest(db);

    expect(await searchNumbers(db, companyId, "okonkwo")).toEqual([
      "+14155550200",
      "+14155550201",
    ]);
    expect(await searchNumbers(db, companyId, "cyd ot")).toEqual([
      "+14155550202",
    ]);
  });

  it.runIf(onSqlite)("restores the old name table on rollback", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    await insertCustomer(db, companyId, "Ada Okonkwo", "+14155550201");
    await insertConversation(db, companyId, "+14155550201");

    const { error } = await (await migratorFor(db)).migrateTo(BEFORE_NAME_KEYS);
    if (error) throw error;
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM customer_search
      WHERE customer_search.name MATCH '"okonkwo"'
    `.execute(db);

    expect(rows.map((row) => row.name)).toEqual(["Ada Okonkwo"]);
  });
});

describe.runIf(onSqlite)("customer name keys", () => {
  it("follows a changed customer number", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const customerId = await insertCustomer(
      db,
      companyId,
      "Ada Okonkwo",
      "+14155550201",
    );
    await insertConversation(db, companyId, "+14155550201");
    await insertConversation(db, companyId, "+14155550202");

    await sql`UPDATE customers SET phone_e164 = '+14155550202'
      WHERE id = ${customerId}`.execute(db);

    expect(await searchNumbers(db, companyId, "okonkwo")).toEqual([
      "+14155550202",
    ]);

    await sql`UPDATE customers SET phone_e164 = NULL
      WHERE id = ${customerId}`.execute(db);

    expect(await searchNumbers(db, companyId, "okonkwo")).toEqual([]);
  });

  it("follows a renamed customer", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const customerId = await insertCustomer(
      db,
      companyId,
      "Ada Okonkwo",
      "+14155550201",
    );
    await insertConversation(db, companyId, "+14155550201");

    await sql`UPDATE customers SET name = 'Ada Whitfield'
      WHERE id = ${customerId}`.execute(db);

    expect(await searchNumbers(db, companyId, "okonkwo")).toEqual([]);
    expect(await searchNumbers(db, companyId, "whitfield")).toEqual([
      "+14155550201",
    ]);
  });

  it("removes deleted customers and companies", async () => {
    const db = await openAt("latest");
    const companyId = await insertCompany(db);
    const otherCompanyId = await insertCompany(db);
    const deleted = await insertCustomer(db, companyId, "Ada Okonkwo", null);
    await insertCustomer(db, companyId, "Bea Okonkwo", "+14155550201");
    await insertCustomer(db, otherCompanyId, "Cyd Okonkwo", "+14155550201");
    await insertConversation(db, companyId, "+14155550201");
    await insertConversation(db, otherCompanyId, "+14155550201");

    await sql`DELETE FROM customers WHERE id = ${deleted}`.execute(db);

    expect(await countRows(db, "customer_name_keys")).toBe(2);
    expect(await countRows(db, "customer_name_search")).toBe(2);

    await sql`DELETE FROM companies WHERE id = ${companyId}`.execute(db);

    expect(await countRows(db, "customer_name_keys")).toBe(1);
    expect(await countRows(db, "customer_name_search")).toBe(1);
    expect(await searchNumbers(db, otherCompanyId, "okonkwo")).toEqual([
      "+14155550201",
    ]);
  });

  it("finds keys through the customer id index", async () => {
    const db = await openAt("latest");

    expect(
      await queryPlan(
        db,
        "SELECT key FROM customer_name_keys WHERE customer_id = 'x'",
      ),
    ).toMatch(
      /SEARCH customer_name_keys USING COVERING INDEX \S+ \(customer_id=\?\)/,
    );
    expect(
      await queryPlan(
        db,
        `DELETE FROM customer_name_search WHERE rowid = (
           SELECT key FROM customer_name_keys WHERE customer_id = 'x')`,
      ),
    ).toMatch(/VIRTUAL TABLE INDEX 0:=/);
  });
});
