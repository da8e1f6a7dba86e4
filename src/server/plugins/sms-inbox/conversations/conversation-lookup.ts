import type { AuthContext } from "../../../auth/guard.js";
import type { Db } from "../../../db/database.js";
import { errors } from "../../../errors.js";
import { findConversationSummary } from "./conversation-queries.js";
import {
  attachCustomersToOne,
  type ConversationView,
} from "./customer-matches.js";

/**
 * Loads a conversation of the staff member's company, or throws 404. A
 * conversation of another company is "not found" too, so its id reveals
 * nothing.
 */
export async function requireConversation(
  db: Db,
  auth: AuthContext,
  conversationId: string,
): Promise<ConversationView> {
  const row = await findConversationSummary(
    db,
    auth.companyId,
    auth.staffId,
    conversationId,
  );
  if (!row) throw errors.notFound("The conversation");

  return attachCustomersToOne(db, auth.companyId, row);
}
