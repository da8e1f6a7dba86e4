import type { FastifyInstance } from "fastify";
import type { OpsMetrics } from "./ops-metrics.js";

/** Route label of requests that matched no route, such as a 404. */
const UNMATCHED_ROUTE = "unmatched";

/**
 * Times every response by route pattern, such as
 * `/v1/plugins/sms-chat/webhook/:token`. The raw URL is never a label,
 * because it can contain a webhook token or a message id.
 */
export function installHttpMetrics(
  app: FastifyInstance,
  metrics: OpsMetrics,
): void {
  app.addHook("onResponse", async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
