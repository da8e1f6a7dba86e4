import type { PluginManifest } from "../../host/plugins/plugin-manifest.js";

export const SMS_INBOX_PLUGIN_ID = "sms-chat";

export const smsInboxPermissions = {
  send: "sms-chat.send",
} as const;

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
  registerRoutes: () => {},
};
