export const STATUS_CALLBACK_PATH = "/v1/plugins/sms-chat/status";

/**
 * Returns the StatusCallback URL for texts the company sends. The token
 * names the company, so the handler needs no number lookup. Twilio's
 * signature over this URL is still checked.
 */
export function statusCallbackUrl(
  publicUrl: string,
  webhookToken: string,
): string {
  return `${publicUrl.replace(/\/+$/, "")}${STATUS_CALLBACK_PATH}/${webhookToken}`;
}
