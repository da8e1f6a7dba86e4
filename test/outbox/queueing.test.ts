import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { SendResult } from "../../src/common/api.js";
import { loggerOptions } from "../../src/server/logger.js";
import { OutboxWorker } from "../../src/server/plugins/sms-inbox/outbox/outbox-worker.js";
import {
  buildTenant,
  sentTexts,
  settleOutbox,
  startInboxServer,
  type InboxServer,
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

describe("queued send", () => {
  it("answers before Twilio does", async () => {
    server = await startInboxServer();
    const inbox = server;
    const tenant = await buildTenant(inbox);
    inbox.sandbox.state.faults.holdCreates();

    const { response, messageId } = await replyFromOwner(
      inbox,
      tenant,
      "On my way",
    );
    await waitUntil(() => inbox.sandbox.state.faults.createHold().held === 1);
    const whileHeld = await storedMessage(inbox, messageId);
    const jobWhileHeld = await outboxJob(inbox, messageId);
    inbox.sandbox.state.faults.releaseCreates();
    await settleOutbox(inbox);
    const delivered = await storedMessage(inbox, messageId);

    expect(response.statusCode).toBe(201);
    expect(response.json<SendResult>().message).toMatchObject({
      status: "queued",
      retryable: false,
    });
    expect(whileHeld).toMatchObject({ status: "sending", twilio_sid: null });
    expect(jobWhileHeld).toMatchObject({ state: "sending", attempts: 1 });
    expect(delivered.twilio_sid).toBe(sentTexts(inbox, tenant.account)[0]?.sid);
  });

  it("commits the job with the message", async () => {
    server = await startInboxServer();
    await takeOverOutbox(server);
    const tenant = await buildTenant(server);

    const { response, messageId } = await replyFromOwner(server, tenant, "Hi");
    const stored = await storedMessage(server, messageId);
    const job = await outboxJob(server, messageId);

    expect(response.statusCode).toBe(201);
    expect(stored).toMatchObject({
      status: "queued",
      sent_by_staff_id: tenant.owner.id,
    });
    expect(job).toMatchObject({
      company_id: tenant.company.id,
      state: "pending",
      attempts: 0,
    });
    expect(sentTexts(server, tenant.account)).toEqual([]);
  });

  it("asks for status callbacks", async () => {
    server = await startInboxServer();
    const inbox = server;
    const tenant = await buildTenant(inbox);

    const sent = await replyFromOwner(inbox, tenant, "Booked");
    await settleOutbox(inbox);
    const create = inbox.sandbox.state.requestLog.entries.find(
      (entry) =>
        entry.operationId === "CreateMessage" &&
        entry.path.includes(tenant.account.sid),
    );

    expect(create?.form?.StatusCallback).toEqual(
      `${inbox.ctx.config.publicUrl}/v1/plugins/sms-chat/status/${tenant.company.webhookToken}?messageId=${sent.messageId}`,
    );
  });

  it("logs ids without numbers or bodies", async () => {
    server = await startInboxServer();
    await takeOverOutbox(server);
    const tenant = await buildTenant(server);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino(loggerOptions("info"), sink);
    const worker = new OutboxWorker({ ...server.ctx, logger });

    const { messageId } = await replyFromOwner(server, tenant, "Secret plan");
    await worker.deliverDueJobs();
    const log = lines.join("");

    expect(log).toContain(messageId);
    expect(log).toContain("outbound text accepted by Twilio");
    expect(log).not.toContain("Secret plan");
    expect(log).not.toContain(CUSTOMER);
    expect(log).not.toContain(tenant.connection.defaultNumber);
  });
});
