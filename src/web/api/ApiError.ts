import type { ApiErrorBody, Customer } from "../../common/api";

/** An error response from the API, or a request that never got one. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** Stable machine code, such as `validation_failed`. */
    readonly code: string,
    message: string,
    /** The request field the error is about, when the server names one. */
    readonly field?: string,
    /** The customers that already have the number, with "phone_on_file". */
    readonly customers?: Customer[],
  ) {
    super(message);
    this.name = "ApiError";
  }

  static fromBody(status: number, body: ApiErrorBody): ApiError {
    const { code, message, field, customers } = body.error;

    return new ApiError(status, code, message, field, customers);
  }

  static network(): ApiError {
    return new ApiError(
      0,
      "network_error",
      "Could not reach the server. Check your connection and try again.",
    );
  }

  static unexpected(status: number): ApiError {
    return new ApiError(
      status,
      "unexpected_response",
      `The server returned an unexpected response (HTTP ${status}). ` +
        "Try again, and check the server log if it keeps failing.",
    );
  }
}

/** Wraps anything thrown by a request so forms always get an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;

  return ApiError.network();
}

/** Narrows a parsed JSON value to the API's error shape. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null) return false;
  if (!("error" in value)) return false;

  const error: unknown = value.error;
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string" &&
    "message" in error &&
    typeof error.message === "string"
  );
}

/**
 * Returns the error's message when the server tied it to `field` (or to a
 * nested path under it, such as `numbers.0` under `numbers`).
 */
export function fieldError(
  error: ApiError | null,
  field: string,
): string | undefined {
  if (!error?.field) return undefined;

  const matches = error.field === field || error.field.startsWith(`${field}.`);
  if (!matches) return undefined;

  // The server's message starts with the field's path, such as
  // "password: ...", which reads oddly right under that field.
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
}

/** Checks that the error belongs to none of the form's fields. */
export function isFormLevelError(error: ApiError, fields: readonly string[]) {
  return !fields.some((field) => fieldError(error, field) !== undefined);
}
