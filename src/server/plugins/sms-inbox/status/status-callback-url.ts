export const STATUS_CALLBACK_PATH = "/v1/plugins/sms-chat/status";

/** Query parameter naming the message a status callback is about. */
export const MESSAGE_ID_PARAM = "messageId";

/**
 * Returns the StatusCallback URL for texts the company sends. The token
 * names the company, so the handler needs no number lookup. The message id
 * lets a callback that overtakes the stored Twilio SID still find its
 * message; Twilio signs the whole URL, query included.
 */
export function statusCallbackUrl(
  publicUrl: string,
  webhookToken: string,
  messageId?: string,
): string {
  const url = `${publicUrl.replace(/\/+$/, "")}${STATUS_CALLBACK_PATH}/${webhookToken}`;

  return messageId === undefined
    ? url
    : `${url}?${MESSAGE_ID_PARAM}=${encodeURIComponent(messageId)}`;
}
