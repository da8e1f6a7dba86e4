import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildInboxCompany,
  findConversation,
  findMessage,
  inboundParams,
  postSigned,
  type InboxCompany,
} from "./webhook-fixture.js";
import type { FormParams } from "../support/twilio-signing.js";

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  await testApp.close();
});

/** Posts a signed text and returns the stored message row. */
async function deliver(inbox: InboxCompany, overrides: FormParams) {
  const params = inboundParams(inbox.twilio, overrides);
  const response = await postSigned(testApp.app, inbox, params);
  expect(response.statusCode).toBe(200);

  const message = await findMessage(testApp.ctx, String(params.MessageSid));
  if (!message) throw new Error("The message was not stored.");

  return message;
}

function listMedia(messageId: string) {
  return testApp.ctx.db
    .selectFrom("message_media")
    .select(["position", "url", "content_type"])
    .where("message_id", "=", messageId)
    .orderBy("position")
    .execute();
}

describe("webhook message fidelity", () => {
  test("stores emoji and unicode exactly", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const body = "Grüße 👋🏽 日本語 👨‍👩‍👧 «ok» ‘quotes’ & <tags> +%20";

    const message = await deliver(inbox, { Body: body });

    expect(message.body).toBe(body);
  });

  test("removes NUL from body", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const message = await deliver(inbox, { Body: "see\u0000 you\u0000" });

    expect(message.body).toBe("see you");
  });

  test("stores status as received", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const message = await deliver(inbox, {});

    expect(message.status).toBe("received");
    expect(message.direction).toBe("inbound");
  });

  test("keeps short code sender", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const message = await deliver(inbox, { From: "68849" });

    expect(message.from_number).toBe("68849");
    const conversation = await findConversation(
      testApp.ctx,
      message.conversation_id,
    );
    expect(conversation.customer_number).toBe("68849");
  });

  test("keeps alphanumeric sender", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const message = await deliver(inbox, { From: "SUPPORT" });

    expect(message.from_number).toBe("SUPPORT");
    const conversation = await findConversation(
      testApp.ctx,
      message.conversation_id,
    );
    expect(conversation.customer_number).toBe("SUPPORT");
  });

  test("normalises national format sender", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const message = await deliver(inbox, { From: "(415) 555-0199" });

    expect(message.from_number).toBe("+14155550199");
  });

  test("reads national format in company country", async () => {
    const inbox = await buildInboxCompany(testApp.ctx, {
      country: "GB",
      defaultNumber: "+447700900100",
    });

    const message = await deliver(inbox, { From: "07700 900123" });

    expect(message.from_number).toBe("+447700900123");
  });

  test("stores every media item", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const message = await deliver(inbox, {
      Body: "two photos",
      NumMedia: "2",
      MediaUrl0: "https://api.twilio.com/media/ME0",
      MediaContentType0: "image/jpeg",
      MediaUrl1: "https://api.twilio.com/media/ME1",
      MediaContentType1: "image/png",
    });

    expect(message.num_media).toBe(2);
    expect(await listMedia(message.id)).toEqual([
      {
        position: 0,
        url: "https://api.twilio.com/media/ME0",
        content_type: "image/jpeg",
      },
      {
        position: 1,
        url: "https://api.twilio.com/media/ME1",
        content_type: "image/png",
      },
    ]);
  });

  test("stores media with empty body", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const message = await deliver(inbox, {
      Body: "",
      NumMedia: "1",
      MediaUrl0: "https://api.twilio.com/media/ME0",
      MediaContentType0: "video/mp4",
    });

    expect(message.body).toBe("");
    expect(await listMedia(message.id)).toHaveLength(1);
  });

  test("ignores media beyond NumMedia", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const message = await deliver(inbox, {
      NumMedia: "1",
      MediaUrl0: "https://api.twilio.com/media/ME0",
      MediaContentType0: "image/gif",
      MediaUrl1: "https://api.twilio.com/media/ME1",
    });

    expect(await listMedia(message.id)).toHaveLength(1);
  });
});
