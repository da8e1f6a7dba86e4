import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { demo, seedDemo } from "../../scripts/demo/demo-seed.js";
import {
  createSandbox,
  type Sandbox,
} from "../../src/sandbox/sandbox-server.js";
import { buildApp } from "../../src/server/app.js";
import { inboxNumberLabel } from "../../src/web/format/inboxNumber.js";
import { createContext } from "../../src/server/create-context.js";
import { nowIso } from "../../src/server/db/ids.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";
import { OutboxWorker } from "../../src/server/plugins/sms-inbox/outbox/outbox-worker.js";
import type { AppContext } from "../../src/server/context.js";
import { buildTestConfig } from "../support/context.js";
import type { FastifyInstance } from "fastify";

const WEB_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));

/**
 * Returns how the inbox labels a demo number, with the name the demo seeds
 * for it, such as "Front desk · +1 415 555 0100".
 */
export function demoNumberLabel(phoneNumber: string): string {
  return inboxNumberLabel({
    phoneNumber,
    name: demo.numberNames[phoneNumber] ?? null,
  });
}

export interface DemoStack {
  baseUrl: string;
  sandboxUrl: string;
  sandbox: Sandbox;
  ctx: AppContext;
  /** The demo company's id. */
  companyId: string;
  app: FastifyInstance;
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
 * Starts the sandbox and the product (serving the built web app) on
 * loopback, seeded with the demo company.
 */
export async function startDemoStack(): Promise<DemoStack> {
  const sandbox = await createSandbox({ logLevel: "silent" });
  const sandboxUrl = await sandbox.listen(0, "127.0.0.1");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = buildTestConfig({
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    TWILIO_API_BASE_URL: sandboxUrl,
  });
  const ctx = await createContext(config);
  const app = await buildApp(ctx, { webDir: WEB_DIR });
  await app.listen({ port, host: "127.0.0.1" });
  const outbox = new OutboxWorker(ctx);
  outbox.start();
  const { companyId } = await seedDemo(ctx, sandbox.state);

  return {
    baseUrl,
    sandboxUrl,
    sandbox,
    ctx,
    companyId,
    app,
    close: async () => {
      await outbox.stop();
      await app.close();
      await sandbox.close();
      await ctx.db.destroy();
    },
  };
}

/** Launches Debian's Chromium headless; CHROMIUM_PATH overrides the path. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Signs `page` in as the demo owner and waits for the inbox. */
export async function signInAsOwner(
  stack: DemoStack,
  page: Page,
): Promise<void> {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByLabel("Email").fill(demo.owner.email);
  await page.getByLabel("Password").fill(demo.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
}

/**
 * Stores a text from `from` to the demo's main number, as the webhook
 * would, received at `createdAt` (now by default).
 */
export async function receiveText(
  stack: DemoStack,
  from: string,
  body: string,
  createdAt: string = nowIso(),
): Promise<void> {
  await stack.ctx.db.transaction().execute((trx) =>
    recordMessage(trx, {
      companyId: stack.companyId,
      customerNumber: from,
      inboxNumber: demo.mainNumber,
      direction: "inbound",
      twilioSid: `SM${randomBytes(16).toString("hex")}`,
      from,
      to: demo.mainNumber,
      body,
      status: "received",
      sentByStaffId: null,
      media: [],
      createdAt,
    }),
  );
}

export { demo };
