import type { AuthContext } from "../../../auth/guard.js";
import type { AppContext } from "../../../context.js";
import {
  CONVERSATION_PAGE_SIZE,
  type ConversationPageRows,
} from "../conversations/conversation-page.js";
import { listConversationSummariesIn } from "../conversations/conversation-queries.js";
import { groupJoinedCustomers } from "../conversations/customer-matches.js";
import {
  encodeCursor,
  type KeysetPosition,
} from "../../../http/keyset-cursor.js";
import { warnWhenSearchIsUnindexed } from "./search-index-check.js";
import { matchingConversations } from "./search-matches.js";
import type { SearchTerms } from "./search-terms.js";

/** Loads one page of the conversations that match a search, newest first. */
export async function searchConversationPage(
  ctx: AppContext,
  auth: AuthContext,
  terms: SearchTerms,
  before: KeysetPosition | null,
): Promise<ConversationPageRows> {
  await warnWhenSearchIsUnindexed(ctx.db, ctx.logger);

  // One extra row shows whether another page follows.
  const rows = groupJoinedCustomers(
    await listConversationSummariesIn(ctx.db, {
      companyId: auth.companyId,
      staffId: auth.staffId,
      matching: matchingConversations(ctx.db, {
        companyId: auth.companyId,
        terms,
        before,
        limit: CONVERSATION_PAGE_SIZE + 1,
      }),
    }),
  );
  const pageRows = rows.slice(0, CONVERSATION_PAGE_SIZE);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > CONVERSATION_PAGE_SIZE && last
      ? encodeCursor({ at: last.last_message_at, id: last.id })
      : null;

  return {
    rows: pageRows,
    nextCursor,
  };
}
