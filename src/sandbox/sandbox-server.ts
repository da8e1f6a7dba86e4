import Fastify, { LogController, type FastifyInstance } from "fastify";
import type { SandboxContext } from "./context.js";
import { registerControlApi } from "./control-api.js";
import { registerFormParser } from "./form-body.js";
import { registerMediaStorage } from "./media-routes.js";
import { MessageLifecycle } from "./message-lifecycle.js";
import { registerPhonePage } from "./phone-page.js";
import { installRequestLog } from "./request-log.js";
import { applySeed, type SandboxSeed } from "./seed.js";
import { WebhookSender } from "./signed-request.js";
import { SandboxState } from "./state.js";
import { registerTwilioApi } from "./twilio-api.js";

export interface SandboxOptions {
  /** Delay between the status changes of an outbound message, in ms. */
  statusStepDelayMs?: number;
  /** Time allowed for each webhook and status callback, in ms. */
  webhookTimeoutMs?: number;
  /** A pino level; "silent" in tests. */
  logLevel?: string;
  /** Accounts and numbers to create at start. */
  seed?: SandboxSeed;
}

export interface Sandbox {
  app: FastifyInstance;
  state: SandboxState;
  /** Starts listening and returns the base URL, such as http://127.0.0.1:3001. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops timers, aborts callbacks in flight and closes the server. */
  close(): Promise<void>;
}

/** Twilio's default read timeout for webhooks is 15 seconds. */
const defaultWebhookTimeoutMs = 15_000;

/** Builds a Twilio-compatible sandbox with its own in-memory state. */
export async function createSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? "info",
      redact: {
        paths: ["req.headers.authorization", "authToken", "*.authToken"],
        censor: "[redacted]",
      },
    },
    // Fastify's request lines contain query strings, which hold phone
    // numbers; the onResponse hook below logs the route pattern instead.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const state = new SandboxState();
  const sender = new WebhookSender(
    options.webhookTimeoutMs ?? defaultWebhookTimeoutMs,
  );
  const lifecycle = new MessageLifecycle(
    state,
    sender,
    options.statusStepDelayMs ?? 50,
    app.log,
  );
  const ctx: SandboxContext = { state, lifecycle, sender, logger: app.log };
  if (options.seed) applySeed(state, options.seed);

  registerFormParser(app);
  installRequestLog(app, state.requestLog);
  app.addHook("onResponse", async (request, reply) => {
    // The phone page polls every second, so only Twilio API calls log at info.
    const isTwilioApi = /^\/(2010-04-01|v1)\//.test(request.url);
    const level = isTwilioApi ? "info" : "debug";
    request.log[level](
      {
        method: request.method,
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
      },
      "request completed",
    );
  });
  await registerTwilioApi(app, ctx);
  await registerControlApi(app, ctx);
  registerPhonePage(app);
  registerMediaStorage(app, ctx);

  return {
    app,
    state,
    listen: (port, host = "127.0.0.1") => app.listen({ port, host }),
    close: async () => {
      lifecycle.close();
      sender.close();
      await app.close();
    },
  };
}
