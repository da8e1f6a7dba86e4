import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/context.js";
import { buildCompany } from "../../../test/support/factories.js";
import { seedInbound } from "../../../test/inbox/inbox-fixture.js";
import { createCompanyWithOwner } from "../host/setup/company-creator.js";
import { pluginCatalogue } from "../plugin-catalogue.js";
import { claimNextJob } from "../plugins/sms-inbox/outbox/lease-queries.js";
import { insertOutboxJob } from "../plugins/sms-inbox/outbox/outbox-queries.js";
import { isUniqueViolation, lockForFirstRun } from "./dialect.js";
import { newId, nowIso } from "./ids.js";

// These run on SQLite, and on PostgreSQL when TEST_DATABASE_URL names it,
// where concurrent statements use separate pool connections.
let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});

afterEach(async () => {
  await t.close();
});

describe("first-run setup lock", () => {
  test("setup waits for one in progress", async () => {
    const first = await t.ctx.db.startTransaction().execute();
    await lockForFirstRun(first);
    await first
      .insertInto("companies")
      .values({
        id: newId(),
        name: "First",
        country: "US",
        webhook_token: newId(),
        created_at: nowIso(),
      })
      .execute();

    const second = createCompanyWithOwner(
      t.ctx,
      {
        companyName: "Second",
        country: "US",
        ownerName: "Grace",
        ownerEmail: "grace@example.com",
        password: "grace password",
      },
      { catalogue: pluginCatalogue, firstRunOnly: true },
    );
    // Long enough for the second setup to hash its password and reach the
    // check while the first transaction is still open.
    // The second setup can fail before the commit's own reply arrives, so
    // its rejection is awaited from before the commit.
    const rejected = expect(second).rejects.toMatchObject({
      code: "setup_already_done",
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await first.commit().execute();

    await rejected;
    const companies = await t.ctx.db
      .selectFrom("companies")
      .select("name")
      .execute();
    expect(companies).toEqual([{ name: "First" }]);
  });
});

describe("outbox claim", () => {
  test("concurrent claims take different jobs", async () => {
    const company = await buildCompany(t.ctx);
    const at = nowIso();
    for (let index = 0; index < 4; index += 1) {
      const from = `+1415555${String(300 + index).padStart(4, "0")}`;
      const seeded = await seedInbound(t.ctx, company, { from });
      await insertOutboxJob(t.ctx.db, {
        companyId: company.id,
        messageId: seeded.messageId,
        at,
      });
    }
    const lockedUntil = new Date(Date.now() + 60_000).toISOString();

    const claims = await Promise.all(
      ["a", "b", "c", "d"].map((workerId) =>
        claimNextJob(t.ctx.db, { workerId, now: nowIso(), lockedUntil }),
      ),
    );

    const ids = claims.map((job) => job?.id);
    expect(ids).not.toContain(undefined);
    expect(new Set(ids).size).toBe(4);
  });
});

describe("isUniqueViolation", () => {
  async function insertCompany(webhookToken: string, name: string | null) {
    await t.ctx.db
      .insertInto("companies")
      .values({
        id: newId(),
        // A null name breaks the NOT NULL constraint instead.
        name: name as string,
        country: "US",
        webhook_token: webhookToken,
        created_at: nowIso(),
      })
      .execute();
  }

  async function errorOf(work: Promise<void>): Promise<unknown> {
    return work.then(
      () => new Error("the insert succeeded"),
      (error: unknown) => error,
    );
  }

  test("recognises a duplicate key", async () => {
    await insertCompany("token-1", "First");

    const error = await errorOf(insertCompany("token-1", "Second"));

    expect(isUniqueViolation(error)).toBe(true);
  });

  test("ignores other constraint errors", async () => {
    const error = await errorOf(insertCompany("token-2", null));

    expect(error).toBeInstanceOf(Error);
    expect(isUniqueViolation(error)).toBe(false);
  });
});
