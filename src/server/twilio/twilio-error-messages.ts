/**
 * Plain-language explanations of the Twilio REST error codes that staff meet
 * when texting, with what to do next. Twilio's own messages name the error
 * but rarely the fix.
 */
const explanations: ReadonlyMap<number, string> = new Map([
  [
    20003,
    "Twilio rejected the Account SID or auth token. Check the Twilio connection in company settings.",
  ],
  [
    20429,
    "Twilio is receiving too many requests from this account. Wait a moment and try again.",
  ],
  [
    21211,
    "The recipient's number is not a valid phone number. Check the number and try again.",
  ],
  [
    21606,
    "The From number cannot send this text: it is not an SMS-capable number on the connected Twilio account.",
  ],
  [
    21610,
    "The customer replied STOP, so Twilio blocks texts to this number until they text START.",
  ],
  [
    21612,
    "Twilio cannot deliver texts between this From number and the recipient, for example because the recipient is a landline or in an unsupported region.",
  ],
  [
    21614,
    "The recipient's number is not a mobile number, so it cannot receive texts.",
  ],
  [
    21617,
    "The message is longer than Twilio's limit of 1,600 characters. Shorten it and send it again.",
  ],
]);

/** A failure response from Twilio, with its HTTP status and error code. */
export interface TwilioRestFailure {
  status: number;
  code: number | null;
  /** Twilio's own message. It may quote phone numbers, so never log it. */
  message: string;
}

/**
 * Reads the status and code from an error thrown by the twilio package.
 * Returns null when Twilio never responded, such as on a refused connection
 * or a timeout.
 */
export function readTwilioFailure(error: unknown): TwilioRestFailure | null {
  if (typeof error !== "object" || error === null) return null;

  const { status, code, message } = error as Record<string, unknown>;
  if (typeof status !== "number") return null;

  return {
    status,
    code: typeof code === "number" ? code : null,
    message: typeof message === "string" ? message : "",
  };
}

/** Returns what a Twilio REST failure means for staff and what to do. */
export function describeTwilioFailure(failure: TwilioRestFailure): string {
  const known =
    failure.code === null ? undefined : explanations.get(failure.code);
  if (known) return known;

  const reason = failure.message.trim().replace(/\.$/, "");
  const detail = reason === "" ? "" : `: ${reason}`;
  if (failure.code === null) {
    return `Twilio rejected the request with HTTP ${failure.status}${detail}.`;
  }

  return (
    `Twilio rejected the request with error ${failure.code}${detail}. ` +
    `See https://www.twilio.com/docs/errors/${failure.code}.`
  );
}
