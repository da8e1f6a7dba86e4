import twilio from "twilio";
import RequestClient from "twilio/lib/base/RequestClient.js";

const TWILIO_ORIGIN = "https://api.twilio.com";

/**
 * The Twilio domains that a custom API base URL also replaces. The SDK
 * sends Messaging v1 requests (Messaging Services) to messaging.twilio.com,
 * and their paths (/v1/...) do not overlap the /2010-04-01 API, so both
 * domains share one base URL. Requests for other domains are not rewritten.
 */
const REDIRECTED_ORIGINS = [TWILIO_ORIGIN, "https://messaging.twilio.com"];

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

export interface TwilioClientOptions {
  /** Origin of a Twilio-compatible API; `https://api.twilio.com` in production. */
  apiBaseUrl: string;
  timeoutMs: number;
}

export type TwilioClient = twilio.Twilio;

/**
 * An HTTP client for the twilio package that sends requests for
 * api.twilio.com and messaging.twilio.com to another origin, such as the
 * bundled sandbox. Paging URLs are built from those origins too, so they
 * are rewritten the same way.
 */
class RedirectingRequestClient extends RequestClient {
  constructor(
    private readonly apiBaseUrl: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const origin = REDIRECTED_ORIGINS.find((candidate) =>
      opts.uri.startsWith(`${candidate}/`),
    );
    const uri = origin
      ? this.apiBaseUrl + opts.uri.slice(origin.length)
      : opts.uri;

    return super.request<TData>({ ...opts, uri });
  }
}

export function createTwilioClient(
  credentials: TwilioCredentials,
  options: TwilioClientOptions,
): TwilioClient {
  const httpClient =
    options.apiBaseUrl === TWILIO_ORIGIN
      ? new twilio.RequestClient({ timeout: options.timeoutMs })
      : new RedirectingRequestClient(options.apiBaseUrl, options.timeoutMs);

  return twilio(credentials.accountSid, credentials.authToken, { httpClient });
}
