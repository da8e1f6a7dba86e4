import type { FastifyInstance, FastifyRequest } from "fastify";
import { STATUS_CALLBACK_PATH } from "../plugins/sms-inbox/status/status-callback-url.js";
import { WEBHOOK_PATH } from "../plugins/sms-inbox/webhook/webhook-routes.js";
import type { OpsMetrics, WebhookKind, WebhookOutcome } from "./ops-metrics.js";
import { webhookRejectionReason } from "./rejection-reasons.js";

/** Rejection reasons of requests whose handler threw a tagged error. */
const requestReasons = new WeakMap<FastifyRequest, string>();

/**
 * Counts every request to the incoming-message webhook and the status
 * callback once the response is sent. A rejection keeps the reason that
 * rejectWebhook gave. Another 4xx, such as a body over the size limit,
 * counts as reason "invalid_request", and a 5xx counts as outcome "failed".
 */
export function installWebhookMetrics(
  app: FastifyInstance,
  metrics: OpsMetrics,
): void {
  app.addHook("onError", async (request, _reply, error) => {
    const reason = webhookRejectionReason(error);
    if (reason !== undefined) requestReasons.set(request, reason);
  });

  app.addHook("onResponse", async (request, reply) => {
    const kind = webhookKind(request.routeOptions.url);
    if (!kind) return;

    const outcome = outcomeOf(reply.statusCode);
    metrics.webhooksReceived.inc({ kind, outcome });
    if (outcome !== "rejected") return;

    const reason = requestReasons.get(request) ?? "invalid_request";
    metrics.webhooksRejected.inc({ kind, reason });
  });
}

function webhookKind(route: string | undefined): WebhookKind | null {
  if (route === undefined) return null;
  if (route.startsWith(WEBHOOK_PATH)) return "message";
  if (route.startsWith(STATUS_CALLBACK_PATH)) return "status";

  return null;
}

function outcomeOf(statusCode: number): WebhookOutcome {
  if (statusCode >= 500) return "failed";
  if (statusCode >= 400) return "rejected";

  return "accepted";
}
