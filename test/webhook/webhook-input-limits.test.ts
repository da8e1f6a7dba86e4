import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  CUSTOMER_NUMBER,
  PUBLIC_URL,
  buildInboxCompany,
  countRows,
  findConversation,
  findMessage,
  inboundParams,
  postSigned,
} from "./webhook-fixture.js";

const STATUS_PATH = "/v1/plugins/sms-chat/status";

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  await testApp.close();
});

const nothingStored = { messages: 0, conversations: 0, media: 0 };

describe("webhook address checks", () => {
  test.each([
    ["blank From", { From: "" }, "From"],
    ["whitespace From", { From: "   " }, "From"],
    ["whitespace To", { To: " \t " }, "To"],
    ["overlong From", { From: `+1${"4".repeat(63)}` }, "From"],
    ["overlong To", { To: `+1${"5".repeat(63)}` }, "To"],
    ["NUL inside From", { From: "+1415\u00005550197" }, "From"],
    ["line break inside To", { To: "+1415\n5550100" }, "To"],
  ])("%s gets 400", async (_, override, field) => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const response = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio, override),
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toMatch(
      /^webhook_(invalid|missing)_parameters$/,
    );
    expect(response.json().error.message).toContain(field);
    expect(await countRows(testApp.ctx)).toEqual(nothingStored);
  });

  test("64-character sender is accepted", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const sender = "A".repeat(64);

    const response = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio, { From: sender }),
    );

    expect(response.statusCode).toBe(200);
    expect((await countRows(testApp.ctx)).messages).toBe(1);
  });
});

describe("body size limit", () => {
  test("oversized webhook gets 413", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { Body: "x".repeat(70_000) });

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(413);
    expect(await countRows(testApp.ctx)).toEqual(nothingStored);
  });

  test("oversized status callback gets 413", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const request = signedWebhookRequest(
      PUBLIC_URL + STATUS_PATH,
      {
        MessageSid: `SM${"0".repeat(32)}`,
        AccountSid: inbox.twilio.accountSid,
        From: inbox.twilio.defaultNumber,
        MessageStatus: "delivered",
        Padding: "x".repeat(70_000),
      },
      inbox.twilio.authToken,
    );

    const response = await testApp.app.inject(request);

    expect(response.statusCode).toBe(413);
  });

  test("long body under the limit is stored", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const body = "🌊".repeat(1_600);
    const params = inboundParams(inbox.twilio, { Body: body });

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    expect(
      (await findMessage(testApp.ctx, String(params.MessageSid)))?.body,
    ).toBe(body);
  });
});

describe("replayed MessageSid", () => {
  test("other sender creates no conversation", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { Body: "first" });
    const first = await postSigned(testApp.app, inbox, params);

    const replay = await postSigned(testApp.app, inbox, {
      ...params,
      From: "+14155550142",
      Body: "replayed",
    });

    expect(first.statusCode).toBe(200);
    expect(replay.statusCode).toBe(200);
    expect(await countRows(testApp.ctx)).toEqual({
      messages: 1,
      conversations: 1,
      media: 0,
    });
    const message = await findMessage(testApp.ctx, String(params.MessageSid));
    expect(message?.body).toBe("first");
    const conversation = await findConversation(
      testApp.ctx,
      message?.conversation_id ?? "",
    );
    expect(conversation.customer_number).toBe(CUSTOMER_NUMBER);
    expect(conversation.last_message_preview).toBe("first");
  });
});
