import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  loadMessage,
  postStatus,
  seedOutbound,
  statusParams,
} from "../status/status-fixture.js";
import {
  buildInboxCompany,
  findMessage,
  inboundParams,
  postSigned,
  randomSid,
} from "../webhook/webhook-fixture.js";
import {
  instanceAt,
  startInstances,
  type Instances,
} from "./in-process-instances.js";
import { findPostgresServer } from "./postgres-server.js";

const postgres = await findPostgresServer();

let instances: Instances | undefined;

// One schema for the file, because dropping a schema can fail a migration
// that another test file runs at that moment.
beforeAll(async () => {
  if (postgres.url === null) return;

  instances = await startInstances(postgres.url, 3);
});

afterAll(async () => {
  await instances?.close();
});

function started(): Instances {
  if (!instances) throw new Error("instances did not start");

  return instances;
}

describe.skipIf(postgres.url === null)(
  `webhooks across instances${postgres.skipReason ? ` (${postgres.skipReason})` : ""}`,
  () => {
    it("stores a redelivered text once", async () => {
      const [a, b] = [instanceAt(started(), 0), instanceAt(started(), 1)];
      const inbox = await buildInboxCompany(a.test.ctx);
      const params = inboundParams(inbox.twilio, { Body: "Two doors" });

      const responses = await Promise.all([
        postSigned(a.test.app, inbox, params),
        postSigned(b.test.app, inbox, params),
      ]);

      expect(responses[0]?.statusCode).toBe(200);
      expect(responses[1]?.statusCode).toBe(200);
      const messages = await b.test.ctx.db
        .selectFrom("messages")
        .select("conversation_id")
        .where("company_id", "=", inbox.company.id)
        .execute();
      expect(messages).toHaveLength(1);
      const events = await a.test.ctx.db
        .selectFrom("inbox_events")
        .select("type")
        .where("company_id", "=", inbox.company.id)
        .execute();
      expect(events.map((event) => event.type)).toEqual(["message.created"]);
    });

    it("stores a burst across instances once each", async () => {
      const all = started();
      const inbox = await buildInboxCompany(instanceAt(all, 0).test.ctx);
      const sids = Array.from({ length: 60 }, () => randomSid("SM"));
      // Each text goes to one instance and its redelivery to the next, so
      // the instances store groups of the same customers at the same time.
      const deliveries = sids.flatMap((sid, index) => {
        const params = inboundParams(inbox.twilio, {
          MessageSid: sid,
          SmsSid: sid,
          SmsMessageSid: sid,
          From: `+1415555${String(3000 + (index % 7))}`,
          Body: `Burst ${index}`,
        });

        return [index % 3, (index + 1) % 3].map((instance) =>
          postSigned(instanceAt(all, instance).test.app, inbox, params),
        );
      });

      const responses = await Promise.all(deliveries);

      expect(responses.map((response) => response.statusCode)).toEqual(
        deliveries.map(() => 200),
      );
      const { db } = instanceAt(all, 0).test.ctx;
      const messages = await db
        .selectFrom("messages")
        .select("twilio_sid")
        .where("company_id", "=", inbox.company.id)
        .execute();
      expect(messages.map((row) => row.twilio_sid).sort()).toEqual(
        [...sids].sort(),
      );
      const conversations = await db
        .selectFrom("conversations")
        .select("inbound_count")
        .where("company_id", "=", inbox.company.id)
        .execute();
      expect(conversations).toHaveLength(7);
      expect(
        conversations.reduce((sum, row) => sum + row.inbound_count, 0),
      ).toBe(60);
      const events = await db
        .selectFrom("inbox_events")
        .select("message_id")
        .where("company_id", "=", inbox.company.id)
        .execute();
      expect(events).toHaveLength(60);
    });

    it("applies a status callback anywhere", async () => {
      const [a, c] = [instanceAt(started(), 0), instanceAt(started(), 2)];
      const inbox = await buildInboxCompany(a.test.ctx);
      const sent = await seedOutbound(a.test.ctx, inbox, { status: "sent" });

      const response = await postStatus(
        c.test.app,
        inbox,
        statusParams(inbox, sent.twilioSid, "delivered"),
      );

      expect(response.statusCode).toBe(200);
      const stored = await loadMessage(a.test.ctx, sent.messageId);
      expect(stored.status).toBe("delivered");
      const bySid = await findMessage(a.test.ctx, sent.twilioSid);
      expect(bySid?.id).toBe(sent.messageId);
    });
  },
);
