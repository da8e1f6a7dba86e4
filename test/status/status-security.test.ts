import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  buildInboxCompany,
  inboundParams,
  postSigned,
  PUBLIC_URL,
  randomSid,
} from "../webhook/webhook-fixture.js";
import {
  loadMessage,
  postStatus,
  seedOutbound,
  STATUS_PATH,
  statusParams,
  statusUrl,
} from "./status-fixture.js";

let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp();
});

afterAll(async () => {
  await testApp.close();
});

/** A company with one queued text, and the callback that delivers it. */
async function queuedText() {
  const inbox = await buildInboxCompany(testApp.ctx);
  const seeded = await seedOutbound(testApp.ctx, inbox);
  const params = statusParams(inbox, seeded.twilioSid, "delivered");
  const unchanged = await loadMessage(testApp.ctx, seeded.messageId);

  return { inbox, seeded, params, unchanged };
}

function errorCode(response: { json<T>(): T }) {
  return response.json<{ error: { code: string } }>().error.code;
}

describe("status callback signature", () => {
  test("signed callback answers empty 200", async () => {
    const { inbox, seeded, params } = await queuedText();

    const response = await postStatus(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("");
    const message = await loadMessage(testApp.ctx, seeded.messageId);
    expect(message.status).toBe("delivered");
  });

  test("unsigned callback is rejected", async () => {
    const { inbox, seeded, params, unchanged } = await queuedText();
    const request = signedWebhookRequest(statusUrl(inbox), params, "x");
    delete request.headers["x-twilio-signature"];

    const response = await testApp.app.inject(request);

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("webhook_missing_signature");
    expect(await loadMessage(testApp.ctx, seeded.messageId)).toEqual(unchanged);
  });

  test("wrong auth token is rejected", async () => {
    const { inbox, seeded, params, unchanged } = await queuedText();
    const request = signedWebhookRequest(
      statusUrl(inbox),
      params,
      "0123456789abcdef0123456789abcdef",
    );

    const response = await testApp.app.inject(request);

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("webhook_invalid_signature");
    expect(await loadMessage(testApp.ctx, seeded.messageId)).toEqual(unchanged);
  });

  test("tampered status is rejected", async () => {
    const { inbox, seeded, params, unchanged } = await queuedText();
    const request = signedWebhookRequest(
      statusUrl(inbox),
      params,
      inbox.twilio.authToken,
    );
    request.payload = request.payload.replace(
      "MessageStatus=delivered",
      "MessageStatus=failed",
    );

    const response = await testApp.app.inject(request);

    expect(response.statusCode).toBe(403);
    expect(await loadMessage(testApp.ctx, seeded.messageId)).toEqual(unchanged);
  });

  test("unknown token is rejected", async () => {
    const { inbox, seeded, params, unchanged } = await queuedText();
    const url = `${PUBLIC_URL}${STATUS_PATH}/not-a-company-token`;

    const response = await postStatus(testApp.app, inbox, params, url);

    expect(response.statusCode).toBe(404);
    expect(await loadMessage(testApp.ctx, seeded.messageId)).toEqual(unchanged);
  });

  test("form body is required", async () => {
    const { inbox, params } = await queuedText();

    const response = await testApp.app.inject({
      method: "POST",
      url: `${STATUS_PATH}/${inbox.company.webhookToken}`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(params),
    });

    expect(response.statusCode).toBe(415);
  });
});

describe("status callback parameters", () => {
  test("missing status is rejected", async () => {
    const { inbox, params } = await queuedText();
    const { MessageStatus: _status, ...withoutStatus } = params;

    const response = await postStatus(testApp.app, inbox, withoutStatus);

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("webhook_missing_parameters");
    expect(response.json<{ error: { message: string } }>().error.message).toBe(
      "The request is missing the Twilio parameters MessageStatus. Use this URL only as a message's StatusCallback.",
    );
  });

  test("malformed error code is rejected", async () => {
    const { inbox, seeded, params, unchanged } = await queuedText();

    const response = await postStatus(testApp.app, inbox, {
      ...params,
      MessageStatus: "failed",
      ErrorCode: "30003; DROP",
    });

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("webhook_invalid_parameters");
    expect(await loadMessage(testApp.ctx, seeded.messageId)).toEqual(unchanged);
  });

  test("repeated status is rejected", async () => {
    const { inbox, params } = await queuedText();

    const response = await postStatus(testApp.app, inbox, {
      ...params,
      MessageStatus: ["sent", "delivered"],
    });

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("webhook_invalid_parameters");
  });

  test("unknown MessageSid answers 200", async () => {
    const { inbox, seeded, unchanged } = await queuedText();
    const params = statusParams(inbox, randomSid("SM"), "delivered");

    const response = await postStatus(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    expect(await loadMessage(testApp.ctx, seeded.messageId)).toEqual(unchanged);
  });

  test("inbound message is never updated", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const inbound = inboundParams(inbox.twilio);
    await postSigned(testApp.app, inbox, inbound);
    const sid = String(inbound.MessageSid);

    const response = await postStatus(
      testApp.app,
      inbox,
      statusParams(inbox, sid, "read"),
    );

    expect(response.statusCode).toBe(200);
    const row = await testApp.ctx.db
      .selectFrom("messages")
      .select("status")
      .where("twilio_sid", "=", sid)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("received");
  });
});

describe("status callback without token", () => {
  test("finds company by From", async () => {
    const { inbox, seeded, params } = await queuedText();

    const response = await postStatus(
      testApp.app,
      inbox,
      params,
      `${PUBLIC_URL}${STATUS_PATH}`,
    );

    expect(response.statusCode).toBe(200);
    const message = await loadMessage(testApp.ctx, seeded.messageId);
    expect(message.status).toBe("delivered");
  });

  test("unknown From is rejected", async () => {
    const { inbox, seeded, params, unchanged } = await queuedText();

    const response = await postStatus(
      testApp.app,
      inbox,
      { ...params, From: "+14155550177" },
      `${PUBLIC_URL}${STATUS_PATH}`,
    );

    expect(response.statusCode).toBe(404);
    expect(await loadMessage(testApp.ctx, seeded.messageId)).toEqual(unchanged);
  });
});

describe("status callback tenant isolation", () => {
  test("B's token cannot update A", async () => {
    const a = await queuedText();
    const b = await buildInboxCompany(testApp.ctx);

    // B signs with its own credentials but names A's message.
    const response = await postStatus(
      testApp.app,
      b,
      statusParams(b, a.seeded.twilioSid, "failed", { ErrorCode: "30008" }),
    );

    expect(response.statusCode).toBe(200);
    const message = await loadMessage(testApp.ctx, a.seeded.messageId);
    expect(message).toEqual(a.unchanged);
  });

  test("A's account on B's token is rejected", async () => {
    const a = await queuedText();
    const b = await buildInboxCompany(testApp.ctx);

    const response = await postStatus(
      testApp.app,
      b,
      { ...a.params, From: b.twilio.defaultNumber },
      statusUrl(b),
    );

    expect(response.statusCode).toBe(404);
    const message = await loadMessage(testApp.ctx, a.seeded.messageId);
    expect(message).toEqual(a.unchanged);
  });

  test("A's signature on B's url is rejected", async () => {
    const a = await queuedText();
    const b = await buildInboxCompany(testApp.ctx);

    const response = await postStatus(
      testApp.app,
      a.inbox,
      a.params,
      statusUrl(b),
    );

    expect(response.statusCode).toBe(403);
    const message = await loadMessage(testApp.ctx, a.seeded.messageId);
    expect(message).toEqual(a.unchanged);
  });
});
