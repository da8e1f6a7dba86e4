import type { FastifyBaseLogger } from "fastify";
import type { WebhookParams } from "../../../twilio/signature.js";
import { rejectWebhook } from "../webhook/webhook-rejection.js";

const REQUIRED_FIELDS = [
  "MessageSid",
  "AccountSid",
  "From",
  "MessageStatus",
] as const;

/** A lower-case status name such as `delivered` or `partially_delivered`. */
const STATUS_NAME = /^[a-z][a-z_]{0,39}$/;
const ERROR_CODE = /^\d{1,9}$/;

/** A delivery status callback, as Twilio posts it to a StatusCallback URL. */
export interface StatusCallback {
  messageSid: string;
  accountSid: string;
  /** The company number the text was sent from. */
  from: string;
  /** Twilio's MessageStatus, kept as sent even when this code does not know it. */
  status: string;
  /** Twilio's ErrorCode, or null when Twilio sent none, as for delivered. */
  errorCode: number | null;
  /** Our message id from the callback URL; null for older callback URLs. */
  messageId?: string | null;
}

/** Reads a status callback, rejecting missing, repeated or malformed fields. */
export function parseStatusCallback(
  params: WebhookParams,
  log: FastifyBaseLogger,
): StatusCallback {
  const missing = REQUIRED_FIELDS.filter((name) => !params[name]);
  if (missing.length > 0) {
    throw rejectWebhook(log, "missing_status_parameters", missing);
  }

  const status = text(params.MessageStatus).trim().toLowerCase();
  const errorCode = text(params.ErrorCode).trim();
  const repeated = [...REQUIRED_FIELDS, "ErrorCode"].filter((name) =>
    Array.isArray(params[name]),
  );
  const invalid = new Set(repeated);
  if (!STATUS_NAME.test(status)) invalid.add("MessageStatus");
  if (errorCode !== "" && !ERROR_CODE.test(errorCode)) invalid.add("ErrorCode");
  if (invalid.size > 0) {
    throw rejectWebhook(log, "invalid_status_parameters", [...invalid]);
  }

  return {
    messageSid: text(params.MessageSid),
    accountSid: text(params.AccountSid),
    from: text(params.From).trim(),
    status,
    errorCode: errorCode === "" ? null : Number(errorCode),
  };
}

/** Returns a single-valued parameter, or "" when it is absent or repeated. */
function text(value: string | string[] | undefined): string {
  return typeof value === "string" ? value : "";
}
