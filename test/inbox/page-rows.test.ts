import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/db/database.js";
import {
  decodePageRow,
  PAGE_ROW_COLUMNS,
  pageRowJson,
} from "../../src/server/plugins/sms-inbox/conversations/page-rows.js";

// The JSON rows are read on SQLite only, so this test opens its own
// in-memory SQLite database whatever TEST_DATABASE_URL names.
const db = openDatabase(":memory:");

afterAll(async () => {
  await db.destroy();
});

/** Text values that JSON escapes, or that take several UTF-8 bytes. */
const TEXTS = [
  'Quote " and backslash \\',
  "Line one\nline two\ttabbed\u0001\u001f",
  "Emoji 😀, accents éñ and separators \u2028\u2029",
  "",
  "null",
  "12",
];

async function roundTrip(values: unknown[]) {
  const { rows } = await sql<{ row: string }>`
    SELECT ${pageRowJson(values.map((value) => sql.val(value)))} AS row
  `.execute(db);

  return decodePageRow(rows[0]?.row ?? "");
}

describe("page rows as JSON", () => {
  it("decodes each position to its column", () => {
    const values = PAGE_ROW_COLUMNS.map((column) => `value of ${column}`);
    const row = decodePageRow(JSON.stringify(values));

    expect(Object.keys(row)).toEqual([...PAGE_ROW_COLUMNS]);
    for (const column of PAGE_ROW_COLUMNS) {
      expect(row[column]).toBe(`value of ${column}`);
    }
  });

  it("keeps text through SQLite", async () => {
    for (const text of TEXTS) {
      const values = PAGE_ROW_COLUMNS.map(() => text);
      const row = await roundTrip(values);

      expect(Object.values(row)).toEqual(values);
    }
  });

  it("keeps integers and nulls through SQLite", async () => {
    const values = PAGE_ROW_COLUMNS.map((_column, index) => {
      if (index % 3 === 0) return null;

      return index % 3 === 1 ? index * 1000 : -index;
    });
    const row = await roundTrip(values);

    expect(Object.values(row)).toEqual(values);
  });

  it("rejects a wrong number of values", () => {
    expect(() => pageRowJson([sql.val("only one")])).toThrow(
      /1 values given; a page row has 16 columns/,
    );
  });
});
