import { WEBHOOK_PATH } from "../webhook/webhook-routes.js";

/** Returns the token-less incoming-message URL, which older setups use. */
export function legacyWebhookUrl(publicUrl: string): string {
  return `${publicUrl}${WEBHOOK_PATH}`;
}

/** Returns the incoming-message URL that names the company by its token. */
export function tokenWebhookUrl(publicUrl: string, token: string): string {
  return `${legacyWebhookUrl(publicUrl)}/${token}`;
}

/** The kind of a number's SmsUrl: unset, one of this server's webhook URLs, or another URL. */
export type SmsUrlKind =
  | { kind: "unset" }
  | { kind: "token"; token: string }
  | { kind: "legacy" }
  | { kind: "other" };

/**
 * Classifies an SmsUrl as Twilio stores it. URLs are compared as exact
 * strings because Twilio requests exactly the stored URL, and this server
 * routes no variant of it (such as a trailing slash).
 */
export function classifySmsUrl(publicUrl: string, smsUrl: string): SmsUrlKind {
  if (smsUrl === "") return { kind: "unset" };

  const legacy = legacyWebhookUrl(publicUrl);
  if (smsUrl === legacy) return { kind: "legacy" };

  const prefix = `${legacy}/`;
  if (smsUrl.startsWith(prefix)) {
    const token = smsUrl.slice(prefix.length);
    if (/^[^/?#]+$/.test(token)) return { kind: "token", token };
  }

  return { kind: "other" };
}

const TOKEN_SEGMENT = /(\/v1\/plugins\/sms-chat\/(?:webhook|status)\/)[^/?#]+/g;

/**
 * Replaces the secret token segment of this server's webhook and status
 * URLs with "****", for audit details and logs. Other URLs are unchanged.
 */
export function maskWebhookUrl(url: string): string {
  return url.replace(TOKEN_SEGMENT, "$1****");
}
