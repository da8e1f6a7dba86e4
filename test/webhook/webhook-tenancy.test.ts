import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  PUBLIC_URL,
  WEBHOOK_PATH,
  buildInboxCompany,
  inboundParams,
  postSigned,
  tokenUrl,
} from "./webhook-fixture.js";

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  await testApp.close();
});

function countMessages(companyId: string) {
  return testApp.ctx.db
    .selectFrom("messages")
    .select("id")
    .where("company_id", "=", companyId)
    .execute()
    .then((rows) => rows.length);
}

describe("webhook tenant isolation", () => {
  test("token url stores in its company", async () => {
    const a = await buildInboxCompany(testApp.ctx, {
      defaultNumber: "+14155550101",
    });
    const b = await buildInboxCompany(testApp.ctx, {
      defaultNumber: "+14155550102",
    });

    const response = await postSigned(testApp.app, a, inboundParams(a.twilio));

    expect(response.statusCode).toBe(200);
    expect(await countMessages(a.company.id)).toBe(1);
    expect(await countMessages(b.company.id)).toBe(0);
  });

  test("number of A never lands in B", async () => {
    const a = await buildInboxCompany(testApp.ctx, {
      defaultNumber: "+14155550101",
    });
    const b = await buildInboxCompany(testApp.ctx, {
      defaultNumber: "+14155550102",
    });

    // B's own URL and credentials, but a text addressed to A's number.
    const response = await postSigned(
      testApp.app,
      b,
      inboundParams(b.twilio, { To: a.twilio.defaultNumber }),
      tokenUrl(b.company),
    );

    expect(response.statusCode).toBe(404);
    expect(await countMessages(a.company.id)).toBe(0);
    expect(await countMessages(b.company.id)).toBe(0);
  });

  test("token-less url picks the account", async () => {
    // Two Twilio accounts can each own a number written the same way.
    const a = await buildInboxCompany(testApp.ctx, {
      defaultNumber: "+14155550100",
    });
    const b = await buildInboxCompany(testApp.ctx, {
      defaultNumber: "+14155550100",
    });

    const response = await postSigned(
      testApp.app,
      b,
      inboundParams(b.twilio),
      PUBLIC_URL + WEBHOOK_PATH,
    );

    expect(response.statusCode).toBe(200);
    expect(await countMessages(a.company.id)).toBe(0);
    expect(await countMessages(b.company.id)).toBe(1);
  });

  test("same customer gets separate conversations", async () => {
    const a = await buildInboxCompany(testApp.ctx, {
      defaultNumber: "+14155550101",
    });
    const b = await buildInboxCompany(testApp.ctx, {
      defaultNumber: "+14155550102",
    });

    await postSigned(testApp.app, a, inboundParams(a.twilio));
    await postSigned(testApp.app, b, inboundParams(b.twilio));

    const conversations = await testApp.ctx.db
      .selectFrom("conversations")
      .select(["company_id", "customer_number"])
      .orderBy("company_id")
      .execute();
    expect(conversations).toHaveLength(2);
    expect(new Set(conversations.map((row) => row.company_id))).toEqual(
      new Set([a.company.id, b.company.id]),
    );
  });
});
