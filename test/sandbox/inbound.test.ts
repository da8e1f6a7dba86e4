import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { InboundResult } from "../../src/sandbox/inbound.js";
import {
  controlRequest,
  rejectionOf,
  startReceiver,
  startSandbox,
  type Receiver,
  type ReceiverReply,
  type SandboxFixture,
} from "./support.js";

const customer = "+14155550199";

const inboundParamNames = [
  "AccountSid",
  "ApiVersion",
  "Body",
  "From",
  "FromCity",
  "FromCountry",
  "FromState",
  "FromZip",
  "MessageSid",
  "NumMedia",
  "NumSegments",
  "ReferralNumMedia",
  "SmsMessageSid",
  "SmsSid",
  "SmsStatus",
  "To",
  "ToCity",
  "ToCountry",
  "ToState",
  "ToZip",
];

describe("sandbox inbound texts", () => {
  let fixture: SandboxFixture;
  let receiver: Receiver;
  let nextReply: ReceiverReply | undefined;

  beforeEach(async () => {
    fixture = await startSandbox();
    nextReply = undefined;
    receiver = await startReceiver(
      () =>
        nextReply ?? {
          status: 200,
          contentType: "text/xml",
          body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
        },
    );
  });

  afterEach(async () => {
    await fixture.close();
    await receiver.close();
  });

  async function text(body: string, extra: Record<string, unknown> = {}) {
    const { baseUrl, number } = fixture;

    return controlRequest<InboundResult>(baseUrl, "POST", "/inbound", {
      from: customer,
      to: number.phoneNumber,
      body,
      ...extra,
    });
  }

  function pointWebhook(path: string, method: "GET" | "POST" = "POST") {
    fixture.number.smsUrl = `${receiver.origin}${path}`;
    fixture.number.smsMethod = method;

    return fixture.number.smsUrl;
  }

  test("webhook is signed with all params", async () => {
    const { account, number } = fixture;
    const url = pointWebhook("/v1/plugins/sms-chat/webhook/tok3n?x=1");

    const result = await text("Hi, is anyone there? 👋");
    const [request] = receiver.requests;
    const signature = String(request?.headers["x-twilio-signature"]);

    expect(result.status).toBe(200);
    expect(result.body.webhook?.status).toBe(200);
    expect(result.body.error).toBeNull();
    expect(request?.url).toBe("/v1/plugins/sms-chat/webhook/tok3n?x=1");
    expect(
      twilio.validateRequest(
        account.authToken,
        signature,
        url,
        request?.form ?? {},
      ),
    ).toBe(true);
    expect(Object.keys(request?.form ?? {}).sort()).toEqual(inboundParamNames);
    expect(request?.form).toMatchObject({
      AccountSid: account.sid,
      ApiVersion: "2010-04-01",
      Body: "Hi, is anyone there? 👋",
      From: customer,
      FromCity: "SAN FRANCISCO",
      FromCountry: "US",
      MessageSid: result.body.messageSid,
      NumMedia: "0",
      NumSegments: "1",
      SmsMessageSid: result.body.messageSid,
      SmsSid: result.body.messageSid,
      SmsStatus: "received",
      To: number.phoneNumber,
    });
  });

  test("get webhook signs the full url", async () => {
    const { account } = fixture;
    const url = pointWebhook("/hook", "GET");

    await text("By GET");
    const [request] = receiver.requests;
    const signature = String(request?.headers["x-twilio-signature"]);
    const fullUrl = `${receiver.origin}${request?.url}`;

    expect(request?.method).toBe("GET");
    expect(new URL(fullUrl).searchParams.get("Body")).toBe("By GET");
    expect(
      twilio.validateRequest(account.authToken, signature, fullUrl, {}),
    ).toBe(true);
    expect(twilio.validateRequest(account.authToken, signature, url, {})).toBe(
      false,
    );
  });

  test("mms carries media params", async () => {
    pointWebhook("/hook");

    const result = await text("", {
      mediaUrls: ["https://example.com/photo.jpg"],
    });
    const [request] = receiver.requests;

    expect(result.body.messageSid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(request?.form).toMatchObject({
      NumMedia: "1",
      MediaUrl0: "https://example.com/photo.jpg",
      MediaContentType0: "image/jpeg",
    });
  });

  test("messaging service sid is included", async () => {
    const serviceSid = `MG${"c".repeat(32)}`;
    fixture.number.messagingServiceSid = serviceSid;
    pointWebhook("/hook");

    await text("Pooled");

    expect(receiver.requests[0]?.form.MessagingServiceSid).toBe(serviceSid);
  });

  test("inbound text appears in list", async () => {
    const { client } = fixture;
    pointWebhook("/hook");

    const result = await text("Recorded");
    const [listed] = await client.messages.list({ from: customer });

    expect(listed?.sid).toBe(result.body.messageSid);
    expect(listed?.direction).toBe("inbound");
    expect(listed?.status).toBe("received");
  });

  test("number without sms url records only", async () => {
    const { client } = fixture;

    const result = await text("Anyone?");
    const listed = await client.messages.list();

    expect(result.status).toBe(200);
    expect(result.body.webhook).toBeNull();
    expect(result.body.error).toMatch(/no SMS URL/);
    expect(listed.map((message) => message.sid)).toEqual([
      result.body.messageSid,
    ]);
  });

  test("webhook error status is returned", async () => {
    pointWebhook("/hook");
    nextReply = {
      status: 403,
      contentType: "text/plain",
      body: "Invalid signature",
    };

    const result = await text("Hello");

    expect(result.body.webhook).toMatchObject({
      status: 403,
      body: "Invalid signature",
    });
    expect(result.body.error).toBe("The webhook returned HTTP 403.");
  });

  test("non-xml response reports 12300", async () => {
    pointWebhook("/hook");
    nextReply = { status: 200, contentType: "application/json", body: "{}" };

    const result = await text("Hello");

    expect(result.body.error).toMatch(/12300/);
  });

  test("twiml message reply reaches handset", async () => {
    const { baseUrl, number } = fixture;
    pointWebhook("/hook");
    nextReply = {
      status: 200,
      contentType: "text/xml; charset=utf-8",
      body: "<Response><Message>Thanks &amp; welcome</Message></Response>",
    };

    const result = await text("Hello");
    const thread = await controlRequest<{
      messages: { body: string; sentByHandset: boolean }[];
    }>(
      baseUrl,
      "GET",
      `/phones/${encodeURIComponent(customer)}/messages?with=${encodeURIComponent(number.phoneNumber)}`,
    );

    expect(result.body.replies).toEqual(["Thanks & welcome"]);
    expect(thread.body.messages).toEqual([
      expect.objectContaining({ body: "Hello", sentByHandset: true }),
      expect.objectContaining({
        body: "Thanks & welcome",
        sentByHandset: false,
      }),
    ]);
  });

  test("stop opts the sender out", async () => {
    const { client, number } = fixture;
    pointWebhook("/hook");

    await text("Stop");
    const error = await rejectionOf(
      client.messages.create({
        to: customer,
        from: number.phoneNumber,
        body: "Still there?",
      }),
    );
    await text("START");
    const allowed = await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "Welcome back",
    });

    expect(receiver.requests.map((request) => request.form.Body)).toEqual([
      "Stop",
      "START",
    ]);
    expect(error).toMatchObject({ code: 21610 });
    expect(allowed.status).toBe("queued");
  });

  test("unreachable webhook reports the failure", async () => {
    const closed = await startReceiver();
    fixture.number.smsUrl = `${closed.origin}/hook`;
    await closed.close();

    const result = await text("Hello");

    expect(result.status).toBe(200);
    expect(result.body.webhook).toBeNull();
    expect(result.body.error).toMatch(/^The webhook request failed/);
  });

  test("unknown business number returns 404", async () => {
    const result = await text("Hello", { to: "+14155550123" });

    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({
      error: expect.stringMatching(/\+14155550123/),
    });
  });

  test("outbound messages reach the handset thread", async () => {
    const { baseUrl, client, number } = fixture;
    await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "Your table is ready",
    });

    const response = await controlRequest<{ messages: { body: string }[] }>(
      baseUrl,
      "GET",
      `/phones/${encodeURIComponent(customer)}/messages`,
    );

    expect(response.body.messages.map((message) => message.body)).toEqual([
      "Your table is ready",
    ]);
  });
});
