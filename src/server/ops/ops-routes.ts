import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import { errors } from "../errors.js";
import { installHttpMetrics } from "./http-metrics.js";
import { hasMetricsToken } from "./metrics-auth.js";
import { opsStateOf } from "./ops-state.js";
import { checkReadiness, type Readiness } from "./readiness.js";
import { installWebhookMetrics } from "./webhook-metrics.js";

const SHUTTING_DOWN: Readiness = {
  ready: false,
  check: "shutdown",
  message: "The server is shutting down. Send requests to another instance.",
};

/**
 * Mounts /healthz, /readyz and /metrics and the hooks that feed the
 * metrics. None of them needs a session. Register it before other routes,
 * so the hooks time and count those routes too.
 */
export function registerOpsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const state = opsStateOf(ctx);
  installHttpMetrics(app, state.metrics);
  installWebhookMetrics(app, state.metrics);

  // A keep-alive connection that finishes a request after shutdown began
  // would otherwise stay open until its idle timeout and delay the exit.
  app.addHook("onSend", async (_request, reply) => {
    if (state.draining) reply.header("connection", "close");
  });

  // Liveness only: it touches no database, so a slow database does not get
  // a live process restarted.
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (request, reply) => {
    const readiness = state.draining
      ? SHUTTING_DOWN
      : await checkReadiness(ctx.db);
    if (readiness.ready) {
      state.lastFailedCheck = null;

      return { status: "ok" };
    }

    // A load balancer polls often, so a failure is logged when it begins.
    if (state.lastFailedCheck !== readiness.check) {
      state.lastFailedCheck = readiness.check;
      request.log.warn(
        { check: readiness.check, err: readiness.cause },
        "readiness check failed",
      );
    }

    return reply.code(503).send({
      status: "unavailable",
      check: readiness.check,
      message: readiness.message,
    });
  });

  app.get("/metrics", async (request, reply) => {
    const token = ctx.config.metricsToken;
    if (token !== undefined && !hasMetricsToken(request, token)) {
      reply.header("www-authenticate", 'Bearer realm="metrics"');
      throw errors.metricsTokenInvalid();
    }

    const body = await state.metrics.render();

    return reply.type(state.metrics.contentType).send(body);
  });
}
