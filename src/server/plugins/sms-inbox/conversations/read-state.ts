import type { Db } from "../../../db/database.js";

/**
 * Records that a staff member has read a conversation up to `readAt`. A
 * read time never moves backwards, so a slow request cannot mark messages
 * unread again.
 */
export async function markConversationRead(
  db: Db,
  conversationId: string,
  staffId: string,
  readAt: string,
): Promise<void> {
  await db
    .insertInto("conversation_reads")
    .values({
      conversation_id: conversationId,
      staff_id: staffId,
      last_read_at: readAt,
    })
    .onConflict((conflict) =>
      conflict
        .columns(["conversation_id", "staff_id"])
        .doUpdateSet((eb) => ({
          last_read_at: eb.ref("excluded.last_read_at"),
        }))
        .where("conversation_reads.last_read_at", "<", readAt),
    )
    .execute();
}
