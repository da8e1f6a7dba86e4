import type { FastifyBaseLogger } from "fastify";
import type { WebhookParams } from "../../../twilio/signature.js";
import { rejectWebhook } from "./webhook-rejection.js";

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
const REQUIRED_FIELDS = ["MessageSid", "AccountSid", "From", "To"] as const;
const TWILIO_SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
/**
 * Longest From or To accepted. E.164 numbers have at most 16 characters and
 * alphanumeric sender IDs 11, so this leaves room for channel prefixes such
 * as "whatsapp:" while rejecting junk.
 */
const MAX_ADDRESS_LENGTH = 64;
/** C0 control characters and DEL, which no phone number or sender ID has. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export interface InboundMedia {
  url: string;
  contentType: string;
}

/** An incoming text as Twilio posts it, with the parameters the inbox stores. */
export interface InboundMessage {
  messageSid: string;
  accountSid: string;
  from: string;
  to: string;
  messagingServiceSid: string | null;
  body: string;
  media: InboundMedia[];
  /**
   * START, STOP or HELP, upper-cased, when Twilio's Advanced Opt-Out matched
   * a keyword; null otherwise.
   */
  optOutType: string | null;
}

export function isFormContentType(header: string | undefined): boolean {
  const mediaType = header?.split(";")[0]?.trim().toLowerCase();

  return mediaType === FORM_CONTENT_TYPE;
}

/**
 * Returns the parsed form body, where @fastify/formbody gives a repeated name
 * as an array. The result has no prototype, so a parameter named __proto__
 * stays an ordinary entry that the signature check covers.
 */
export function readParams(body: unknown): WebhookParams {
  const params = Object.create(null) as WebhookParams;
  if (typeof body !== "object" || body === null) return params;

  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") params[name] = value;
    else if (Array.isArray(value)) params[name] = value.map(String);
  }

  return params;
}

/**
 * Returns a parameter's value for the log when it has the shape of a Twilio
 * SID, so caller-supplied text such as a phone number never reaches the log.
 */
export function loggableSid(value: string | string[] | undefined): string {
  if (typeof value !== "string") return "(missing)";

  return TWILIO_SID.test(value) ? value : "(not a Twilio SID)";
}

/**
 * Reads the stored fields of an incoming text, rejecting missing or repeated
 * ones and a blank, overlong or garbled From or To.
 */
export function parseInboundMessage(
  params: WebhookParams,
  log: FastifyBaseLogger,
): InboundMessage {
  const missing = REQUIRED_FIELDS.filter((name) => !params[name]);
  if (missing.length > 0) {
    throw rejectWebhook(log, "missing_parameters", missing);
  }

  const repeated = ["Body", "MessagingServiceSid", ...REQUIRED_FIELDS].filter(
    (name) => Array.isArray(params[name]),
  );
  if (repeated.length > 0) {
    throw rejectWebhook(log, "invalid_parameters", repeated);
  }

  const from = text(params.From).trim();
  const to = text(params.To).trim();
  const malformed = Object.entries({ From: from, To: to })
    .filter(([, address]) => !isPlausibleAddress(address))
    .map(([name]) => name);
  if (malformed.length > 0) {
    throw rejectWebhook(log, "invalid_parameters", malformed);
  }

  return {
    messageSid: text(params.MessageSid),
    accountSid: text(params.AccountSid),
    from,
    to,
    messagingServiceSid: text(params.MessagingServiceSid) || null,
    // PostgreSQL text rejects NUL, and SQLite string functions stop at it.
    body: text(params.Body).replaceAll("\u0000", ""),
    media: readMedia(params, log),
    optOutType: text(params.OptOutType).trim().toUpperCase() || null,
  };
}

/**
 * Reads MediaUrl{N} and MediaContentType{N} for every N below NumMedia, or
 * for every N present when NumMedia is missing.
 */
function readMedia(params: WebhookParams, log: FastifyBaseLogger) {
  const declared = text(params.NumMedia);
  if (declared !== "" && !/^\d+$/.test(declared)) {
    throw rejectWebhook(log, "invalid_parameters", ["NumMedia"]);
  }

  // A count above the number of parameters cannot name more media items.
  const paramCount = Object.keys(params).length;
  const count =
    declared === "" ? paramCount : Math.min(Number(declared), paramCount);
  const media: InboundMedia[] = [];
  for (let index = 0; index < count; index++) {
    const url = text(params[`MediaUrl${index}`]);
    if (url === "") continue;

    const contentType = text(params[`MediaContentType${index}`]);
    media.push({ url, contentType: contentType || "application/octet-stream" });
  }

  return media;
}

/**
 * Checks that a trimmed From or To is neither blank nor overlong and has
 * no control character, such as a NUL that PostgreSQL text cannot store.
 */
function isPlausibleAddress(address: string): boolean {
  return (
    address !== "" &&
    address.length <= MAX_ADDRESS_LENGTH &&
    !CONTROL_CHARACTER.test(address)
  );
}

/** Returns a single-valued parameter, or "" when it is absent or repeated. */
function text(value: string | string[] | undefined): string {
  return typeof value === "string" ? value : "";
}
