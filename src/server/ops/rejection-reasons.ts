/**
 * Rejection reasons of errors that rejectWebhook created. This module
 * imports nothing, so the webhook modules can use it without an import
 * cycle through the metrics.
 */
const reasons = new WeakMap<Error, string>();

/** Records why rejectWebhook rejected a request, for the rejection counter. */
export function tagWebhookRejection(error: Error, reason: string): void {
  reasons.set(error, reason);
}

/** Returns the reason recorded for `error`, if rejectWebhook created it. */
export function webhookRejectionReason(error: Error): string | undefined {
  return reasons.get(error);
}
