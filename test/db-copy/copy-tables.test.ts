import { sql } from "kysely";
import {
  afterAll,
  beforeAll,
  describe,
  expect,
  expectTypeOf,
  it,
} from "vitest";
import {
  migrateToLatest,
  openDatabase,
  type Db,
} from "../../src/server/db/database.js";
import { COPY_TABLE_ORDER } from "../../src/server/db/copy/copy-tables.js";
import type { Database } from "../../src/server/db/schema.js";

let db: Db;

beforeAll(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
});

afterAll(async () => {
  await db.destroy();
});

describe("copy table order", () => {
  it("lists every schema table", () => {
    expectTypeOf<(typeof COPY_TABLE_ORDER)[number]>().toEqualTypeOf<
      keyof Database
    >();
    expect(new Set(COPY_TABLE_ORDER).size).toBe(COPY_TABLE_ORDER.length);
  });

  it("matches the migrated tables", async () => {
    // SQLite's search tables are left out: the full-text search tables,
    // their shadow tables, the number suffix table and the customer,
    // conversation and message keys. Triggers and the app fill them from the product
    // tables, and PostgreSQL searches with trigram indexes on the product
    // tables instead.
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master AS t
      WHERE type = 'table'
        AND name NOT LIKE 'sqlite_%'
        AND name NOT LIKE 'kysely_%'
        AND name NOT IN (
          'conversation_number_search',
          'conversation_search_keys',
          'customer_name_keys',
          'message_search_keys'
        )
        AND NOT EXISTS (
          SELECT 1 FROM sqlite_master AS v
          WHERE v.type = 'table'
            AND v.sql LIKE 'CREATE VIRTUAL TABLE%'
            AND (t.name = v.name OR t.name GLOB v.name || '_*')
        )
    `.execute(db);
    const migrated = rows.map((row) => row.name).sort();

    expect([...COPY_TABLE_ORDER].sort()).toEqual(migrated);
  });

  it("puts parents before children", async () => {
    for (const [index, table] of COPY_TABLE_ORDER.entries()) {
      const { rows } = await sql<{
        table: string;
      }>`SELECT "table" FROM pragma_foreign_key_list(${table})`.execute(db);
      const earlier: readonly string[] = COPY_TABLE_ORDER.slice(0, index);

      for (const { table: parent } of rows) {
        expect(earlier, `${table} references ${parent}`).toContain(parent);
      }
    }
  });
});
