import type { ConversationSummary } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";

/** Returns the customer's name when on file, else their formatted number. */
export function conversationTitle(conversation: ConversationSummary): string {
  return (
    conversation.customerName ?? formatPhoneNumber(conversation.customerNumber)
  );
}
