import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createSandbox,
  type Sandbox,
} from "../../src/sandbox/sandbox-server.js";
import type { SandboxAccount } from "../../src/sandbox/state-types.js";
import type { AppContext } from "../../src/server/context.js";
import { SecretBox } from "../../src/server/crypto/secret-box.js";
import { migrateToLatest, openDatabase } from "../../src/server/db/database.js";
import { createLogger } from "../../src/server/logger.js";
import { buildTestConfig } from "../support/context.js";
import { createTestDatabaseUrl } from "../support/test-database.js";
import {
  buildCompany,
  buildStaff,
  connectTwilio,
  installSmsInbox,
  type BuiltStaff,
} from "../support/factories.js";
import { DEFAULT_NUMBER, seedInbound } from "../inbox/inbox-fixture.js";

/** A company in a database that a separate server process opens. */
export interface CrashWorld {
  ctx: AppContext;
  sandbox: Sandbox;
  sandboxUrl: string;
  account: SandboxAccount;
  owner: BuiltStaff;
  /** Conversation ids, one per customer. */
  conversationIds: string[];
  /** Environment for the server process, without TWILIO_API_BASE_URL. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Seeds a temporary database with a company connected to a sandbox
 * account, an owner and `customers` conversations, and starts the sandbox
 * in this process on a random loopback port.
 */
export async function buildCrashWorld(customers: number): Promise<CrashWorld> {
  const dir = mkdtempSync(join(tmpdir(), "sms-inbox-outbox-"));
  const database = await createTestDatabaseUrl(join(dir, "inbox.sqlite"));
  const env = {
    DATABASE_URL: database.url,
    DATA_DIR: dir,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    // No server listens there, so status callbacks fail fast on loopback.
    PUBLIC_URL: "http://127.0.0.1:9",
    TWILIO_TIMEOUT_MS: "20000",
    OUTBOX_RETRY_BASE_MS: "20",
    OUTBOX_RETRY_MAX_MS: "100",
    LOG_LEVEL: "info",
  };
  const config = buildTestConfig(env);
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
  const ctx: AppContext = {
    config,
    db,
    logger: createLogger("silent"),
    secretBox: new SecretBox(Buffer.from(env.ENCRYPTION_KEY, "hex")),
  };

  const sandbox = await createSandbox({ logLevel: "silent" });
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
  for (let index = 0; index < customers; index += 1) {
    const from = `+1415555${String(200 + index).padStart(4, "0")}`;
    const seeded = await seedInbound(ctx, company, { from });
    conversationIds.push(seeded.conversationId);
  }

  return {
    ctx,
    sandbox,
    sandboxUrl,
    account,
    owner,
    conversationIds,
    env,
    close: async () => {
      sandbox.state.faults.releaseCreates();
      await sandbox.close();
      await db.destroy();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Posts a reply through the server process's HTTP API. */
export async function postReply(
  serverUrl: string,
  world: CrashWorld,
  conversationId: string,
  body: string,
): Promise<Response> {
  return fetch(
    `${serverUrl}/api/plugins/sms-chat/conversations/${conversationId}/messages`,
    {
      method: "POST",
      headers: {
        ...world.owner.headers,
        "content-type": "application/json",
        "idempotency-key": randomUUID(),
      },
      body: JSON.stringify({ body }),
    },
  );
}

/** Lists the outbound messages the sandbox created, oldest first. */
export function sandboxOutbound(world: CrashWorld) {
  return world.sandbox.state
    .messagesOf(world.account.sid)
    .filter((message) => message.direction !== "inbound");
}

/** A TCP server that accepts connections and never responds. */
export interface Blackhole {
  url: string;
  /** Requests received, counted by their first bytes. */
  received(): number;
  close(): Promise<void>;
}

export async function startBlackhole(): Promise<Blackhole> {
  const sockets = new Set<Socket>();
  let received = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once("data", () => (received += 1));
    socket.on("error", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
