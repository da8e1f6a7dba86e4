import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { commitInGroup } from "../../src/server/plugins/sms-inbox/webhook/grouped-commit.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildInboxCompany,
  inboundParams,
  randomSid,
  tokenUrl,
} from "./webhook-fixture.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  await testApp.close();
});

async function companyNames(): Promise<string[]> {
  const rows = await testApp.ctx.db
    .selectFrom("companies")
    .select("name")
    .orderBy("name")
    .execute();

  return rows.map((row) => row.name);
}

describe("grouped commit", () => {
  test("failing write fails alone", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const { db } = testApp.ctx;
    const rename = (name: string) =>
      commitInGroup(db, async (trx) => {
        await trx
          .updateTable("companies")
          .set({ name })
          .where("id", "=", inbox.company.id)
          .execute();

        return name;
      });

    const results = await Promise.allSettled([
      rename("Alpha"),
      commitInGroup(db, async (trx) => {
        await trx
          .updateTable("companies")
          .set({ name: "Rolled back" })
          .where("id", "=", inbox.company.id)
          .execute();
        throw new Error("write failed");
      }),
      rename("Omega"),
    ]);

    expect(results[0]).toEqual({ status: "fulfilled", value: "Alpha" });
    expect(results[1]).toMatchObject({ status: "rejected" });
    expect(results[2]).toEqual({ status: "fulfilled", value: "Omega" });
    expect(await companyNames()).toEqual(["Omega"]);
  });

  test("writes resolve after commit", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const { db } = testApp.ctx;

    const names = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        commitInGroup(db, async (trx) => {
          const name = `Company ${String(index).padStart(2, "0")}`;
          await trx
            .updateTable("companies")
            .set({ name })
            .where("id", "=", inbox.company.id)
            .execute();

          return name;
        }),
      ),
    );

    expect(names).toEqual(
      Array.from(
        { length: 20 },
        (_, index) => `Company ${String(index).padStart(2, "0")}`,
      ),
    );
    // Every write has committed, so the name is one that a write set.
    const [stored] = await companyNames();
    expect(names).toContain(stored);
  });
});

describe("grouped webhook stores", () => {
  test("concurrent texts stored once each", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const sids = Array.from({ length: 30 }, () => randomSid("SM"));
    // Every SID is posted twice at once, so repeats can share a group.
    const requests = [...sids, ...sids].map((sid, index) =>
      signedWebhookRequest(
        tokenUrl(inbox.company),
        inboundParams(inbox.twilio, {
          MessageSid: sid,
          SmsSid: sid,
          SmsMessageSid: sid,
          From: `+1415555${String(2000 + (index % 7)).padStart(4, "0")}`,
        }),
        inbox.twilio.authToken,
      ),
    );

    const responses = await Promise.all(
      requests.map((request) => testApp.app.inject(request)),
    );

    for (const response of responses) expect(response.statusCode).toBe(200);
    const stored = await testApp.ctx.db
      .selectFrom("messages")
      .select(["twilio_sid"])
      .execute();
    expect(stored.map((row) => row.twilio_sid).sort()).toEqual(
      [...sids].sort(),
    );
    const conversations = await testApp.ctx.db
      .selectFrom("conversations")
      .select("inbound_count")
      .execute();
    expect(conversations).toHaveLength(7);
    const inboundTotal = conversations.reduce(
      (sum, row) => sum + row.inbound_count,
      0,
    );
    expect(inboundTotal).toBe(30);
  });
});
