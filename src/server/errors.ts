import type { ApiErrorBody, Customer } from "../common/api.js";

/** Fields an error adds to its wire shape besides code, message and field. */
export type AppErrorDetails = Omit<
  ApiErrorBody["error"],
  "code" | "message" | "field"
>;

/**
 * The error catalogue. Every error the API returns is an AppError with an
 * HTTP status, a stable machine code and a message that is safe to show.
 * The wire shape is `{ error: { code, message, field?, ...details } }`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: AppErrorDetails,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const errors = {
  validation: (message: string, field?: string) =>
    new AppError(400, "validation_failed", message, field),
  unauthenticated: () =>
    new AppError(
      401,
      "unauthenticated",
      "You are not signed in, or your session expired. Sign in again.",
    ),
  metricsTokenInvalid: () =>
    new AppError(
      401,
      "metrics_token_invalid",
      "The metrics endpoint requires the header Authorization: Bearer <METRICS_TOKEN>.",
    ),
  invalidCredentials: () =>
    new AppError(
      401,
      "invalid_credentials",
      "The email or password is incorrect.",
    ),
  csrf: () =>
    new AppError(
      403,
      "csrf_failed",
      "The request is missing a valid CSRF token. Reload the page and try again.",
    ),
  crossSiteOrigin: () =>
    new AppError(
      403,
      "csrf_failed",
      "The request came from a page on another site, as its Origin header shows. Open this app at its own address and try again there.",
    ),
  forbidden: (message = "You do not have permission to do this.") =>
    new AppError(403, "forbidden", message),
  /** `label` is the permission's name as roles show it, not its key. */
  missingPermission: (label: string) =>
    new AppError(
      403,
      "missing_permission",
      `This needs the "${label}" permission. Ask a company owner to grant it to your role.`,
    ),
  notFound: (what: string) =>
    new AppError(404, "not_found", `${what} was not found.`),
  conflict: (message: string) => new AppError(409, "conflict", message),
  /** `message` names the customers, which the body lists as well. */
  phoneOnFile: (message: string, customers: Customer[]) =>
    new AppError(409, "phone_on_file", message, undefined, { customers }),
  setupDone: () =>
    new AppError(
      409,
      "setup_already_done",
      "This installation already has a company. Sign in instead.",
    ),
  pluginNotInstalled: () =>
    new AppError(
      409,
      "plugin_not_installed",
      "The SMS Inbox plugin is not installed for this company. Install it from Plugins.",
    ),
  pluginNotEnabled: () =>
    new AppError(
      403,
      "plugin_not_enabled",
      "SMS Inbox is not enabled at any of your locations. Ask an owner to enable it.",
    ),
  twilioNotConnected: () =>
    new AppError(
      409,
      "twilio_not_connected",
      "Twilio is not connected. Enter the Account SID, auth token and default number in company settings.",
    ),
  invalidIdempotencyKey: (message: string) =>
    new AppError(400, "invalid_idempotency_key", message, "Idempotency-Key"),
  idempotencyKeyReused: () =>
    new AppError(
      409,
      "idempotency_key_reused",
      "This Idempotency-Key was already used for a different message. Send a new key with each new message, and reuse a key only to repeat the same request.",
    ),
  messageNotRetryable: (reason: string) =>
    new AppError(409, "message_not_retryable", reason),
  twilio: (status: number, twilioCode: number | null, message: string) =>
    new AppError(
      status,
      twilioCode === null ? "twilio_error" : `twilio_${twilioCode}`,
      message,
    ),
  optedOut: (inboxNumber: string, keyword: string | null) =>
    new AppError(
      409,
      "opted_out",
      keyword === null
        ? `This customer opted out of texts from ${inboxNumber}: Twilio rejected an earlier text to them with error 21610. They must text START to ${inboxNumber} to receive texts again.`
        : `This customer texted ${keyword} on ${inboxNumber}, so Twilio blocks texts to them from that number. They must text START to ${inboxNumber} to receive texts again.`,
    ),
  webhookRejected: (statusCode: number, reason: string, message: string) =>
    new AppError(statusCode, `webhook_${reason}`, message),
  unsupportedMediaType: () =>
    new AppError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON with the header Content-Type: application/json.",
    ),
  mediaTypeNotAllowed: (contentType: string, allowed: string) =>
    new AppError(
      415,
      "media_type_not_allowed",
      `Attachments of type "${contentType || "(none)"}" are not supported here. The supported types are: ${allowed}.`,
    ),
  mediaTooLarge: (maxBytes: number) =>
    new AppError(
      413,
      "media_too_large",
      `The attachment is larger than the ${formatBytes(maxBytes)} limit (MEDIA_MAX_BYTES). Send a smaller file.`,
    ),
  mediaUrlNotAllowed: () =>
    new AppError(
      502,
      "media_url_not_allowed",
      "The attachment's stored URL is not on Twilio's API host, so the server did not fetch it.",
    ),
  mediaFetchFailed: (detail: string) =>
    new AppError(
      502,
      "media_fetch_failed",
      `The attachment could not be loaded from Twilio: ${detail}. Try again later.`,
    ),
  mediaFetchTimedOut: () =>
    new AppError(
      504,
      "media_fetch_timed_out",
      "Twilio did not send the attachment in time. Try again later.",
    ),
  mediaExpired: () =>
    new AppError(
      410,
      "media_expired",
      "This attachment link has expired. Attach the file again to send it.",
    ),
  tooManyLoginAttempts: (retryAfterSeconds: number) => {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));

    return new AppError(
      429,
      "too_many_login_attempts",
      `Too many failed sign-in attempts for this email. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    );
  },
  tooManyEventStreams: (max: number) =>
    new AppError(
      429,
      "too_many_event_streams",
      `You already have ${max} live-update connections open to the inbox. Close some inbox tabs, then reload this one.`,
    ),
  invitationNotFound: () =>
    new AppError(
      404,
      "invitation_not_found",
      "This invite link is not valid. It may have been replaced by a newer link. Check that you copied the whole link, or ask your administrator for a new one.",
    ),
  invitationUsed: () =>
    new AppError(
      410,
      "invitation_used",
      "This invite link was already used. Sign in with your email and the password you chose.",
    ),
  invitationExpired: () =>
    new AppError(
      410,
      "invitation_expired",
      "This invite link has expired. Ask your administrator to send you a new one.",
    ),
  invitationRevoked: () =>
    new AppError(
      410,
      "invitation_revoked",
      "This staff account was deactivated, so the invite link no longer works. Ask your administrator to reactivate the account.",
    ),
  /** The change would lock the company out of its own administration. */
  lastManager: (message: string) => new AppError(409, "last_manager", message),
  webhookChanged: (phoneNumber: string, currentSmsUrl: string) =>
    new AppError(
      409,
      "webhook_changed",
      currentSmsUrl === ""
        ? `The webhook of ${phoneNumber} changed on Twilio since the page was loaded: it is now unset. Nothing was changed. Review the number and try again.`
        : `The webhook of ${phoneNumber} changed on Twilio since the page was loaded: it is now ${currentSmsUrl}. Nothing was changed. Review the number and try again.`,
    ),
  webhookNumberNotOnAccount: (phoneNumber: string, accountSid: string) =>
    new AppError(
      409,
      "number_not_on_account",
      `${phoneNumber} is not on the connected Twilio account (${accountSid}), so its webhook cannot be set. Remove it from the inbox, or connect the account that owns it in company settings.`,
    ),
  webhookNumberNotSmsCapable: (phoneNumber: string) =>
    new AppError(
      409,
      "number_not_sms_capable",
      `${phoneNumber} cannot receive texts because Twilio lists it without SMS capability, so its webhook was not set. Use an SMS-capable number.`,
    ),
  invalidJson: (reason: string) =>
    new AppError(
      400,
      "invalid_json",
      `The request body could not be read as JSON because ${reason}. Send a JSON object encoded as UTF-8.`,
    ),
  badUrl: () =>
    new AppError(
      400,
      "bad_url",
      "A part of the URL path is not valid percent-encoded UTF-8. Encode each path segment as UTF-8 and send the request again.",
    ),
  pathSegmentTooLong: (maxLength: number) =>
    new AppError(
      414,
      "path_segment_too_long",
      `A part of the URL path is longer than ${maxLength} characters, more than any id or token in a path has. Check the URL and send the request again.`,
    ),
  jsonTooDeep: (maxDepth: number) =>
    new AppError(
      400,
      "invalid_json",
      `The request body nests arrays and objects more than ${maxDepth} levels deep, and no endpoint reads that deep. Send only the fields the endpoint takes.`,
    ),
  bodyTooLarge: (maxBytes: number) =>
    new AppError(
      413,
      "body_too_large",
      `The request body is larger than the ${formatBytes(maxBytes)} limit of this endpoint. Send less data.`,
    ),
  searchTooShort: (minLength: number) =>
    new AppError(
      400,
      "search_too_short",
      `q: type at least ${minLength} characters to search the inbox.`,
      "q",
    ),
  internal: () =>
    new AppError(
      500,
      "internal_error",
      "Something went wrong on the server. Try again; if it keeps failing, check the server log.",
    ),
  csvContentType: () =>
    new AppError(
      415,
      "csv_content_type",
      "Send the CSV file as the request body with the header Content-Type: text/csv.",
    ),
  csvTooLarge: (maxBytes: number) =>
    new AppError(
      413,
      "csv_too_large",
      `The CSV file is larger than the ${formatBytes(maxBytes)} limit. Split it into smaller files and import each one.`,
    ),
  csvTooManyRows: (maxRows: number, rows: number) =>
    new AppError(
      413,
      "csv_too_many_rows",
      `The CSV file has ${rows} rows, more than the limit of ${maxRows}. Split it into smaller files and import each one.`,
    ),
  csvInvalid: (message: string) => new AppError(400, "csv_invalid", message),
} as const;

function formatBytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);

  return megabytes >= 1
    ? `${Number(megabytes.toFixed(1))} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
