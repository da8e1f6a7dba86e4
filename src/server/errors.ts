/**
 * The error catalogue. Every error the API returns is an AppError with an
 * HTTP status, a stable machine code and a message that is safe to show.
 * The wire shape is `{ error: { code, message, field? } }`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
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
  forbidden: (message = "You do not have permission to do this.") =>
    new AppError(403, "forbidden", message),
  missingPermission: (permission: string) =>
    new AppError(
      403,
      "missing_permission",
      `This needs the "${permission}" permission. Ask a company owner to grant it to your role.`,
    ),
  notFound: (what: string) =>
    new AppError(404, "not_found", `${what} was not found.`),
  conflict: (message: string) => new AppError(409, "conflict", message),
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
  twilio: (status: number, twilioCode: number | null, message: string) =>
    new AppError(
      status,
      twilioCode === null ? "twilio_error" : `twilio_${twilioCode}`,
      message,
    ),
  webhookRejected: (statusCode: number, reason: string, message: string) =>
    new AppError(statusCode, `webhook_${reason}`, message),
  unsupportedMediaType: () =>
    new AppError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON with the header Content-Type: application/json.",
    ),
  tooManyLoginAttempts: (retryAfterSeconds: number) => {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));

    return new AppError(
      429,
      "too_many_login_attempts",
      `Too many failed sign-in attempts for this email. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    );
  },
  internal: () =>
    new AppError(
      500,
      "internal_error",
      "Something went wrong on the server. Try again; if it keeps failing, check the server log.",
    ),
} as const;

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
