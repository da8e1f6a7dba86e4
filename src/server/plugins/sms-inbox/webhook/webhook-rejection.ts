import type { FastifyBaseLogger } from "fastify";
import { errors, type AppError } from "../../../errors.js";
import { tagWebhookRejection } from "../../../ops/rejection-reasons.js";

export type RejectionReason =
  | "unsupported_media_type"
  | "missing_signature"
  | "missing_parameters"
  | "invalid_parameters"
  | "missing_status_parameters"
  | "invalid_status_parameters"
  | "unknown_token"
  | "unknown_number"
  | "ambiguous_number"
  | "account_mismatch"
  | "plugin_not_installed"
  | "twilio_not_connected"
  | "invalid_signature";

interface Rejection {
  statusCode: number;
  /**
   * The response code, sent as `webhook_<code>`. Several reasons share one,
   * so a caller cannot tell them apart.
   */
  code: string;
  level: "info" | "warn";
  message: string | ((fields: string[]) => string);
}

const notFound: Rejection = {
  statusCode: 404,
  code: "not_found",
  level: "warn",
  message:
    "No company receives texts for this webhook URL, account and number. Check the number's webhook URL in Twilio and that SMS Inbox is installed.",
};

const rejections: Record<RejectionReason, Rejection> = {
  unsupported_media_type: {
    statusCode: 415,
    code: "unsupported_media_type",
    level: "info",
    message:
      "The webhook accepts only application/x-www-form-urlencoded bodies, as Twilio sends them.",
  },
  missing_signature: {
    statusCode: 400,
    code: "missing_signature",
    level: "warn",
    message:
      "The X-Twilio-Signature header is missing. The webhook accepts only requests signed by Twilio.",
  },
  missing_parameters: {
    statusCode: 400,
    code: "missing_parameters",
    level: "info",
    message: (fields) =>
      `The request is missing the Twilio parameters ${fields.join(", ")}. Point only a number's incoming-message webhook at this URL.`,
  },
  invalid_parameters: {
    statusCode: 400,
    code: "invalid_parameters",
    level: "info",
    message: (fields) =>
      `The Twilio parameters ${fields.join(", ")} are repeated or malformed. Send each once, with From and To of 1 to 64 characters and NumMedia as a whole number.`,
  },
  missing_status_parameters: {
    statusCode: 400,
    code: "missing_parameters",
    level: "info",
    message: (fields) =>
      `The request is missing the Twilio parameters ${fields.join(", ")}. Use this URL only as a message's StatusCallback.`,
  },
  invalid_status_parameters: {
    statusCode: 400,
    code: "invalid_parameters",
    level: "info",
    message: (fields) =>
      `The Twilio parameters ${fields.join(", ")} are repeated or malformed. Send each once, with MessageStatus as a status name such as delivered and ErrorCode as a whole number.`,
  },
  unknown_token: notFound,
  unknown_number: notFound,
  ambiguous_number: notFound,
  account_mismatch: notFound,
  plugin_not_installed: notFound,
  twilio_not_connected: {
    statusCode: 409,
    code: "twilio_not_connected",
    level: "warn",
    message:
      "Twilio is not connected for this company. Connect it in company settings.",
  },
  invalid_signature: {
    statusCode: 403,
    code: "invalid_signature",
    level: "warn",
    message:
      "The X-Twilio-Signature header does not match this request. Check that PUBLIC_URL is the address Twilio calls and that the auth token in company settings is current.",
  },
};

/**
 * Logs why a webhook request was rejected and returns the error to throw.
 * `fields` names request parameters only, so the log never gets their
 * values, the body or the signature.
 */
export function rejectWebhook(
  log: FastifyBaseLogger,
  reason: RejectionReason,
  fields: string[] = [],
): AppError {
  const rejection = rejections[reason];
  const detail = fields.length > 0 ? { fields } : {};
  log[rejection.level](
    { reason, statusCode: rejection.statusCode, ...detail },
    "twilio webhook rejected",
  );

  const message =
    typeof rejection.message === "string"
      ? rejection.message
      : rejection.message(fields);

  const error = errors.webhookRejected(
    rejection.statusCode,
    rejection.code,
    message,
  );
  tagWebhookRejection(error, reason);

  return error;
}
