import type { AppContext } from "../../../context.js";
import type { Db } from "../../../db/database.js";
import { errors } from "../../../errors.js";
import { findTwilioConnection } from "../../../host/twilio-connection-store.js";
import { fetchTwilioMedia } from "./media-fetcher.js";
import type { MediaFile } from "./media-reply.js";
import { isViewableType, listTypes, safeFilename } from "./media-types.js";
import { tokenOfPublicMediaUrl } from "./media-urls.js";
import { findUploadByToken, openUpload } from "./upload-store.js";

export interface StoredAttachment {
  messageId: string;
  position: number;
  url: string;
  contentType: string;
  direction: "inbound" | "outbound";
}

/** Finds an attachment of one of the company's messages. */
export async function findAttachment(
  db: Db,
  companyId: string,
  messageId: string,
  position: number,
): Promise<StoredAttachment | undefined> {
  const row = await db
    .selectFrom("message_media as mm")
    .innerJoin("messages as m", "m.id", "mm.message_id")
    .select(["mm.url", "mm.content_type", "m.direction"])
    .where("m.company_id", "=", companyId)
    .where("mm.message_id", "=", messageId)
    .where("mm.position", "=", position)
    .executeTakeFirst();
  if (!row) return undefined;

  return {
    messageId,
    position,
    url: row.url,
    contentType: row.content_type,
    direction: row.direction,
  };
}

/**
 * Opens an attachment's bytes: a staff upload from disk, or a customer's
 * MMS from Twilio. Throws 415 for a type outside the allow-list before
 * anything is read.
 */
export async function openAttachment(
  ctx: AppContext,
  companyId: string,
  attachment: StoredAttachment,
): Promise<MediaFile> {
  const { contentType } = attachment;
  if (!isViewableType(contentType)) {
    throw errors.mediaTypeNotAllowed(contentType, listTypes("view"));
  }

  if (attachment.direction === "outbound") {
    return openSentUpload(ctx, companyId, attachment);
  }

  const connection = await findTwilioConnection(ctx, companyId);
  if (!connection) throw errors.twilioNotConnected();

  const fetched = await fetchTwilioMedia(
    ctx.config,
    connection,
    attachment.url,
  ).catch((error: unknown) => {
    ctx.logger.warn(
      {
        err: error,
        companyId,
        messageId: attachment.messageId,
        position: attachment.position,
      },
      "attachment fetch from Twilio failed",
    );
    throw error;
  });
  const filename = safeFilename(
    `attachment-${attachment.position + 1}`,
    contentType,
  );

  return { ...fetched, contentType, filename };
}

async function openSentUpload(
  ctx: AppContext,
  companyId: string,
  attachment: StoredAttachment,
): Promise<MediaFile> {
  const token = tokenOfPublicMediaUrl(attachment.url);
  const upload = token ? await findUploadByToken(ctx.db, token) : undefined;
  const body =
    upload?.company_id === companyId
      ? await openUpload(ctx.config.dataDir, upload)
      : null;
  if (!upload || !body) {
    ctx.logger.warn(
      { messageId: attachment.messageId, position: attachment.position },
      "uploaded file of a sent attachment is missing",
    );
    throw errors.notFound("The attachment's file");
  }

  return {
    body,
    size: upload.size,
    contentType: attachment.contentType,
    filename: upload.filename,
  };
}
