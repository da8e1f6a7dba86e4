import type { InboxSetup } from "../../../../common/api.js";
import type { AppContext } from "../../../context.js";
import { listEnabledLocationIds } from "../access/plugin-installation.js";
import { listCompanyNumbers } from "../numbers/number-store.js";
import { loadWebhookTokens } from "../webhook-health/webhook-tokens.js";
import { presentInboxSetup } from "./setup-presenter.js";

/** Loads the setup page's summary: webhook URLs, numbers, locations. */
export async function loadInboxSetup(
  ctx: AppContext,
  companyId: string,
): Promise<InboxSetup> {
  const [webhookTokens, numbers, enabledLocationIds] = await Promise.all([
    loadWebhookTokens(ctx.db, companyId),
    listCompanyNumbers(ctx.db, companyId),
    listEnabledLocationIds(ctx.db, companyId),
  ]);

  return presentInboxSetup({
    publicUrl: ctx.config.publicUrl,
    twilioApiBaseUrl: ctx.config.twilioApiBaseUrl,
    webhookTokens,
    // The default number is listed exactly when Twilio is connected.
    twilioConnected: numbers.some((number) => number.isDefault),
    numbers,
    enabledLocationIds,
  });
}
