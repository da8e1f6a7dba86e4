import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { InboxEvent } from "../../src/common/api.js";
import {
  createSandbox,
  type Sandbox,
} from "../../src/sandbox/sandbox-server.js";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { migrateToLatest, openDatabase } from "../../src/server/db/database.js";
import { createLogger } from "../../src/server/logger.js";
import { openEventStream, type SseConnection } from "../events/sse-client.js";
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
  type BuiltCompany,
  type BuiltStaff,
} from "../support/factories.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import { inboundParams } from "../webhook/webhook-fixture.js";
import {
  createSharedSchema,
  findPostgresServer,
  type SharedSchema,
} from "./postgres-server.js";

const postgres = await findPostgresServer();

// Both processes check signatures against this URL; nothing listens there.
const PUBLIC_URL = "http://127.0.0.1:9";

let schema: SharedSchema | undefined;
let sandbox: Sandbox | undefined;
let ctx: AppContext | undefined;
let servers: ServerProcess[] = [];
let streams: SseConnection[] = [];

afterEach(async () => {
  for (const stream of streams) stream.close();
  streams = [];
  for (const server of servers) await stopServerProcess(server, "SIGKILL");
  servers = [];
  await sandbox?.close();
  sandbox = undefined;
  await ctx?.db.destroy();
  ctx = undefined;
  await schema?.drop();
  schema = undefined;
});

interface World {
  ctx: AppContext;
  company: BuiltCompany;
  owner: BuiltStaff;
  twilio: { accountSid: string; authToken: string; defaultNumber: string };
  /** Two server processes on one PostgreSQL schema. */
  first: ServerProcess;
  second: ServerProcess;
}

async function startWorld(serverUrl: string): Promise<World> {
  schema = await createSharedSchema(serverUrl);
  const env = {
    DATABASE_URL: schema.url,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    PUBLIC_URL,
    // The process reports its address in the "Server listening" info line.
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

  // Status callbacks would go to PUBLIC_URL, so the sandbox posts none.
  sandbox = await createSandbox({
    logLevel: "silent",
    statusStepDelayMs: 60 * 60 * 1000,
  });
  const sandboxUrl = await sandbox.listen(0, "127.0.0.1");
  const account = sandbox.state.createAccount();
  sandbox.state.addNumber(account.sid, { phoneNumber: DEFAULT_NUMBER });
  const twilio = {
    accountSid: account.sid,
    authToken: account.authToken,
    defaultNumber: DEFAULT_NUMBER,
  };

  const company = await buildCompany(ctx);
  await connectTwilio(ctx, company, twilio);
  await installSmsInbox(ctx, company);
  const owner = await buildStaff(ctx, company);
  const processEnv = { ...env, TWILIO_API_BASE_URL: sandboxUrl };
  servers = await startServerProcesses([processEnv, processEnv]);
  const [first, second] = servers;
  if (!first || !second) throw new Error("server processes did not start");

  return { ctx, company, owner, twilio, first, second };
}

/** Posts a form signed for its PUBLIC_URL address to a server process. */
function postSignedTo(
  server: ServerProcess,
  path: string,
  params: Record<string, string>,
  authToken: string,
): Promise<Response> {
  const signed = signedWebhookRequest(
    `${PUBLIC_URL}${path}`,
    params,
    authToken,
  );

  return fetch(`${server.url}${signed.url}`, {
    method: "POST",
    headers: signed.headers,
    body: signed.payload,
  });
}

function webhookPath(world: World): string {
  return `/v1/plugins/sms-chat/webhook/${world.company.webhookToken}`;
}

describe.skipIf(postgres.url === null)(
  `separate server processes${postgres.skipReason ? ` (${postgres.skipReason})` : ""}`,
  () => {
    it("streams a text another process received", async () => {
      if (postgres.url === null) throw new Error(postgres.skipReason);
      const world = await startWorld(postgres.url);
      const stream = await openEventStream(
        `${world.second.url}/api/plugins/sms-chat/events`,
        { cookie: world.owner.cookie },
      );
      streams.push(stream);
      expect(stream.status).toBe(200);

      const params = inboundParams(world.twilio) as Record<string, string>;
      const response = await postSignedTo(
        world.first,
        webhookPath(world),
        params,
        world.twilio.authToken,
      );
      expect(response.status).toBe(200);

      const event = JSON.parse((await stream.next(5_000)).data) as InboxEvent;
      expect(event.type).toBe("message.created");
      expect(event.message?.body).toBe(params.Body);
    }, 60_000);

    it("stores a webhook sent to both once", async () => {
      if (postgres.url === null) throw new Error(postgres.skipReason);
      const world = await startWorld(postgres.url);
      const params = inboundParams(world.twilio) as Record<string, string>;

      const responses = await Promise.all(
        [world.first, world.second, world.first, world.second].map((server) =>
          postSignedTo(
            server,
            webhookPath(world),
            params,
            world.twilio.authToken,
          ),
        ),
      );

      expect(responses.map((response) => response.status)).toEqual([
        200, 200, 200, 200,
      ]);
      const rows = await world.ctx.db
        .selectFrom("messages")
        .select("id")
        .where("twilio_sid", "=", params.MessageSid ?? "")
        .execute();
      expect(rows).toHaveLength(1);
    }, 60_000);

    it("applies a callback on another process", async () => {
      if (postgres.url === null) throw new Error(postgres.skipReason);
      const world = await startWorld(postgres.url);
      const { conversationId } = await seedInbound(world.ctx, world.company, {
        from: "+14155550199",
      });
      const reply = await fetch(
        `${world.first.url}/api/plugins/sms-chat/conversations/${conversationId}/messages`,
        {
          method: "POST",
          headers: {
            ...world.owner.headers,
            "content-type": "application/json",
            "idempotency-key": randomUUID(),
          },
          body: JSON.stringify({ body: "See you at 10." }),
        },
      );
      expect(reply.status).toBe(201);
      const { message } = (await reply.json()) as { message: { id: string } };
      const sid = await waitForSid(world.ctx, message.id);

      const response = await postSignedTo(
        world.second,
        `/v1/plugins/sms-chat/status/${world.company.webhookToken}`,
        {
          AccountSid: world.twilio.accountSid,
          ApiVersion: "2010-04-01",
          From: world.twilio.defaultNumber,
          MessageSid: sid,
          MessageStatus: "delivered",
          SmsSid: sid,
          SmsStatus: "delivered",
          To: "+14155550199",
        },
        world.twilio.authToken,
      );

      expect(response.status).toBe(200);
      const row = await world.ctx.db
        .selectFrom("messages")
        .select("status")
        .where("id", "=", message.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("delivered");
    }, 60_000);
  },
);

/** Waits until a process's outbox worker has stored the Twilio SID. */
async function waitForSid(ctx: AppContext, messageId: string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const row = await ctx.db
      .selectFrom("messages")
      .select("twilio_sid")
      .where("id", "=", messageId)
      .executeTakeFirstOrThrow();
    if (row.twilio_sid) return row.twilio_sid;

    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  throw new Error(`message ${messageId} got no Twilio SID in time`);
}
