import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";
import { newId } from "../../../db/ids.js";
import { appendInboxEvent } from "../events/event-log.js";
import { indexMessageForSearch } from "../search/message-search-index.js";
import { lastMessageFailedValue } from "./last-message-failure.js";
import {
  insertConversation,
  insertMessage,
  selectStoredAndConversation,
  touchConversationOnInbound,
  touchConversationOnOutbound,
} from "./message-statements.js";
import { countInboundMessage } from "./unread-counters.js";

const PREVIEW_LENGTH = 140;

export interface NewMessage {
  companyId: string;
  /** The customer's address: the conversation key. */
  customerNumber: string;
  /** The company number involved; replies go out on it. */
  inboxNumber: string;
  direction: "inbound" | "outbound";
  twilioSid: string | null;
  from: string;
  to: string;
  body: string;
  status: string;
  sentByStaffId: string | null;
  media: { url: string; contentType: string }[];
  createdAt: string;
}

export interface RecordedMessage {
  conversationId: string;
  messageId: string;
  /** False when a message with the same Twilio SID was already stored. */
  inserted: boolean;
}

/**
 * Stores a message in its conversation, creating the conversation on the
 * first message from that customer. A Twilio SID that is already stored
 * returns the stored message and changes nothing, even when the repeat
 * names another customer. The unique constraint on the SID suppresses a
 * concurrent duplicate, and a conversation created for that duplicate is
 * deleted again. Call inside a transaction so the message and the
 * conversation's summary commit together.
 *
 * On PostgreSQL, the PL/pgSQL function store_inbound_texts (migration
 * 20261211_0001) repeats this for inbound texts without media that are
 * not opt-out keywords. A change here must be made there too, in a new
 * migration, and test/webhook/inbound-text-function.test.ts compares the
 * two.
 */
export async function recordMessage(
  trx: Transaction<Database>,
  message: NewMessage,
): Promise<RecordedMessage> {
  const found = await findStoredAndConversation(trx, message);
  if (found.stored) return { ...found.stored, inserted: false };

  const conversation = await ensureConversation(
    trx,
    message,
    found.conversationId,
  );
  const messageId = newId();

  const { rows } = await insertMessage(trx, {
    id: messageId,
    companyId: message.companyId,
    conversationId: conversation.id,
    direction: message.direction,
    twilioSid: message.twilioSid,
    from: message.from,
    to: message.to,
    body: message.body,
    status: message.status,
    sentByStaffId: message.sentByStaffId,
    numMedia: message.media.length,
    createdAt: message.createdAt,
  });
  const inserted = rows[0];

  if (!inserted) {
    if (conversation.created) {
      await deleteConversationIfEmpty(trx, conversation.id);
    }
    const winner = await findMessageBySid(trx, message.twilioSid);
    if (!winner) throw new Error("A conflicting Twilio SID was not found.");

    return { ...winner, inserted: false };
  }
  await indexMessageForSearch(trx, messageId);

  if (message.media.length > 0) {
    await trx
      .insertInto("message_media")
      .values(
        message.media.map((item, position) => ({
          message_id: messageId,
          position,
          url: item.url,
          content_type: item.contentType,
        })),
      )
      .execute();
  }

  await touchConversation(trx, conversation.id, messageId, message);
  if (message.direction === "inbound") {
    await countInboundMessage(trx, {
      companyId: message.companyId,
      conversationId: conversation.id,
      createdAt: message.createdAt,
    });
  }
  await appendInboxEvent(trx, {
    companyId: message.companyId,
    type: "message.created",
    conversationId: conversation.id,
    messageId,
  });

  return { conversationId: conversation.id, messageId, inserted: true };
}

async function findMessageBySid(
  trx: Transaction<Database>,
  twilioSid: string | null,
): Promise<Omit<RecordedMessage, "inserted"> | null> {
  if (twilioSid === null) return null;

  const row = await trx
    .selectFrom("messages")
    .select(["id", "conversation_id"])
    .where("twilio_sid", "=", twilioSid)
    .executeTakeFirst();
  if (!row) return null;

  return { conversationId: row.conversation_id, messageId: row.id };
}

