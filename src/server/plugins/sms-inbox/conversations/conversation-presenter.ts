import type {
  ConversationPage,
  ConversationSummary,
  InboxInfo,
  InboxNumber,
  OptOutState,
} from "../../../../common/api.js";
import { presentInboxNumber } from "../numbers/number-presenter.js";
import type { ConversationSummaryRow } from "./conversation-queries.js";
import type { ConversationView } from "./customer-matches.js";

export function presentConversationSummary(
  row: ConversationView,
): ConversationSummary {
  const { customer, customerMatches } = row.customers;

  return {
    id: row.id,
    customerNumber: row.customer_number,
    customer,
    customerMatches,
    customerName: customer?.name ?? null,
    inboxNumber: row.inbox_number,
    lastMessageAt: row.last_message_at,
    lastMessagePreview: row.last_message_preview,
    lastMessageFailed: row.last_message_failed === 1,
    unreadCount: Number(row.unread_count ?? 0),
    optOut: presentOptOut(row),
  };
}

/** Describes the last opt-out or opt-in, or none when nothing is stored. */
function presentOptOut(row: ConversationSummaryRow): OptOutState {
  const optedOut = row.opted_out === 1;

  return {
    optedOut,
    at: (optedOut ? row.opted_out_at : row.opted_in_at) ?? null,
    keyword: row.opt_out_keyword,
  };
}

export function presentConversationPage(
  rows: ConversationView[],
  nextCursor: string | null,
): ConversationPage {
  return {
    conversations: rows.map(presentConversationSummary),
    nextCursor,
  };
}

export function presentInboxInfo(info: {
  canSend: boolean;
  numbers: InboxNumber[];
  totalUnread: number;
}): InboxInfo {
  return {
    canSend: info.canSend,
    numbers: info.numbers.map(presentInboxNumber),
    totalUnread: info.totalUnread,
  };
}
