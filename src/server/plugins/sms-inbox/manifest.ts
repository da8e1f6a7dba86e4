import type { PluginManifest } from "../../host/plugins/plugin-manifest.js";
import { registerInboxApiRoutes } from "./api-routes.js";
import { SMS_INBOX_PLUGIN_ID, smsInboxPermissions } from "./plugin-keys.js";
import { registerWebhookRoutes } from "./webhook/webhook-routes.js";

export { SMS_INBOX_PLUGIN_ID, smsInboxPermissions };

export const smsInboxPlugin: PluginManifest = {
  id: SMS_INBOX_PLUGIN_ID,
  name: "SMS Inbox",
  description:
    "A shared inbox for texting customers from the company's Twilio numbers.",
  permissions: [
    {
      key: smsInboxPermissions.send,
      label: "SMS Inbox (send)",
      description: "Send texts and start conversations from the SMS inbox.",
    },
  ],
  setupPath: "/plugins/sms-chat/setup",
  registerRoutes: async (app, ctx) => {
    await registerInboxApiRoutes(app, ctx);
    registerWebhookRoutes(app, ctx);
  },
};
