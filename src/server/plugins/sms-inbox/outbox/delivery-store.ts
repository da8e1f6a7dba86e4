import type { Db } from "../../../db/database.js";
import {
  saveDeliveryOutcome,
  setPendingStatus,
  type DeliveryOutcome,
  type OutboundMessage,
} from "../messages/outbound-store.js";
import { recordOptOutFromSendFailure } from "../opt-out/opt-out-store.js";
import { finishJob, rescheduleJob, type OutboxJob } from "./outbox-queries.js";

/** Twilio's error for a recipient who replied STOP. */
const UNSUBSCRIBED_RECIPIENT = 21610;

/**
 * Each function here ends one attempt. It stores the message's new state
 * and the job's in one transaction, so they never disagree after a crash.
 */

/** Stores the message Twilio accepted, or the copy found on Twilio. */
export async function storeDelivered(
  db: Db,
  job: OutboxJob,
  outcome: DeliveryOutcome,
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await saveDeliveryOutcome(trx, job.message_id, outcome, now);
    await finishJob(trx, job, {
      state: "done",
      reconcileFirst: false,
      lastError: null,
      now,
    });
  });
}

/** Ends a job whose message is missing, so it is not claimed again. */
export async function storeOrphanFailure(
  db: Db,
  job: OutboxJob,
  now: string,
): Promise<void> {
  await db.transaction().execute((trx) =>
    finishJob(trx, job, {
      state: "failed",
      reconcileFirst: false,
      lastError: "The job's outbound message was not found.",
      now,
    }),
  );
}

/** Puts the message back in the queue until the next attempt. */
export async function storeRetry(
  db: Db,
  job: OutboxJob,
  retry: {
    nextAttemptAt: string;
    reconcileFirst: boolean;
    lastError: string;
    now: string;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setPendingStatus(trx, job.message_id, "queued", retry.now);
    await rescheduleJob(trx, job, retry);
  });
}

/**
 * Marks the message failed for good. A rejection with error 21610 also
 * records that the customer opted out of texts from this number.
 */
export async function storeFailure(
  db: Db,
  job: OutboxJob,
  message: OutboundMessage,
  failure: {
    errorCode: number | null;
    errorMessage: string;
    /** True when Twilio may have the message, so a retry looks first. */
    reconcileFirst: boolean;
    now: string;
  },
): Promise<void> {
  const { errorCode, errorMessage, reconcileFirst, now } = failure;
  const outcome = {
    status: "failed",
    twilioSid: null,
    errorCode,
    errorMessage,
  };

  await db.transaction().execute(async (trx) => {
    await saveDeliveryOutcome(trx, job.message_id, outcome, now);
    await finishJob(trx, job, {
      state: "failed",
      reconcileFirst,
      lastError: errorMessage,
      now,
    });
    if (errorCode !== UNSUBSCRIBED_RECIPIENT) return;

    await recordOptOutFromSendFailure(trx, {
      companyId: message.companyId,
      customerNumber: message.to,
      inboxNumber: message.from,
      at: now,
    });
  });
}
