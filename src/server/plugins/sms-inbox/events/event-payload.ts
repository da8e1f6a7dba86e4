import type { InboxEvent, Message } from "../../../../common/api.js";
import type { Db } from "../../../db/database.js";
import { presentConversationSummary } from "../conversations/conversation-presenter.js";
import {
  attachCustomersToOne,
  type ConversationCustomers,
} from "../conversations/customer-matches.js";
import { presentMessage } from "../messages/message-presenter.js";
import { findMessage, listMedia } from "../messages/message-queries.js";
import { loadViewerSummary, loadViewerUnread } from "./batched-reads.js";
import type { InboxEventRow, StreamViewer } from "./event-queries.js";
import { SharedEventParts } from "./shared-event-parts.js";

/**
 * Loads the current state an event points at, as the viewer sees it, or
 * returns null when its conversation is gone. Every query is scoped to the
 * viewer's company, so another company's rows can never be sent. Streams
 * that load the same event at once share one summary query for all their
 * staff members (see batched-reads.ts). A pending `totalUnread` is awaited
 * together with the summary, so the two queries run at the same time.
 */
export async function loadEventPayload(
  db: Db,
  viewer: StreamViewer,
  event: InboxEventRow,
  totalUnread: number | Promise<number>,
): Promise<InboxEvent | null> {
  const [conversation, message, unread] = await Promise.all([
    loadViewerSummary(db, viewer, event.conversation_id),
    sharedMessages.load(viewer.companyId, event.id, () =>
      loadMessage(db, viewer.companyId, event.message_id),
    ),
    totalUnread,
  ]);
  if (!conversation) return null;

  // The customers depend only on the conversation's number and chosen
  // customer, not on the viewer.
  const { customers } = await sharedCustomers.load(
    viewer.companyId,
    event.id,
    () => attachCustomersToOne(db, viewer.companyId, conversation),
  );

  return {
    type: event.type,
    conversation: presentConversationSummary({ ...conversation, customers }),
    message,
    totalUnread: unread,
  };
}

const sharedMessages = new SharedEventParts<Message | null>();
const sharedCustomers = new SharedEventParts<{
  customers: ConversationCustomers;
}>();

async function loadMessage(
  db: Db,
  companyId: string,
  messageId: string | null,
): Promise<Message | null> {
  if (messageId === null) return null;

  // The media are looked up by message id alone, so they are read at the
  // same time as the message and used only when the company's lookup of the
  // message finds it.
  const [message, media] = await Promise.all([
    findMessage(db, companyId, messageId),
    listMedia(db, [messageId]),
  ]);
  if (!message) return null;

  return presentMessage(message, media);
}

/** Counts the viewer's unread texts, once for each batch of events. */
export function countViewerUnread(
  db: Db,
  viewer: StreamViewer,
): Promise<number> {
  return loadViewerUnread(db, viewer);
}
