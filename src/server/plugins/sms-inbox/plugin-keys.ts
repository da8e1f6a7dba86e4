/**
 * Keys the host stores for this plugin. They live apart from the manifest so
 * that route modules can import them without importing the manifest.
 */
export const SMS_INBOX_PLUGIN_ID = "sms-chat";

export const smsInboxPermissions = {
  send: "sms-chat.send",
} as const;

/** Prefix of the plugin's JSON API. */
export const SMS_INBOX_API_PREFIX = `/api/plugins/${SMS_INBOX_PLUGIN_ID}`;
