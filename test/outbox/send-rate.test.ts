import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  createSandbox,
  type Sandbox,
} from "../../src/sandbox/sandbox-server.js";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { migrateToLatest, openDatabase } from "../../src/server/db/database.js";
import { newId, nowIso } from "../../src/server/db/ids.js";
import { createLogger } from "../../src/server/logger.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import { insertOutboxJob } from "../../src/server/plugins/sms-inbox/outbox/outbox-queries.js";
import { OutboxWorker } from "../../src/server/plugins/sms-inbox/outbox/outbox-worker.js";
import {
  DEFAULT_NUMBER,
  SECOND_NUMBER,
  buildTenant,
  seedInboxNumber,
  settleOutbox,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import {
  createSharedSchema,
  findPostgresServer,
  type SharedSchema,
} from "../multi-instance/postgres-server.js";
import { buildTestConfig } from "../support/context.js";
import {
  buildCompany,
  connectTwilio,
  installSmsInbox,
} from "../support/factories.js";
import {
  startServerProcesses,
  stopServerProcess,
  type ServerProcess,
} from "./server-process.js";
import { takeOverOutbox } from "./outbox-fixture.js";

/**
 * A send from a number starts one interval after the previous one ended,
 * so the sandbox stores them at least one interval apart. Both timestamps
 * come from this host's clock, in whole milliseconds.
 */
const ROUNDING_MS = 1;

let server: InboxServer | undefined;
let workers: OutboxWorker[] = [];

afterEach(async () => {
  for (const worker of workers) await worker.stop();
  workers = [];
  await server?.close();
  server = undefined;
});

/**
 * Stores `count` outbound texts from `from` with their outbox jobs, as a
 * send request does, spread over five customers.
 */
async function queueTexts(
  ctx: AppContext,
  companyId: string,
  from: string,
  count: number,
): Promise<string[]> {
  const bodies: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const to = `+1415555${String(300 + (index % 5)).padStart(4, "0")}`;
    const body = `From ${from}, text ${index + 1} ${randomBytes(4).toString("hex")}`;
    const at = nowIso();
    await ctx.db.transaction().execute(async (trx) => {
      const recorded = await recordMessage(trx, {
        companyId,
        customerNumber: to,
        inboxNumber: from,
        direction: "outbound",
        twilioSid: null,
        from,
        to,
        body,
        status: "queued",
        sentByStaffId: null,
        media: [],
        createdAt: at,
      });
      await insertOutboxJob(trx, {
        companyId,
        messageId: recorded.messageId,
        at,
      });
    });
    bodies.push(body);
  }

  return bodies;
}

/** Returns when the sandbox stored each text sent from `from`, in ms. */
function sendTimes(sandbox: Sandbox, accountSid: string, from: string) {
  return sandbox.state
    .messagesOf(accountSid)
    .filter((message) => message.direction !== "inbound")
    .filter((message) => message.from === from)
    .map((message) => message.dateCreated.getTime())
    .sort((a, b) => a - b);
}

function gapsBetween(times: number[]): number[] {
  return times.slice(1).map((time, index) => time - (times[index] ?? time));
}

/** Returns every outbound message's body and SID from the database. */
async function storedOutbound(ctx: AppContext) {
  return ctx.db
    .selectFrom("messages")
    .select(["body", "twilio_sid"])
    .where("direction", "=", "outbound")
    .execute();
}

function startWorker(ctx: AppContext): OutboxWorker {
  const worker = new OutboxWorker(ctx, { pollIntervalMs: 20 });
  workers.push(worker);
  worker.start();

  return worker;
}

