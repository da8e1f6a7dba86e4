import {
  describeTwilioFailure,
  readTwilioFailure,
  type TwilioFailureWording,
  type TwilioRestFailure,
} from "./twilio-error-messages.js";

/** A Twilio failure translated for the API: status to reply with and why. */
export interface TwilioErrorExplanation {
  /** HTTP status for our own response, not the one Twilio sent. */
  status: number;
  /** Twilio's error code, or null when Twilio sent no response. */
  code: number | null;
  /** Explanation of what failed and what to do, safe to show to staff. */
  message: string;
  /**
   * Why no response came, such as "connect ECONNREFUSED 127.0.0.1:9" or a
   * timeout. Set only when the request reached no Twilio server.
   */
  noResponseReason?: string;
}

/**
 * Explains an error thrown by the twilio package. Twilio error responses
 * keep their code. Refused connections, DNS failures and timeouts become a
 * message naming `apiBaseUrl`. Pass the result to `errors.twilio` to throw.
 */
export function explainTwilioError(
  error: unknown,
  apiBaseUrl: string,
  wording: TwilioFailureWording = {},
): TwilioErrorExplanation {
  const failure = readTwilioFailure(error);
  if (failure) {
    return {
      status: responseStatus(failure),
      code: failure.code,
      message: describeTwilioFailure(failure, wording),
    };
  }

  const reason = networkFailureReason(error);
  if (reason === null) {
    return {
      status: 502,
      code: null,
      message:
        "The request to Twilio failed unexpectedly. Check the server log and try again.",
    };
  }

  return {
    status: isTimeout(error) ? 504 : 502,
    code: null,
    message: `Could not reach Twilio at ${apiBaseUrl}: ${reason}. Check the server's network.`,
    noResponseReason: reason,
  };
}

/**
 * Twilio's 400s are about what staff entered (a number, a message), so they
 * stay 400. Everything else is a problem between this server and Twilio.
 */
function responseStatus(failure: TwilioRestFailure): number {
  if (failure.status === 400) return 400;

  if (failure.status === 429) return 503;

  return 502;
}

/**
 * Returns the reason a request received no response, such as
 * "connect ECONNREFUSED 127.0.0.1:9", or null for other errors. Node and
 * axios (used by the twilio package) give these errors a string `code`.
 */
function networkFailureReason(error: unknown): string | null {
  if (!(error instanceof Error)) return null;

  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return null;

  return error.message.trim().replace(/\.$/, "") || code;
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;

  return code === "ECONNABORTED" || code === "ETIMEDOUT";
}
