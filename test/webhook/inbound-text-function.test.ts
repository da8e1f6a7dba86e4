import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import {
  migrateToLatest,
  openDatabase,
  type Db,
} from "../../src/server/db/database.js";
import { newId } from "../../src/server/db/ids.js";
import type { Logger } from "../../src/server/logger.js";
import {
  recordMessage,
  type RecordedMessage,
} from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import {
  storeInboundText,
  type NewInboundText,
} from "../../src/server/plugins/sms-inbox/conversations/inbound-text-statement.js";
import { appendCustomerChangeEvents } from "../../src/server/plugins/sms-inbox/conversations/customer-change-events.js";
import { markConversationRead } from "../../src/server/plugins/sms-inbox/conversations/read-state.js";
import { INBOX_EVENTS_CHANNEL } from "../../src/server/plugins/sms-inbox/events/event-log.js";
import { storeInboundMessage } from "../../src/server/plugins/sms-inbox/webhook/inbound-store.js";
import {
  createTestDatabaseUrl,
  testPostgresUrl,
  type TestDatabaseUrl,
} from "../support/test-database.js";

/*
 * Differential test of store_inbound_texts, the PL/pgSQL function that
 * stores plain inbound texts of one company on PostgreSQL in one
 * statement. The same scenarios run in two fresh schemas, one through recordMessage in a
 * transaction (the path every other text takes) and one through the
 * function, and every row they affect must come out the same. Generated
 * ids are replaced by the customer number or the Twilio SID they stand for.
 */

const serverUrl = testPostgresUrl();
const INBOX_NUMBER = "+14155550100";

type Store = (db: Db, text: NewInboundText) => Promise<RecordedMessage>;

interface StorePath {
  store: Store;
  /**
   * How many statements wait for row locks when `texts` texts of one
   * company are stored at once behind another transaction.
   */
  lockWaits: (texts: number) => number;
}

/** The path of every other text: recordMessage in a transaction. */
const storeThroughRecordMessage: Store = (db, text) =>
  db.transaction().execute((trx) =>
    recordMessage(trx, {
      ...text,
      direction: "inbound",
      from: text.customerNumber,
      to: text.inboxNumber,
      status: "received",
      sentByStaffId: null,
      media: [],
    }),
  );

const throughRecordMessage: StorePath = {
  store: storeThroughRecordMessage,
  lockWaits: (texts) => texts,
};

/** One statement per company is in flight at a time, and the rest queue. */
const throughFunction: StorePath = {
  store: storeInboundText,
  lockWaits: () => 1,
};

/** A company and staff with the same ids in both schemas. */
interface Tenant {
  companyId: string;
  staffIds: string[];
}

interface World {
  db: Db;
  applicationName: string;
  database: TestDatabaseUrl;
}

async function openWorld(tenant: Tenant): Promise<World> {
  const database = await createTestDatabaseUrl(":memory:");
  // The application name distinguishes this schema's connections in
  // pg_stat_activity from those of test files running at the same time.
  const applicationName = `inbound_text_${randomBytes(6).toString("hex")}`;
  const url = new URL(database.url);
  url.searchParams.set("application_name", applicationName);
  const db = openDatabase(url.toString());
  await migrateToLatest(db);

  const createdAt = "2026-12-08T08:00:00.000Z";
  await db
    .insertInto("companies")
    .values({
      id: tenant.companyId,
      name: "Harbor Kayaks",
      country: "US",
      webhook_token: randomBytes(16).toString("hex"),
      created_at: createdAt,
    })
    .execute();
  const roleId = newId();
  await db
    .insertInto("roles")
    .values({
      id: roleId,
      company_id: tenant.companyId,
      name: "Owner",
      permissions: "[]",
      created_at: createdAt,
    })
    .execute();
  await db
    .insertInto("staff")
    .values(
      tenant.staffIds.map((id, index) => ({
        id,
        company_id: tenant.companyId,
        role_id: roleId,
        email: `staff${index}@example.com`,
        name: `Staff ${index}`,
        password_hash: "unused",
        active: 1,
        created_at: createdAt,
      })),
    )
    .execute();

  return { db, applicationName, database };
}

async function closeWorld(world: World): Promise<void> {
  await world.db.destroy();
  await world.database.drop();
}

function at(seconds: number): string {
  return new Date(
    Date.UTC(2026, 11, 8, 9, 0, 0) + seconds * 1000,
  ).toISOString();
}

