import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type {
  ConversationPage,
  ConversationSummary,
  InboxEvent,
  SendResult,
} from "../../src/common/api.js";
import { STATUS_CALLBACK_PATH } from "../../src/server/plugins/sms-inbox/status/status-callback-url.js";
import { parseEvent, EVENTS_PATH } from "../events/events-fixture.js";
import { openEventStream, type SseConnection } from "../events/sse-client.js";
import {
  CUSTOMER,
  replyFromOwner,
  storedMessage,
} from "../outbox/outbox-fixture.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  seedInbound,
  settleOutbox,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "./inbox-fixture.js";

let server: InboxServer;
let baseUrl: string;
const streams: SseConnection[] = [];

beforeAll(async () => {
  server = await startInboxServer();
  baseUrl = await server.test.app.listen({ port: 0, host: "127.0.0.1" });
});

afterEach(() => {
  server.sandbox.state.faults.clear();
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await server.close();
});

/** Returns the conversation as the first page of the list shows it. */
async function listed(
  tenant: Tenant,
  conversationId: string,
): Promise<ConversationSummary | undefined> {
  const response = await callApi(
    server,
    tenant.viewer,
    "GET",
    "/conversations",
  );
  expect(response.statusCode).toBe(200);

  return response
    .json<ConversationPage>()
    .conversations.find((conversation) => conversation.id === conversationId);
}

/** Returns the conversation as a search for its customer's number finds it. */
async function searched(
  tenant: Tenant,
  conversationId: string,
): Promise<ConversationSummary | undefined> {
  const response = await callApi(
    server,
    tenant.viewer,
    "GET",
    `/conversations?q=${encodeURIComponent(CUSTOMER.slice(-7))}`,
  );
  expect(response.statusCode).toBe(200);

  return response
    .json<ConversationPage>()
    .conversations.find((conversation) => conversation.id === conversationId);
}

async function shown(
  tenant: Tenant,
  conversationId: string,
): Promise<ConversationSummary> {
  const response = await callApi(
    server,
    tenant.viewer,
    "GET",
    `/conversations/${conversationId}`,
  );
  expect(response.statusCode).toBe(200);

  return response.json<ConversationSummary>();
}

/** Posts a status callback for the message, signed as Twilio signs it. */
async function postStatus(
  tenant: Tenant,
  messageId: string,
  status: string,
  errorCode?: number,
): Promise<void> {
  const { twilio_sid: sid } = await storedMessage(server, messageId);
  expect(sid).not.toBeNull();
  const url = `${server.ctx.config.publicUrl}${STATUS_CALLBACK_PATH}/${tenant.company.webhookToken}`;
  const params: Record<string, string> = {
    AccountSid: tenant.account.sid,
    ApiVersion: "2010-04-01",
    From: DEFAULT_NUMBER,
    To: CUSTOMER,
    MessageSid: sid ?? "",
    MessageStatus: status,
  };
  if (errorCode !== undefined) params.ErrorCode = String(errorCode);

  const response = await server.test.app.inject(
    signedWebhookRequest(url, params, tenant.account.authToken),
  );
  expect(response.statusCode).toBe(200);
}

/** Skips events until one that `matches` arrives, and returns it. */
async function nextEvent(
  stream: SseConnection,
  matches: (event: InboxEvent) => boolean,
): Promise<InboxEvent> {
  for (;;) {
    const event = parseEvent(await stream.next(2_000));
    if (matches(event)) return event;
  }
}

/** Sends a reply that Twilio accepted, then reports it undelivered. */
async function undeliveredReply(tenant: Tenant, body = "See you at 10") {
  const reply = await replyFromOwner(server, tenant, body);
  await settleOutbox(server);
  await postStatus(tenant, reply.messageId, "undelivered", 30003);
  expect((await storedMessage(server, reply.messageId)).status).toBe(
    "undelivered",
  );

  return reply;
}

