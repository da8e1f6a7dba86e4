import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from "vitest";
import { appendInboxEvent } from "../../src/server/plugins/sms-inbox/events/event-log.js";
import { streamTimings } from "../../src/server/plugins/sms-inbox/events/event-stream.js";
import {
  buildInboxTenant,
  connect,
  parseEvent,
  postInbound,
  type InboxTenant,
  type ListeningApp,
} from "../events/events-fixture.js";
import type { SseConnection, SseEvent } from "../events/sse-client.js";
import {
  instanceAt,
  startInstances,
  type Instances,
} from "./in-process-instances.js";
import { findPostgresServer } from "./postgres-server.js";

const postgres = await findPostgresServer();
const DEFAULT_POLL_MS = streamTimings.poll;

let instances: Instances | undefined;

beforeEach(() => {
  // Only a pg_notify wake can deliver an event quickly without the poll.
  streamTimings.poll = 60_000;
});

afterEach(() => {
  streamTimings.poll = DEFAULT_POLL_MS;
  for (const app of instances?.apps ?? []) {
    for (const stream of app.streams.splice(0)) stream.close();
  }
});

// One schema for the file, because dropping a schema can fail a migration
// that another test file runs at that moment.
beforeAll(async () => {
  if (postgres.url === null) return;

  instances = await startInstances(postgres.url, 2);
});

afterAll(async () => {
  await instances?.close();
});

function startTwo(): [ListeningApp, ListeningApp] {
  if (!instances) throw new Error("instances did not start");

  return [instanceAt(instances, 0), instanceAt(instances, 1)];
}

/** Lists the ids of the company's events for everyone, oldest first. */
async function storedEventIds(
  server: ListeningApp,
  tenant: InboxTenant,
  afterId: number,
): Promise<number[]> {
  const rows = await server.test.ctx.db
    .selectFrom("inbox_events")
    .select("id")
    .where("company_id", "=", tenant.company.id)
    .where("staff_id", "is", null)
    .where("id", ">", afterId)
    .orderBy("id")
    .execute();

  return rows.map((row) => Number(row.id));
}

/** Reads events until none arrives for `quietMs`. */
async function drain(stream: SseConnection, quietMs: number) {
  const events: SseEvent[] = [];
  for (;;) {
    const more = await stream.collect(quietMs);
    if (more.length === 0) return events;

    events.push(...more);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe.skipIf(postgres.url === null)(
  `live events across instances${postgres.skipReason ? ` (${postgres.skipReason})` : ""}`,
  () => {
    it("delivers another instance's text", async () => {
      const [a, b] = startTwo();
      const tenant = await buildInboxTenant(a);
      const stream = await connect(b, tenant.owner);
      expect(stream.status).toBe(200);
      await expect.poll(() => stream.retryMs()).not.toBeNull();

      const started = Date.now();
      await postInbound(a, tenant, { Body: "Seen from B?" });
      const event = await stream.next(1_000);

      expect(Date.now() - started).toBeLessThan(1_000);
      const data = parseEvent(event);
      expect(data.type).toBe("message.created");
      expect(data.message?.body).toBe("Seen from B?");
    });

    it("waits for an earlier uncommitted event", async () => {
      const [a, b] = startTwo();
      const tenant = await buildInboxTenant(a);
      await postInbound(a, tenant, { Body: "First" });
      const message = await a.test.ctx.db
        .selectFrom("messages")
        .select(["id", "conversation_id"])
        .where("company_id", "=", tenant.company.id)
        .executeTakeFirstOrThrow();
      const [start] = await storedEventIds(a, tenant, 0);
      const stream = await connect(b, tenant.owner, {
        lastEventId: String(start),
      });
      const event = {
        companyId: tenant.company.id,
        type: "message.updated" as const,
        conversationId: message.conversation_id,
        messageId: message.id,
      };

      // A's event is inserted first and commits last. B's append on the
      // other instance starts while A's transaction is still open.
      let inserted: () => void = () => {};
      const insertedFirst = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const slow = a.test.ctx.db.transaction().execute(async (trx) => {
        await appendInboxEvent(trx, event);
        inserted();
        await sleep(500);
      });
      await insertedFirst;
      const fast = appendInboxEvent(b.test.ctx.db, event);
      await Promise.all([slow, fast]);

      const delivered = await drain(stream, 700);
      const stored = await storedEventIds(a, tenant, start ?? 0);
      expect(stored).toHaveLength(2);
      expect(delivered.map((sent) => Number(sent.id))).toEqual(stored);
    });

    it("streams concurrent writers without gaps", async () => {
      const [a, b] = startTwo();
      const tenant = await buildInboxTenant(a);
      const stream = await connect(b, tenant.owner);
      await expect.poll(() => stream.retryMs()).not.toBeNull();

      const writes: Promise<void>[] = [];
      for (let index = 0; index < 40; index += 1) {
        const server = index % 2 === 0 ? a : b;
        const from = `+1415555${String(300 + (index % 8)).padStart(4, "0")}`;
        writes.push(
          postInbound(server, tenant, { Body: `Text ${index}`, From: from }),
        );
      }
      await Promise.all(writes);

      const delivered = await drain(stream, 1_500);
      const stored = await storedEventIds(a, tenant, 0);
      expect(stored).toHaveLength(40);
      expect(delivered.map((sent) => Number(sent.id))).toEqual(stored);
    });
  },
);
