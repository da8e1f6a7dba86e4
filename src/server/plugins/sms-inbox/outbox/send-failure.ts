import { explainTwilioError } from "../../../twilio/twilio-errors.js";
import { readTwilioFailure } from "../../../twilio/twilio-error-messages.js";

/** The outcome of a failed attempt to send a text, for the outbox. */
export interface SendFailure {
  /** Transient failures are retried after a backoff. Permanent ones are final. */
  kind: "transient" | "permanent";
  /** True when Twilio may have created the message despite the error, so
   * the next attempt must look for it on Twilio before sending again. */
  mayHaveReachedTwilio: boolean;
  /** True when Twilio sent an HTTP response, so no request is in flight. */
  answered: boolean;
  /** Twilio's error code, or null when Twilio sent none. */
  errorCode: number | null;
  /**
   * Plain-language explanation, safe to show to staff. It leaves out
   * `errorCode`, which the inbox shows in front of it.
   */
  errorMessage: string;
}

// Errors raised before a connection carried the request, so nothing was sent.
const NOT_CONNECTED_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Classifies an error thrown by the twilio package. Twilio's 4xx responses
 * are permanent, except 429 (error 20429), which Twilio documents as not
 * processed and safe to retry. 5xx responses, timeouts and network errors
 * are transient. Of those, only refused or unresolved connections prove
 * that Twilio never saw the request.
 */
export function classifySendFailure(
  error: unknown,
  apiBaseUrl: string,
): SendFailure {
  const { code, message } = explainTwilioError(error, apiBaseUrl, {
    omitCode: true,
  });
  const response = readTwilioFailure(error);
  if (response) {
    const tooManyRequests = response.status === 429 || response.code === 20429;
    const serverError = response.status >= 500;

    return {
      kind: tooManyRequests || serverError ? "transient" : "permanent",
      mayHaveReachedTwilio: serverError,
      answered: true,
      errorCode: code,
      errorMessage: message,
    };
  }

  return {
    kind: "transient",
    mayHaveReachedTwilio: !NOT_CONNECTED_CODES.has(networkCode(error)),
    answered: false,
    errorCode: null,
    errorMessage: message,
  };
}

function networkCode(error: unknown): string {
  if (typeof error !== "object" || error === null) return "";

  const code = (error as { code?: unknown }).code;

  return typeof code === "string" ? code : "";
}
