import type { AppContext } from "../../../context.js";
import { countSendOutcome } from "../../../ops/ops-state.js";
import type { OutboundMessage } from "../messages/outbound-store.js";
import { retryDelayMs } from "./backoff.js";
import { storeFailure, storeRetry } from "./delivery-store.js";
import type { OutboxJob } from "./outbox-queries.js";
import type { SendFailure } from "./send-failure.js";

const MAY_HAVE_REACHED_TWILIO =
  "Twilio may still have received the text. Retrying looks for it on Twilio first, so it is not sent twice.";

/**
 * Returns the backoff before the next attempt. A request left unanswered
 * may still be running at Twilio, so the search before the next attempt
 * waits at least as long as that request was given, letting it finish.
 */
function retryDelay(ctx: AppContext, job: OutboxJob, failure: SendFailure) {
  const backoffMs = retryDelayMs(job.attempts, ctx.config.outbox);
  if (failure.answered || !failure.mayHaveReachedTwilio) return backoffMs;

  return Math.max(backoffMs, ctx.config.twilioTimeoutMs);
}

/**
 * Stores a failed attempt. A transient failure is retried after a backoff
 * while attempts remain. A permanent failure, or the last transient one,
 * fails the message with the error's explanation.
 */
export async function storeAttemptFailure(
  ctx: AppContext,
  job: OutboxJob,
  message: OutboundMessage,
  failure: SendFailure,
): Promise<void> {
  const now = new Date();
  const { maxAttempts } = ctx.config.outbox;
  const logFields = {
    jobId: job.id,
    messageId: job.message_id,
    attempts: job.attempts,
    twilioCode: failure.errorCode,
  };
  if (failure.kind === "transient" && job.attempts < maxAttempts) {
    const delayMs = retryDelay(ctx, job, failure);
    await storeRetry(ctx.db, job, {
      nextAttemptAt: new Date(now.getTime() + delayMs).toISOString(),
      reconcileFirst: failure.mayHaveReachedTwilio,
      // The thread shows a queued text's last error on its own, without
      // the code that it shows in front of a failed text's message.
      lastError:
        failure.errorCode === null
          ? failure.errorMessage
          : `Error ${failure.errorCode}: ${failure.errorMessage}`,
      now: now.toISOString(),
    });
    countSendOutcome(ctx, "retried");
    ctx.logger.info({ ...logFields, delayMs }, "outbound text will be retried");

    return;
  }

  await storeFailure(ctx.db, job, message, {
    errorCode: failure.errorCode,
    errorMessage: failure.mayHaveReachedTwilio
      ? `${failure.errorMessage} ${MAY_HAVE_REACHED_TWILIO}`
      : failure.errorMessage,
    reconcileFirst: failure.mayHaveReachedTwilio,
    now: now.toISOString(),
  });
  countSendOutcome(ctx, "failed_permanent");
  ctx.logger.warn({ ...logFields, kind: failure.kind }, "outbound text failed");
}
