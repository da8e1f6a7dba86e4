import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../context.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { loadInboxSetup } from "./setup-loader.js";
import { registerWebhookHealthRoutes } from "./webhook-health-routes.js";

/**
 * Mounts the setup page's summary (webhook URLs, numbers, locations) and
 * the webhook health, webhook and token routes.
 */
export function registerSetupRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/setup", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");

    return loadInboxSetup(ctx, auth.companyId);
  });

  registerWebhookHealthRoutes(app, ctx);
}
