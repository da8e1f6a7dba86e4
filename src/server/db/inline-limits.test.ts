import { sql, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";

interface Numbers {
  numbers: { n: number };
}

let db: Kysely<Numbers> | null = null;

afterEach(async () => {
  await db?.destroy();
  db = null;
});

async function numbersDatabase(): Promise<Kysely<Numbers>> {
  const opened = openDatabase(":memory:") as unknown as Kysely<Numbers>;
  await sql`CREATE TABLE numbers (n integer PRIMARY KEY)`.execute(opened);
  await opened
    .insertInto("numbers")
    .values(Array.from({ length: 10 }, (_, n) => ({ n })))
    .execute();
  db = opened;

  return opened;
}

describe("InlineLimitsPlugin", () => {
  it("writes limit and offset into the SQL", async () => {
    const numbers = await numbersDatabase();
    const query = numbers
      .selectFrom("numbers")
      .select("n")
      .orderBy("n")
      .limit(3)
      .offset(4);

    const compiled = query.compile();

    expect(compiled.sql).toContain("limit 3 offset 4");
    expect(compiled.parameters).toEqual([]);
    expect(await query.execute()).toEqual([{ n: 4 }, { n: 5 }, { n: 6 }]);
  });

  it("keeps other values bound", async () => {
    const numbers = await numbersDatabase();
    const compiled = numbers
      .selectFrom("numbers")
      .select("n")
      .where("n", ">", 7)
      .limit(2)
      .compile();

    expect(compiled.sql).toContain("limit 2");
    expect(compiled.parameters).toEqual([7]);
  });

  it("leaves a non-integer limit bound", async () => {
    const numbers = await numbersDatabase();
    const compiled = numbers
      .selectFrom("numbers")
      .select("n")
      .limit(sql<number>`${"2"}`)
      .compile();

    expect(compiled.parameters).toEqual(["2"]);
  });
});
