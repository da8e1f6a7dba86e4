import type { Selectable, Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import { newId } from "../../../db/ids.js";
import type { Database, OutboxJobsTable } from "../../../db/schema.js";

export type OutboxJob = Selectable<OutboxJobsTable>;

type Executor = Db | Transaction<Database>;

/** Queues the first delivery of a new message, due at once. */
export async function insertOutboxJob(
  db: Executor,
  job: { companyId: string; messageId: string; at: string },
): Promise<void> {
  await db
    .insertInto("outbox_jobs")
    .values({
      id: newId(),
      company_id: job.companyId,
      message_id: job.messageId,
      state: "pending",
      attempts: 0,
      next_attempt_at: job.at,
      locked_until: null,
      locked_by: null,
      reconcile_first: 0,
      last_error: null,
      queued_at: job.at,
      created_at: job.at,
      updated_at: job.at,
    })
    .execute();
}

/**
 * Makes a finished job of a failed message due again, with a fresh attempt
 * count, and returns false when the message has no finished job. A job
 * whose last attempt may have reached Twilio keeps its `queued_at`, so the
 * search on Twilio before the resend still covers that attempt.
 */
export async function requeueFinishedJob(
  db: Executor,
  messageId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("outbox_jobs")
    .set((eb) => ({
      state: "pending",
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      queued_at: eb
        .case()
        .when("reconcile_first", "=", 1)
        .then(eb.ref("queued_at"))
        .else(eb.val(at))
        .end(),
      updated_at: at,
    }))
    .where("message_id", "=", messageId)
    .where("state", "in", ["done", "failed"])
    .executeTakeFirst();

  return result.numUpdatedRows > 0n;
}

/**
 * Ends a claimed job as `done` or `failed`. Like rescheduleJob, it changes
 * nothing once the lease passed to another worker, which then owns the job.
 */
export async function finishJob(
  trx: Transaction<Database>,
  job: OutboxJob,
  end: {
    state: "done" | "failed";
    reconcileFirst: boolean;
    lastError: string | null;
    now: string;
  },
): Promise<void> {
  await trx
    .updateTable("outbox_jobs")
    .set({
      state: end.state,
      reconcile_first: end.reconcileFirst ? 1 : 0,
      last_error: end.lastError,
      locked_until: null,
      locked_by: null,
      updated_at: end.now,
    })
    .where("id", "=", job.id)
    .where("locked_by", "=", job.locked_by)
    .execute();
}

/** Returns a claimed job to `pending` for another attempt later. */
export async function rescheduleJob(
  trx: Transaction<Database>,
  job: OutboxJob,
  retry: {
    nextAttemptAt: string;
    reconcileFirst: boolean;
    lastError: string;
    now: string;
  },
): Promise<void> {
  await trx
    .updateTable("outbox_jobs")
    .set({
      state: "pending",
      next_attempt_at: retry.nextAttemptAt,
      reconcile_first: retry.reconcileFirst ? 1 : 0,
      last_error: retry.lastError,
      locked_until: null,
      locked_by: null,
      updated_at: retry.now,
    })
    .where("id", "=", job.id)
    .where("locked_by", "=", job.locked_by)
    .execute();
}
