import { sql } from "kysely";
import { preparedQuery } from "../../../db/prepared-query.js";
import type { MessagesTable } from "../../../db/schema.js";

/*
 * conversations.last_message_failed marks a conversation whose last text
 * did not reach the customer, so the list reads it from the row that
 * contains the preview. recordMessage sets it from each new last message.
 * Three writes can move an outbound text into or out of
 * UNDELIVERED_STATUSES: a status callback, the outbox's outcome of a send
 * and a retry by staff. Each calls syncLastMessageFailure before it appends
 * the message's event, so the event carries the new flag. A text that the
 * outbox will send again stays "queued", so the flag is 0 while it waits.
 */

/**
 * Statuses of an outbound text that did not reach the customer: Twilio
 * could not send it, the carrier could not deliver it, or a scheduled
 * text was canceled. The thread shows the same three as failed
 * (src/web/pages/inbox/DeliveryStatus.tsx).
 */
export const UNDELIVERED_STATUSES = [
  "failed",
  "undelivered",
  "canceled",
] as const;

const undelivered: ReadonlySet<string> = new Set(UNDELIVERED_STATUSES);

/** Returns the last_message_failed value for a conversation's last message. */
export function lastMessageFailedValue(
  message: Pick<MessagesTable, "direction" | "status">,
): 0 | 1 {
  return message.direction === "outbound" && undelivered.has(message.status)
    ? 1
    : 0;
}

/**
 * Sets last_message_failed of the message's conversation from the stored
 * status of the message, when it is the conversation's last message and
 * the flag changes. Run it after the statement that changed the status,
 * in the same transaction, and before appending the message's event: the
 * UPDATE locks the conversation row on PostgreSQL, and writers lock
 * conversations before the company's event log.
 */
export const syncLastMessageFailure = preparedQuery(
  (db, p: { messageId: string }) => {
    const failed = sql<number>`CASE WHEN ${sql.ref("m.direction")} = 'outbound'
      AND ${sql.ref("m.status")} IN (${sql.join(UNDELIVERED_STATUSES.map((status) => sql.lit(status)))})
      THEN 1 ELSE 0 END`;

    return db
      .updateTable("conversations")
      .from("messages as m")
      .set({ last_message_failed: failed })
      .where("m.id", "=", p.messageId)
      .whereRef("conversations.id", "=", "m.conversation_id")
      .whereRef("conversations.last_message_id", "=", "m.id")
      .where("conversations.last_message_failed", "<>", failed);
  },
);
