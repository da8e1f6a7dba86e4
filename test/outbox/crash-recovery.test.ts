import { afterEach, describe, expect, it } from "vitest";
import { isPostgres } from "../../src/server/db/dialect.js";
import {
  buildCrashWorld,
  postReply,
  sandboxOutbound,
  startBlackhole,
  type Blackhole,
  type CrashWorld,
} from "./crash-fixture.js";
import { waitUntil } from "./outbox-fixture.js";
import {
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from "./server-process.js";

const TEST_TIMEOUT_MS = 90_000;
const BODIES = ["Boat leaves at 9", "Bring a jacket", "Pier 39, gate B"];

let world: CrashWorld | undefined;
let servers: ServerProcess[] = [];
let blackhole: Blackhole | undefined;

afterEach(async () => {
  for (const server of servers) await stopServerProcess(server, "SIGKILL");
  servers = [];
  await blackhole?.close();
  blackhole = undefined;
  await world?.close();
  world = undefined;
});

async function start(twilioApiBaseUrl: string): Promise<ServerProcess> {
  if (!world) throw new Error("no world");

  const server = await startServerProcess({
    ...world.env,
    TWILIO_API_BASE_URL: twilioApiBaseUrl,
  });
  servers.push(server);

  return server;
}

/** Queues one reply per conversation through the server's API. */
async function queueReplies(server: ServerProcess, seeded: CrashWorld) {
  for (const [index, conversationId] of seeded.conversationIds.entries()) {
    const response = await postReply(
      server.url,
      seeded,
      conversationId,
      BODIES[index] ?? "",
    );
    expect(response.status).toBe(201);
  }
}

async function jobStates(seeded: CrashWorld): Promise<string[]> {
  const jobs = await seeded.ctx.db
    .selectFrom("outbox_jobs")
    .select("state")
    .execute();

  return jobs.map((job) => job.state);
}

async function outboundMessages(seeded: CrashWorld) {
  return seeded.ctx.db
    .selectFrom("messages")
    .select(["body", "twilio_sid", "status"])
    .where("direction", "=", "outbound")
    .execute();
}

/**
 * Ends the leases of a killed server as time would. On PostgreSQL a server
 * takes over only expired leases when it starts, because other instances
 * may share the database. On SQLite it releases every lease at start.
 */
async function expireLeasesOnPostgres(seeded: CrashWorld) {
  if (!isPostgres(seeded.ctx.db)) return;

  await seeded.ctx.db
    .updateTable("outbox_jobs")
    .set({ locked_until: new Date(0).toISOString() })
    .where("state", "=", "sending")
    .execute();
}

/** Checks that each reply exists exactly once on Twilio and here. */
async function expectEachSentOnce(seeded: CrashWorld) {
  const onTwilio = sandboxOutbound(seeded);
  const stored = await outboundMessages(seeded);

  expect(onTwilio.map((message) => message.body).sort()).toEqual(
    [...BODIES].sort(),
  );
  for (const message of stored) {
    const copy = onTwilio.find((sent) => sent.body === message.body);
    expect(message.twilio_sid).toBe(copy?.sid);
    expect(message.status).not.toBe("failed");
    expect(message.status).not.toBe("sending");
  }
}

describe("crash recovery", () => {
  it(
    "adopts a send Twilio received",
    async () => {
      world = await buildCrashWorld(BODIES.length);
      const seeded = world;
      seeded.sandbox.state.faults.holdCreates();
      const first = await start(seeded.sandboxUrl);

      await queueReplies(first, seeded);
      await waitUntil(
        () => seeded.sandbox.state.faults.createHold().held === 1,
      );
      expect(await jobStates(seeded)).toContain("sending");
      await stopServerProcess(first, "SIGKILL");
      seeded.sandbox.state.faults.releaseCreates();
      await waitUntil(() => sandboxOutbound(seeded).length === 1);
      await expireLeasesOnPostgres(seeded);

      await start(seeded.sandboxUrl);
      await waitUntil(async () => {
        const states = await jobStates(seeded);
        return states.every((state) => state === "done");
      }, 30_000);

      await expectEachSentOnce(seeded);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "resends once what Twilio never got",
    async () => {
      world = await buildCrashWorld(BODIES.length);
      const seeded = world;
      const hole = await startBlackhole();
      blackhole = hole;
      const first = await start(hole.url);

      await queueReplies(first, seeded);
      await waitUntil(() => hole.received() === 1);
      expect(await jobStates(seeded)).toContain("sending");
      await stopServerProcess(first, "SIGKILL");
      await expireLeasesOnPostgres(seeded);

      await start(seeded.sandboxUrl);
      await waitUntil(async () => {
        const states = await jobStates(seeded);
        return states.every((state) => state === "done");
      }, 30_000);
      const searches = seeded.sandbox.state.requestLog.entries.filter(
        (entry) => entry.operationId === "ListMessage",
      );

      await expectEachSentOnce(seeded);
      expect(searches.length).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "finishes the send in flight on SIGTERM",
    async () => {
      world = await buildCrashWorld(2);
      const seeded = world;
      seeded.sandbox.state.faults.holdCreates();
      const server = await start(seeded.sandboxUrl);

      await queueReplies(server, seeded);
      await waitUntil(
        () => seeded.sandbox.state.faults.createHold().held === 1,
      );
      server.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      const runningWhileHeld = server.child.exitCode === null;
      seeded.sandbox.state.faults.releaseCreates();
      const exitCode = await server.exited;
      const jobs = await seeded.ctx.db
        .selectFrom("outbox_jobs")
        .select(["state", "attempts"])
        .orderBy("created_at")
        .execute();
      const stored = await outboundMessages(seeded);

      expect(runningWhileHeld).toBe(true);
      expect(exitCode).toBe(0);
      expect(sandboxOutbound(seeded)).toHaveLength(1);
      expect(jobs).toEqual([
        { state: "done", attempts: 1 },
        { state: "pending", attempts: 0 },
      ]);
      expect(stored.filter((message) => message.twilio_sid)).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );
});
