import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";
import { newId } from "../../../db/ids.js";

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
 * first message from that customer. Duplicate Twilio SIDs are suppressed by
 * the unique constraint, so concurrent redeliveries store one row.
 * Call inside a transaction so the message and the conversation's summary
 * commit together.
 */
export async function recordMessage(
  trx: Transaction<Database>,
  message: NewMessage,
): Promise<RecordedMessage> {
  const conversationId = await ensureConversation(trx, message);
  const messageId = newId();

  const inserted = await trx
    .insertInto("messages")
    .values({
      id: messageId,
      company_id: message.companyId,
      conversation_id: conversationId,
      direction: message.direction,
      twilio_sid: message.twilioSid,
      from_number: message.from,
      to_number: message.to,
      body: message.body,
      status: message.status,
      error_code: null,
      error_message: null,
      sent_by_staff_id: message.sentByStaffId,
      num_media: message.media.length,
      created_at: message.createdAt,
      updated_at: message.createdAt,
    })
    .onConflict((conflict) => conflict.column("twilio_sid").doNothing())
    .returning("id")
    .executeTakeFirst();

  if (!inserted) {
    const existing = await trx
      .selectFrom("messages")
      .select(["id", "conversation_id"])
      .where("twilio_sid", "=", message.twilioSid)
      .executeTakeFirstOrThrow();

    return {
      conversationId: existing.conversation_id,
      messageId: existing.id,
      inserted: false,
    };
  }

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

  await touchConversation(trx, conversationId, message);

  return { conversationId, messageId, inserted: true };
}

async function ensureConversation(
  trx: Transaction<Database>,
  message: NewMessage,
): Promise<string> {
  await trx
    .insertInto("conversations")
    .values({
      id: newId(),
      company_id: message.companyId,
      customer_number: message.customerNumber,
      inbox_number: message.inboxNumber,
      last_message_at: message.createdAt,
      last_message_preview: previewOf(message),
      created_at: message.createdAt,
    })
    .onConflict((conflict) =>
      conflict.columns(["company_id", "customer_number"]).doNothing(),
    )
    .execute();

  const row = await trx
    .selectFrom("conversations")
    .select("id")
    .where("company_id", "=", message.companyId)
    .where("customer_number", "=", message.customerNumber)
    .executeTakeFirstOrThrow();

  return row.id;
}

/** Moves the conversation's summary forward; an older message never rewinds it. */
async function touchConversation(
  trx: Transaction<Database>,
  conversationId: string,
  message: NewMessage,
): Promise<void> {
  await trx
    .updateTable("conversations")
    .set({
      last_message_at: message.createdAt,
      last_message_preview: previewOf(message),
      // Replies go out on the number the customer last texted.
      ...(message.direction === "inbound"
        ? { inbox_number: message.inboxNumber }
        : {}),
    })
    .where("id", "=", conversationId)
    .where("last_message_at", "<=", message.createdAt)
    .execute();
}

function previewOf(message: NewMessage): string {
  const text = message.body.trim().replace(/\s+/g, " ");
  if (text === "" && message.media.length > 0) {
    return message.media.length === 1
      ? "[1 attachment]"
      : `[${message.media.length} attachments]`;
  }

  return Array.from(text).slice(0, PREVIEW_LENGTH).join("");
}
