import type { Config } from "../../../config.js";
import type { Db } from "../../../db/database.js";
import { errors } from "../../../errors.js";
import { publicMediaUrl } from "./media-urls.js";
import { listUploads } from "./upload-store.js";

/** Twilio's limit on media items per message. */
export const MAX_MEDIA_PER_MESSAGE = 10;

/** An outgoing attachment as message_media stores it. */
export interface OutboundMedia {
  /** The public URL that Twilio fetches. */
  url: string;
  contentType: string;
}

/**
 * Returns the public URLs of the company's uploads, in the order given, for
 * storing in message_media and passing to Twilio as MediaUrl. Throws 400
 * when an id is repeated, unknown, another company's or expired, and when
 * the files together exceed MEDIA_MAX_BYTES, Twilio's limit per message.
 */
export async function resolveOutboundMedia(
  db: Db,
  config: Pick<Config, "publicUrl" | "mediaMaxBytes">,
  companyId: string,
  uploadIds: readonly string[],
): Promise<OutboundMedia[]> {
  if (uploadIds.length > MAX_MEDIA_PER_MESSAGE) {
    throw invalid(`A text can carry at most ${MAX_MEDIA_PER_MESSAGE} files.`);
  }

  if (new Set(uploadIds).size !== uploadIds.length) {
    throw invalid("The same file is attached twice. Remove the duplicate.");
  }

  const uploads = await listUploads(db, companyId, uploadIds);
  const now = new Date().toISOString();
  const media = uploadIds.map((id) => {
    const upload = uploads.find((candidate) => candidate.id === id);
    if (!upload) {
      throw invalid(`Upload ${id} was not found. Attach the file again.`);
    }

    if (upload.expires_at <= now) {
      throw invalid(`Upload ${id} has expired. Attach the file again.`);
    }

    return { upload, url: publicMediaUrl(config, upload.public_token) };
  });
  const totalBytes = media.reduce((sum, item) => sum + item.upload.size, 0);
  if (totalBytes > config.mediaMaxBytes) {
    throw invalid(
      `The files add up to ${totalBytes} bytes, but a text can carry at most ${config.mediaMaxBytes} bytes. Remove a file.`,
    );
  }

  return media.map(({ upload, url }) => ({
    url,
    contentType: upload.content_type,
  }));
}

/** Lists a message's attachment URLs in order, for Twilio's MediaUrl. */
export async function listMessageMediaUrls(
  db: Db,
  messageId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("message_media")
    .select("url")
    .where("message_id", "=", messageId)
    .orderBy("position")
    .execute();

  return rows.map((row) => row.url);
}

function invalid(message: string) {
  return errors.validation(`mediaIds: ${message}`, "mediaIds");
}
