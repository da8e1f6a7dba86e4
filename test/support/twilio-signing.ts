import twilio from "twilio";

/** Form parameters, where an array sends the name once per value. */
export type FormParams = Record<string, string | string[]>;

export interface SignedWebhookRequest {
  method: "POST";
  /** Path and query of `url`, ready for app.inject. */
  url: string;
  headers: Record<string, string>;
  payload: string;
}

/**
 * Builds a form-encoded POST signed the way Twilio signs webhooks: HMAC-SHA1
 * with `authToken` over the full public `url` and every parameter.
 */
export function signedWebhookRequest(
  url: string,
  params: FormParams,
  authToken: string,
): SignedWebhookRequest {
  const parsed = new URL(url);
  // Sliced, not re-serialised, so the path keeps the characters that were signed.
  const path = url.startsWith(parsed.origin)
    ? url.slice(parsed.origin.length) || "/"
    : parsed.pathname + parsed.search;

  return {
    method: "POST",
    url: path,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(
        authToken,
        url,
        params,
      ),
    },
    payload: encodeForm(params),
  };
}

/** Encodes parameters as application/x-www-form-urlencoded, repeating arrays. */
export function encodeForm(params: FormParams): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      form.append(name, item);
    }
  }

  return form.toString();
}
