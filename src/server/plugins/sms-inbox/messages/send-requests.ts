import { z } from "zod";
import { errors } from "../../../errors.js";
import { removeInvisible } from "../../../text/visible-text.js";
import { MAX_MEDIA_PER_MESSAGE } from "../media/outbound-media.js";

/** Twilio's limit on a message body, in characters. */
export const MAX_BODY_LENGTH = 1600;

// The limit counts UTF-16 code units, as the composer does, so an emoji
// counts as 2. They are never fewer than code points, so a body that
// passes fits Twilio's limit either way it counts. zod's max() on a
// string counts code points, hence the refine.
const MessageBodySchema = z
  .string()
  // PostgreSQL text rejects NUL, and SQLite string functions stop at it.
  .overwrite((body) => body.replaceAll("\u0000", ""))
  .trim()
  // A body that shows nothing, such as only U+200B, counts as empty.
  .overwrite((body) => (removeInvisible(body).trim() === "" ? "" : body))
  .refine(
    (body) => body.length <= MAX_BODY_LENGTH,
    "A text can be at most 1,600 characters, and an emoji counts as 2. Shorten the message or send it as several texts.",
  );

/** Upload ids from POST /uploads, sent as MMS attachments. */
const MediaIdsSchema = z
  .array(z.string().min(1).max(64))
  .max(
    MAX_MEDIA_PER_MESSAGE,
    `A text can carry at most ${MAX_MEDIA_PER_MESSAGE} files.`,
  )
  .default([]);

/** Adds an issue when a text has neither a body nor attachments. */
function requireContent(
  input: { body: string; mediaIds: string[] },
  ctx: z.RefinementCtx,
): void {
  if (input.body !== "" || input.mediaIds.length > 0) return;

  ctx.addIssue({
    code: "custom",
    path: ["body"],
    message: "Type a message or attach a file before sending.",
  });
}

export const ReplyRequestSchema = z
  .strictObject({ body: MessageBodySchema, mediaIds: MediaIdsSchema })
  .superRefine(requireContent);

export const NewConversationRequestSchema = z
  .strictObject({
    to: z
      .string()
      .trim()
      .min(1, "Enter the customer's phone number.")
      .max(40, "A phone number has at most 40 characters."),
    from: z.string().trim().min(1).max(40).optional(),
    body: MessageBodySchema,
    mediaIds: MediaIdsSchema,
  })
  .superRefine(requireContent);

export type NewConversationInput = z.infer<typeof NewConversationRequestSchema>;

/**
 * Throws 400 unless `address` is an E.164 phone number. Twilio cannot send
 * to the short codes and alphanumeric sender IDs that conversations may also
 * be keyed by.
 */
export function assertCanReceiveTexts(address: string): void {
  if (/^\+[1-9]\d{5,14}$/.test(address)) return;

  throw errors.validation(
    `This conversation is with ${address}, a short code or alphanumeric sender. Twilio can only send texts to phone numbers, so it cannot be replied to.`,
  );
}
