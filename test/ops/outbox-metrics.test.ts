import { afterEach, describe, expect, it } from "vitest";
import { claimNextJob } from "../../src/server/plugins/sms-inbox/outbox/lease-queries.js";
import { createTwilioClient } from "../../src/server/twilio/client.js";
import {
  buildTenant,
  settleOutbox,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import {
  CUSTOMER,
  replyFromOwner,
  takeOverOutbox,
  waitUntil,
} from "../outbox/outbox-fixture.js";
import { sampleValue, scrapeMetrics } from "./metrics-text.js";

const SENDS = "sms_inbox_outbox_sends_total";
const QUEUE_DEPTH = "sms_inbox_outbox_queue_depth";

let server: InboxServer | undefined;

afterEach(async () => {
  server?.sandbox.state.faults.releaseCreates();
  await server?.close();
  server = undefined;
});

describe("outbox metrics", () => {
  it("counts a send and its queue", async () => {
    server = await startInboxServer();
    const inbox = server;
    const tenant = await buildTenant(inbox);
    inbox.sandbox.state.faults.holdCreates();

    await replyFromOwner(inbox, tenant, "See you at noon");
    await waitUntil(() => inbox.sandbox.state.faults.createHold().held === 1);
    const whileHeld = await scrapeMetrics(inbox.test.app);
    inbox.sandbox.state.faults.releaseCreates();
    await settleOutbox(inbox);
    // The worker counts a send after its outcome commits, so another
    // connection can see the finished job a moment before the count.
    let after = "";
    await waitUntil(async () => {
      after = await scrapeMetrics(inbox.test.app);
      return sampleValue(after, SENDS, { outcome: "sent" }) === 1;
    });

    expect(sampleValue(whileHeld, QUEUE_DEPTH)).toBe(1);
    expect(sampleValue(whileHeld, SENDS, { outcome: "sent" })).toBe(0);
    expect(sampleValue(after, QUEUE_DEPTH)).toBe(0);
    expect(sampleValue(after, SENDS, { outcome: "sent" })).toBe(1);
  });

  it("counts retries and permanent failures", async () => {
    server = await startInboxServer();
    const tenant = await buildTenant(server);
    server.sandbox.state.faults.update({
      createMessage: { count: 10, status: 500 },
    });

    await replyFromOwner(server, tenant, "Running late");
    await settleOutbox(server);
    const app = server.test.app;
    let text = "";
    await waitUntil(async () => {
      text = await scrapeMetrics(app);
      return sampleValue(text, SENDS, { outcome: "failed_permanent" }) === 1;
    });

    // OUTBOX_MAX_ATTEMPTS is 3 in the inbox fixture.
    expect(sampleValue(text, SENDS, { outcome: "retried" })).toBe(2);
    expect(sampleValue(text, SENDS, { outcome: "failed_permanent" })).toBe(1);
    expect(sampleValue(text, SENDS, { outcome: "sent" })).toBe(0);
  });

  it("counts a send found on Twilio", async () => {
    server = await startInboxServer();
    const worker = await takeOverOutbox(server);
    const tenant = await buildTenant(server);
    await replyFromOwner(server, tenant, "Gate 4");
    // A worker claims the job, sends the text and dies before storing it,
    // so its lease expires and the next attempt finds the text on Twilio.
    await claimNextJob(server.ctx.db, {
      workerId: "dead-worker",
      now: new Date().toISOString(),
      lockedUntil: new Date(Date.now() - 1_000).toISOString(),
    });
    const client = createTwilioClient(tenant.connection, {
      apiBaseUrl: server.ctx.config.twilioApiBaseUrl,
      timeoutMs: 5_000,
    });
    await client.messages.create({
      to: CUSTOMER,
      from: tenant.connection.defaultNumber,
      body: "Gate 4",
    });

    await worker.deliverDueJobs();
    const text = await scrapeMetrics(server.test.app);

    expect(sampleValue(text, SENDS, { outcome: "reconciled" })).toBe(1);
    expect(sampleValue(text, SENDS, { outcome: "sent" })).toBe(0);
  });
});
