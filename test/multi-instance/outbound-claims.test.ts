import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  createSandbox,
  type Sandbox,
} from "../../src/sandbox/sandbox-server.js";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { migrateToLatest, openDatabase } from "../../src/server/db/database.js";
import { createLogger } from "../../src/server/logger.js";
import { DEFAULT_NUMBER, seedInbound } from "../inbox/inbox-fixture.js";
import {
  startServerProcesses,
  stopServerProcess,
  type ServerProcess,
} from "../outbox/server-process.js";
import { buildTestConfig } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  connectTwilio,
  installSmsInbox,
  type BuiltStaff,
} from "../support/factories.js";
import {
  createSharedSchema,
  findPostgresServer,
  type SharedSchema,
} from "./postgres-server.js";

const postgres = await findPostgresServer();

/**
 * The test took 33-45 s alone and 54-74 s beside the full suite, measured
 * with `npx vitest run` on a 2-core machine, so the limits leave headroom.
 */
const TEST_TIMEOUT_MS = 150_000;
const DRAIN_TIMEOUT_MS = 110_000;
const INSTANCES = 3;
const REPLIES = 1_000;
const CONVERSATIONS = 25;
const CONCURRENT_REQUESTS = 24;

let schema: SharedSchema | undefined;
let sandbox: Sandbox | undefined;
let ctx: AppContext | undefined;
let servers: ServerProcess[] = [];

afterEach(async () => {
  for (const server of servers) await stopServerProcess(server, "SIGKILL");
  servers = [];
  await sandbox?.close();
  sandbox = undefined;
  await ctx?.db.destroy();
  ctx = undefined;
  await schema?.drop();
  schema = undefined;
});

/**
 * Seeds a fresh schema with a company connected to a sandbox account in
 * this process, and returns what the server processes need.
 */
