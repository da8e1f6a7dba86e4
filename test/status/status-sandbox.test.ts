import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createSandbox,
  type Sandbox,
} from "../../src/sandbox/sandbox-server.js";
import { nowIso } from "../../src/server/db/ids.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import { statusCallbackUrl } from "../../src/server/plugins/sms-inbox/status/status-callback-url.js";
import { createTwilioClient } from "../../src/server/twilio/client.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import { buildInboxCompany } from "../webhook/webhook-fixture.js";
import { loadMessage } from "./status-fixture.js";

const COMPANY_NUMBER = "+14155550100";
const CUSTOMER = "+14155550166";
/** Long enough for a test to store the SID before the first callback. */
const STATUS_STEP_DELAY_MS = 150;

let sandbox: Sandbox;
let testApp: TestApp;

/** Returns a loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));

  return port;
}

// The app listens at its PUBLIC_URL, so the sandbox's signed callbacks
// reach it over HTTP exactly as Twilio's would.
beforeAll(async () => {
  sandbox = await createSandbox({
    logLevel: "silent",
    statusStepDelayMs: STATUS_STEP_DELAY_MS,
    webhookTimeoutMs: 2000,
  });
  const sandboxUrl = await sandbox.listen(0, "127.0.0.1");
  const port = await freePort();
  testApp = await buildTestApp({
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TWILIO_API_BASE_URL: sandboxUrl,
  });
  await testApp.app.listen({ port, host: "127.0.0.1" });
});

afterAll(async () => {
  await testApp.close();
  await sandbox.close();
});

/**
 * Sends a text through the sandbox with the company's StatusCallback URL
 * and stores it as the outbox would, returning the stored message's id.
 */
async function sendThroughSandbox(): Promise<string> {
  const { ctx } = testApp;
  const account = sandbox.state.createAccount();
  sandbox.state.addNumber(account.sid, { phoneNumber: COMPANY_NUMBER });
  const inbox = await buildInboxCompany(ctx, {
    accountSid: account.sid,
    authToken: account.authToken,
    defaultNumber: COMPANY_NUMBER,
  });
  const client = createTwilioClient(
    { accountSid: account.sid, authToken: account.authToken },
    { apiBaseUrl: ctx.config.twilioApiBaseUrl, timeoutMs: 5000 },
  );
  const created = await client.messages.create({
    to: CUSTOMER,
    from: COMPANY_NUMBER,
    body: "Your booking is confirmed.",
    statusCallback: statusCallbackUrl(
      ctx.config.publicUrl,
      inbox.company.webhookToken,
    ),
  });
  const recorded = await ctx.db.transaction().execute((trx) =>
    recordMessage(trx, {
      companyId: inbox.company.id,
      customerNumber: CUSTOMER,
      inboxNumber: COMPANY_NUMBER,
      direction: "outbound",
      twilioSid: created.sid,
      from: COMPANY_NUMBER,
      to: CUSTOMER,
      body: "Your booking is confirmed.",
      status: created.status,
      sentByStaffId: null,
      media: [],
      createdAt: nowIso(),
    }),
  );

  return recorded.messageId;
}

async function waitForStatus(messageId: string, status: string) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const message = await loadMessage(testApp.ctx, messageId);
    if (message.status === status || Date.now() > deadline) return message;

    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("status callbacks from the sandbox", () => {
  test("text ends delivered", async () => {
    const messageId = await sendThroughSandbox();

    const message = await waitForStatus(messageId, "delivered");

    expect(message.status).toBe("delivered");
    expect(message.error_code).toBeNull();
    expect(message.status_changed_at).toMatch(/^\d{4}-/);
  });

  test("carrier failure stores its explanation", async () => {
    sandbox.state.faults.update({
      undelivered: { count: 1, errorCode: 30006 },
    });

    const messageId = await sendThroughSandbox();
    const message = await waitForStatus(messageId, "undelivered");

    expect(message.status).toBe("undelivered");
    expect(message.error_code).toBe(30006);
    expect(message.error_message).toMatch(/landline/);
  });
});
