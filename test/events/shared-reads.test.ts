import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboxEvent } from "../../src/common/api.js";
import {
  countUnreadMessages,
  findConversationSummary,
} from "../../src/server/plugins/sms-inbox/conversations/conversation-queries.js";
import {
  loadViewerSummary,
  loadViewerUnread,
} from "../../src/server/plugins/sms-inbox/events/batched-reads.js";
import { appendInboxEvent } from "../../src/server/plugins/sms-inbox/events/event-log.js";
import { streamTimings } from "../../src/server/plugins/sms-inbox/events/event-stream.js";
import { buildStaff, type BuiltStaff } from "../support/factories.js";
import { CUSTOMER_NUMBER } from "../webhook/webhook-fixture.js";
import {
  buildInboxTenant,
  connect,
  parseEvent,
  postInbound,
  startListeningApp,
  type InboxTenant,
  type ListeningApp,
} from "./events-fixture.js";
import type { SseConnection, SseEvent } from "./sse-client.js";

const OTHER_CUSTOMER = "+14155550123";

let server: ListeningApp;
const defaultTimings = { ...streamTimings };

beforeEach(async () => {
  server = await startListeningApp();
});

afterEach(async () => {
  Object.assign(streamTimings, defaultTimings);
  await server.close();
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads events until none arrives for `quietMs`. */
async function drain(stream: SseConnection, quietMs = 700) {
  const events: SseEvent[] = [];
  for (;;) {
    const more = await stream.collect(quietMs);
    if (more.length === 0) return events;

    events.push(...more);
  }
}

async function conversationIdOf(tenant: InboxTenant, customerNumber: string) {
  const row = await server.test.ctx.db
    .selectFrom("conversations")
    .select("id")
    .where("company_id", "=", tenant.company.id)
    .where("customer_number", "=", customerNumber)
    .executeTakeFirstOrThrow();

  return row.id;
}

async function markRead(staff: BuiltStaff, conversationId: string) {
  const response = await server.test.app.inject({
    method: "POST",
    url: `/api/plugins/sms-chat/conversations/${conversationId}/read`,
    headers: staff.headers,
  });
  expect(response.statusCode).toBe(204);
}

/** Returns the company's latest event id. */
async function latestEventId(tenant: InboxTenant): Promise<number> {
  const row = await server.test.ctx.db
    .selectFrom("inbox_events")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("company_id", "=", tenant.company.id)
    .executeTakeFirst();

  return Number(row?.id ?? 0);
}

/** Lists the ids of the events `staff` may receive after `afterId`. */
async function eventIdsFor(
  tenant: InboxTenant,
  staff: BuiltStaff,
  afterId: number,
): Promise<number[]> {
  const rows = await server.test.ctx.db
    .selectFrom("inbox_events")
    .select("id")
    .where("company_id", "=", tenant.company.id)
    .where("id", ">", afterId)
    .where((eb) =>
      eb.or([eb("staff_id", "is", null), eb("staff_id", "=", staff.id)]),
    )
    .orderBy("id")
    .execute();

  return rows.map((row) => Number(row.id));
}

describe("inbox event streams sharing reads", () => {
  it("gives each staff member their own counts", async () => {
    const tenant = await buildInboxTenant(server);
    const clerk = await buildStaff(server.test.ctx, tenant.company);
    await postInbound(server, tenant, { Body: "one" });
    await postInbound(server, tenant, { Body: "two" });
    await postInbound(server, tenant, { From: OTHER_CUSTOMER });
    const shared = await conversationIdOf(tenant, CUSTOMER_NUMBER);
    const other = await conversationIdOf(tenant, OTHER_CUSTOMER);
    await markRead(tenant.owner, shared);
    await markRead(tenant.viewer, other);
    // The next text must be newer than both reads.
    await sleep(5);

    const streams = [
      { staff: "owner", stream: await connect(server, tenant.owner) },
      { staff: "owner", stream: await connect(server, tenant.owner) },
      { staff: "viewer", stream: await connect(server, tenant.viewer) },
      { staff: "clerk", stream: await connect(server, clerk) },
    ];
    await postInbound(server, tenant, { Body: "three" });
    const received: { staff: string; data: InboxEvent }[] = [];
    for (const { staff, stream } of streams) {
      received.push({ staff, data: parseEvent(await stream.next(1_000)) });
    }

    const expected = {
      // Read "one" and "two" of the shared conversation.
      owner: { conversationUnread: 1, totalUnread: 2 },
      // Read the other conversation only.
      viewer: { conversationUnread: 3, totalUnread: 3 },
      clerk: { conversationUnread: 3, totalUnread: 4 },
    };
    for (const { staff, data } of received) {
      const counts = expected[staff as keyof typeof expected];
      expect(data.type, staff).toBe("message.created");
      expect(data.message?.body, staff).toBe("three");
      expect(data.conversation.id, staff).toBe(shared);
      expect(data.conversation.unreadCount, staff).toBe(
        counts.conversationUnread,
      );
      expect(data.totalUnread, staff).toBe(counts.totalUnread);
    }
  });

  it("sends a staff member's read to them only", async () => {
    const tenant = await buildInboxTenant(server);
    await postInbound(server, tenant, { Body: "before" });
    const conversationId = await conversationIdOf(tenant, CUSTOMER_NUMBER);
    const ownerTabs = [
      await connect(server, tenant.owner),
      await connect(server, tenant.owner),
    ];
    const viewerStream = await connect(server, tenant.viewer);
    const start = await latestEventId(tenant);

    await markRead(tenant.owner, conversationId);
    // An event carries the conversation as it is when the stream reads the
    // log, so each tab receives the read before the next text arrives.
    for (const tab of ownerTabs) {
      const read = parseEvent(await tab.next(1_000));
      expect(read.type).toBe("conversation.read");
      expect(read.conversation.unreadCount).toBe(0);
    }
    await postInbound(server, tenant, { Body: "after" });

    for (const tab of ownerTabs) {
      const events = (await drain(tab)).map(parseEvent);
      expect(events.map((event) => event.type)).toEqual(["message.created"]);
      expect(events[0]?.conversation.unreadCount).toBe(1);
    }
    const viewerEvents = await drain(viewerStream);
    expect(viewerEvents.map((event) => parseEvent(event).type)).toEqual([
      "message.created",
    ]);
    expect(
      parseEvent(viewerEvents[0] as SseEvent).conversation.unreadCount,
    ).toBe(2);
    expect(viewerEvents.map((event) => Number(event.id))).toEqual(
      await eventIdsFor(tenant, tenant.viewer, start),
    );
  });

  it("carries a text's media", async () => {
    const tenant = await buildInboxTenant(server);
    const streams = [
      await connect(server, tenant.owner),
      await connect(server, tenant.viewer),
    ];

    await postInbound(server, tenant, {
      Body: "photo",
      NumMedia: "1",
      MediaUrl0: "https://api.twilio.com/media/ME1",
      MediaContentType0: "image/jpeg",
    });

    for (const stream of streams) {
      const data = parseEvent(await stream.next(1_000));
      expect(data.message?.body).toBe("photo");
      expect(data.message?.media).toHaveLength(1);
      expect(data.message?.media[0]?.contentType).toBe("image/jpeg");
    }
  });

  it("keeps companies apart", async () => {
    const harbor = await buildInboxTenant(server);
    const rival = await buildInboxTenant(server);
    const tenants = [harbor, rival];
    const streams = [];
    for (const tenant of tenants) {
      for (const staff of [tenant.owner, tenant.viewer]) {
        streams.push({ tenant, stream: await connect(server, staff) });
      }
    }

    await Promise.all(
      tenants.map((tenant) =>
        postInbound(server, tenant, { Body: `for ${tenant.company.id}` }),
      ),
    );

    for (const { tenant, stream } of streams) {
      const events = (await drain(stream)).map(parseEvent);
      const conversationId = await conversationIdOf(tenant, CUSTOMER_NUMBER);
      expect(events).toHaveLength(1);
      expect(events[0]?.message?.body).toBe(`for ${tenant.company.id}`);
      expect(events[0]?.conversation.id).toBe(conversationId);
      expect(events[0]?.conversation.unreadCount).toBe(1);
      expect(events[0]?.totalUnread).toBe(1);
    }
  });

  it("crosses batches of filtered events", async () => {
    const tenant = await buildInboxTenant(server);
    const clerk = await buildStaff(server.test.ctx, tenant.company);
    await postInbound(server, tenant);
    const staff = [tenant.owner, tenant.viewer, clerk];
    const streams = [];
    for (const member of staff) {
      streams.push({ member, stream: await connect(server, member) });
    }
    const start = await latestEventId(tenant);

    await appendMixedEvents(tenant, clerk);

    for (const { member, stream } of streams) {
      const delivered = (await drain(stream)).map((event) => Number(event.id));
      const expected = await eventIdsFor(tenant, member, start);
      expect(expected.length).toBeGreaterThan(0);
      expect(delivered).toEqual(expected);
    }
  });

  it("resumes across filtered batches without polls", async () => {
    // Without wakes or polls, only a full batch makes the stream read on.
    streamTimings.poll = 60_000;
    const tenant = await buildInboxTenant(server);
    const clerk = await buildStaff(server.test.ctx, tenant.company);
    await postInbound(server, tenant);
    const start = await latestEventId(tenant);
    await appendMixedEvents(tenant, clerk);

    for (const member of [tenant.owner, tenant.viewer, clerk]) {
      const stream = await connect(server, member, {
        lastEventId: String(start),
      });
      const delivered = (await drain(stream)).map((event) => Number(event.id));
      const expected = await eventIdsFor(tenant, member, start);
      expect(expected.length).toBeGreaterThan(0);
      expect(delivered).toEqual(expected);
    }
  });
});

/**
 * Appends 270 events in one transaction, more than two reads of 100. The
 * first 120 are for the clerk alone, so the first read contains nothing for
 * anyone else. The rest are for everyone, the viewer or the clerk in turn.
 */
async function appendMixedEvents(tenant: InboxTenant, clerk: BuiltStaff) {
  const conversationId = await conversationIdOf(tenant, CUSTOMER_NUMBER);
  await server.test.ctx.db.transaction().execute(async (trx) => {
    for (let index = 0; index < 270; index += 1) {
      const staffId =
        index < 120 || index % 3 === 2
          ? clerk.id
          : index % 3 === 1
            ? tenant.viewer.id
            : null;
      await appendInboxEvent(trx, {
        companyId: tenant.company.id,
        type: "conversation.read",
        conversationId,
        messageId: null,
        staffId,
      });
    }
  });
}

describe("batched viewer reads", () => {
  it("match single lookups for each staff member", async () => {
    const tenant = await buildInboxTenant(server);
    const rival = await buildInboxTenant(server);
    const clerk = await buildStaff(server.test.ctx, tenant.company);
    await postInbound(server, tenant, { Body: "one" });
    await postInbound(server, tenant, { Body: "two" });
    await postInbound(server, rival, { Body: "rival" });
    const conversationId = await conversationIdOf(tenant, CUSTOMER_NUMBER);
    const rivalConversationId = await conversationIdOf(rival, CUSTOMER_NUMBER);
    await markRead(tenant.owner, conversationId);
    await sleep(5);
    await postInbound(server, tenant, { Body: "three" });
    const { db } = server.test.ctx;
    const companyId = tenant.company.id;
    const staffIds = [tenant.owner.id, tenant.viewer.id, clerk.id];

    // Started in one turn of the event loop, so each kind is one batch.
    const [summaries, totals, foreign] = await Promise.all([
      Promise.all(
        staffIds.map((staffId) =>
          loadViewerSummary(db, { companyId, staffId }, conversationId),
        ),
      ),
      Promise.all(
        staffIds.map((staffId) => loadViewerUnread(db, { companyId, staffId })),
      ),
      Promise.all(
        staffIds.map((staffId) =>
          loadViewerSummary(db, { companyId, staffId }, rivalConversationId),
        ),
      ),
    ]);

    for (const [index, staffId] of staffIds.entries()) {
      expect(summaries[index]).toEqual(
        await findConversationSummary(db, companyId, staffId, conversationId),
      );
      expect(totals[index]).toBe(
        await countUnreadMessages(db, companyId, staffId),
      );
      expect(foreign[index]).toBeUndefined();
    }
    expect(Number(summaries[0]?.unread_count)).toBe(1);
    expect(Number(summaries[1]?.unread_count)).toBe(3);
    expect(totals[0]).toBe(1);
    expect(totals[2]).toBe(3);
  });
});
