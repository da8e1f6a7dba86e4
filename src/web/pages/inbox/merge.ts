import type { ConversationSummary, Message } from "../../../common/api";

/**
 * Merges lists of conversations by id, newest activity first. A later list
 * wins for the same id, so pass lists from the oldest data to the freshest.
 */
export function mergeConversations(
  ...lists: ConversationSummary[][]
): ConversationSummary[] {
  const byId = new Map<string, ConversationSummary>();
  for (const list of lists) {
    for (const conversation of list) byId.set(conversation.id, conversation);
  }

  return [...byId.values()].sort(
    (a, b) =>
      b.lastMessageAt.localeCompare(a.lastMessageAt) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Merges lists of messages by id, oldest first. A later list wins for the
 * same id, so a polled page's delivery status replaces a stale one.
 */
export function mergeMessages(...lists: Message[][]): Message[] {
  const byId = new Map<string, Message>();
  for (const list of lists) {
    for (const message of list) byId.set(message.id, message);
  }

  return [...byId.values()].sort(
    (a, b) =>
      new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() ||
      a.id.localeCompare(b.id),
  );
}
