/**
 * One outbox worker process for bench/send-throughput.ts. It reads the
 * config from the environment, prints "ready" once the database is open,
 * starts the worker when "start" arrives on stdin, and stops it on SIGTERM.
 */
import { createInterface } from "node:readline";
import { loadConfig } from "../../src/server/config.js";
import { createContext } from "../../src/server/create-context.js";
import { OutboxWorker } from "../../src/server/plugins/sms-inbox/outbox/outbox-worker.js";

const ctx = await createContext(loadConfig());
const worker = new OutboxWorker(ctx, { pollIntervalMs: 100 });

process.once("SIGTERM", () => {
  void worker
    .stop()
    .then(() => ctx.db.destroy())
    .then(() => process.exit(0));
});

createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "start") worker.start();
});
console.log("ready");