describe("per-number send rate", () => {
  it("spaces the sends of each number", async () => {
    server = await startInboxServer({ OUTBOX_RATE_PER_NUMBER: "4" });
    const inbox = server;
    await takeOverOutbox(inbox);
    const tenant = await buildTenant(inbox);
    await seedInboxNumber(inbox, tenant, SECOND_NUMBER);
    const companyId = tenant.company.id;

    // The first number's texts are older, so they come first in due order.
    const first = await queueTexts(inbox.ctx, companyId, DEFAULT_NUMBER, 10);
    const second = await queueTexts(inbox.ctx, companyId, SECOND_NUMBER, 2);
    startWorker(inbox.ctx);
    await settleOutbox(inbox, 15_000);

    const firstTimes = sendTimes(
      inbox.sandbox,
      tenant.account.sid,
      DEFAULT_NUMBER,
    );
    const secondTimes = sendTimes(
      inbox.sandbox,
      tenant.account.sid,
      SECOND_NUMBER,
    );
    expect(firstTimes).toHaveLength(10);
    expect(secondTimes).toHaveLength(2);
    for (const gap of gapsBetween(firstTimes)) {
      expect(gap).toBeGreaterThanOrEqual(250 - ROUNDING_MS);
    }
    for (const gap of gapsBetween(secondTimes)) {
      expect(gap).toBeGreaterThanOrEqual(250 - ROUNDING_MS);
    }
    // The second number does not wait behind the first number's backlog.
    expect(secondTimes[1]).toBeLessThan(firstTimes[3] ?? 0);

    const stored = await storedOutbound(inbox.ctx);
    const sent = inbox.sandbox.state
      .messagesOf(tenant.account.sid)
      .filter((message) => message.direction !== "inbound");
    expect(sent).toHaveLength(12);
    expect(sent.map((message) => message.body).sort()).toEqual(
      [...first, ...second].sort(),
    );
    expect(new Set(stored.map((message) => message.twilio_sid))).toEqual(
      new Set(sent.map((message) => message.sid)),
    );
  });

  it("keeps the limit across a restart", async () => {
    server = await startInboxServer({ OUTBOX_RATE_PER_NUMBER: "1" });
    const inbox = server;
    const before = await takeOverOutbox(inbox);
    const tenant = await buildTenant(inbox);
    const companyId = tenant.company.id;

    await queueTexts(inbox.ctx, companyId, DEFAULT_NUMBER, 1);
    expect(await before.deliverDueJobs()).toBe(1);
    await before.stop();

    await queueTexts(inbox.ctx, companyId, DEFAULT_NUMBER, 1);
    const after = new OutboxWorker(inbox.ctx, { pollIntervalMs: 20 });
    workers.push(after);
    expect(await after.deliverDueJobs()).toBe(0);
    after.start();
    await settleOutbox(inbox, 5_000);

    const times = sendTimes(inbox.sandbox, tenant.account.sid, DEFAULT_NUMBER);
    expect(times).toHaveLength(2);
    expect(gapsBetween(times)[0]).toBeGreaterThanOrEqual(1_000 - ROUNDING_MS);
  });

  it("keeps the slot of each company apart", async () => {
    server = await startInboxServer({ OUTBOX_RATE_PER_NUMBER: "1" });
    const inbox = server;
    const worker = await takeOverOutbox(inbox);
    const first = await buildTenant(inbox);
    const second = await buildTenant(inbox);

    await queueTexts(inbox.ctx, first.company.id, DEFAULT_NUMBER, 2);
    await queueTexts(inbox.ctx, second.company.id, DEFAULT_NUMBER, 2);

    // One slot per company and number, so one text of each is due now.
    expect(await worker.deliverDueJobs()).toBe(2);
    const slots = await inbox.ctx.db
      .selectFrom("outbox_sender_slots")
      .select(["company_id", "from_number"])
      .execute();
    expect(slots.map((slot) => slot.company_id).sort()).toEqual(
      [first.company.id, second.company.id].sort(),
    );
  });

  it("sends without slots when the rate is 0", async () => {
    server = await startInboxServer({ OUTBOX_RATE_PER_NUMBER: "0" });
    const inbox = server;
    const worker = await takeOverOutbox(inbox);
    const tenant = await buildTenant(inbox);

    await queueTexts(inbox.ctx, tenant.company.id, DEFAULT_NUMBER, 5);

    expect(await worker.deliverDueJobs()).toBe(5);
    const slots = await inbox.ctx.db
      .selectFrom("outbox_sender_slots")
      .selectAll()
      .execute();
    expect(slots).toEqual([]);
  });
});

describe("OUTBOX_RATE_PER_NUMBER", () => {
  it("accepts fractions and 0", () => {
    expect(
      buildTestConfig({ OUTBOX_RATE_PER_NUMBER: "0.5" }).outbox,
    ).toMatchObject({ ratePerNumber: 0.5 });
    expect(buildTestConfig().outbox.ratePerNumber).toBe(0);
  });

  it("rejects negative and non-numeric values", () => {
    for (const value of ["-1", "fast", "1001"]) {
      expect(
        () => buildTestConfig({ OUTBOX_RATE_PER_NUMBER: value }),
        value,
      ).toThrow(/OUTBOX_RATE_PER_NUMBER/);
    }
  });
});

const postgres = await findPostgresServer();

