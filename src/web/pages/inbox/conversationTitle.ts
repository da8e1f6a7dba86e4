import type { ConversationSummary } from "../../../common/api";
import { formatPhoneNumber } from "../../../common/phone";

/**
 * Returns the customer's name when known, "Name or 1 other" when several
 * customers share the number and none was chosen, else the formatted number.
 */
export function conversationTitle(conversation: ConversationSummary): string {
  if (conversation.customer) return conversation.customer.name;

  const [first, ...others] = conversation.customerMatches;
  if (first && others.length > 0) {
    return `${first.name} or ${others.length} other${others.length === 1 ? "" : "s"}`;
  }

  return formatPhoneNumber(conversation.customerNumber);
}
