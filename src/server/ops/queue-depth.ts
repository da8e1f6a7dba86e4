import type { Db } from "../db/database.js";

/** Counts outbox jobs still to be sent: waiting (pending) or in progress (sending). */
export async function countQueuedJobs(db: Db): Promise<number> {
  const row = await db
    .selectFrom("outbox_jobs")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("state", "in", ["pending", "sending"])
    .executeTakeFirstOrThrow();

  return Number(row.count);
}