/**
 * Looks up, in one statement, the message already stored under the Twilio
 * SID and the id of the customer's conversation.
 */
async function findStoredAndConversation(
  trx: Transaction<Database>,
  message: NewMessage,
): Promise<{
  stored: Omit<RecordedMessage, "inserted"> | null;
  conversationId: string | null;
}> {
  // A message without a SID compares `= NULL`, which matches no row.
  const { rows } = await selectStoredAndConversation(trx, {
    twilioSid: message.twilioSid,
    companyId: message.companyId,
    customerNumber: message.customerNumber,
  });
  const [row] = rows;
  if (!row) throw new Error("A SELECT without FROM returned no row.");

  const stored =
    row.message_id !== null && row.message_conversation_id !== null
      ? {
          messageId: row.message_id,
          conversationId: row.message_conversation_id,
        }
      : null;

  return { stored, conversationId: row.conversation_id };
}

/**
 * Returns the customer's conversation, and whether this call created it.
 * `existingId` is the id found by findStoredAndConversation. Most texts
 * belong to a conversation that exists, so an insert runs only without it.
 */
async function ensureConversation(
  trx: Transaction<Database>,
  message: NewMessage,
  existingId: string | null,
): Promise<{ id: string; created: boolean }> {
  if (existingId !== null) return { id: existingId, created: false };

  const { rows } = await insertConversation(trx, {
    id: newId(),
    companyId: message.companyId,
    customerNumber: message.customerNumber,
    inboxNumber: message.inboxNumber,
    createdAt: message.createdAt,
    preview: previewOf(message),
  });
  const [created] = rows;
  if (created) return { id: created.id, created: true };

  // A concurrent transaction created it after the lookup above.
  const raced = await findConversationId(trx, message);
  if (raced === null)
    throw new Error("A conflicting conversation was not found.");

  return { id: raced, created: false };
}

async function findConversationId(
  trx: Transaction<Database>,
  message: NewMessage,
): Promise<string | null> {
  const row = await trx
    .selectFrom("conversations")
    .select("id")
    .where("company_id", "=", message.companyId)
    .where("customer_number", "=", message.customerNumber)
    .executeTakeFirst();

  return row?.id ?? null;
}

async function deleteConversationIfEmpty(
  trx: Transaction<Database>,
  conversationId: string,
): Promise<void> {
  await trx
    .deleteFrom("conversations")
    .where("id", "=", conversationId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("messages")
            .select("id")
            .whereRef("messages.conversation_id", "=", "conversations.id"),
        ),
      ),
    )
    .execute();
}

/**
 * Moves the conversation's summary forward, and raises its inbound
 * counters for an inbound message, in one UPDATE.
 */
async function touchConversation(
  trx: Transaction<Database>,
  conversationId: string,
  messageId: string,
  message: NewMessage,
): Promise<void> {
  const update =
    message.direction === "inbound"
      ? touchConversationOnInbound
      : touchConversationOnOutbound;
  await update(trx, {
    conversationId,
    messageId,
    createdAt: message.createdAt,
    preview: previewOf(message),
    inboxNumber: message.inboxNumber,
    failed: lastMessageFailedValue(message),
  });
}

/**
 * Builds a conversation's preview of a message: the body with whitespace
 * collapsed, cut to 140 characters, or the attachment count of a message
 * without text.
 */
export function previewOf(message: Pick<NewMessage, "body" | "media">): string {
  const text = message.body.trim().replace(/\s+/g, " ");
  if (text === "" && message.media.length > 0) {
    return message.media.length === 1
      ? "[1 attachment]"
      : `[${message.media.length} attachments]`;
  }

  return Array.from(text).slice(0, PREVIEW_LENGTH).join("");
}