function text(
  tenant: Tenant,
  customerNumber: string,
  twilioSid: string,
  seconds: number,
  body = `Text ${twilioSid}`,
): NewInboundText {
  return {
    companyId: tenant.companyId,
    customerNumber,
    inboxNumber: INBOX_NUMBER,
    twilioSid,
    body,
    createdAt: at(seconds),
  };
}

async function conversationIdOf(db: Db, customerNumber: string) {
  const row = await db
    .selectFrom("conversations")
    .select("id")
    .where("customer_number", "=", customerNumber)
    .executeTakeFirstOrThrow();

  return row.id;
}

async function markRead(
  db: Db,
  tenant: Tenant,
  customerNumber: string,
  staffIndex: number,
  seconds: number,
) {
  await markConversationRead(db, {
    companyId: tenant.companyId,
    conversationId: await conversationIdOf(db, customerNumber),
    staffId: tenant.staffIds[staffIndex]!,
    readAt: at(seconds),
  });
}

/** Resolves once `count` of the world's connections wait for a lock. */
async function waitForLockWaits(world: World, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE application_name = ${world.applicationName}
        AND wait_event_type = 'Lock'
    `.execute(world.db);
    if (rows[0]!.waiting >= count) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${count} lock waits, saw ${rows[0]!.waiting}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs `stores` while another transaction holds `first` stored but not
 * committed, so each store reads the state before `first` and then waits
 * for its row locks. That transaction commits once `waits` of the world's
 * connections wait for a lock.
 */
async function storeBehindOpenTransaction(
  world: World,
  first: NewInboundText,
  waits: number,
  stores: () => Promise<RecordedMessage>[],
): Promise<{ first: RecordedMessage; stored: RecordedMessage[] }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reportStored!: () => void;
  const firstStored = new Promise<void>((resolve) => {
    reportStored = resolve;
  });
  const holder = world.db.transaction().execute(async (trx) => {
    const recorded = await recordMessage(trx, {
      ...first,
      direction: "inbound",
      from: first.customerNumber,
      to: first.inboxNumber,
      status: "received",
      sentByStaffId: null,
      media: [],
    });
    reportStored();
    await released;

    return recorded;
  });
  await firstStored;

  const pending = stores();
  try {
    await waitForLockWaits(world, waits);
  } finally {
    release();
  }

  return { first: await holder, stored: await Promise.all(pending) };
}

/**
 * Locks the conversation of `customerNumber` in a transaction of its own,
 * and resolves once the lock is held. release() ends that transaction.
 */
async function holdConversationLock(
  world: World,
  customerNumber: string,
): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reportLocked!: () => void;
  const locked = new Promise<void>((resolve) => {
    reportLocked = resolve;
  });
  const holder = world.db.transaction().execute(async (trx) => {
    await sql`
      SELECT id FROM conversations WHERE customer_number = ${customerNumber}
      FOR UPDATE
    `.execute(trx);
    reportLocked();
    await released;
  });
  await Promise.race([locked, holder]);

  return {
    release: async () => {
      release();
      await holder;
    },
  };
}

/** Stores a reply to `customerNumber` whose status is already "failed". */
async function recordFailedReply(
  db: Db,
  tenant: Tenant,
  customerNumber: string,
  twilioSid: string,
  seconds: number,
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordMessage(trx, {
      companyId: tenant.companyId,
      customerNumber,
      inboxNumber: INBOX_NUMBER,
      direction: "outbound",
      twilioSid,
      from: INBOX_NUMBER,
      to: customerNumber,
      body: "Your table is ready.",
      status: "failed",
      sentByStaffId: null,
      media: [],
      createdAt: at(seconds),
    }),
  );
}

/** Replaces the ids of a stored result with what they identify. */
async function describeResult(db: Db, result: RecordedMessage) {
  const conversation = await db
    .selectFrom("conversations")
    .select("customer_number")
    .where("id", "=", result.conversationId)
    .executeTakeFirst();
  const message = await db
    .selectFrom("messages")
    .select("twilio_sid")
    .where("id", "=", result.messageId)
    .executeTakeFirst();

  return {
    customer: conversation?.customer_number ?? null,
    twilioSid: message?.twilio_sid ?? null,
    inserted: result.inserted,
  };
}

/** Stores every scenario in `world` and returns the results in order. */
async function runScenarios(
  world: World,
  tenant: Tenant,
  { store, lockWaits }: StorePath,
) {
  const { db } = world;
  const results: RecordedMessage[] = [];
  const keep = async (pending: Promise<RecordedMessage>) => {
    results.push(await pending);
  };

  // A new conversation, then texts in the existing one: a later text with
  // whitespace the preview collapses, and an older one that arrives late
  // and must not rewind the summary.
  await keep(store(db, text(tenant, "+14155550101", "SMa1", 10, "Hello")));
  await keep(
    store(
      db,
      text(tenant, "+14155550101", "SMa2", 20, "  Is  the\n10am tour on?  "),
    ),
  );
  await keep(store(db, text(tenant, "+14155550101", "SMa3", 5, "Late text")));

  // A stored SID changes nothing, even from another customer.
  await keep(store(db, text(tenant, "+14155550101", "SMa1", 30, "Again")));
  await keep(store(db, text(tenant, "+14155550102", "SMa2", 31, "Other")));

  // A reply that failed stays the last message when an older text
  // arrives late, and a newer text replaces it, which clears the
  // conversation's last_message_failed.
  await recordFailedReply(db, tenant, "+14155550121", "SMo1", 110);
  await store(db, text(tenant, "+14155550121", "SMo2", 105, "Late"));
  await recordFailedReply(db, tenant, "+14155550122", "SMo3", 110);
  await store(db, text(tenant, "+14155550122", "SMo4", 120, "Hello?"));

  // Unread counters: staff 0 reads at the text's time, staff 1 ahead of
  // it and staff 2 before it. Staff 3 reads another conversation before
  // its only text, so a late text creates their staff_read_counts row.
  await keep(store(db, text(tenant, "+14155550103", "SMe1", 100)));
  await markRead(db, tenant, "+14155550103", 0, 100);
  await markRead(db, tenant, "+14155550103", 1, 300);
  await markRead(db, tenant, "+14155550103", 2, 50);
  await keep(store(db, text(tenant, "+14155550103", "SMe2", 200)));
  await keep(store(db, text(tenant, "+14155550103", "SMe3", 300)));
  await markRead(db, tenant, "+14155550103", 0, 400);
  await keep(store(db, text(tenant, "+14155550103", "SMe4", 250)));
  await keep(store(db, text(tenant, "+14155550104", "SMf1", 600)));
  await markRead(db, tenant, "+14155550104", 3, 500);
  await keep(store(db, text(tenant, "+14155550104", "SMf2", 400)));

  // Concurrent duplicates of a SID from a new customer while another
  // transaction has stored that SID in an existing conversation and not
  // yet committed. Each
  // duplicate creates a conversation that it then deletes again.
  const duplicates = await storeBehindOpenTransaction(
    world,
    text(tenant, "+14155550101", "SMd1", 700),
    lockWaits(3),
    () =>
      Array.from({ length: 3 }, () =>
        store(db, text(tenant, "+14155550105", "SMd1", 701)),
      ),
  );
  results.push(duplicates.first, ...duplicates.stored);

  // Concurrent first texts from one new customer while another
  // transaction has inserted that customer's conversation and not yet
  // committed.
  const firstTexts = await storeBehindOpenTransaction(
    world,
    text(tenant, "+14155550106", "SMh0", 800),
    lockWaits(3),
    () =>
      [1, 2, 3].map((index) =>
        store(db, text(tenant, "+14155550106", `SMh${index}`, 800 + index)),
      ),
  );
  results.push(firstTexts.first, ...firstTexts.stored);

  // The same races without a holding transaction, as requests would
  // meet them. The texts share a time and body, so the rows they leave
  // do not depend on which one commits first.
  const racedDuplicates = await Promise.all(
    Array.from({ length: 5 }, () =>
      store(db, text(tenant, "+14155550107", "SMg1", 900, "Same")),
    ),
  );
  expect(racedDuplicates.filter((result) => result.inserted)).toHaveLength(1);
  const racedFirstTexts = await Promise.all(
    [1, 2, 3, 4, 5].map((index) =>
      store(
        db,
        text(tenant, "+14155550108", `SMk${index}`, 950, "  Same\n time  "),
      ),
    ),
  );
  results.push(...racedFirstTexts);

  // A burst, which the function stores in groups: two existing
  // conversations and two new ones, SIDs repeated within the burst, and texts
  // older than staff 1's read time of one conversation and staff 0's of
  // another. Repeats share the time and body of the first.
  await markRead(db, tenant, "+14155550103", 1, 2000);
  await markRead(db, tenant, "+14155550104", 0, 1010);
  const burstCustomers = [
    "+14155550110",
    "+14155550103",
    "+14155550109",
    "+14155550104",
  ];
  const burst = await Promise.all(
    Array.from({ length: 24 }, (_, index) =>
      store(
        db,
        text(
          tenant,
          burstCustomers[index % 4]!,
          `SMb${index % 20}`,
          // A new conversation takes the time of the text that creates
          // it, so the texts of the new customers, at even positions,
          // share one.
          index % 2 === 0 ? 1000 : 1000 + (index % 20),
          "Burst",
        ),
      ),
    ),
  );
  expect(burst.filter((result) => result.inserted)).toHaveLength(20);

  const described = [];
  for (const result of results)
    described.push(await describeResult(db, result));
  for (const result of racedDuplicates) {
    const { customer, twilioSid } = await describeResult(db, result);
    described.push({ customer, twilioSid });
  }
  const describedBurst = [];
  for (const result of burst) {
    const { customer, twilioSid } = await describeResult(db, result);
    describedBurst.push({ customer, twilioSid });
  }
  described.push(...describedBurst);

  return described;
}

/** Reads every row the scenarios affect, without generated ids. */
async function snapshot(db: Db) {
  const messages = await db
    .selectFrom("messages as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .selectAll("m")
    .select("c.customer_number as conversation_customer")
    .orderBy("m.twilio_sid")
    .execute();
  const conversations = await db
    .selectFrom("conversations as c")
    .leftJoin("messages as last", "last.id", "c.last_message_id")
    .selectAll("c")
    .select([
      "last.conversation_id as last_message_conversation_id",
      "last.created_at as last_message_created_at",
      "last.body as last_message_body",
      "last.twilio_sid as last_message_sid",
    ])
    .orderBy("c.customer_number")
    .execute();
  const reads = await db
    .selectFrom("conversation_reads as r")
    .innerJoin("conversations as c", "c.id", "r.conversation_id")
    .select([
      "c.customer_number",
      "r.staff_id",
      "r.last_read_at",
      "r.read_inbound_count",
    ])
    .orderBy("c.customer_number")
    .orderBy("r.staff_id")
    .execute();
  const staffReadCounts = await db
    .selectFrom("staff_read_counts")
    .selectAll()
    .orderBy("staff_id")
    .execute();
  const inboundTotals = await db
    .selectFrom("company_inbound_counts")
    .select((eb) => [
      "company_id",
      eb.fn.sum<number>("inbound_count").as("inbound_count"),
    ])
    .groupBy("company_id")
    .execute();
  const shards = await db
    .selectFrom("company_inbound_counts")
    .select("shard")
    .execute();
  const events = await db
    .selectFrom("inbox_events as e")
    .innerJoin("conversations as c", "c.id", "e.conversation_id")
    .leftJoin("messages as m", "m.id", "e.message_id")
    .select([
      "e.id",
      "e.company_id",
      "e.type",
      "c.customer_number",
      "m.twilio_sid",
      "e.staff_id",
      "e.created_at",
    ])
    .orderBy("e.id")
    .execute();
  const { rows: eventTransactions } = await sql<{ count: number }>`
    SELECT count(DISTINCT xmin::text)::int AS count FROM inbox_events
  `.execute(db);

  return {
    messages: messages.map(({ id, conversation_id, ...row }) => {
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(conversation_id).toMatch(/^[0-9a-f-]{36}$/);

      return row;
    }),
    // Texts of a burst share a time and body, so which of them is the
    // last message depends on the commit order. The last message is
    // compared by what the summary shows of it, and by SID where a
    // scenario fixes it.
    conversations: conversations.map(
      ({
        id,
        last_message_id,
        last_message_conversation_id,
        last_message_sid,
        ...row
      }) => {
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(last_message_id).toMatch(/^[0-9a-f-]{36}$/);
        expect(last_message_conversation_id).toBe(id);

        return row;
      },
    ),
    lastMessageSids: new Map(
      conversations.map((row) => [row.customer_number, row.last_message_sid]),
    ),
    reads,
    staffReadCounts,
    inboundTotals: inboundTotals.map((row) => ({
      ...row,
      inbound_count: Number(row.inbound_count),
    })),
    shardsInRange: shards.every((row) => row.shard >= 0 && row.shard < 8),
    // Concurrent texts append in commit order, so the order of events is
    // compared only where it is fixed. The event's created_at is the
    // message's in store_inbound_texts and the append time in
    // recordMessage, so it is only checked to be set.
    events: events
      .map(({ id, created_at, ...row }) => {
        expect(id).toBeGreaterThan(0);
        expect(created_at).toMatch(/^2026-/);

        return row;
      })
      .map((row) => JSON.stringify(row))
      .sort(),
    eventCount: events.length,
    eventTransactions: eventTransactions[0]!.count,
  };
}

interface Listener {
  payloads: string[];
  close(): Promise<void>;
}

async function listenForEvents(url: string): Promise<Listener> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const payloads: string[] = [];
  client.on("notification", (message) => {
    if (message.channel === INBOX_EVENTS_CHANNEL && message.payload) {
      payloads.push(message.payload);
    }
  });
  await client.query(`LISTEN ${INBOX_EVENTS_CHANNEL}`);

  return { payloads, close: () => client.end() };
}

/**
 * Waits until `count` notifications for the company arrived, and a little
 * longer so extra ones show up, and returns how many did.
 */
async function countNotifications(
  listener: Listener,
  companyId: string,
  count: number,
): Promise<number> {
  const received = () =>
    listener.payloads.filter((payload) => payload === companyId).length;
  const deadline = Date.now() + 5_000;
  while (received() < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));

  return received();
}

describe.skipIf(serverUrl === null)("store_inbound_texts", () => {
  let listener: Listener;

  beforeAll(async () => {
    listener = await listenForEvents(serverUrl!);
  });

  afterAll(async () => {
    await listener.close();
  });

  test("matches recordMessage row for row", async () => {
    const tenant: Tenant = {
      companyId: newId(),
      staffIds: [newId(), newId(), newId(), newId()],
    };
    const outcomes = [];
    for (const path of [throughRecordMessage, throughFunction]) {
      const world = await openWorld(tenant);
      try {
        listener.payloads.length = 0;
        const results = await runScenarios(world, tenant, path);
        const rows = await snapshot(world.db);
        const notifications = await countNotifications(
          listener,
          tenant.companyId,
          rows.eventTransactions,
        );
        outcomes.push({ results, rows, notifications });
      } finally {
        await closeWorld(world);
      }
    }
    const [old, current] = outcomes;

    expect(current!.results).toEqual(old!.results);
    expect(current!.rows.messages).toEqual(old!.rows.messages);
    expect(current!.rows.conversations).toEqual(old!.rows.conversations);
    for (const { rows } of outcomes) {
      const flagOf = (customerNumber: string) =>
        rows.conversations.find((row) => row.customer_number === customerNumber)
          ?.last_message_failed;

      expect(rows.lastMessageSids.get("+14155550121")).toBe("SMo1");
      expect(flagOf("+14155550121")).toBe(1);
      expect(rows.lastMessageSids.get("+14155550122")).toBe("SMo4");
      expect(flagOf("+14155550122")).toBe(0);
    }
    expect(current!.rows.reads).toEqual(old!.rows.reads);
    expect(current!.rows.staffReadCounts).toEqual(old!.rows.staffReadCounts);
    expect(current!.rows.inboundTotals).toEqual(old!.rows.inboundTotals);
    expect(current!.rows.shardsInRange).toBe(true);
    expect(current!.rows.events).toEqual(old!.rows.events);
    // Each transaction that appends events sends one notification, and
    // recordMessage appends one event per transaction.
    expect(old!.rows.eventTransactions).toBe(old!.rows.eventCount);
    expect(current!.rows.eventTransactions).toBeLessThan(
      current!.rows.eventCount,
    );
    for (const outcome of outcomes) {
      expect(outcome.notifications).toBe(outcome.rows.eventTransactions);
    }
  });

  test("results describe the scenarios", async () => {
    const tenant: Tenant = {
      companyId: newId(),
      staffIds: [newId(), newId(), newId(), newId()],
    };
    const world = await openWorld(tenant);
    try {
      const results = await runScenarios(world, tenant, throughFunction);
      const rows = await snapshot(world.db);

      // A stored SID returns the stored message, also from another customer.
      expect(results[3]).toEqual({
        customer: "+14155550101",
        twilioSid: "SMa1",
        inserted: false,
      });
      expect(results[4]).toEqual({
        customer: "+14155550101",
        twilioSid: "SMa2",
        inserted: false,
      });
      // The duplicates behind the open transaction leave no conversation.
      expect(results.slice(11, 15)).toEqual([
        { customer: "+14155550101", twilioSid: "SMd1", inserted: true },
        { customer: "+14155550101", twilioSid: "SMd1", inserted: false },
        { customer: "+14155550101", twilioSid: "SMd1", inserted: false },
        { customer: "+14155550101", twilioSid: "SMd1", inserted: false },
      ]);
      const customers = rows.conversations.map((row) => row.customer_number);
      expect(customers).not.toContain("+14155550102");
      expect(customers).not.toContain("+14155550105");
      const byCustomer = (number: string) =>
        rows.conversations.find((row) => row.customer_number === number);
      expect(byCustomer("+14155550106")?.inbound_count).toBe(4);
      expect(byCustomer("+14155550107")?.inbound_count).toBe(1);
      expect(byCustomer("+14155550108")?.inbound_count).toBe(5);
      expect(byCustomer("+14155550108")?.last_message_preview).toBe(
        "Same time",
      );
      // The late text at 5 s did not rewind the summary.
      expect(byCustomer("+14155550101")?.inbound_count).toBe(4);
      expect(byCustomer("+14155550101")?.last_message_at).toBe(at(700));
      expect(byCustomer("+14155550101")?.last_message_preview).toBe(
        "Text SMd1",
      );
      // Staff 3's row was created by the late text.
      const staff3 = rows.staffReadCounts.find(
        (row) => row.staff_id === tenant.staffIds[3],
      );
      expect(staff3?.read_inbound_count).toBe(1);
    } finally {
      await closeWorld(world);
    }
  });

  test("webhook store uses it for plain texts", async () => {
    const tenant: Tenant = { companyId: newId(), staffIds: [newId()] };
    const world = await openWorld(tenant);
    try {
      await sql`DROP FUNCTION store_inbound_texts`.execute(world.db);
      const company = { id: tenant.companyId, country: "US" };
      const message = {
        messageSid: "SMp1",
        accountSid: `AC${"0".repeat(32)}`,
        from: "+14155550109",
        to: INBOX_NUMBER,
        messagingServiceSid: null,
        body: "Plain text",
        media: [],
        optOutType: null,
      };

      await expect(
        storeInboundMessage(world.db, company, message),
      ).rejects.toThrow(/store_inbound_texts/);
      const keyword = await storeInboundMessage(world.db, company, {
        ...message,
        messageSid: "SMp2",
        body: "STOP",
      });
      const media = await storeInboundMessage(world.db, company, {
        ...message,
        messageSid: "SMp3",
        media: [
          {
            url: "https://api.twilio.com/media/ME1",
            contentType: "image/jpeg",
          },
        ],
      });

      expect(keyword.inserted).toBe(true);
      expect(keyword.keywordAction).toBe("opt_out");
      expect(media.inserted).toBe(true);
    } finally {
      await closeWorld(world);
    }
  });

  test("concurrent texts share a transaction", async () => {
    const tenant: Tenant = { companyId: newId(), staffIds: [newId()] };
    const world = await openWorld(tenant);
    try {
      listener.payloads.length = 0;
      const stored = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          storeInboundText(
            world.db,
            text(tenant, `+1415555020${index % 3}`, `SMt${index}`, 10 - index),
          ),
        ),
      );
      const { rows } = await sql<{ transactions: number }>`
        SELECT count(DISTINCT xmin::text)::int AS transactions FROM messages
      `.execute(world.db);
      const events = await world.db
        .selectFrom("inbox_events as e")
        .innerJoin("messages as m", "m.id", "e.message_id")
        .select("m.twilio_sid")
        .orderBy("e.id")
        .execute();

      expect(stored.every((result) => result.inserted)).toBe(true);
      // The first text went alone, and the nine queued behind it together.
      expect(rows[0]!.transactions).toBe(2);
      // Events follow the texts' times, which run backwards here, within
      // each transaction.
      expect(events.map((event) => event.twilio_sid)).toEqual([
        "SMt0",
        ...[9, 8, 7, 6, 5, 4, 3, 2, 1].map((index) => `SMt${index}`),
      ]);
      expect(await countNotifications(listener, tenant.companyId, 2)).toBe(2);
    } finally {
      await closeWorld(world);
    }
  });

  test("failing text spares its group", async () => {
    const tenant: Tenant = { companyId: newId(), staffIds: [newId()] };
    const world = await openWorld(tenant);
    const warn = vi.fn();
    const logger = { warn } as unknown as Logger;
    try {
      const settled = await Promise.allSettled(
        Array.from({ length: 5 }, (_, index) =>
          storeInboundText(
            world.db,
            // PostgreSQL rejects a NUL character in text.
            text(
              tenant,
              "+14155550301",
              `SMu${index}`,
              index,
              index === 2 ? "Bad \u0000 byte" : `Text ${index}`,
            ),
            logger,
          ),
        ),
      );
      const stored = await world.db
        .selectFrom("messages")
        .select("twilio_sid")
        .orderBy("twilio_sid")
        .execute();
      const conversation = await world.db
        .selectFrom("conversations")
        .select("inbound_count")
        .executeTakeFirstOrThrow();

      expect(settled.map((result) => result.status)).toEqual([
        "fulfilled",
        "fulfilled",
        "rejected",
        "fulfilled",
        "fulfilled",
      ]);
      expect(stored.map((row) => row.twilio_sid)).toEqual([
        "SMu0",
        "SMu1",
        "SMu3",
        "SMu4",
      ]);
      expect(conversation.inbound_count).toBe(4);
      // The first text went alone, and the group of the other four failed.
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatchObject({
        companyId: tenant.companyId,
        messageSids: ["SMu1", "SMu2", "SMu3", "SMu4"],
      });
    } finally {
      await closeWorld(world);
    }
  });

  test("stalled statement spares other texts", async () => {
    const tenant: Tenant = { companyId: newId(), staffIds: [newId()] };
    const world = await openWorld(tenant);
    try {
      const blocked = "+14155550401";
      await storeInboundText(world.db, text(tenant, blocked, "SMv0", 0));
      const holder = await holdConversationLock(world, blocked);

      let waitingDone = false;
      const waiting = storeInboundText(
        world.db,
        text(tenant, blocked, "SMv1", 1),
      ).then((stored) => {
        waitingDone = true;
        return stored;
      });
      await waitForLockWaits(world, 1);
      const others = Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          storeInboundText(
            world.db,
            text(tenant, `+1415555050${index}`, `SMw${index}`, 2 + index),
          ),
        ),
      );
      const timedOut = new Promise<"timed out">((resolve) =>
        setTimeout(() => resolve("timed out"), 5_000),
      );
      const othersResult = await Promise.race([others, timedOut]);
      // Texts that arrive after those still go while the lock is held.
      const later = storeInboundText(
        world.db,
        text(tenant, "+14155550509", "SMw9", 10),
      );
      const laterResult = await Promise.race([later, timedOut]);
      const doneBeforeRelease = waitingDone;
      await holder.release();
      const stored = await waiting;

      // The other customers' texts committed while the first text still
      // waited for its conversation's lock.
      expect(othersResult).not.toBe("timed out");
      expect(laterResult).not.toBe("timed out");
      expect(doneBeforeRelease).toBe(false);
      expect(stored.inserted).toBe(true);
    } finally {
      await closeWorld(world);
    }
  });

  test("customer change locks conversations first", async () => {
    const tenant: Tenant = { companyId: newId(), staffIds: [newId()] };
    const world = await openWorld(tenant);
    try {
      const customerNumber = "+14155550601";
      const { conversationId } = await storeInboundText(
        world.db,
        text(tenant, customerNumber, "SMx0", 0),
      );
      const holder = await holdConversationLock(world, customerNumber);

      const change = world.db.transaction().execute((trx) =>
        appendCustomerChangeEvents(trx, {
          companyId: tenant.companyId,
          customerId: null,
          numbers: [customerNumber],
        }),
      );
      await waitForLockWaits(world, 1);
      // 6926 is the event log's lock class (events/event-log.ts).
      const { rows } = await sql<{ free: boolean }>`
        SELECT pg_try_advisory_xact_lock(6926, hashtext(${tenant.companyId}))
          AS free
      `.execute(world.db);
      await holder.release();
      await change;
      const events = await world.db
        .selectFrom("inbox_events")
        .select("type")
        .where("conversation_id", "=", conversationId)
        .orderBy("id")
        .execute();

      // The change waited for the conversation without the event log lock.
      expect(rows[0]!.free).toBe(true);
      expect(events.map((event) => event.type)).toEqual([
        "message.created",
        "conversation.updated",
      ]);
    } finally {
      await closeWorld(world);
    }
  });
});
