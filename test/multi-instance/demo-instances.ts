import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { seedDemo } from "../../scripts/demo/demo-seed.js";
import {
  createSandbox,
  type Sandbox,
} from "../../src/sandbox/sandbox-server.js";
import { buildApp } from "../../src/server/app.js";
import type { AppContext } from "../../src/server/context.js";
import { createContext } from "../../src/server/create-context.js";
import { buildTestConfig } from "../support/context.js";
import { createSharedSchema } from "./postgres-server.js";

const WEB_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));

/** One instance serving the built web app. */
export interface DemoInstance {
  baseUrl: string;
  ctx: AppContext;
  app: FastifyInstance;
}

export interface DemoInstances {
  /** The instance whose URL the sandbox posts incoming texts to. */
  a: DemoInstance;
  b: DemoInstance;
  sandbox: Sandbox;
  sandboxUrl: string;
  close(): Promise<void>;
}

/** Returns a TCP port that was free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the sandbox and two instances in this process on one fresh
 * PostgreSQL schema, each with its own pool and Fastify app, and seeds the
 * demo company through instance A. The sandbox's numbers therefore post
 * incoming texts to A's webhook URL.
 */
export async function startDemoInstances(
  serverUrl: string,
): Promise<DemoInstances> {
  const schema = await createSharedSchema(serverUrl);
  const sandbox = await createSandbox({ logLevel: "silent" });
  const sandboxUrl = await sandbox.listen(0, "127.0.0.1");
  const encryptionKey = randomBytes(32).toString("hex");
  const started: DemoInstance[] = [];
  const close = async () => {
    for (const instance of started) {
      await instance.app.close();
      await instance.ctx.db.destroy();
    }
    await sandbox.close();
    await schema.drop();
  };

  try {
    // One after another, so that only the first instance runs migrations.
    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const config = buildTestConfig({
        DATABASE_URL: schema.url,
        ENCRYPTION_KEY: encryptionKey,
        PORT: String(port),
        PUBLIC_URL: baseUrl,
        TWILIO_API_BASE_URL: sandboxUrl,
      });
      const ctx = await createContext(config);
      const app = await buildApp(ctx, { webDir: WEB_DIR });
      started.push({ baseUrl, ctx, app });
      await app.listen({ port, host: "127.0.0.1" });
    }
    const [a, b] = started;
    if (!a || !b) throw new Error("two instances did not start");

    await seedDemo(a.ctx, sandbox.state);

    return { a, b, sandbox, sandboxUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
