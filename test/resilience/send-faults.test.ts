import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CreateMessageFault } from "../../src/sandbox/faults.js";
import {
  callApi,
  buildTenant,
  sentTexts,
  settleOutbox,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { replyFromOwner, waitUntil } from "../outbox/outbox-fixture.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  PUBLIC_URL,
  WEBHOOK_PATH,
  inboundParams,
} from "../webhook/webhook-fixture.js";

/** Short, so a hung Messages.create costs a test little time. */
const TWILIO_TIMEOUT_MS = 400;
const REPLIES = 4;

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer({
    TWILIO_TIMEOUT_MS: String(TWILIO_TIMEOUT_MS),
    OUTBOX_MAX_ATTEMPTS: "10",
  });
});

afterEach(() => {
  server.sandbox.state.faults.clear();
});

afterAll(async () => {
  await server.close();
});

/** Plans a fault through the sandbox's control API, as a demo would. */
async function planFault(createMessage: CreateMessageFault): Promise<void> {
  const response = await server.sandbox.app.inject({
    method: "PUT",
    url: "/sandbox/api/faults",
    payload: { createMessage },
  });

  expect(response.statusCode).toBe(200);
}

/** Queues one reply per customer and returns their message ids. */
async function queueReplies(tenant: Tenant, label: string) {
  const sent = await Promise.all(
    Array.from({ length: REPLIES }, (_, index) =>
      replyFromOwner(server, tenant, `${label} reply ${index}`, {
        customer: `+1415555${String(300 + index).padStart(4, "0")}`,
      }),
    ),
  );
  for (const reply of sent) expect(reply.response.statusCode).toBe(201);

  return sent.map((reply) => reply.messageId);
}

/** Checks that each reply exists once on Twilio and is linked to it here. */
async function expectEachSentOnce(tenant: Tenant, messageIds: string[]) {
  const onTwilio = sentTexts(server, tenant.account);
  const stored = await server.ctx.db
    .selectFrom("messages")
    .select(["id", "body", "twilio_sid", "status"])
    .where("id", "in", messageIds)
    .execute();

  expect(onTwilio).toHaveLength(messageIds.length);
  expect(new Set(onTwilio.map((text) => text.body)).size).toBe(REPLIES);
  expect(stored).toHaveLength(messageIds.length);
  for (const message of stored) {
    const copies = onTwilio.filter((text) => text.body === message.body);
    expect(copies).toHaveLength(1);
    expect(message.twilio_sid).toBe(copies[0]?.sid);
    expect(message.status).not.toBe("failed");
  }
}

/** Checks that staff can list conversations and a webhook is stored. */
async function expectInboxUsable(tenant: Tenant) {
  const list = await callApi(server, tenant.owner, "GET", "/conversations");
  expect(list.statusCode).toBe(200);

  const params = inboundParams(tenant.connection, { Body: "Still there?" });
  const webhook = await server.test.app.inject(
    signedWebhookRequest(
      `${PUBLIC_URL}${WEBHOOK_PATH}/${tenant.company.webhookToken}`,
      params,
      tenant.connection.authToken,
    ),
  );
  expect(webhook.statusCode).toBe(200);

  const stored = await server.ctx.db
    .selectFrom("messages")
    .select("body")
    .where("twilio_sid", "=", String(params.MessageSid))
    .executeTakeFirst();
  expect(stored?.body).toBe("Still there?");
}

/** Sums the send attempts of the outbox jobs of `messageIds`. */
async function sendAttempts(messageIds: string[]): Promise<number> {
  const jobs = await server.ctx.db
    .selectFrom("outbox_jobs")
    .select("attempts")
    .where("message_id", "in", messageIds)
    .execute();

  return jobs.reduce((sum, job) => sum + Number(job.attempts), 0);
}

const faults: [string, CreateMessageFault][] = [
  ["500 responses", { count: REPLIES + 1, status: 500 }],
  ["429 responses", { count: REPLIES + 1, status: 429 }],
  ["hang without response", { count: 2, fault: "hang", delayMs: null }],
  [
    "response slower than the timeout",
    { count: 2, fault: "hang", delayMs: TWILIO_TIMEOUT_MS * 3 },
  ],
  ["connection reset", { count: REPLIES + 1, fault: "reset" }],
];

describe("sends under Messages.create faults", () => {
  it.each(faults)(
    "%s retry to one copy each",
    async (label, fault) => {
      const tenant = await buildTenant(server);
      await planFault(fault);

      const messageIds = await queueReplies(tenant, label);
      await waitUntil(async () => (await sendAttempts(messageIds)) > 0);
      await expectInboxUsable(tenant);
      await settleOutbox(server, 20_000);

      await expectEachSentOnce(tenant, messageIds);
      expect(await sendAttempts(messageIds)).toBeGreaterThan(REPLIES);
      expect(server.sandbox.state.faults.current().createMessage?.count).toBe(
        0,
      );
    },
    30_000,
  );
});

describe("fault control API", () => {
  it.each([
    ["unknown fault", { count: 1, fault: "explode" }],
    ["negative delay", { count: 1, fault: "hang", delayMs: -1 }],
    ["status with reset", { count: 1, fault: "reset", status: 500 }],
    ["unsupported status", { count: 1, status: 503 }],
  ])("rejects %s", async (_, createMessage) => {
    const response = await server.sandbox.app.inject({
      method: "PUT",
      url: "/sandbox/api/faults",
      payload: { createMessage },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toContain("createMessage");
  });

  it("defaults a hang to no response", async () => {
    const response = await server.sandbox.app.inject({
      method: "PUT",
      url: "/sandbox/api/faults",
      payload: { createMessage: { count: 1, fault: "hang" } },
    });

    expect(response.json().createMessage).toEqual({
      count: 1,
      fault: "hang",
      delayMs: null,
    });
  });
});
