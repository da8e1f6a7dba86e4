import { sql, type RawBuilder } from "kysely";

/**
 * Orders Twilio's message statuses along the lifecycle, so a status callback
 * can only move a message forward. Twilio does not send status callbacks in
 * order, so `sent` may arrive after `delivered`. The terminal statuses share
 * rank 5, so the first of them to arrive wins. Only `read` (WhatsApp and
 * RCS) comes after them. Inbound `receiving` and `received` rank with
 * `sending` and `delivered`.
 */
const STATUS_RANKS: ReadonlyMap<string, number> = new Map([
  ["scheduled", 0],
  ["accepted", 1],
  ["queued", 2],
  ["sending", 3],
  ["receiving", 3],
  ["sent", 4],
  ["delivered", 5],
  ["undelivered", 5],
  ["failed", 5],
  ["canceled", 5],
  ["partially_delivered", 5],
  ["received", 5],
  ["read", 6],
]);

/**
 * The rank of a status Twilio may add later, such as a new terminal state.
 * Treating it as terminal means it never overwrites delivered or failed,
 * and sent never overwrites it.
 */
const UNKNOWN_STATUS_RANK = 5;

export function messageStatusRank(status: string): number {
  return STATUS_RANKS.get(status) ?? UNKNOWN_STATUS_RANK;
}

/**
 * Returns a SQL CASE expression that ranks the stored `status` column the
 * same way as messageStatusRank, so an UPDATE can compare ranks atomically.
 */
export function storedStatusRankSql(): RawBuilder<number> {
  const cases = [...STATUS_RANKS].map(
    ([status, rank]) => sql`WHEN ${status} THEN ${sql.lit(rank)}`,
  );

  return sql<number>`(CASE ${sql.ref("status")} ${sql.join(cases, sql` `)} ELSE ${sql.lit(UNKNOWN_STATUS_RANK)} END)`;
}
