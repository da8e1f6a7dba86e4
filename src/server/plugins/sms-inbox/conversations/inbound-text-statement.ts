import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { newId } from "../../../db/ids.js";
import { preparedQuery } from "../../../db/prepared-query.js";
import {
  previewOf,
  type NewMessage,
  type RecordedMessage,
} from "./conversation-store.js";
import { randomInboundShard } from "./unread-counters.js";

/** An inbound text without media, as storeInboundText takes it. */
export type NewInboundText = Pick<
  NewMessage,
  "companyId" | "customerNumber" | "inboxNumber" | "body" | "createdAt"
> & { twilioSid: string };

/**
 * Stores an inbound text without media that is not an opt-out keyword on
 * PostgreSQL, in one statement and one round trip, through the function
 * store_inbound_text (migration 20261208_0002). It does what recordMessage
 * does for such a text, with the message stored as received from the
 * customer's number to the inbox number. Call it on the pool, outside a
 * transaction, because the statement's own transaction must end right
 * after it to release the company's event log lock.
 */
export async function storeInboundText(
  db: Db,
  text: NewInboundText,
): Promise<RecordedMessage> {
  const { rows } = await callStoreInboundText(db, {
    companyId: text.companyId,
    customerNumber: text.customerNumber,
    inboxNumber: text.inboxNumber,
    twilioSid: text.twilioSid,
    body: text.body,
    preview: previewOf({ body: text.body, media: [] }),
    createdAt: text.createdAt,
    messageId: newId(),
    newConversationId: newId(),
    shard: randomInboundShard(),
  });
  const [row] = rows;
  if (!row) throw new Error("store_inbound_text returned no row.");

  return {
    conversationId: row.conversation_id,
    messageId: row.message_id,
    inserted: row.inserted,
  };
}

const callStoreInboundText = preparedQuery(
  (
    _db,
    p: {
      companyId: string;
      customerNumber: string;
      inboxNumber: string;
      twilioSid: string;
      body: string;
      preview: string;
      createdAt: string;
      messageId: string;
      newConversationId: string;
      shard: number;
    },
  ) => sql<{ conversation_id: string; message_id: string; inserted: boolean }>`
    SELECT conversation_id, message_id, inserted FROM store_inbound_text(
      ${p.companyId}::text, ${p.customerNumber}::text, ${p.inboxNumber}::text,
      ${p.twilioSid}::text, ${p.body}::text, ${p.preview}::text,
      ${p.createdAt}::text, ${p.messageId}::text,
      ${p.newConversationId}::text, ${p.shard}::integer
    )
  `,
);
