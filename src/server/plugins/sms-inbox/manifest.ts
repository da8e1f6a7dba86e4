import { onCustomerChanged } from "../../host/customers/customer-changes.js";
import type { PluginManifest } from "../../host/plugins/plugin-manifest.js";
import { provideCredentialFindingStore } from "../../host/twilio/credential-findings.js";
import { onTwilioConnectionChanged } from "../../host/twilio/twilio-connection-changes.js";
import { registerInboxApiRoutes } from "./api-routes.js";
import { appendCustomerChangeEvents } from "./conversations/customer-change-events.js";
import { registerMediaRoutes } from "./media/media-routes.js";
import { addMissingSearchEntries } from "./search/message-search-index.js";
import { updateNumbersForConnection } from "./numbers/connection-change-numbers.js";
import {
  SMS_INBOX_PLUGIN_ID,
  smsInboxPermissionDefinitions,
  smsInboxPermissions,
} from "./plugin-keys.js";
import { registerStatusRoutes } from "./status/status-routes.js";
import { registerWebhookRoutes } from "./webhook/webhook-routes.js";
import { webhookCheckCredentialFindings } from "./webhook-health/credential-findings.js";

export { SMS_INBOX_PLUGIN_ID, smsInboxPermissions };

// Registered once, when this module loads: customer edits reach open
// inboxes as live updates.
onCustomerChanged(appendCustomerChangeEvents);
// A new default number or Twilio account carries the inbox numbers over.
onTwilioConnectionChanged(updateNumbersForConnection);
// The webhook checks' stored lookups are the record of whether Twilio
// rejected the saved credentials, for the inbox banner and the settings page.
provideCredentialFindingStore(webhookCheckCredentialFindings);

export const smsInboxPlugin: PluginManifest = {
  id: SMS_INBOX_PLUGIN_ID,
  name: "SMS Inbox",
  description:
    "A shared inbox for texting customers from the company's Twilio numbers.",
  permissions: smsInboxPermissionDefinitions,
  setupPath: "/plugins/sms-chat/setup",
  registerRoutes: async (app, ctx) => {
    await addMissingSearchEntries(ctx.db, ctx.logger);
    await registerInboxApiRoutes(app, ctx);
    await registerMediaRoutes(app, ctx);
    registerWebhookRoutes(app, ctx);
    registerStatusRoutes(app, ctx);
  },
};
