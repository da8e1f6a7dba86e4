import { afterEach, describe, expect, it } from "vitest";
import { createTwilioClient } from "../../src/server/twilio/client.js";
import { claimNextJob } from "../../src/server/plugins/sms-inbox/outbox/lease-queries.js";
import {
  buildTenant,
  sentTexts,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  CUSTOMER,
  outboxJob,
  replyFromOwner,
  storedMessage,
  takeOverOutbox,
  waitUntil,
} from "./outbox-fixture.js";

let server: InboxServer | undefined;

afterEach(async () => {
  server?.sandbox.state.faults.releaseCreates();
  await server?.close();
  server = undefined;
});

/** Claims every due job for a worker that then dies: its lease expired. */
async function abandonDueJobs(inbox: InboxServer): Promise<void> {
  const past = new Date(Date.now() - 1_000).toISOString();
  while (
    await claimNextJob(inbox.ctx.db, {
      workerId: "dead-worker",
      now: new Date().toISOString(),
      lockedUntil: past,
    })
  );
}

/** Sends a text to the sandbox directly, as a dead worker might have. */
async function sendAsDeadWorker(
  inbox: InboxServer,
  tenant: Tenant,
  body: string,
) {
  const client = createTwilioClient(tenant.connection, {
    apiBaseUrl: inbox.ctx.config.twilioApiBaseUrl,
    timeoutMs: 5_000,
  });
  await client.messages.create({
    to: CUSTOMER,
    from: tenant.connection.defaultNumber,
    body,
  });
}

describe("reconciliation", () => {
  it("adopts a copy after a timeout", async () => {
    server = await startInboxServer({ TWILIO_TIMEOUT_MS: "300" });
    const inbox = server;
    const worker = await takeOverOutbox(inbox);
    const tenant = await buildTenant(inbox);
    inbox.sandbox.state.faults.holdCreates();

    const { messageId } = await replyFromOwner(inbox, tenant, "Running late");
    await worker.deliverDueJobs();
    const afterTimeout = await outboxJob(inbox, messageId);
    inbox.sandbox.state.faults.releaseCreates();
    await waitUntil(() => sentTexts(inbox, tenant.account).length === 1);
    await waitUntil(async () => (await worker.deliverDueJobs()) > 0);
    const stored = await storedMessage(inbox, messageId);
    const job = await outboxJob(inbox, messageId);

    expect(afterTimeout).toMatchObject({
      state: "pending",
      reconcile_first: 1,
    });
    expect(sentTexts(inbox, tenant.account)).toHaveLength(1);
    expect(stored.twilio_sid).toBe(sentTexts(inbox, tenant.account)[0]?.sid);
    expect(stored.status).toBe("queued");
    expect(job).toMatchObject({ state: "done", attempts: 2 });
  });

  it("resends an expired lease once", async () => {
    server = await startInboxServer();
    const worker = await takeOverOutbox(server);
    const tenant = await buildTenant(server);
    const { messageId } = await replyFromOwner(server, tenant, "See you");
    await abandonDueJobs(server);

    await worker.deliverDueJobs();
    const stored = await storedMessage(server, messageId);

    expect(sentTexts(server, tenant.account)).toHaveLength(1);
    expect(stored.twilio_sid).toBe(sentTexts(server, tenant.account)[0]?.sid);
  });

  it("adopts what a dead worker sent", async () => {
    server = await startInboxServer();
    const worker = await takeOverOutbox(server);
    const tenant = await buildTenant(server);
    const { messageId } = await replyFromOwner(server, tenant, "Gate 4");
    await abandonDueJobs(server);
    await sendAsDeadWorker(server, tenant, "Gate 4");

    await worker.deliverDueJobs();
    const stored = await storedMessage(server, messageId);
    const job = await outboxJob(server, messageId);

    expect(sentTexts(server, tenant.account)).toHaveLength(1);
    expect(stored.twilio_sid).toBe(sentTexts(server, tenant.account)[0]?.sid);
    expect(job).toMatchObject({ state: "done", attempts: 2 });
  });

  it("matches equal bodies one to one", async () => {
    server = await startInboxServer();
    const worker = await takeOverOutbox(server);
    const tenant = await buildTenant(server);
    const first = await replyFromOwner(server, tenant, "OK");
    const second = await replyFromOwner(server, tenant, "OK");
    await abandonDueJobs(server);
    // Only the first attempt reached Twilio before the worker died.
    await sendAsDeadWorker(server, tenant, "OK");

    await worker.deliverDueJobs();
    const sids = [
      (await storedMessage(server, first.messageId)).twilio_sid,
      (await storedMessage(server, second.messageId)).twilio_sid,
    ];

    expect(sentTexts(server, tenant.account)).toHaveLength(2);
    expect(new Set(sids)).toEqual(
      new Set(sentTexts(server, tenant.account).map((sent) => sent.sid)),
    );
  });
});