/** Per process: counts the texts it logged as accepted by Twilio. */
function sentByProcess(process: ServerProcess): number {
  return process
    .output()
    .split("\n")
    .filter((line) => line.includes('"twilioSid":"SM')).length;
}

describe.skipIf(postgres.url === null)(
  `per-number send rate across processes${postgres.skipReason ? ` (${postgres.skipReason})` : ""}`,
  () => {
    const PER_NUMBER = 25;
    let schema: SharedSchema | undefined;
    let sandbox: Sandbox | undefined;
    let ctx: AppContext | undefined;
    let processes: ServerProcess[] = [];

    afterEach(async () => {
      for (const process of processes) {
        await stopServerProcess(process, "SIGKILL");
      }
      processes = [];
      await sandbox?.close();
      sandbox = undefined;
      await ctx?.db.destroy();
      ctx = undefined;
      await schema?.drop();
      schema = undefined;
    });

    it("holds the rate across two processes", async () => {
      if (postgres.url === null) throw new Error(postgres.skipReason);

      schema = await createSharedSchema(postgres.url);
      sandbox = await createSandbox({
        logLevel: "silent",
        statusStepDelayMs: 60 * 60 * 1000,
      });
      const sandboxUrl = await sandbox.listen(0, "127.0.0.1");
      const env = {
        DATABASE_URL: schema.url,
        ENCRYPTION_KEY: randomBytes(32).toString("hex"),
        // No server listens there, so a status callback would fail fast.
        PUBLIC_URL: "http://127.0.0.1:9",
        TWILIO_API_BASE_URL: sandboxUrl,
        OUTBOX_RATE_PER_NUMBER: "5",
        LOG_LEVEL: "info",
      };
      const config = buildTestConfig(env);
      const db = openDatabase(config.databaseUrl);
      ctx = {
        config,
        db,
        logger: createLogger("silent"),
        secretBox: new SecretBox(Buffer.from(env.ENCRYPTION_KEY, "hex")),
      };
      await migrateToLatest(db);

      const account = sandbox.state.createAccount();
      const second = sandbox.state.addNumber(account.sid, {
        phoneNumber: SECOND_NUMBER,
      });
      sandbox.state.addNumber(account.sid, { phoneNumber: DEFAULT_NUMBER });
      const company = await buildCompany(ctx);
      await connectTwilio(ctx, company, {
        accountSid: account.sid,
        authToken: account.authToken,
        defaultNumber: DEFAULT_NUMBER,
      });
      await installSmsInbox(ctx, company);
      await db
        .insertInto("inbox_numbers")
        .values({
          id: newId(),
          company_id: company.id,
          account_sid: account.sid,
          phone_number: SECOND_NUMBER,
          twilio_sid: second.sid,
          created_at: nowIso(),
        })
        .execute();

      processes = await startServerProcesses([env, env]);
      const bodies = [
        ...(await queueTexts(ctx, company.id, DEFAULT_NUMBER, PER_NUMBER)),
        ...(await queueTexts(ctx, company.id, SECOND_NUMBER, PER_NUMBER)),
      ];
      const open = async () => {
        const row = await db
          .selectFrom("outbox_jobs")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .where("state", "in", ["pending", "sending"])
          .executeTakeFirstOrThrow();

        return Number(row.count);
      };
      await expect.poll(open, { timeout: 30_000, interval: 100 }).toBe(0);

      for (const number of [DEFAULT_NUMBER, SECOND_NUMBER]) {
        const times = sendTimes(sandbox, account.sid, number);
        expect(times, `texts sent from ${number}`).toHaveLength(PER_NUMBER);
        for (const gap of gapsBetween(times)) {
          expect(gap).toBeGreaterThanOrEqual(200 - ROUNDING_MS);
        }
      }

      const sent = sandbox.state
        .messagesOf(account.sid)
        .filter((message) => message.direction !== "inbound");
      expect(sent.map((message) => message.body).sort()).toEqual(
        [...bodies].sort(),
      );
      const stored = await storedOutbound(ctx);
      expect(new Set(stored.map((message) => message.twilio_sid))).toEqual(
        new Set(sent.map((message) => message.sid)),
      );

      // pino writes to stdout asynchronously, so the last lines of a
      // process may arrive after its database writes.
      const loggedSends = () =>
        processes.map(sentByProcess).reduce((sum, count) => sum + count, 0);
      await expect.poll(loggedSends, { timeout: 10_000 }).toBe(bodies.length);
      for (const count of processes.map(sentByProcess)) {
        expect(count).toBeGreaterThan(0);
      }
    }, 90_000);
  },
);
