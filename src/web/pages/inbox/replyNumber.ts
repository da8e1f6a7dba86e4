import type { ConversationSummary, InboxNumber } from "../../../common/api";
import { pickReplyNumber } from "../../../common/reply-number";

/**
 * Returns the number a reply goes out on, as the server chooses it, or the
 * conversation's inbox number when `numbers` has no default.
 */
export function replyNumberOf(
  conversation: ConversationSummary,
  numbers: InboxNumber[],
): string {
  return (
    pickReplyNumber(numbers, conversation.inboxNumber) ??
    conversation.inboxNumber
  );
}