async function seedWorld(serverUrl: string) {
  schema = await createSharedSchema(serverUrl);
  const env = {
    DATABASE_URL: schema.url,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    // No server listens there, so a status callback would fail fast.
    PUBLIC_URL: "http://127.0.0.1:9",
    TWILIO_TIMEOUT_MS: "20000",
    OUTBOX_RETRY_BASE_MS: "20",
    OUTBOX_RETRY_MAX_MS: "100",
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

  // The first status step comes after the test ends, so the sandbox posts
  // no status callbacks while the workers send.
  sandbox = await createSandbox({
    logLevel: "silent",
    statusStepDelayMs: 60 * 60 * 1000,
  });
  const sandboxUrl = await sandbox.listen(0, "127.0.0.1");
  const account = sandbox.state.createAccount();
  sandbox.state.addNumber(account.sid, { phoneNumber: DEFAULT_NUMBER });

  const company = await buildCompany(ctx);
  await connectTwilio(ctx, company, {
    accountSid: account.sid,
    authToken: account.authToken,
    defaultNumber: DEFAULT_NUMBER,
  });
  await installSmsInbox(ctx, company);
  const owner = await buildStaff(ctx, company);
  const conversationIds: string[] = [];
  for (let index = 0; index < CONVERSATIONS; index += 1) {
    const from = `+1415555${String(400 + index).padStart(4, "0")}`;
    const seeded = await seedInbound(ctx, company, { from });
    conversationIds.push(seeded.conversationId);
  }

  return {
    owner,
    conversationIds,
    account,
    env: { ...env, TWILIO_API_BASE_URL: sandboxUrl },
  };
}

/** Posts a reply through a server process's HTTP API. */
function postReply(
  serverUrl: string,
  owner: BuiltStaff,
  conversationId: string,
  body: string,
): Promise<Response> {
  return fetch(
    `${serverUrl}/api/plugins/sms-chat/conversations/${conversationId}/messages`,
    {
      method: "POST",
      headers: {
        ...owner.headers,
        "content-type": "application/json",
        "idempotency-key": randomUUID(),
      },
      body: JSON.stringify({ body }),
    },
  );
}

/** Posts the replies round-robin to the instances, a few at a time. */
async function queueReplies(
  owner: BuiltStaff,
  conversationIds: string[],
  bodies: string[],
) {
  let next = 0;
  const statuses: number[] = [];
  const postNext = async () => {
    while (next < bodies.length) {
      const index = next;
      next += 1;
      const server = servers[index % servers.length];
      const conversationId = conversationIds[index % conversationIds.length];
      if (!server || !conversationId) throw new Error("no server started");

      const response = await postReply(
        server.url,
        owner,
        conversationId,
        bodies[index] ?? "",
      );
      statuses.push(response.status);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, postNext));

  return statuses;
}

/** Counts the texts a server process logged as accepted by Twilio. */
function sentByProcess(server: ServerProcess): number {
  return server
    .output()
    .split("\n")
    .filter((line) => line.includes('"twilioSid":"SM')).length;
}

describe.skipIf(postgres.url === null)(
  `outbox across instances${postgres.skipReason ? ` (${postgres.skipReason})` : ""}`,
  () => {
    it(
      "sends each reply exactly once",
      async () => {
        if (postgres.url === null) throw new Error(postgres.skipReason);

        const { owner, conversationIds, account, env } = await seedWorld(
          postgres.url,
        );
        servers = await startServerProcesses(
          Array.from({ length: INSTANCES }, () => env),
        );
        const bodies = Array.from(
          { length: REPLIES },
          (_, index) => `Reply ${index + 1} of ${REPLIES}`,
        );

        const statuses = await queueReplies(owner, conversationIds, bodies);
        expect(statuses.filter((status) => status !== 201)).toEqual([]);

        const db = ctx?.db;
        if (!db || !sandbox) throw new Error("seedWorld did not run");
        const unsent = async () => {
          const row = await db
            .selectFrom("messages")
            .select((eb) => eb.fn.countAll<number>().as("count"))
            .where("direction", "=", "outbound")
            .where("twilio_sid", "is", null)
            .executeTakeFirstOrThrow();

          return Number(row.count);
        };
        const deadline = Date.now() + DRAIN_TIMEOUT_MS;
        while ((await unsent()) > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(await unsent()).toBe(0);

        const outbound = sandbox.state
          .messagesOf(account.sid)
          .filter((message) => message.direction !== "inbound");
        expect(outbound).toHaveLength(REPLIES);
        const sentBodies = new Set(outbound.map((message) => message.body));
        expect(sentBodies.size, "distinct bodies sent").toBe(REPLIES);
        expect([...sentBodies].sort()).toEqual([...bodies].sort());

        const stored = await db
          .selectFrom("messages")
          .select(["body", "twilio_sid"])
          .where("direction", "=", "outbound")
          .execute();
        expect(stored).toHaveLength(REPLIES);
        const storedSids = stored.map((message) => message.twilio_sid);
        expect(new Set(storedSids).size, "distinct stored SIDs").toBe(REPLIES);
        expect(new Set(storedSids)).toEqual(
          new Set(outbound.map((message) => message.sid)),
        );

        const jobs = await db
          .selectFrom("outbox_jobs")
          .select(["state", "attempts"])
          .execute();
        expect(jobs).toHaveLength(REPLIES);
        expect(jobs.filter((job) => job.state !== "done")).toEqual([]);

        // pino writes to stdout asynchronously, so the last lines of a
        // process may arrive after its database writes.
        const loggedSends = () =>
          servers.map(sentByProcess).reduce((sum, count) => sum + count, 0);
        await expect.poll(loggedSends, { timeout: 10_000 }).toBe(REPLIES);
        const perProcess = servers.map(sentByProcess);
        for (const count of perProcess) expect(count).toBeGreaterThan(0);
      },
      TEST_TIMEOUT_MS,
    );
  },
);
