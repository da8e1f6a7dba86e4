import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ConversationPage,
  Message,
  MessagePage,
} from "../../src/common/api.js";
import {
  buildTenant,
  callApi,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import { outboxJob, replyFromOwner } from "./outbox-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  // A minute between attempts keeps a failed text waiting for its retry.
  server = await startInboxServer({
    OUTBOX_RETRY_BASE_MS: "60000",
    OUTBOX_RETRY_MAX_MS: "60000",
  });
});

afterAll(async () => {
  await server.close();
});

/** Waits until the message's outbox job passes `reached`, and returns it. */
async function waitForJob(
  messageId: string,
  reached: (job: Awaited<ReturnType<typeof outboxJob>>) => boolean,
) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const job = await outboxJob(server, messageId);
    if (reached(job)) return job;
    if (Date.now() > deadline) throw new Error("the outbox job did not change");

    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function threadMessage(
  tenant: Awaited<ReturnType<typeof buildTenant>>,
  conversationId: string,
  messageId: string,
): Promise<Message | undefined> {
  const response = await callApi(
    server,
    tenant.owner,
    "GET",
    `/conversations/${conversationId}/messages`,
  );

  return response
    .json<MessagePage>()
    .messages.find((message) => message.id === messageId);
}

describe("retry state of a queued text", () => {
  it("shows the failed attempt and the next one", async () => {
    const tenant = await buildTenant(server);
    server.sandbox.state.faults.update({
      createMessage: { count: 1, status: 500 },
    });

    const { conversationId, messageId } = await replyFromOwner(
      server,
      tenant,
      "Back at 5",
    );
    const job = await waitForJob(
      messageId,
      (found) => found.state === "pending" && found.last_error !== null,
    );
    const message = await threadMessage(tenant, conversationId, messageId);

    expect(message?.status).toBe("queued");
    expect(message?.retrying).toEqual({
      attempts: 1,
      lastError: job.last_error,
      nextAttemptAt: job.next_attempt_at,
    });
    expect(message?.retrying?.lastError).toBe(
      "Error 20500: Twilio rejected the request: Internal Server Error.",
    );
    server.sandbox.state.faults.clear();
  });

  it("leaves the conversation unmarked", async () => {
    const tenant = await buildTenant(server);
    server.sandbox.state.faults.update({
      createMessage: { count: 1, status: 500 },
    });

    const { conversationId, messageId } = await replyFromOwner(
      server,
      tenant,
      "Back at 6",
    );
    await waitForJob(
      messageId,
      (found) => found.state === "pending" && found.last_error !== null,
    );
    const message = await threadMessage(tenant, conversationId, messageId);
    const list = await callApi(server, tenant.owner, "GET", "/conversations");
    const conversation = list
      .json<ConversationPage>()
      .conversations.find((item) => item.id === conversationId);

    expect(message?.retrying).not.toBeNull();
    expect(conversation?.lastMessageFailed).toBe(false);
    server.sandbox.state.faults.clear();
  });

  it("is null for a text sent at once", async () => {
    const tenant = await buildTenant(server);

    const { conversationId, messageId } = await replyFromOwner(
      server,
      tenant,
      "See you",
    );
    await waitForJob(messageId, (found) => found.state === "done");
    const message = await threadMessage(tenant, conversationId, messageId);

    expect(message?.retrying).toBeNull();
  });
});
