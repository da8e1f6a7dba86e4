import type { AuthContext } from "../../../auth/guard.js";
import type { Db } from "../../../db/database.js";
import {
  encodeCursor,
  type KeysetPosition,
} from "../../../http/keyset-cursor.js";
import { listConversationSummaries } from "./conversation-queries.js";
import {
  groupJoinedCustomers,
  type ConversationView,
} from "./customer-matches.js";

export const CONVERSATION_PAGE_SIZE = 50;

export interface ConversationPageRows {
  rows: ConversationView[];
  /** Cursor of the last row when older conversations remain, else null. */
  nextCursor: string | null;
}

/** Loads one page of conversations, newest activity first. */
export async function listConversationPage(
  db: Db,
  auth: AuthContext,
  before: KeysetPosition | null,
): Promise<ConversationPageRows> {
  // One extra row shows whether another page follows.
  const rows = groupJoinedCustomers(
    await listConversationSummaries(db, {
      companyId: auth.companyId,
      staffId: auth.staffId,
      before,
      limit: CONVERSATION_PAGE_SIZE + 1,
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
