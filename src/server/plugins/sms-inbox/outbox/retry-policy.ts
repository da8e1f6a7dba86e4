/** The parts of a stored message that decide whether staff may retry it. */
export interface RetryCandidate {
  direction: "inbound" | "outbound";
  status: string;
  error_code: number | null;
}

/**
 * Twilio errors that sending the same text again cannot fix, each with the
 * reason given to staff. Other failures (timeouts, outages, 20429, 20003
 * once the connection is fixed, 21606 once the number is set up) may pass
 * on a later attempt.
 */
const finalFailures: ReadonlyMap<number, string> = new Map([
  [
    21211,
    "Twilio rejected the recipient's number as invalid, so sending it again would fail the same way. Start a conversation with the correct number instead.",
  ],
  [
    21610,
    "The customer replied STOP, so Twilio blocks every text to them until they text START.",
  ],
  [
    21614,
    "The recipient's number is not a mobile number, so it cannot receive texts.",
  ],
  [
    21617,
    "The message is longer than Twilio's limit of 1,600 characters. Send a shorter message instead.",
  ],
]);

/** Returns whether staff may send a failed outbound message again. */
export function isRetryableFailure(message: RetryCandidate): boolean {
  return retryRefusal(message) === null;
}

/** Returns why a message cannot be sent again, or null when it can. */
export function retryRefusal(message: RetryCandidate): string | null {
  if (message.direction !== "outbound") {
    return "Only texts sent from the inbox can be retried; this one was received.";
  }

  if (message.status !== "failed") {
    return `Only failed texts can be retried; this one is ${message.status}.`;
  }

  const code = message.error_code;

  return code === null ? null : (finalFailures.get(code) ?? null);
}
