import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/server/context.js";
import { buildCrashWorld, type CrashWorld } from "../outbox/crash-fixture.js";
import {
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from "../outbox/server-process.js";
import {
  signedWebhookRequest,
  type SignedWebhookRequest,
} from "../support/twilio-signing.js";
import { DEFAULT_NUMBER } from "../inbox/inbox-fixture.js";
import { randomSid } from "../webhook/webhook-fixture.js";

const WEBHOOKS = 200;
const CONCURRENCY = 16;
const CUSTOMERS = 25;
/** Responses to wait for before the kill, so it lands mid-stream. */
const KILL_AFTER = 60;

let world: CrashWorld | undefined;
let servers: ServerProcess[] = [];

afterEach(async () => {
  for (const server of servers) await stopServerProcess(server, "SIGKILL");
  servers = [];
  await world?.close();
  world = undefined;
});

async function start(seeded: CrashWorld): Promise<ServerProcess> {
  const server = await startServerProcess({
    ...seeded.env,
    TWILIO_API_BASE_URL: seeded.sandboxUrl,
  });
  servers.push(server);

  return server;
}

interface Delivery {
  messageSid: string;
  body: string;
  request: SignedWebhookRequest;
  /** HTTP status of the first delivery, or null when the connection failed. */
  status: number | null;
}

/** Builds the signed webhooks Twilio would post, spread over customers. */
async function buildDeliveries(seeded: CrashWorld): Promise<Delivery[]> {
  const company = await seeded.ctx.db
    .selectFrom("companies")
    .select("webhook_token")
    .executeTakeFirstOrThrow();
  const url = `${seeded.env.PUBLIC_URL}/v1/plugins/sms-chat/webhook/${company.webhook_token}`;

  return Array.from({ length: WEBHOOKS }, (_, index) => {
    const messageSid = randomSid("SM");
    const body = `Order ${index} is ready? ${"🚲".repeat(index % 5)}`;
    const from = `+1415555${String(400 + (index % CUSTOMERS)).padStart(4, "0")}`;
    const params = {
      MessageSid: messageSid,
      SmsSid: messageSid,
      SmsMessageSid: messageSid,
      AccountSid: seeded.account.sid,
      From: from,
      To: DEFAULT_NUMBER,
      Body: body,
      NumMedia: "0",
      ApiVersion: "2010-04-01",
    };
    const request = signedWebhookRequest(url, params, seeded.account.authToken);

    return { messageSid, body, request, status: null };
  });
}

/** Posts a signed webhook to a server process. */
async function post(
  server: ServerProcess,
  request: SignedWebhookRequest,
): Promise<number | null> {
  try {
    const response = await fetch(`${server.url}${request.url}`, {
      method: "POST",
      headers: request.headers,
      body: request.payload,
    });
    await response.arrayBuffer();

    return response.status;
  } catch {
    return null;
  }
}

/**
 * Posts every delivery with CONCURRENCY requests in flight, and kills the
 * server with SIGKILL once KILL_AFTER responses arrived.
 */
async function deliverUntilKilled(
  server: ServerProcess,
  deliveries: Delivery[],
): Promise<void> {
  let next = 0;
  let answered = 0;
  let killed: Promise<unknown> | null = null;
  const worker = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next];
      next += 1;
      if (!delivery) break;

      delivery.status = await post(server, delivery.request);
      answered += 1;
      if (answered === KILL_AFTER) {
        killed = stopServerProcess(server, "SIGKILL");
      }
    }
  };

  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await killed;
}

/** Redelivers each webhook as Twilio retries it: same SID and signature. */
async function redeliver(server: ServerProcess, deliveries: Delivery[]) {
  const statuses: (number | null)[] = [];
  for (let start = 0; start < deliveries.length; start += CONCURRENCY) {
    const batch = deliveries.slice(start, start + CONCURRENCY);
    statuses.push(
      ...(await Promise.all(batch.map((item) => post(server, item.request)))),
    );
  }

  return statuses;
}

async function storedInbound(ctx: AppContext) {
  return ctx.db
    .selectFrom("messages")
    .select(["twilio_sid", "body", "conversation_id", "created_at"])
    .where("direction", "=", "inbound")
    .execute();
}

/** Checks that every stored text is complete: conversation, counts, event. */
async function expectNothingHalfWritten(ctx: AppContext) {
  const messages = await storedInbound(ctx);
  const conversations = await ctx.db
    .selectFrom("conversations")
    .select(["id", "inbound_count", "last_message_at"])
    .execute();
  const events = await ctx.db
    .selectFrom("inbox_events")
    .select("message_id")
    .where("type", "=", "message.created")
    .execute();
  const shards = await ctx.db
    .selectFrom("company_inbound_counts")
    .select("inbound_count")
    .execute();

  for (const conversation of conversations) {
    const own = messages.filter(
      (message) => message.conversation_id === conversation.id,
    );
    expect(own.length).toBeGreaterThan(0);
    expect(Number(conversation.inbound_count)).toBe(own.length);
    const newest = own
      .map((message) => message.created_at)
      .sort()
      .at(-1);
    expect(conversation.last_message_at).toBe(newest);
  }
  const conversationIds = new Set(conversations.map((row) => row.id));
  for (const message of messages) {
    expect(conversationIds.has(message.conversation_id)).toBe(true);
  }
  expect(events).toHaveLength(messages.length);
  const counted = shards.reduce(
    (sum, row) => sum + Number(row.inbound_count),
    0,
  );
  expect(counted).toBe(messages.length);
}

describe("server killed during webhooks", () => {
  it("keeps every acknowledged text once", async () => {
    world = await buildCrashWorld(0);
    const seeded = world;
    const deliveries = await buildDeliveries(seeded);
    const first = await start(seeded);

    await deliverUntilKilled(first, deliveries);
    const second = await start(seeded);

    const acknowledged = deliveries.filter((item) => item.status === 200);
    const lost = deliveries.filter((item) => item.status !== 200);
    expect(acknowledged.length).toBeGreaterThanOrEqual(
      KILL_AFTER - CONCURRENCY,
    );
    expect(lost.length).toBeGreaterThan(0);
    const afterCrash = await storedInbound(seeded.ctx);
    const storedSids = afterCrash.map((message) => message.twilio_sid);
    expect(new Set(storedSids).size).toBe(storedSids.length);
    for (const delivery of acknowledged) {
      const copies = afterCrash.filter(
        (message) => message.twilio_sid === delivery.messageSid,
      );
      expect(copies).toHaveLength(1);
      expect(copies[0]?.body).toBe(delivery.body);
    }
    await expectNothingHalfWritten(seeded.ctx);

    const retried = await redeliver(second, deliveries);

    expect(retried.every((status) => status === 200)).toBe(true);
    const final = await storedInbound(seeded.ctx);
    expect(final).toHaveLength(WEBHOOKS);
    for (const delivery of deliveries) {
      const copies = final.filter(
        (message) => message.twilio_sid === delivery.messageSid,
      );
      expect(copies).toHaveLength(1);
      expect(copies[0]?.body).toBe(delivery.body);
    }
    await expectNothingHalfWritten(seeded.ctx);
  }, 60_000);
});
