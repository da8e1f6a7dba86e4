import { z } from "zod";
import { newSid } from "./ids.js";
import { guessMediaType } from "./inbound-params.js";
import type { MediaFile } from "./media-store.js";
import { API_VERSION } from "./presenters.js";
import type { SandboxState } from "./state.js";

/**
 * A file for the sandbox to host, given as base64 bytes or as UTF-8 text,
 * such as a vCard.
 */
export const hostedMediaSchema = z
  .object({
    contentType: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, "must be a media type such as image/png"),
    base64: z.base64().optional(),
    text: z.string().optional(),
  })
  .refine(
    (file) => (file.base64 === undefined) !== (file.text === undefined),
    "needs exactly one of base64 or text",
  );

export function decodeMediaFile(
  file: z.infer<typeof hostedMediaSchema>,
): MediaFile {
  const bytes =
    file.base64 !== undefined
      ? Buffer.from(file.base64, "base64")
      : Buffer.from(file.text ?? "", "utf8");

  return { contentType: file.contentType, bytes };
}

export interface InboundMediaFields {
  sid: string;
  mediaUrls: string[];
  mediaContentTypes: string[];
}

/**
 * Picks an incoming message's SID and media: the caller's URLs first, then
 * the files the sandbox hosts at Twilio's Media URL under `origin`.
 */
export function prepareInboundMedia(
  state: SandboxState,
  accountSid: string,
  text: { mediaUrls: string[]; files: MediaFile[]; origin: string },
): InboundMediaFields {
  const hasMedia = text.mediaUrls.length + text.files.length > 0;
  const sid = newSid(hasMedia ? "MM" : "SM");
  const hosted = text.files.map((file) =>
    state.media.add(accountSid, sid, file),
  );
  const messagePath = `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}`;

  return {
    sid,
    mediaUrls: [
      ...text.mediaUrls,
      ...hosted.map(
        (media) => `${text.origin}${messagePath}/Media/${media.sid}`,
      ),
    ],
    mediaContentTypes: [
      ...text.mediaUrls.map(guessMediaType),
      ...hosted.map((media) => media.contentType),
    ],
  };
}
