import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../context.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { listEnabledLocationIds } from "../access/plugin-installation.js";
import { loadCompany } from "../company-queries.js";
import { listCompanyNumbers } from "../numbers/number-store.js";
import { presentInboxSetup } from "./setup-presenter.js";

/** Mounts the setup page's summary: webhook URLs, numbers, locations. */
export function registerSetupRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/setup", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    const [company, numbers, enabledLocationIds] = await Promise.all([
      loadCompany(ctx.db, auth.companyId),
      listCompanyNumbers(ctx.db, auth.companyId),
      listEnabledLocationIds(ctx.db, auth.companyId),
    ]);

    return presentInboxSetup({
      publicUrl: ctx.config.publicUrl,
      webhookToken: company.webhookToken,
      // The default number is listed exactly when Twilio is connected.
      twilioConnected: numbers.some((number) => number.isDefault),
      numbers,
      enabledLocationIds,
    });
  });
}
