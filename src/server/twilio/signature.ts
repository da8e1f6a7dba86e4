import twilio from "twilio";

/** Form parameters as received, where a repeated name keeps every value. */
export type WebhookParams = Record<string, string | string[]>;

/**
 * Returns the URL Twilio requested and signed: the configured public base
 * URL, which may carry a path prefix, followed by the request's own path and
 * query. Behind a TLS-terminating reverse proxy the server receives
 * http://internal:3000/..., so the request's Host header and scheme are
 * never used.
 */
export function signedWebhookUrl(
  publicUrl: string,
  requestUrl: string,
): string {
  return publicUrl.replace(/\/+$/, "") + requestUrl;
}

/**
 * Checks an X-Twilio-Signature header with twilio.validateRequest, over every
 * received parameter. Twilio adds parameters without notice, so a fixed list
 * of names would reject real traffic. twilio 6.3.1 also tries the URL with
 * and without its default port, because Twilio has signed both forms.
 */
export function isValidTwilioSignature(
  authToken: string,
  signature: string,
  url: string,
  params: WebhookParams,
): boolean {
  return twilio.validateRequest(authToken, signature, url, params);
}
