import type { PluginManifest } from "../../host/plugins/plugin-manifest.js";
import { registerInboxApiRoutes } from "./api-routes.js";
import { registerMediaRoutes } from "./media/media-routes.js";
import {
  SMS_INBOX_PLUGIN_ID,
  smsInboxPermissionDefinitions,
  smsInboxPermissions,
} from "./plugin-keys.js";
import { registerStatusRoutes } from "./status/status-routes.js";
import { registerWebhookRoutes } from "./webhook/webhook-routes.js";

export { SMS_INBOX_PLUGIN_ID, smsInboxPermissions };

export const smsInboxPlugin: PluginManifest = {
  id: SMS_INBOX_PLUGIN_ID,
  name: "SMS Inbox",
  description:
    "A shared inbox for texting customers from the company's Twilio numbers.",
  permissions: smsInboxPermissionDefinitions,
  setupPath: "/plugins/sms-chat/setup",
  registerRoutes: async (app, ctx) => {
    await registerInboxApiRoutes(app, ctx);
    await registerMediaRoutes(app, ctx);
    registerWebhookRoutes(app, ctx);
    registerStatusRoutes(app, ctx);
  },
};
