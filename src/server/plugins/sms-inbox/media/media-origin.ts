import type { Config } from "../../../config.js";
import { errors } from "../../../errors.js";

const TWILIO_API_ORIGIN = "https://api.twilio.com";

/**
 * Returns the parsed URL of an inbound attachment when its origin is
 * Twilio's API or the configured TWILIO_API_BASE_URL, and throws 502 for
 * any other origin or for a URL with user credentials. Stored media URLs come from webhook parameters, so this check
 * keeps the server from fetching an arbitrary address with the company's
 * Twilio credentials.
 */
export function requireTwilioMediaUrl(
  config: Pick<Config, "twilioApiBaseUrl">,
  url: string,
): URL {
  if (!URL.canParse(url)) throw errors.mediaUrlNotAllowed();

  const parsed = new URL(url);
  const allowed = new Set([
    TWILIO_API_ORIGIN,
    new URL(config.twilioApiBaseUrl).origin,
  ]);
  const hasCredentials = parsed.username !== "" || parsed.password !== "";
  if (!allowed.has(parsed.origin) || hasCredentials) {
    throw errors.mediaUrlNotAllowed();
  }

  return parsed;
}

/**
 * Resolves a redirect's Location against the URL that returned it. Only
 * http and https targets are followed.
 */
export function resolveRedirect(location: string, base: URL): URL {
  if (!URL.canParse(location, base)) {
    throw errors.mediaFetchFailed("Twilio sent an invalid redirect");
  }

  const target = new URL(location, base);
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    throw errors.mediaFetchFailed("Twilio redirected to a non-HTTP address");
  }

  return target;
}
