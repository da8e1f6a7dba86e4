import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Config } from "../../../config.js";
import { errors, isAppError } from "../../../errors.js";
import type { TwilioCredentials } from "../../../twilio/client.js";
import { byteLimitStream, readWithLimit } from "./byte-limit.js";
import { requireTwilioMediaUrl, resolveRedirect } from "./media-origin.js";

type MediaFetchConfig = Pick<
  Config,
  "twilioApiBaseUrl" | "mediaMaxBytes" | "mediaFetchTimeoutMs"
>;

export interface FetchedMedia {
  body: Readable;
  /** In bytes. */
  size: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * Fetches an inbound attachment from Twilio with the account's HTTP Basic
 * credentials, which Twilio requires when HTTP authentication for media is
 * on. Twilio redirects to a storage host, so redirects are followed, and
 * the credentials go only to the origin of the stored URL. Throws 413 past
 * MEDIA_MAX_BYTES, 502 for a refused URL or a failed response, and 504 on
 * timeout. The timeout also covers streaming the body.
 */
export async function fetchTwilioMedia(
  config: MediaFetchConfig,
  credentials: TwilioCredentials,
  url: string,
): Promise<FetchedMedia> {
  const start = requireTwilioMediaUrl(config, url);
  const signal = AbortSignal.timeout(config.mediaFetchTimeoutMs);
  try {
    const response = await followRedirects(start, credentials, signal);

    return await limitBody(response, config.mediaMaxBytes);
  } catch (error) {
    throw toMediaError(error);
  }
}

async function followRedirects(
  start: URL,
  credentials: TwilioCredentials,
  signal: AbortSignal,
): Promise<Response> {
  const authorization = `Basic ${Buffer.from(
    `${credentials.accountSid}:${credentials.authToken}`,
  ).toString("base64")}`;
  let current = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> =
      current.origin === start.origin ? { authorization } : {};
    const response = await fetch(current, {
      headers,
      redirect: "manual",
      signal,
    });
    if (!REDIRECT_STATUSES.has(response.status)) {
      if (response.ok) return response;

      await response.body?.cancel();
      throw errors.mediaFetchFailed(`Twilio returned HTTP ${response.status}`);
    }

    await response.body?.cancel();
    current = resolveRedirect(response.headers.get("location") ?? "", current);
  }

  throw errors.mediaFetchFailed(`more than ${MAX_REDIRECTS} redirects`);
}

/** Checks the declared size first, then counts the bytes as they arrive. */
async function limitBody(
  response: Response,
  maxBytes: number,
): Promise<FetchedMedia> {
  const declared = declaredLength(response.headers);
  if (declared !== null && declared > maxBytes) {
    await response.body?.cancel();
    throw errors.mediaTooLarge(maxBytes);
  }

  if (!response.body) return { body: Readable.from([]), size: 0 };

  // DOM and Node type the same web stream differently.
  const web = response.body as unknown as NodeReadableStream<Uint8Array>;
  if (declared === null) {
    const bytes = await readWithLimit(web, maxBytes);

    return { body: Readable.from([bytes]), size: bytes.length };
  }

  const body = pipeline(
    Readable.fromWeb(web),
    byteLimitStream(maxBytes),
    () => {
      // An error has already destroyed `body`, which fails the response.
    },
  );

  return { body, size: declared };
}

/**
 * Returns the Content-Length of the bytes fetch will deliver, or null when it
 * is unknown. fetch decompresses encoded bodies, so then the header gives
 * the compressed length and is not used.
 */
function declaredLength(headers: Headers): number | null {
  const length = headers.get("content-length") ?? "";
  const encoding = headers.get("content-encoding") ?? "identity";
  if (!/^\d+$/.test(length) || encoding !== "identity") return null;

  return Number(length);
}

/** Maps a fetch failure to an AppError that keeps the original as `cause`. */
function toMediaError(error: unknown): Error {
  if (isAppError(error)) return error;

  const name = error instanceof Error ? error.name : "";
  const mapped =
    name === "TimeoutError" || name === "AbortError"
      ? errors.mediaFetchTimedOut()
      : errors.mediaFetchFailed("the connection to Twilio failed");

  return Object.assign(mapped, { cause: error });
}
