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
  // Delivery errors arrive in status callbacks after Twilio accepted the
  // text, not as REST errors.
  [
    30003,
    "The customer's phone could not be reached: it may be switched off or out of coverage. Send it again as a new text once the customer is likely reachable.",
  ],
  [
    30004,
    "The text was blocked, by the customer or by their carrier. The customer may have blocked this number.",
  ],
  [
    30005,
    "The customer's number is unknown to their carrier or no longer in service. Check the number.",
  ],
  [
    30006,
    "The customer's number is a landline or its carrier cannot be reached, so it cannot receive texts.",
  ],
  [
    30007,
    "The carrier filtered the text as spam or unwanted content. Reword it, and in the US also check the number's A2P 10DLC registration.",
  ],
  [
    30008,
    "The carrier reported an unknown delivery error. Send the text again, and if it keeps failing, contact Twilio support with the message SID.",
  ],
  [
    30034,
    "US carriers blocked the text because the From number is not registered for A2P 10DLC. Register it in the Twilio Console.",
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

/** Options for the wording of an explanation. */
export interface TwilioFailureWording {
  /**
   * Leaves Twilio's error code and its docs link out of generic messages,
   * for callers that store the code beside the message and show it there.
   */
  omitCode?: boolean;
}

/** Returns what a Twilio REST failure means for staff and what to do. */
export function describeTwilioFailure(
  failure: TwilioRestFailure,
  wording: TwilioFailureWording = {},
): string {
  const known =
    failure.code === null ? undefined : explanations.get(failure.code);
  if (known) return known;

  const reason = failure.message.trim().replace(/\.$/, "");
  const detail = reason === "" ? "" : `: ${reason}`;
  if (failure.code === null) {
    return `Twilio rejected the request with HTTP ${failure.status}${detail}.`;
  }

  if (wording.omitCode) return `Twilio rejected the request${detail}.`;

  return (
    `Twilio rejected the request with error ${failure.code}${detail}. ` +
    `See https://www.twilio.com/docs/errors/${failure.code}.`
  );
}

/**
 * Returns what an ErrorCode in a status callback means for staff, such as
 * 30003 for an unreachable phone. The message leaves out the code, because
 * it is stored beside the code and the inbox shows the code in front of it.
 */
export function describeDeliveryError(code: number): string {
  return explanations.get(code) ?? "Twilio could not deliver the text.";
}
