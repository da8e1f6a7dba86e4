import type { Config } from "../../../config.js";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import type { OutboxJob } from "./outbox-queries.js";

/**
 * Returns the minimum time between two sends from one number, in ms, or 0
 * when OUTBOX_RATE_PER_NUMBER is 0 (no limit).
 */
export function sendIntervalMs(config: Config): number {
  const rate = config.outbox.ratePerNumber;

  return rate > 0 ? Math.ceil(1_000 / rate) : 0;
}

/**
 * Claims the oldest due job whose sending number's slot is free at `now`,
 * like claimNextJob. Jobs of a number whose slot is in the future are passed
 * over, so they never hold up other numbers. The claim does not take the
 * slot: reserveSendSlot does, right before the send, so the spacing holds
 * for the requests to Twilio and not only for the claims.
 *
 * NOTE: the slot filter needs a join, so no index gives the order. Each
 * claim reads every due job, and its cost grows with the backlog.
 */
export async function claimNextJobWithFreeSlot(
  db: Db,
  claim: { workerId: string; now: string; lockedUntil: string },
): Promise<OutboxJob | undefined> {
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
        .selectFrom("outbox_jobs as job")
        .innerJoin("messages as message", "message.id", "job.message_id")
        .leftJoin("outbox_sender_slots as slot", (join) =>
          join
            .onRef("slot.company_id", "=", "job.company_id")
            .onRef("slot.from_number", "=", "message.from_number"),
        )
        .select("job.id")
        .where("job.state", "=", "pending")
        .where("job.next_attempt_at", "<=", claim.now)
        .where((where) =>
          where.or([
            where("slot.next_send_at", "is", null),
            where("slot.next_send_at", "<=", claim.now),
          ]),
        )
        .orderBy("job.next_attempt_at")
        .orderBy("job.created_at")
        .limit(1)
        // Only the job row is locked, because the slot may have no row yet.
        .$if(skipLockedRows, (select) => select.forUpdate("job").skipLocked()),
    )
    .where("state", "=", "pending")
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes the send slot of `fromNumber` when it is free at `now`, and holds
 * it until `holdUntil`. Returns false when another worker has taken it. The
 * upsert only moves a slot that is free, and on PostgreSQL a concurrent
 * upsert of the same row waits for the first one to commit and then sees
 * the moved slot. So of two instances, one sends and the other gets false.
 * The holder ends the hold with scheduleNextSend once the send is over.
 *
 * NOTE: `now` comes from this process's clock, so instances on hosts whose
 * clocks differ can send closer together by that difference.
 */
export async function reserveSendSlot(
  db: Db,
  slot: {
    companyId: string;
    fromNumber: string;
    now: string;
    holdUntil: string;
  },
): Promise<boolean> {
  const reserved = await db
    .insertInto("outbox_sender_slots")
    .values({
      company_id: slot.companyId,
      from_number: slot.fromNumber,
      next_send_at: slot.holdUntil,
    })
    .onConflict((conflict) =>
      conflict
        .columns(["company_id", "from_number"])
        .doUpdateSet({ next_send_at: slot.holdUntil })
        .where("outbox_sender_slots.next_send_at", "<=", slot.now),
    )
    .returning("from_number")
    .executeTakeFirst();

  return reserved !== undefined;
}

/**
 * Ends the hold that reserveSendSlot took, so the next send from the number
 * may start at `nextSendAt`. It changes nothing when the hold is no longer
 * this one, because it expired and another worker took the slot.
 */
export async function scheduleNextSend(
  db: Db,
  slot: {
    companyId: string;
    fromNumber: string;
    holdUntil: string;
    nextSendAt: string;
  },
): Promise<void> {
  await db
    .updateTable("outbox_sender_slots")
    .set({ next_send_at: slot.nextSendAt })
    .where("company_id", "=", slot.companyId)
    .where("from_number", "=", slot.fromNumber)
    .where("next_send_at", "=", slot.holdUntil)
    .execute();
}

/**
 * Returns a claimed job to `pending` without counting the attempt, when its
 * number's slot was taken between the claim and the send. Like finishJob,
 * it changes nothing once the lease passed to another worker.
 */
export async function returnUnsentJob(
  db: Db,
  job: OutboxJob,
  now: string,
): Promise<void> {
  await db
    .updateTable("outbox_jobs")
    .set((eb) => ({
      state: "pending",
      attempts: eb("attempts", "-", 1),
      locked_until: null,
      locked_by: null,
      updated_at: now,
    }))
    .where("id", "=", job.id)
    .where("locked_by", "=", job.locked_by)
    .execute();
}

/**
 * Returns when the next pending job is due and its number's slot is free,
 * or null when no job is pending.
 */
export async function nextDueInSlotAt(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom("outbox_jobs as job")
    .innerJoin("messages as message", "message.id", "job.message_id")
    .leftJoin("outbox_sender_slots as slot", (join) =>
      join
        .onRef("slot.company_id", "=", "job.company_id")
        .onRef("slot.from_number", "=", "message.from_number"),
    )
    .select((eb) =>
      eb.fn
        .min(
          eb
            .case()
            .when("slot.next_send_at", ">", eb.ref("job.next_attempt_at"))
            .then(eb.ref("slot.next_send_at"))
            .else(eb.ref("job.next_attempt_at"))
            .end(),
        )
        .as("due"),
    )
    .where("job.state", "=", "pending")
    .executeTakeFirst();

  return row?.due ?? null;
}
