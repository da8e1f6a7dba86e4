import type { AuthContext } from "../../../auth/guard.js";
import type { Db } from "../../../db/database.js";
import { requireConversation } from "../conversations/conversation-lookup.js";
import type { ConversationView } from "../conversations/customer-matches.js";
import type { SentText } from "./message-sender.js";
import {
  findMessage,
  listMedia,
  type MediaRow,
  type MessageRow,
} from "./message-queries.js";

export interface SendResultRows {
  conversation: ConversationView;
  message: MessageRow;
  media: MediaRow[];
}

/** Loads a sent text and its conversation's new summary. */
export async function loadSendResult(
  db: Db,
  auth: AuthContext,
  sent: SentText,
): Promise<SendResultRows> {
  const [conversation, message, media] = await Promise.all([
    requireConversation(db, auth, sent.conversationId),
    findMessage(db, auth.companyId, sent.messageId),
    listMedia(db, [sent.messageId]),
  ]);
  if (!message) {
    throw new Error(`Message ${sent.messageId} is missing after it was stored`);
  }

  return { conversation, message, media };
}
