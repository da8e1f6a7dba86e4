import { Migrator, sql } from "kysely";
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
  type TestDatabaseUrl,
} from "../support/test-database.js";

/*
 * Databases and rows for the tests of the search tables and their
 * migrations. Rows are written with plain SQL, so they can go into a
 * database migrated only part of the way.
 */

const opened: { db: Db; url: TestDatabaseUrl }[] = [];

/** Closes and drops every database that openAt opened. Run it after each test. */
export async function closeOpenedDatabases(): Promise<void> {
  for (const { db, url } of opened.splice(0)) {
    await db.destroy();
    await url.drop();
  }
}

async function currentSchema(db: Db): Promise<string | undefined> {
  if (!isPostgres(db)) return undefined;

  const { rows } = await sql<{
    schema: string;
  }>`SELECT current_schema() AS schema`.execute(db);

  return rows[0]?.schema;
}

/** Returns a migrator over this build's migrations in the connection's schema. */
export async function migratorFor(db: Db): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: await currentSchema(db),
  });
}

/**
 * Opens a new test database migrated up to and including `migration`,
 * or to the latest.
 */
export async function openAt(migration: string | "latest"): Promise<Db> {
  const url = await createTestDatabaseUrl(":memory:");
  const db = openDatabase(url.url);
  opened.push({ db, url });
  if (migration === "latest") {
    await migrateToLatest(db);

    return db;
  }

  const { error } = await (await migratorFor(db)).migrateTo(migration);
  if (error) throw error;

  return db;
}

export async function insertCompany(db: Db): Promise<string> {
  const companyId = newId();
  await sql`INSERT INTO companies (id, name, country, webhook_token, created_at)
    VALUES (${companyId}, 'Search Co', 'US', ${newId()}, ${new Date().toISOString()})`.execute(
    db,
  );

  return companyId;
}

export async function insertConversation(
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

/**
 * Returns the customer numbers of the first page, of at most `limit`
 * conversations, that a search for `query` lists, in list order.
 */
export async function listedNumbers(
  db: Db,
  companyId: string,
  query: string,
  limit = 51,
): Promise<string[]> {
  const rows = await listConversationSummariesIn(db, {
    companyId,
    staffId: newId(),
    matching: matchingConversations(db, {
      companyId,
      terms: parseSearchTerms(query),
      before: null,
      limit,
    }),
  });

  return rows.map((row) => row.customer_number);
}

/** Returns the customer numbers that a search for `query` lists, sorted. */
export async function searchNumbers(
  db: Db,
  companyId: string,
  query: string,
): Promise<string[]> {
  return (await listedNumbers(db, companyId, query)).sort();
}

export async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    SELECT count(*) AS count FROM ${sql.table(table)}
  `.execute(db);

  return Number(rows[0]?.count ?? 0);
}

/** Returns SQLite's EXPLAIN QUERY PLAN of `statement`, a line per step. */
export async function queryPlan(db: Db, statement: string): Promise<string> {
  const { rows } = await sql<{ detail: string }>`${sql.raw(
    `EXPLAIN QUERY PLAN ${statement}`,
  )}`.execute(db);

  return rows.map((row) => row.detail).join("\n");
}
