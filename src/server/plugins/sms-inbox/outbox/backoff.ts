export interface BackoffPolicy {
  /** Upper bound of the first delay, in ms. */
  retryBaseMs: number;
  /** Upper bound of any delay, in ms. */
  retryMaxMs: number;
}

/**
 * Returns the wait before the next attempt after `attempts` failed ones. It
 * is exponential backoff with full jitter, which picks a random delay from
 * 0 up to min(retryMaxMs, retryBaseMs * 2^(attempts - 1)). The jitter spreads out
 * retries that failed together, such as every send during an outage.
 */
export function retryDelayMs(
  attempts: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  const ceiling = Math.min(
    policy.retryMaxMs,
    policy.retryBaseMs * 2 ** Math.min(exponent, 30),
  );

  return Math.floor(random() * ceiling);
}
