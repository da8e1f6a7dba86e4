import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Conversation, MessagePage } from "../../src/common/api.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import { buildStaff } from "../support/factories.js";
import {
  buildInboxCompany,
  CUSTOMER_NUMBER,
} from "../webhook/webhook-fixture.js";
import {
  loadMessage,
  postStatus,
  seedOutbound,
  statusParams,
} from "./status-fixture.js";

const API = "/api/plugins/sms-chat";

let testApp: TestApp;

beforeAll(async () => {
  // A closed loopback port, so no test can reach a real Twilio by mistake.
  testApp = await buildTestApp({ TWILIO_API_BASE_URL: "http://127.0.0.1:9" });
});

afterAll(async () => {
  await testApp.close();
});

async function queuedTextWithStaff() {
  const inbox = await buildInboxCompany(testApp.ctx);
  const seeded = await seedOutbound(testApp.ctx, inbox);
  const staff = await buildStaff(testApp.ctx, inbox.company);

  return { inbox, seeded, staff };
}

describe("status callback effects", () => {
  test("thread shows status and error", async () => {
    const { inbox, seeded, staff } = await queuedTextWithStaff();
    await postStatus(
      testApp.app,
      inbox,
      statusParams(inbox, seeded.twilioSid, "undelivered", {
        ErrorCode: "30003",
        ErrorMessage: "Unreachable destination handset",
      }),
    );

    const response = await testApp.app.inject({
      method: "GET",
      url: `${API}/conversations/${seeded.conversationId}/messages`,
      headers: staff.headers,
    });

    expect(response.statusCode).toBe(200);
    const [message] = response.json<MessagePage>().messages;
    expect(message?.status).toBe("undelivered");
    expect(message?.errorCode).toBe(30003);
    expect(message?.errorMessage).toBe(
      "The customer's phone could not be reached: it may be switched off or out of coverage. Send it again as a new text once the customer is likely reachable.",
    );
  });

  test("error 21610 marks customer opted out", async () => {
    const { inbox, seeded, staff } = await queuedTextWithStaff();

    await postStatus(
      testApp.app,
      inbox,
      statusParams(inbox, seeded.twilioSid, "failed", { ErrorCode: "21610" }),
    );

    const row = await testApp.ctx.db
      .selectFrom("opt_outs")
      .selectAll()
      .where("company_id", "=", inbox.company.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      customer_number: CUSTOMER_NUMBER,
      inbox_number: inbox.twilio.defaultNumber,
      opted_out: 1,
      keyword: null,
    });
    const response = await testApp.app.inject({
      method: "GET",
      url: `${API}/conversations/${seeded.conversationId}`,
      headers: staff.headers,
    });
    const { optOut } = response.json<Conversation>();
    expect(optOut.optedOut).toBe(true);
    expect(optOut.keyword).toBeNull();
    expect(optOut.at).toBe(row.opted_out_at);
  });

  test("other error codes leave opt-out alone", async () => {
    const { inbox, seeded } = await queuedTextWithStaff();

    await postStatus(
      testApp.app,
      inbox,
      statusParams(inbox, seeded.twilioSid, "undelivered", {
        ErrorCode: "30005",
      }),
    );

    const rows = await testApp.ctx.db
      .selectFrom("opt_outs")
      .selectAll()
      .where("company_id", "=", inbox.company.id)
      .execute();
    expect(rows).toEqual([]);
    const message = await loadMessage(testApp.ctx, seeded.messageId);
    expect(message.error_code).toBe(30005);
  });
});
