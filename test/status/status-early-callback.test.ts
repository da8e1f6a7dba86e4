import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { statusCallbackUrl } from "../../src/server/plugins/sms-inbox/status/status-callback-url.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildInboxCompany,
  PUBLIC_URL,
  randomSid,
} from "../webhook/webhook-fixture.js";
import { postStatus, seedOutbound, statusParams } from "./status-fixture.js";

let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp();
});

afterAll(async () => {
  await testApp.close();
});

/** Stores an outbound text whose Twilio SID the outbox has not saved yet. */
async function seedWithoutSid(testApp: TestApp) {
  const inbox = await buildInboxCompany(testApp.ctx);
  const seeded = await seedOutbound(testApp.ctx, inbox, { status: "sending" });
  await testApp.ctx.db
    .updateTable("messages")
    .set({ twilio_sid: null })
    .where("id", "=", seeded.messageId)
    .execute();

  return { inbox, messageId: seeded.messageId };
}

function loadSidAndStatus(messageId: string) {
  return testApp.ctx.db
    .selectFrom("messages")
    .select(["twilio_sid", "status"])
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();
}

describe("status callback before the SID is stored", () => {
  test("finds the message by the id in its URL", async () => {
    const { inbox, messageId } = await seedWithoutSid(testApp);
    const twilioSid = randomSid("SM");
    const url = statusCallbackUrl(
      PUBLIC_URL,
      inbox.company.webhookToken,
      messageId,
    );

    const response = await postStatus(
      testApp.app,
      inbox,
      statusParams(inbox, twilioSid, "sent"),
      url,
    );

    expect(response.statusCode).toBe(200);
    const message = await loadSidAndStatus(messageId);
    expect(message.status).toBe("sent");
    expect(message.twilio_sid).toBe(twilioSid);
  });

  test("never replaces a stored SID", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const seeded = await seedOutbound(testApp.ctx, inbox);
    const url = statusCallbackUrl(
      PUBLIC_URL,
      inbox.company.webhookToken,
      seeded.messageId,
    );

    await postStatus(
      testApp.app,
      inbox,
      statusParams(inbox, randomSid("SM"), "delivered"),
      url,
    );

    const message = await loadSidAndStatus(seeded.messageId);
    expect(message.twilio_sid).toBe(seeded.twilioSid);
    expect(message.status).toBe("queued");
  });

  test("ignores another company's message id", async () => {
    const victim = await seedWithoutSid(testApp);
    const attacker = await buildInboxCompany(testApp.ctx);
    const url = statusCallbackUrl(
      PUBLIC_URL,
      attacker.company.webhookToken,
      victim.messageId,
    );

    const response = await postStatus(
      testApp.app,
      attacker,
      statusParams(attacker, randomSid("SM"), "delivered"),
      url,
    );

    expect(response.statusCode).toBe(200);
    const message = await loadSidAndStatus(victim.messageId);
    expect(message.twilio_sid).toBeNull();
    expect(message.status).toBe("sending");
  });
});
