import type { Config } from "../../../config.js";
import { SMS_INBOX_API_PREFIX } from "../plugin-keys.js";

/** Path of the unauthenticated route that Twilio fetches uploads from. */
export const PUBLIC_MEDIA_PATH = "/v1/plugins/sms-chat/media";

/** Returns the staff-facing URL of a message's attachment. */
export function mediaProxyUrl(messageId: string, position: number): string {
  return `${SMS_INBOX_API_PREFIX}/media/${encodeURIComponent(messageId)}/${position}`;
}

/** Returns the staff-facing preview URL of an upload. */
export function uploadPreviewUrl(uploadId: string): string {
  return `${SMS_INBOX_API_PREFIX}/uploads/${encodeURIComponent(uploadId)}`;
}

/** Returns the URL that Twilio fetches an upload from. */
export function publicMediaUrl(
  config: Pick<Config, "publicUrl">,
  token: string,
): string {
  return `${config.publicUrl}${PUBLIC_MEDIA_PATH}/${token}`;
}

/**
 * Returns the token of a public media URL, or null for any other URL. The
 * origin is not compared, so rows keep working after PUBLIC_URL changes.
 */
export function tokenOfPublicMediaUrl(url: string): string | null {
  if (!URL.canParse(url)) return null;

  const match = /^\/v1\/plugins\/sms-chat\/media\/([A-Za-z0-9_-]{43})$/.exec(
    new URL(url).pathname,
  );

  return match?.[1] ?? null;
}
