import type { FastifyBaseLogger } from "fastify";
import type { WebhookParams } from "../../../twilio/signature.js";
import { rejectWebhook } from "./webhook-rejection.js";

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
const REQUIRED_FIELDS = ["MessageSid", "AccountSid", "From", "To"] as const;
const TWILIO_SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

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
}

export function isFormContentType(header: string | undefined): boolean {
  const mediaType = header?.split(";")[0]?.trim().toLowerCase();

  return mediaType === FORM_CONTENT_TYPE;
}

/**
 * Returns the parsed form body, where @fastify/formbody gives a repeated name
 * as an array.
 */
export function readParams(body: unknown): WebhookParams {
  if (typeof body !== "object" || body === null) return {};

  const params: WebhookParams = {};
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
 * ones.
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

  return {
    messageSid: text(params.MessageSid),
    accountSid: text(params.AccountSid),
    from: text(params.From).trim(),
    to: text(params.To).trim(),
    messagingServiceSid: text(params.MessagingServiceSid) || null,
    // PostgreSQL text rejects NUL, and SQLite string functions stop at it.
    body: text(params.Body).replaceAll("\u0000", ""),
    media: readMedia(params, log),
  };
}

/** Reads MediaUrl{N} and MediaContentType{N} for every N below NumMedia. */
function readMedia(params: WebhookParams, log: FastifyBaseLogger) {
  const declared = text(params.NumMedia) || "0";
  if (!/^\d+$/.test(declared)) {
    throw rejectWebhook(log, "invalid_parameters", ["NumMedia"]);
  }

  // A count above the number of parameters cannot name more media items.
  const count = Math.min(Number(declared), Object.keys(params).length);
  const media: InboundMedia[] = [];
  for (let index = 0; index < count; index++) {
    const url = text(params[`MediaUrl${index}`]);
    if (url === "") continue;

    const contentType = text(params[`MediaContentType${index}`]);
    media.push({ url, contentType: contentType || "application/octet-stream" });
  }

  return media;
}

/** Returns a single-valued parameter, or "" when it is absent or repeated. */
function text(value: string | string[] | undefined): string {
  return typeof value === "string" ? value : "";
}
