import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSandbox } from "../src/sandbox/sandbox-server.js";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/create-context.js";
import { OutboxWorker } from "../src/server/plugins/sms-inbox/outbox/outbox-worker.js";
import { demo, seedDemo } from "./demo/demo-seed.js";

/**
 * Runs the inbox and the Twilio sandbox side by side on loopback, with a
 * freshly seeded demo company. The demo database lives in data/demo and is
 * recreated on every run, because the sandbox keeps its state in memory.
 */
const port = Number(process.env.PORT ?? "3000");
const sandboxPort = Number(process.env.SANDBOX_PORT ?? "3001");
const host = "127.0.0.1";
const dataDir = join("data", "demo");
const webDir = fileURLToPath(new URL("../dist/web", import.meta.url));

rmSync(dataDir, { recursive: true, force: true });

const sandbox = await createSandbox({ logLevel: "warn" });
const sandboxUrl = await sandbox.listen(sandboxPort, host);
const config = loadConfig({
  PORT: String(port),
  HOST: host,
  PUBLIC_URL: `http://${host}:${port}`,
  DATA_DIR: dataDir,
  DATABASE_URL: join(dataDir, "sms-inbox.sqlite"),
  TWILIO_API_BASE_URL: sandboxUrl,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
const ctx = await createContext(config);
const app = await buildApp(ctx, { webDir });
await app.listen({ port, host });
const outbox = new OutboxWorker(ctx, { releaseLeasesAtStart: true });
outbox.start();
await seedDemo(ctx, sandbox.state);

process.stdout.write(`
sms-inbox demo is running.

  Inbox          ${config.publicUrl}
                 owner (may send):  ${demo.owner.email} / ${demo.owner.password}
                 staff (view only): ${demo.viewer.email} / ${demo.viewer.password}
  Virtual phone  ${sandboxUrl}/
                 text ${demo.mainNumber} or ${demo.secondNumber} as a customer,
                 e.g. from ${"+14155550142"} (Maya Rivera, on file)

Press Ctrl+C to stop.
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void Promise.all([outbox.stop(), app.close()])
      .then(() => sandbox.close())
      .then(() => ctx.db.destroy())
      .then(() => process.exit(0));
  });
}
