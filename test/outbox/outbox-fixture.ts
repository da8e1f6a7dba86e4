import type { LightMyRequestResponse } from "fastify";
import type { SendResult } from "../../src/common/api.js";
import { OutboxWorker } from "../../src/server/plugins/sms-inbox/outbox/outbox-worker.js";
import {
  callApi,
  seedInbound,
  type CallOptions,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";

export const CUSTOMER = "+14155550190";

/** Stops the server's polling worker and returns one that tests drive. */
export async function takeOverOutbox(
  server: InboxServer,
): Promise<OutboxWorker> {
  await server.outbox.stop();

  return new OutboxWorker(server.ctx);
}

export interface SentReply {
  response: LightMyRequestResponse;
  conversationId: string;
  messageId: string;
}

/** Seeds a text from `customer` and replies to it as the tenant's owner. */
export async function replyFromOwner(
  server: InboxServer,
  tenant: Tenant,
  body: string,
  options: CallOptions & { customer?: string } = {},
): Promise<SentReply> {
  const { conversationId } = await seedInbound(server.ctx, tenant.company, {
    from: options.customer ?? CUSTOMER,
  });
  const response = await callApi(
    server,
    tenant.owner,
    "POST",
    `/conversations/${conversationId}/messages`,
    { body: { body }, ...options },
  );
  const messageId =
    response.statusCode < 300 ? response.json<SendResult>().message.id : "";

  return { response, conversationId, messageId };
}

/** Loads a message row straight from the database. */
export async function storedMessage(server: InboxServer, messageId: string) {
  return server.ctx.db
    .selectFrom("messages")
    .selectAll()
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();
}

/** Loads the outbox job of a message. */
export async function outboxJob(server: InboxServer, messageId: string) {
  return server.ctx.db
    .selectFrom("outbox_jobs")
    .selectAll()
    .where("message_id", "=", messageId)
    .executeTakeFirstOrThrow();
}

/** Counts the tenant's Messages.create requests that the sandbox handled. */
export function createRequests(server: InboxServer, tenant: Tenant): number {
  return server.sandbox.state.requestLog.entries.filter(
    (entry) =>
      entry.operationId === "CreateMessage" &&
      entry.path.includes(tenant.account.sid),
  ).length;
}

/** Resolves once `check` returns true; throws after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met in time: ${check.toString()}`);
    }

    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
