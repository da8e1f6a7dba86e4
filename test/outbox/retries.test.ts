import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buildTenant,
  sentTexts,
  settleOutbox,
  startInboxServer,
  type InboxServer,
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

function listRequests(): number {
  return server.sandbox.state.requestLog.entries.filter(
    (entry) => entry.operationId === "ListMessage",
  ).length;
}

describe("transient failures", () => {
  it("retries two 500s then sends", async () => {
    const tenant = await buildTenant(server);
    server.sandbox.state.faults.update({
      createMessage: { count: 2, status: 500 },
    });

    const { messageId } = await replyFromOwner(server, tenant, "Back at 5");
    await settleOutbox(server);
    const stored = await storedMessage(server, messageId);
    const job = await outboxJob(server, messageId);

    expect(createRequests(server, tenant)).toBe(3);
    expect(sentTexts(server, tenant.account)).toHaveLength(1);
    expect(stored.status).toBe("queued");
    expect(stored.twilio_sid).toBe(sentTexts(server, tenant.account)[0]?.sid);
    expect(stored.error_code).toBeNull();
    expect(job).toMatchObject({ state: "done", attempts: 3 });
  });

  it("retries a 429 without searching", async () => {
    const tenant = await buildTenant(server);
    server.sandbox.state.faults.update({
      createMessage: { count: 1, status: 429 },
    });
    const listsBefore = listRequests();

    const { messageId } = await replyFromOwner(server, tenant, "Table for 2");
    await settleOutbox(server);
    const stored = await storedMessage(server, messageId);

    expect(createRequests(server, tenant)).toBe(2);
    expect(sentTexts(server, tenant.account)).toHaveLength(1);
    expect(stored.twilio_sid).not.toBeNull();
    expect(stored.status).not.toBe("failed");
    // Twilio does not process a request that it rejects with 429.
    expect(listRequests()).toBe(listsBefore);
  });

  it("fails with the last error", async () => {
    const tenant = await buildTenant(server);
    server.sandbox.state.faults.update({
      createMessage: { count: 10, status: 500 },
    });

    const { messageId } = await replyFromOwner(server, tenant, "Hello");
    await settleOutbox(server);
    const stored = await storedMessage(server, messageId);
    const job = await outboxJob(server, messageId);

    expect(createRequests(server, tenant)).toBe(3);
    expect(sentTexts(server, tenant.account)).toHaveLength(0);
    expect(stored.status).toBe("failed");
    expect(stored.error_code).toBe(20500);
    expect(stored.error_message).not.toContain("20500");
    expect(stored.error_message).toContain("looks for it on Twilio first");
    expect(job).toMatchObject({
      state: "failed",
      attempts: 3,
      reconcile_first: 1,
    });
    expect(job.last_error).toBe(stored.error_message);
  });
});

describe("permanent failures", () => {
  it("fails 21211 at once", async () => {
    const tenant = await buildTenant(server);

    // Six digits pass the inbox's own check but not Twilio's.
    const { messageId } = await replyFromOwner(server, tenant, "Hi", {
      customer: "+123456",
    });
    await settleOutbox(server);
    const stored = await storedMessage(server, messageId);
    const job = await outboxJob(server, messageId);

    expect(createRequests(server, tenant)).toBe(1);
    expect(stored.status).toBe("failed");
    expect(stored.error_code).toBe(21211);
    expect(stored.error_message).toBe(
      "The recipient's number is not a valid phone number. Check the number and try again.",
    );
    expect(job).toMatchObject({ state: "failed", attempts: 1 });
  });

  it("records the opt-out of 21610", async () => {
    const tenant = await buildTenant(server);
    server.sandbox.state.setOptedOut(tenant.account.sid, CUSTOMER, true);

    const { messageId } = await replyFromOwner(server, tenant, "Hello?");
    await settleOutbox(server);
    const stored = await storedMessage(server, messageId);
    const optOut = await server.ctx.db
      .selectFrom("opt_outs")
      .selectAll()
      .where("company_id", "=", tenant.company.id)
      .executeTakeFirst();

    expect(createRequests(server, tenant)).toBe(1);
    expect(stored.status).toBe("failed");
    expect(stored.error_code).toBe(21610);
    expect(optOut).toMatchObject({
      customer_number: CUSTOMER,
      inbox_number: stored.from_number,
      opted_out: 1,
    });
  });
});
