import { afterEach, describe, expect, it } from "vitest";
import { beginDraining } from "../../src/server/ops/ops-state.js";
import { buildTestApp, type TestApp } from "../support/context.js";

let test: TestApp | undefined;

afterEach(async () => {
  await test?.close();
  test = undefined;
});

interface ReadyBody {
  status: string;
  check?: string;
  message?: string;
}

async function readyz(world: TestApp) {
  const response = await world.app.inject({ method: "GET", url: "/readyz" });

  return { statusCode: response.statusCode, body: response.json<ReadyBody>() };
}

describe("healthz", () => {
  it("returns ok without a session", async () => {
    test = await buildTestApp();

    const response = await test.app.inject({ method: "GET", url: "/healthz" });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("returns ok with database closed", async () => {
    test = await buildTestApp();
    await test.ctx.db.destroy();

    const response = await test.app.inject({ method: "GET", url: "/healthz" });

    expect(response.statusCode).toBe(200);
  });
});

describe("readyz", () => {
  it("returns ok when migrated", async () => {
    test = await buildTestApp();

    const ready = await readyz(test);

    expect(ready.statusCode).toBe(200);
    expect(ready.body).toEqual({ status: "ok" });
  });

  it("fails with a missing migration", async () => {
    test = await buildTestApp();
    await test.ctx.db
      .withTables<{ kysely_migration: { name: string } }>()
      .deleteFrom("kysely_migration")
      .where("name", "=", "20261204_0005_inbox_events")
      .execute();

    const ready = await readyz(test);

    expect(ready.statusCode).toBe(503);
    expect(ready.body.status).toBe("unavailable");
    expect(ready.body.check).toBe("migrations");
    expect(ready.body.message).toContain("20261204_0005_inbox_events");
    expect(ready.body.message).toContain("npm run db:migrate");
  });

  it("fails with an unknown migration", async () => {
    test = await buildTestApp();
    await test.ctx.db
      .withTables<{
        kysely_migration: { name: string; timestamp: string };
      }>()
      .insertInto("kysely_migration")
      .values({ name: "29991231_0001_future", timestamp: "2999-12-31" })
      .execute();

    const ready = await readyz(test);

    expect(ready.statusCode).toBe(503);
    expect(ready.body.check).toBe("migrations");
    expect(ready.body.message).toContain("29991231_0001_future");
  });

  it("fails with the database closed", async () => {
    test = await buildTestApp();
    await test.ctx.db.destroy();

    const ready = await readyz(test);

    expect(ready.statusCode).toBe(503);
    expect(ready.body.check).toBe("database");
    expect(ready.body.message).toContain("DATABASE_URL");
  });

  it("fails once shutdown begins", async () => {
    test = await buildTestApp();
    const before = await readyz(test);

    beginDraining(test.ctx);
    const after = await readyz(test);

    expect(before.statusCode).toBe(200);
    expect(after.statusCode).toBe(503);
    expect(after.body.check).toBe("shutdown");
  });
});
