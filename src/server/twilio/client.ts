import twilio from "twilio";
import RequestClient from "twilio/lib/base/RequestClient.js";

const TWILIO_ORIGIN = "https://api.twilio.com";

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
 * api.twilio.com to another origin, such as the bundled sandbox. Paging
 * URLs are built from api.twilio.com too, so they are rewritten the same way.
 */
class RedirectingRequestClient extends RequestClient {
  constructor(
    private readonly apiBaseUrl: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_ORIGIN)
      ? this.apiBaseUrl + opts.uri.slice(TWILIO_ORIGIN.length)
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