/** Sends a reply that fails for good after every attempt got HTTP 500. */
async function failedReply(tenant: Tenant) {
  server.sandbox.state.faults.update({
    createMessage: { count: 3, status: 500 },
  });
  const reply = await replyFromOwner(server, tenant, "Try me again");
  await settleOutbox(server);
  server.sandbox.state.faults.clear();
  expect((await storedMessage(server, reply.messageId)).status).toBe("failed");

  return reply;
}

describe("conversation list marks an undelivered last text", () => {
  it("marks an undelivered reply", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await undeliveredReply(tenant);

    expect((await listed(tenant, conversationId))?.lastMessageFailed).toBe(
      true,
    );
    expect((await searched(tenant, conversationId))?.lastMessageFailed).toBe(
      true,
    );
    expect((await shown(tenant, conversationId)).lastMessageFailed).toBe(true);
  });

  it("leaves a delivered reply unmarked", async () => {
    const tenant = await buildTenant(server);
    const reply = await replyFromOwner(server, tenant, "All set");
    await settleOutbox(server);
    await postStatus(tenant, reply.messageId, "delivered");

    expect(
      (await listed(tenant, reply.conversationId))?.lastMessageFailed,
    ).toBe(false);
  });

  it("marks a reply the outbox gave up on", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await failedReply(tenant);

    expect((await listed(tenant, conversationId))?.lastMessageFailed).toBe(
      true,
    );
  });

  it("clears the mark on a successful retry", async () => {
    const tenant = await buildTenant(server);
    const { conversationId, messageId } = await failedReply(tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/messages/${messageId}/retry`,
    );
    expect(response.statusCode).toBe(200);
    const requeued = await listed(tenant, conversationId);
    await settleOutbox(server);

    expect(requeued?.lastMessageFailed).toBe(false);
    expect((await storedMessage(server, messageId)).twilio_sid).not.toBeNull();
    expect((await listed(tenant, conversationId))?.lastMessageFailed).toBe(
      false,
    );
  });

  it("clears the mark on a later inbound text", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await undeliveredReply(tenant);

    await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      body: "Did you text me?",
    });

    const conversation = await listed(tenant, conversationId);
    expect(conversation?.lastMessagePreview).toBe("Did you text me?");
    expect(conversation?.lastMessageFailed).toBe(false);
  });

  it("clears the mark on a later reply", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await undeliveredReply(tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "Trying once more" } },
    );

    expect(response.statusCode).toBe(201);
    expect(response.json<SendResult>().conversation.lastMessageFailed).toBe(
      false,
    );
    expect((await listed(tenant, conversationId))?.lastMessageFailed).toBe(
      false,
    );
  });

  it("ignores a failure of an earlier text", async () => {
    const tenant = await buildTenant(server);
    const reply = await replyFromOwner(server, tenant, "Running late");
    await settleOutbox(server);
    await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
      body: "No problem",
    });

    await postStatus(tenant, reply.messageId, "undelivered", 30003);

    expect((await storedMessage(server, reply.messageId)).status).toBe(
      "undelivered",
    );
    expect(
      (await listed(tenant, reply.conversationId))?.lastMessageFailed,
    ).toBe(false);
  });

  it("sends the mark with live events", async () => {
    const tenant = await buildTenant(server);
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: CUSTOMER,
    });
    const stream = await openEventStream(`${baseUrl}${EVENTS_PATH}`, {
      cookie: tenant.viewer.cookie,
    });
    streams.push(stream);
    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "Your kayak is ready" } },
    );
    const { message } = response.json<SendResult>();
    await settleOutbox(server);

    await postStatus(tenant, message.id, "undelivered", 30003);
    const failed = await nextEvent(
      stream,
      (event) => event.message?.status === "undelivered",
    );
    await seedInbound(server.ctx, tenant.company, { from: CUSTOMER });
    const answered = await nextEvent(
      stream,
      (event) => event.type === "message.created",
    );

    expect(failed.type).toBe("message.updated");
    expect(failed.message?.id).toBe(message.id);
    expect(failed.conversation.lastMessageFailed).toBe(true);
    expect(answered.message?.direction).toBe("inbound");
    expect(answered.conversation.lastMessageFailed).toBe(false);
  });
});
