import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../context.js";
import { actorOf } from "../../../host/audit/audit-log.js";
import { EmptyBodySchema, parseInput } from "../../../http/validate.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { endPreviousWebhookToken } from "../webhook-health/token-rotation.js";
import { loadInboxSetup } from "./setup-loader.js";
import { registerWebhookHealthRoutes } from "./webhook-health-routes.js";

/**
 * Mounts the setup page's summary (webhook URLs, numbers, locations), the
 * end of the previous webhook token, and the webhook health, webhook and
 * token rotation routes.
 */
export function registerSetupRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/setup", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");

    return loadInboxSetup(ctx, auth.companyId);
  });

  // For a URL that may have leaked: the rotation's grace period ends now.
  app.post("/setup/webhook-token/previous/end", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    parseInput(EmptyBodySchema, request.body);
    await endPreviousWebhookToken(
      ctx,
      auth.companyId,
      actorOf(request, auth.staffId),
    );

    return loadInboxSetup(ctx, auth.companyId);
  });

  registerWebhookHealthRoutes(app, ctx);
}
