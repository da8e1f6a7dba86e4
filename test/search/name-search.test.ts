import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, type Db } from "../../src/server/db/database.js";
import { newId } from "../../src/server/db/ids.js";
import { testPostgresUrl } from "../support/test-database.js";
import {
  closeOpenedDatabases,
  countRows,
  insertCompany,
  insertConversation,
  migratorFor,
  openAt,
  queryPlan,
  searchNumbers,
} from "./search-fixture.js";

/** The migration before the customer name keys of 20261206_0001. */
const BEFORE_NAME_KEYS = "20261205_0002_location_names";
const onSqlite = testPostgresUrl() === null;

afterEach(closeOpenedDatabases);

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
