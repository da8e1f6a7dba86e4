import type { Db } from "../../../db/database.js";
import { appendInboxEvent } from "../events/event-log.js";
import {
  addToStaffReadCount,
  countInboundReadAt,
  lockConversation,
} from "./unread-counters.js";

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
  const { companyId, conversationId, staffId, readAt } = read;

  await db.transaction().execute(async (trx) => {
    const conversation = await lockConversation(trx, conversationId);
    if (!conversation) return;

    const previous = await trx
      .selectFrom("conversation_reads")
      .select(["last_read_at", "read_inbound_count"])
      .where("conversation_id", "=", conversationId)
      .where("staff_id", "=", staffId)
      .executeTakeFirst();
    if (previous && previous.last_read_at >= readAt) return;

    const readCount = await countInboundReadAt(trx, conversation, readAt);
    await trx
      .insertInto("conversation_reads")
      .values({
        conversation_id: conversationId,
        staff_id: staffId,
        last_read_at: readAt,
        read_inbound_count: readCount,
      })
      .onConflict((conflict) =>
        conflict.columns(["conversation_id", "staff_id"]).doUpdateSet({
          last_read_at: readAt,
          read_inbound_count: readCount,
        }),
      )
      .execute();
    await addToStaffReadCount(
      trx,
      companyId,
      staffId,
      readCount - (previous?.read_inbound_count ?? 0),
    );

    await appendInboxEvent(trx, {
      companyId,
      type: "conversation.read",
      conversationId,
      messageId: null,
      staffId,
    });
  });
}
