import type { PermissionDefinition } from "../../auth/permissions.js";

/**
 * Keys the host stores for this plugin, and the permissions it defines. They
 * live apart from the manifest so that route modules can import them without
 * importing the manifest.
 */
export const SMS_INBOX_PLUGIN_ID = "sms-chat";

export const smsInboxPermissions = {
  send: "sms-chat.send",
} as const;

/** The permissions the plugin defines, as roles list them. */
export const smsInboxPermissionDefinitions: PermissionDefinition[] = [
  {
    key: smsInboxPermissions.send,
    label: "SMS Inbox (send)",
    description: "Send texts and start conversations from the SMS inbox.",
  },
];

/** Prefix of the plugin's JSON API. */
export const SMS_INBOX_API_PREFIX = `/api/plugins/${SMS_INBOX_PLUGIN_ID}`;
