/**
 * Content types of attachments that staff can view and send. Anything else
 * is rejected, so a browser never receives HTML or script from a customer's
 * MMS, and Twilio is never asked to send a file it does not accept.
 */
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif"];
// Phones send these, but Twilio's accepted content types page lists only
// JPEG, PNG and GIF as MMS images, so staff can view them but not send them.
const RECEIVE_ONLY_IMAGE_TYPES = ["image/webp", "image/heic", "image/heif"];
const OTHER_TYPES = [
  "audio/mpeg",
  "audio/mp4",
  "audio/aac",
  "audio/ogg",
  "audio/amr",
  "audio/wav",
  "audio/x-wav",
  "audio/3gpp",
  "video/mp4",
  "video/mpeg",
  "video/quicktime",
  "video/3gpp",
  "video/3gpp2",
  "video/h264",
  "application/pdf",
  "text/vcard",
  "text/x-vcard",
  "text/plain",
];

const SENDABLE = new Set([...IMAGE_TYPES, ...OTHER_TYPES]);
const VIEWABLE = new Set([...SENDABLE, ...RECEIVE_ONLY_IMAGE_TYPES]);
const ALIASES: Record<string, string> = { "image/jpg": "image/jpeg" };

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/heic": "heic",
  "image/heif": "heif",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/ogg": "ogg",
  "audio/amr": "amr",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/3gpp": "3gp",
  "application/pdf": "pdf",
  "text/vcard": "vcf",
  "text/x-vcard": "vcf",
  "text/plain": "txt",
};

/**
 * Returns the lower-case media type of a Content-Type value without its
 * parameters, such as "image/jpeg" for "IMAGE/JPEG; charset=binary".
 */
export function normalizeContentType(value: string | undefined): string {
  const mediaType = (value ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

  return ALIASES[mediaType] ?? mediaType;
}

/** True for the types staff may open through the media proxy. */
export function isViewableType(contentType: string): boolean {
  return VIEWABLE.has(normalizeContentType(contentType));
}

/** True for the types staff may attach to an outgoing text. */
export function isSendableType(contentType: string): boolean {
  return SENDABLE.has(normalizeContentType(contentType));
}

export function isImageType(contentType: string): boolean {
  return normalizeContentType(contentType).startsWith("image/");
}

/** Lists the viewable or sendable types, for error messages. */
export function listTypes(use: "view" | "send"): string {
  return [...(use === "view" ? VIEWABLE : SENDABLE)].join(", ");
}

/**
 * Returns a file name that is safe in a Content-Disposition header: ASCII
 * letters, digits, dots, dashes and underscores only, at most 20 characters
 * (Twilio's advice for MMS file names), ending in the type's extension.
 */
export function safeFilename(
  requested: string | undefined,
  contentType: string,
): string {
  const extension = EXTENSIONS[normalizeContentType(contentType)] ?? "bin";
  const stem = (requested ?? "")
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "")
    .slice(0, 20 - extension.length - 1);

  return `${stem || "attachment"}.${extension}`.slice(0, 20);
}
