import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../src/common/api.js";
import type { BuiltStaff } from "../support/factories.js";
import {
  buildTenant,
  callApi,
  errorCode,
  sentTexts,
  settleOutbox,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  CUSTOMER,
  createRequests,
  outboxJob,
  replyFromOwner,
  storedMessage,
} from "./outbox-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterEach(() => {
  server.sandbox.state.faults.clear();
});

afterAll(async () => {
  await server.close();
});

/** Sends a reply that fails for good after every attempt got HTTP 500. */
async function failedReply(tenant: Tenant): Promise<string> {
  server.sandbox.state.faults.update({
    createMessage: { count: 3, status: 500 },
  });
  const { messageId } = await replyFromOwner(server, tenant, "Try me again");
  await settleOutbox(server);
  server.sandbox.state.faults.clear();

  return messageId;
}

function retry(staff: BuiltStaff, messageId: string) {
  return callApi(server, staff, "POST", `/messages/${messageId}/retry`);
}

describe("POST /messages/:messageId/retry", () => {
  it("requeues a transient failure", async () => {
    const tenant = await buildTenant(server);
    const messageId = await failedReply(tenant);
    const before = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${(await storedMessage(server, messageId)).conversation_id}/messages`,
    );

    const response = await retry(tenant.owner, messageId);
    const requeued = response.json<Message>();
    await settleOutbox(server);
    const stored = await storedMessage(server, messageId);

    expect(
      before.json<{ messages: Message[] }>().messages.at(-1),
    ).toMatchObject({ id: messageId, status: "failed", retryable: true });
    expect(response.statusCode).toBe(200);
    expect(requeued).toMatchObject({
      id: messageId,
      status: "queued",
      errorCode: null,
      retryable: false,
    });
    expect(sentTexts(server, tenant.account)).toHaveLength(1);
    expect(stored.twilio_sid).toBe(sentTexts(server, tenant.account)[0]?.sid);
    expect(await outboxJob(server, messageId)).toMatchObject({
      state: "done",
      attempts: 1,
    });
  });

  it("refuses an opt-out failure", async () => {
    const tenant = await buildTenant(server);
    server.sandbox.state.setOptedOut(tenant.account.sid, CUSTOMER, true);
    const { messageId } = await replyFromOwner(server, tenant, "Hello?");
    await settleOutbox(server);

    const response = await retry(tenant.owner, messageId);

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("message_not_retryable");
    expect(
      response.json<{ error: { message: string } }>().error.message,
    ).toContain("replied STOP");
    expect(createRequests(server, tenant)).toBe(1);
  });

  it("refuses an invalid number", async () => {
    const tenant = await buildTenant(server);
    const { messageId } = await replyFromOwner(server, tenant, "Hi", {
      customer: "+123456",
    });
    await settleOutbox(server);

    const response = await retry(tenant.owner, messageId);

    expect(response.statusCode).toBe(409);
    expect(
      response.json<{ error: { message: string } }>().error.message,
    ).toContain("invalid");
    expect((await storedMessage(server, messageId)).status).toBe("failed");
  });

  it("refuses a message that was sent", async () => {
    const tenant = await buildTenant(server);
    const { messageId } = await replyFromOwner(server, tenant, "All good");
    await settleOutbox(server);

    const response = await retry(tenant.owner, messageId);

    expect(response.statusCode).toBe(409);
    expect(response.json<{ error: { message: string } }>().error.message).toBe(
      "Only failed texts can be retried; this one is queued.",
    );
  });

  it("rejects view-only staff", async () => {
    const tenant = await buildTenant(server);
    const messageId = await failedReply(tenant);

    const response = await retry(tenant.viewer, messageId);

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("missing_permission");
    expect((await storedMessage(server, messageId)).status).toBe("failed");
  });

  it("hides another company's message", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    const messageId = await failedReply(tenant);

    const response = await retry(other.owner, messageId);

    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe("not_found");
    expect((await storedMessage(server, messageId)).status).toBe("failed");
  });

  it("rejects signed-out requests", async () => {
    const tenant = await buildTenant(server);
    const messageId = await failedReply(tenant);

    const response = await callApi(
      server,
      null,
      "POST",
      `/messages/${messageId}/retry`,
    );

    expect(response.statusCode).toBe(401);
  });
});
