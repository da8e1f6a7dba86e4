import type { InboxEvent } from "../../../common/api";

/** Twilio's error for rejected Account SID and auth token. */
const TWILIO_AUTHENTICATION_FAILED = 20003;

/**
 * Interval of the alerts poll. The server returns its stored check without
 * calling Twilio, so polling is cheap.
 */
export const ALERT_POLL_MS = 5 * 60 * 1000;

/** Minimum time between a load and a reload on returning to the tab or window. */
export const RETURN_RELOAD_MIN_INTERVAL_MS = 30_000;

/**
 * Delays of the reloads after a live event shows a text rejected with
 * error 20003. The server publishes the failed text first and then checks
 * the numbers on Twilio again to record the rejection, so a load right at
 * the event may still read the old check.
 * NOTE: a check that takes longer than 20 s, such as one over many numbers
 * on a slow Twilio, shows at the next poll or return to the tab.
 */
export const CREDENTIAL_FAILURE_RELOAD_DELAYS_MS: readonly number[] = [
  1_000, 5_000, 20_000,
];

/** Checks whether the event shows a text Twilio rejected with error 20003. */
export function isCredentialsRejectedSend(event: InboxEvent): boolean {
  const { message } = event;

  return (
    message !== null &&
    message.direction === "outbound" &&
    message.status === "failed" &&
    message.errorCode === TWILIO_AUTHENTICATION_FAILED
  );
}

/**
 * Checks whether returning to the tab or window should reload the alerts:
 * only when the last load started at least RETURN_RELOAD_MIN_INTERVAL_MS
 * ago. Times are in milliseconds since the epoch.
 */
export function isReturnReloadDue(
  lastLoadStartedAt: number,
  now: number,
): boolean {
  return now - lastLoadStartedAt >= RETURN_RELOAD_MIN_INTERVAL_MS;
}
