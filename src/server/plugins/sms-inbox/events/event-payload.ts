import type { InboxEvent } from "../../../../common/api.js";
import type { Db } from "../../../db/database.js";
import { presentConversationSummary } from "../conversations/conversation-presenter.js";
import {
  countUnreadMessages,
  findConversationSummary,
} from "../conversations/conversation-queries.js";
import { presentMessage } from "../messages/message-presenter.js";
import { findMessage, listMedia } from "../messages/message-queries.js";
import type { InboxEventRow, StreamViewer } from "./event-queries.js";

/**
 * Loads the current state an event points at, as the viewer sees it, or
 * returns null when its conversation is gone. Every query is scoped to the
 * viewer's company, so another company's rows can never be sent.
 */
export async function loadEventPayload(
  db: Db,
  viewer: StreamViewer,
  event: InboxEventRow,
  totalUnread: number,
): Promise<InboxEvent | null> {
  const [conversation, message] = await Promise.all([
    findConversationSummary(
      db,
      viewer.companyId,
      viewer.staffId,
      event.conversation_id,
    ),
    event.message_id === null
      ? null
      : findMessage(db, viewer.companyId, event.message_id),
  ]);
  if (!conversation) return null;

  const media = message ? await listMedia(db, [message.id]) : [];

  return {
    type: event.type,
    conversation: presentConversationSummary(conversation),
    message: message ? presentMessage(message, media) : null,
    totalUnread,
  };
}

/** Counts the viewer's unread texts, once for each batch of events. */
export function countViewerUnread(
  db: Db,
  viewer: StreamViewer,
): Promise<number> {
  return countUnreadMessages(db, viewer.companyId, viewer.staffId);
}
