import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { OutboxJob } from "./outbox-queries.js";
import { claimNextJobWithFreeSlot, nextDueInSlotAt } from "./sender-slots.js";

/**
 * Claims the oldest due job for `workerId` until `lockedUntil`, or returns
 * undefined when none is due. The `state = 'pending'` condition on the
 * UPDATE itself makes the claim atomic. Two workers can pick the same id,
 * but only one UPDATE matches it. On PostgreSQL the inner SELECT takes
 * `FOR UPDATE SKIP LOCKED`, so concurrent workers pick different jobs
 * instead of waiting on one row and then finding it claimed.
 *
 * With a `sendIntervalMs` above 0, it passes over jobs whose sending
 * number's slot is in the future (see claimNextJobWithFreeSlot).
 */
export async function claimNextJob(
  db: Db,
  claim: {
    workerId: string;
    now: string;
    lockedUntil: string;
    sendIntervalMs?: number;
  },
): Promise<OutboxJob | undefined> {
  if ((claim.sendIntervalMs ?? 0) > 0) {
    return claimNextJobWithFreeSlot(db, claim);
  }

  // SQLite has no row locks, and it runs one write transaction at a time.
  const skipLockedRows = isPostgres(db);

  return db
    .updateTable("outbox_jobs")
    .set((eb) => ({
      state: "sending",
      attempts: eb("attempts", "+", 1),
      locked_until: claim.lockedUntil,
      locked_by: claim.workerId,
      updated_at: claim.now,
    }))
    .where("id", "=", (eb) =>
      eb
        .selectFrom("outbox_jobs")
        .select("id")
        .where("state", "=", "pending")
        .where("next_attempt_at", "<=", claim.now)
        .orderBy("next_attempt_at")
        .orderBy("created_at")
        .limit(1)
        .$if(skipLockedRows, (select) => select.forUpdate().skipLocked()),
    )
    .where("state", "=", "pending")
    .returningAll()
    .executeTakeFirst();
}

/**
 * Returns `sending` jobs to `pending` and marks them to be reconciled with
 * Twilio before any resend. It releases every lease that expired before
 * `expiredBefore`, or every lease when that is null, and returns the count.
 */
export async function releaseLeases(
  db: Db,
  options: { now: string; expiredBefore: string | null },
): Promise<number> {
  let query = db
    .updateTable("outbox_jobs")
    .set({
      state: "pending",
      reconcile_first: 1,
      next_attempt_at: options.now,
      locked_until: null,
      locked_by: null,
      updated_at: options.now,
    })
    .where("state", "=", "sending");
  if (options.expiredBefore !== null) {
    query = query.where("locked_until", "<=", options.expiredBefore);
  }
  const result = await query.executeTakeFirst();

  return Number(result.numUpdatedRows);
}

/**
 * Returns when the next pending job is due, or null when none is pending.
 * With `rateLimited`, a job is due no earlier than its number's send slot.
 */
export async function nextDueAt(
  db: Db,
  options: { rateLimited?: boolean } = {},
): Promise<string | null> {
  if (options.rateLimited) return nextDueInSlotAt(db);

  const row = await db
    .selectFrom("outbox_jobs")
    .select((eb) => eb.fn.min("next_attempt_at").as("due"))
    .where("state", "=", "pending")
    .executeTakeFirst();

  return row?.due ?? null;
}
