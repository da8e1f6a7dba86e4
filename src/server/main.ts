import { unreachablePublicUrl } from "./plugins/sms-inbox/webhook-health/public-url-reach.js";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config.js";
import { buildApp } from "./app.js";
import { createContext } from "./create-context.js";
import { beginDraining } from "./ops/ops-state.js";
import { OutboxWorker } from "./plugins/sms-inbox/outbox/outbox-worker.js";

const WEB_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig();
  const ctx = await createContext(config);
  const app = await buildApp(ctx, { webDir: WEB_DIR });
  // A SQLite file serves one process, so a job left "sending" at start was
  // interrupted by a crash and is reconciled with Twilio at once.
  const outbox = new OutboxWorker(ctx, {
    releaseLeasesAtStart: !config.databaseUrl.startsWith("postgres"),
  });

  // /readyz returns 503 first, so a load balancer stops sending requests.
  // Fastify's close then finishes the requests in flight. The worker stops
  // claiming jobs at once but finishes the send in progress, so no text is
  // left half sent by a clean stop.
  // NOTE: close follows at once, without a delay for the load balancer's
  // next /readyz poll, so it learns of the stop from refused connections.
  const shutdown = async (signal: string) => {
    beginDraining(ctx);
    ctx.logger.info({ signal }, "shutting down");
    await Promise.all([outbox.stop(), app.close()]);
    await ctx.db.destroy();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
  outbox.start();
  ctx.logger.info(
    {
      publicUrl: config.publicUrl,
      database: describeDatabase(config.databaseUrl),
    },
    "sms-inbox is ready",
  );
  const urlProblem = unreachablePublicUrl(
    config.publicUrl,
    config.twilioApiBaseUrl,
  );
  if (urlProblem !== null) {
    ctx.logger.warn({ publicUrl: config.publicUrl }, urlProblem);
  }
}

function describeDatabase(databaseUrl: string): string {
  return databaseUrl.startsWith("postgres") ? "postgresql" : databaseUrl;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`sms-inbox failed to start: ${String(error)}\n`);
    if (error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
  }
  process.exit(1);
});
