import type { Db } from "../../../db/database.js";
import { appendInboxEvent } from "../events/event-log.js";

/**
 * Records that a staff member has read a conversation up to `readAt`. A
 * read time never moves backwards, so a slow request cannot mark messages
 * unread again. A read time that moved appends a "conversation.read" event
 * for this staff member's other tabs; read state is per staff member.
 */
export async function markConversationRead(
  db: Db,
  read: {
    companyId: string;
    conversationId: string;
    staffId: string;
    readAt: string;
  },
): Promise<void> {
  const { conversationId, staffId, readAt } = read;

  await db.transaction().execute(async (trx) => {
    const result = await trx
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
      .executeTakeFirst();
    if (!result.numInsertedOrUpdatedRows) return;

    await appendInboxEvent(trx, {
      companyId: read.companyId,
      type: "conversation.read",
      conversationId,
      messageId: null,
      staffId,
    });
  });
}
