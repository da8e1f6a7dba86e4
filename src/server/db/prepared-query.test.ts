import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  openTestDatabase,
  type TestDatabase,
} from "../../../test/support/test-database.js";
import { buildCompany } from "../../../test/support/factories.js";
import type { AppContext } from "../context.js";
import { preparedQuery } from "./prepared-query.js";

let database: TestDatabase;

beforeEach(async () => {
  database = await openTestDatabase();
});

afterEach(async () => {
  await database.close();
});

const insertCount = preparedQuery(
  (db, p: { companyId: string; shard: number; count: number }) =>
    db
      .insertInto("company_inbound_counts")
      .values({ company_id: p.companyId, shard: p.shard, inbound_count: 1 })
      .onConflict((conflict) =>
        conflict.columns(["company_id", "shard"]).doUpdateSet((eb) => ({
          inbound_count: eb(
            "company_inbound_counts.inbound_count",
            "+",
            p.count,
          ),
        })),
      )
      .returning(["shard", "inbound_count"]),
);

const selectCountsAbove = preparedQuery(
  (_db, p: { companyId: string; minimum: number }) => sql<{ shard: number }>`
    SELECT shard FROM company_inbound_counts
    WHERE company_id = ${p.companyId} AND inbound_count >= ${p.minimum}
    ORDER BY shard
  `,
);

async function companyId(): Promise<string> {
  const company = await buildCompany({ db: database.db } as AppContext);

  return company.id;
}

describe("preparedQuery", () => {
  it("binds new values on every run", async () => {
    const id = await companyId();

    const first = await insertCount(database.db, {
      companyId: id,
      shard: 0,
      count: 5,
    });
    const second = await insertCount(database.db, {
      companyId: id,
      shard: 0,
      count: 5,
    });
    const third = await insertCount(database.db, {
      companyId: id,
      shard: 3,
      count: 5,
    });

    expect(first.rows).toEqual([{ shard: 0, inbound_count: 1 }]);
    expect(second.rows).toEqual([{ shard: 0, inbound_count: 6 }]);
    expect(third.rows).toEqual([{ shard: 3, inbound_count: 1 }]);
  });

  it("binds a repeated parameter at each place", async () => {
    const id = await companyId();
    const update = preparedQuery((db, p: { companyId: string; n: number }) =>
      db
        .insertInto("company_inbound_counts")
        .values({ company_id: p.companyId, shard: p.n, inbound_count: p.n }),
    );

    await update(database.db, { companyId: id, n: 2 });
    await update(database.db, { companyId: id, n: 7 });
    const { rows } = await selectCountsAbove(database.db, {
      companyId: id,
      minimum: 2,
    });

    expect(rows).toEqual([{ shard: 2 }, { shard: 7 }]);
  });

  it("runs raw SQL in a transaction", async () => {
    const id = await companyId();
    await insertCount(database.db, { companyId: id, shard: 1, count: 1 });

    const rows = await database.db.transaction().execute(async (trx) => {
      await insertCount(trx, { companyId: id, shard: 1, count: 4 });
      const result = await selectCountsAbove(trx, {
        companyId: id,
        minimum: 5,
      });

      return result.rows;
    });

    expect(rows).toEqual([{ shard: 1 }]);
  });

  it("keeps constants the builder binds", async () => {
    const id = await companyId();
    const insertOne = preparedQuery((db, p: { companyId: string }) =>
      db
        .insertInto("company_inbound_counts")
        .values({ company_id: p.companyId, shard: 4, inbound_count: 9 }),
    );

    await insertOne(database.db, { companyId: id });
    const { rows } = await selectCountsAbove(database.db, {
      companyId: id,
      minimum: 9,
    });

    expect(rows).toEqual([{ shard: 4 }]);
  });
});
