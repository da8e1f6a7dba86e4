import { twilioErrors } from "./errors.js";
import { firstValue, type FormFields } from "./form-body.js";
import { isHttpUrl } from "./message-validation.js";
import type { HttpMethod } from "./state-types.js";

/**
 * Reads a URL field of an update request: undefined when absent, "" when
 * sent empty, which clears the URL on Twilio. Raises Twilio's error for a
 * URL that is not http or https.
 */
export function readUpdateUrl(
  form: FormFields,
  name: string,
): string | undefined {
  const url = firstValue(form, name);
  if (url === undefined || url === "") return url;

  if (!isHttpUrl(url)) throw twilioErrors.invalidCallbackUrl(name, url);

  return url;
}

/** Reads a GET or POST method field of an update request, in any case. */
export function readUpdateMethod(
  form: FormFields,
  name: string,
): HttpMethod | undefined {
  const method = firstValue(form, name);
  if (method === undefined) return undefined;

  const upper = method.toUpperCase();
  if (upper !== "GET" && upper !== "POST") {
    throw twilioErrors.invalidMethod(name, method);
  }

  return upper;
}
