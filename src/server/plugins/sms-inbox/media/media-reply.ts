import type { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { isImageType, normalizeContentType } from "./media-types.js";

export interface MediaFile {
  body: Readable;
  /** In bytes. */
  size: number;
  /** An allow-listed type; see media-types.ts. */
  contentType: string;
  /** Already made safe by safeFilename. */
  filename: string;
}

/**
 * Streams an attachment with headers that stop browsers from guessing its
 * type or running it: images open inline, every other type downloads.
 * `inline` forces inline display, as Twilio advises for MMS media.
 */
export function sendMediaFile(
  reply: FastifyReply,
  file: MediaFile,
  options: { inline?: boolean; cacheControl?: string } = {},
): FastifyReply {
  const inline = options.inline ?? isImageType(file.contentType);
  const disposition = inline ? "inline" : "attachment";

  return (
    reply
      .code(200)
      .header("content-type", normalizeContentType(file.contentType))
      .header("content-length", String(file.size))
      .header("x-content-type-options", "nosniff")
      // No script or plugin runs even if a file is opened as a page.
      .header("content-security-policy", "default-src 'none'; sandbox")
      .header(
        "content-disposition",
        `${disposition}; filename="${file.filename}"`,
      )
      .header("cache-control", options.cacheControl ?? "private")
      .send(file.body)
  );
}
