import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, test } from "vitest";
import {
  migrateToLatest,
  openDatabase,
  type Db,
} from "../../src/server/db/database.js";
import { isPostgres, isUniqueViolation } from "../../src/server/db/dialect.js";
import { newId } from "../../src/server/db/ids.js";
import { migrations } from "../../src/server/db/migrations/index.js";
import {
  createTestDatabaseUrl,
  type TestDatabaseUrl,
} from "../support/test-database.js";

const BEFORE_LOCATION_NAMES = "20261205_0001_webhook_health_services";

let opened: { db: Db; url: TestDatabaseUrl } | null = null;

afterEach(async () => {
  await opened?.db.destroy();
  await opened?.url.drop();
  opened = null;
});

async function openBeforeLocationNames(): Promise<Db> {
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
  const { error } = await migrator.migrateTo(BEFORE_LOCATION_NAMES);
  if (error) throw error;

  return db;
}

async function insertCompany(db: Db): Promise<string> {
  const id = newId();
  await sql`INSERT INTO companies (id, name, country, webhook_token, created_at)
    VALUES (${id}, ${"Company"}, ${"US"}, ${newId()}, ${at(0)})`.execute(db);

  return id;
}

/** Inserts locations created one minute apart, in the order given. */
async function insertLocations(
  db: Db,
  companyId: string,
  names: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, name] of names.entries()) {
    const id = newId();
    await sql`INSERT INTO locations (id, company_id, name, created_at)
      VALUES (${id}, ${companyId}, ${name}, ${at(index + 1)})`.execute(db);
    ids.push(id);
  }

  return ids;
}

function at(minute: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
}

async function namesById(db: Db, ids: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom("locations")
    .select(["id", "name"])
    .where("id", "in", [...ids])
    .execute();

  return ids.map((id) => rows.find((row) => row.id === id)?.name ?? "");
}

describe("location names migration", () => {
  test("renames duplicates oldest first", async () => {
    const db = await openBeforeLocationNames();
    const companyId = await insertCompany(db);
    const ids = await insertLocations(db, companyId, [
      "Branch",
      "branch",
      "Branch (2)",
      "BRANCH",
      "Main location",
    ]);

    await migrateToLatest(db);

    expect(await namesById(db, ids)).toEqual([
      "Branch",
      "branch (3)",
      "Branch (2)",
      "BRANCH (4)",
      "Main location",
    ]);
  });

  test("folds non-ASCII case too", async () => {
    const db = await openBeforeLocationNames();
    const companyId = await insertCompany(db);
    const ids = await insertLocations(db, companyId, ["École", "école"]);

    await migrateToLatest(db);

    expect(await namesById(db, ids)).toEqual(["École", "école (2)"]);
  });

  test("names invisible locations", async () => {
    const db = await openBeforeLocationNames();
    const companyId = await insertCompany(db);
    const ids = await insertLocations(db, companyId, [
      "\u200b",
      "Unnamed location",
      "",
      " \ufeff ",
    ]);

    await migrateToLatest(db);

    expect(await namesById(db, ids)).toEqual([
      "Unnamed location (2)",
      "Unnamed location",
      "Unnamed location (3)",
      "Unnamed location (4)",
    ]);
  });

  test("normalizes names before renaming", async () => {
    const db = await openBeforeLocationNames();
    const companyId = await insertCompany(db);
    const ids = await insertLocations(db, companyId, [
      "Main location",
      "  Main   location ",
      "\uff2d\uff21\uff29\uff2e location",
      "Main\u200blocation",
      "Main\r\n\tlocation",
      " Team \u{1F469}\u200d\u{1F4BB}\u200b",
      "Harbour",
    ]);

    await migrateToLatest(db);

    expect(await namesById(db, ids)).toEqual([
      "Main location",
      "Main location (2)",
      "MAIN location (3)",
      "Mainlocation",
      "Main location (4)",
      "Team \u{1F469}\u200d\u{1F4BB}",
      "Harbour",
    ]);
  });

  test("index rejects a normalized duplicate", async () => {
    const db = await openBeforeLocationNames();
    const companyId = await insertCompany(db);
    await insertLocations(db, companyId, ["Main location", "main  location"]);
    await migrateToLatest(db);

    const duplicate = insertLocations(db, companyId, ["MAIN LOCATION"]);

    await expect(duplicate).rejects.toSatisfy(isUniqueViolation);
  });

  test("keeps other companies' names", async () => {
    const db = await openBeforeLocationNames();
    const first = await insertCompany(db);
    const second = await insertCompany(db);
    const firstIds = await insertLocations(db, first, ["Branch"]);
    const secondIds = await insertLocations(db, second, ["Branch", "Branch"]);

    await migrateToLatest(db);

    expect(await namesById(db, firstIds)).toEqual(["Branch"]);
    expect(await namesById(db, secondIds)).toEqual(["Branch", "Branch (2)"]);
  });

  test("index rejects a new duplicate", async () => {
    const db = await openBeforeLocationNames();
    const companyId = await insertCompany(db);
    await insertLocations(db, companyId, ["Branch"]);
    await migrateToLatest(db);

    const duplicate = insertLocations(db, companyId, ["bRANCH"]);

    await expect(duplicate).rejects.toSatisfy(isUniqueViolation);
  });
});
