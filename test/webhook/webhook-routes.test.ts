import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import { encodeForm, signedWebhookRequest } from "../support/twilio-signing.js";
import {
  CUSTOMER_NUMBER,
  EMPTY_TWIML,
  PUBLIC_URL,
  WEBHOOK_PATH,
  addInboxNumber,
  buildInboxCompany,
  countRows,
  findConversation,
  findMessage,
  inboundParams,
  postSigned,
  randomSid,
  tokenUrl,
} from "./webhook-fixture.js";

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  await testApp.close();
});

describe("POST /v1/plugins/sms-chat/webhook/:token", () => {
  test("stores a signed message", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio);

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(EMPTY_TWIML);
    expect(response.headers["content-type"]).toMatch(/^text\/xml\b/);
    const message = await findMessage(testApp.ctx, String(params.MessageSid));
    expect(message?.company_id).toBe(inbox.company.id);
    expect(message?.direction).toBe("inbound");
    expect(message?.from_number).toBe(CUSTOMER_NUMBER);
    expect(message?.to_number).toBe(inbox.twilio.defaultNumber);
    expect(message?.body).toBe(params.Body);
  });

  test("creates the customer conversation", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio);

    await postSigned(testApp.app, inbox, params);

    const message = await findMessage(testApp.ctx, String(params.MessageSid));
    const conversation = await findConversation(
      testApp.ctx,
      message?.conversation_id ?? "",
    );
    expect(conversation.company_id).toBe(inbox.company.id);
    expect(conversation.customer_number).toBe(CUSTOMER_NUMBER);
    expect(conversation.inbox_number).toBe(inbox.twilio.defaultNumber);
  });

  test("accepts form type with charset", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const request = signedWebhookRequest(
      tokenUrl(inbox.company),
      inboundParams(inbox.twilio),
      inbox.twilio.authToken,
    );
    request.headers["content-type"] =
      "application/x-www-form-urlencoded; charset=utf-8";

    const response = await testApp.app.inject(request);

    expect(response.statusCode).toBe(200);
  });

  test("receives on an added number", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await addInboxNumber(testApp.ctx, inbox, "+14155550111");
    const params = inboundParams(inbox.twilio, { To: "+14155550111" });

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    const message = await findMessage(testApp.ctx, String(params.MessageSid));
    expect(message?.to_number).toBe("+14155550111");
  });

  test("accepts messaging service pool numbers", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, {
      To: "+14155550177",
      MessagingServiceSid: randomSid("MG"),
    });

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    const message = await findMessage(testApp.ctx, String(params.MessageSid));
    expect(message?.to_number).toBe("+14155550177");
  });

  test("validates extra unknown parameters", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, {
      FutureParameter: "added by Twilio later",
      OptOutType: "STOP",
    });

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    expect(
      await findMessage(testApp.ctx, String(params.MessageSid)),
    ).toBeDefined();
  });

  test("validates repeated parameter values", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { Tag: ["b", "a", "b"] });

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
  });

  test("signs the query string", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const url = `${tokenUrl(inbox.company)}?site=harbour&n=2`;
    const params = inboundParams(inbox.twilio);

    const response = await postSigned(testApp.app, inbox, params, url);

    expect(response.statusCode).toBe(200);
  });

  test("rejects signature without query string", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio);
    const request = signedWebhookRequest(
      tokenUrl(inbox.company),
      params,
      inbox.twilio.authToken,
    );
    request.url += "?site=harbour";

    const response = await testApp.app.inject(request);

    expect(response.statusCode).toBe(403);
    expect(await countRows(testApp.ctx)).toEqual({
      messages: 0,
      conversations: 0,
      media: 0,
    });
  });
});

describe("POST /v1/plugins/sms-chat/webhook", () => {
  test("token-less url stores message", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio);

    const response = await postSigned(
      testApp.app,
      inbox,
      params,
      PUBLIC_URL + WEBHOOK_PATH,
    );

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(EMPTY_TWIML);
    const message = await findMessage(testApp.ctx, String(params.MessageSid));
    expect(message?.company_id).toBe(inbox.company.id);
  });

  test("token-less url finds added number", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await addInboxNumber(testApp.ctx, inbox, "+14155550122");
    const params = inboundParams(inbox.twilio, { To: "+14155550122" });

    const response = await postSigned(
      testApp.app,
      inbox,
      params,
      PUBLIC_URL + WEBHOOK_PATH,
    );

    expect(response.statusCode).toBe(200);
  });
});

describe("webhook content type", () => {
  const bodies = [
    ["application/json", JSON.stringify({ MessageSid: "SM1" })],
    ["text/plain", "MessageSid=SM1"],
    ["multipart/form-data; boundary=x", "--x--"],
  ] as const;

  for (const [contentType, payload] of bodies) {
    test(`rejects ${contentType.split(";")[0]} with 415`, async () => {
      const inbox = await buildInboxCompany(testApp.ctx);

      const response = await testApp.app.inject({
        method: "POST",
        url: `${WEBHOOK_PATH}/${inbox.company.webhookToken}`,
        headers: { "content-type": contentType, "x-twilio-signature": "x" },
        payload,
      });

      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe("webhook_unsupported_media_type");
      expect((await countRows(testApp.ctx)).messages).toBe(0);
    });
  }

  test("rejects missing content type", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const response = await testApp.app.inject({
      method: "POST",
      url: `${WEBHOOK_PATH}/${inbox.company.webhookToken}`,
      payload: encodeForm(inboundParams(inbox.twilio)),
      headers: { "content-type": "" },
    });

    expect(response.statusCode).toBe(415);
  });
});
