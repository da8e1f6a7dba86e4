import type { ExpressionBuilder } from "kysely";
import { preparedQuery } from "../../../db/prepared-query.js";
import type { Database } from "../../../db/schema.js";
import type { NewMessage } from "./conversation-store.js";
import { inboundConversationCounters } from "./unread-counters.js";

/*
 * The statements recordMessage runs for every message, prepared once per
 * dialect (see db/prepared-query.ts). Each builder passes its parameters
 * through to Kysely unchanged.
 */

/**
 * Selects, in one statement, the message already stored under a Twilio
 * SID and the id of the customer's conversation.
 */
export const selectStoredAndConversation = preparedQuery(
  (
    db,
    p: { twilioSid: string | null; companyId: string; customerNumber: string },
  ) =>
    db.selectNoFrom((eb) => [
      eb
        .selectFrom("messages")
        .select("id")
        .where("twilio_sid", "=", p.twilioSid)
        .as("message_id"),
      eb
        .selectFrom("messages")
        .select("conversation_id")
        .where("twilio_sid", "=", p.twilioSid)
        .as("message_conversation_id"),
      eb
        .selectFrom("conversations")
        .select("id")
        .where("company_id", "=", p.companyId)
        .where("customer_number", "=", p.customerNumber)
        .as("conversation_id"),
    ]),
);

/**
 * Inserts a message unless its Twilio SID is stored, returning its id only
 * when inserted.
 */
export const insertMessage = preparedQuery(
  (
    db,
    p: Omit<NewMessage, "customerNumber" | "inboxNumber" | "media"> & {
      id: string;
      conversationId: string;
      numMedia: number;
    },
  ) =>
    db
      .insertInto("messages")
      .values({
        id: p.id,
        company_id: p.companyId,
        conversation_id: p.conversationId,
        direction: p.direction,
        twilio_sid: p.twilioSid,
        from_number: p.from,
        to_number: p.to,
        body: p.body,
        status: p.status,
        error_code: null,
        error_message: null,
        sent_by_staff_id: p.sentByStaffId,
        num_media: p.numMedia,
        created_at: p.createdAt,
        updated_at: p.createdAt,
      })
      .onConflict((conflict) => conflict.column("twilio_sid").doNothing())
      .returning("id"),
);

/**
 * Inserts the customer's conversation unless one exists, returning its id
 * only when inserted.
 */
export const insertConversation = preparedQuery(
  (
    db,
    p: {
      id: string;
      companyId: string;
      customerNumber: string;
      inboxNumber: string;
      createdAt: string;
      preview: string;
    },
  ) =>
    db
      .insertInto("conversations")
      .values({
        id: p.id,
        company_id: p.companyId,
        customer_number: p.customerNumber,
        inbox_number: p.inboxNumber,
        last_message_at: p.createdAt,
        last_message_preview: p.preview,
        created_at: p.createdAt,
      })
      .onConflict((conflict) =>
        conflict.columns(["company_id", "customer_number"]).doNothing(),
      )
      .returning("id"),
);

interface ConversationTouch {
  conversationId: string;
  messageId: string;
  createdAt: string;
  preview: string;
  inboxNumber: string;
  /** last_message_failed for the message (see last-message-failure.ts). */
  failed: 0 | 1;
}

/**
 * Returns the SET values that move a conversation's summary to a message
 * created at `createdAt`. An older message never rewinds the summary.
 * Every CASE reads the row as it was before the UPDATE, on both databases.
 */
function summaryValues(
  eb: ExpressionBuilder<Database, "conversations">,
  p: ConversationTouch,
) {
  const isLatest = eb("last_message_at", "<=", p.createdAt);

  return {
    last_message_at: eb
      .case()
      .when(isLatest)
      .then(p.createdAt)
      .else(eb.ref("last_message_at"))
      .end(),
    last_message_preview: eb
      .case()
      .when(isLatest)
      .then(p.preview)
      .else(eb.ref("last_message_preview"))
      .end(),
    // Replies go out on the company number of the latest message: the
    // number the customer last texted, or the one staff last sent from.
    inbox_number: eb
      .case()
      .when(isLatest)
      .then(p.inboxNumber)
      .else(eb.ref("inbox_number"))
      .end(),
    last_message_id: eb
      .case()
      .when(isLatest)
      .then(p.messageId)
      .else(eb.ref("last_message_id"))
      .end(),
    last_message_failed: eb
      .case()
      .when(isLatest)
      .then(p.failed)
      .else(eb.ref("last_message_failed"))
      .end(),
  };
}

/** Moves the conversation's summary to an outbound message. */
export const touchConversationOnOutbound = preparedQuery(
  (db, p: ConversationTouch) =>
    db
      .updateTable("conversations")
      .set((eb) => summaryValues(eb, p))
      .where("id", "=", p.conversationId),
);

/**
 * Moves the conversation's summary to an inbound message and raises its
 * inbound counters.
 */
export const touchConversationOnInbound = preparedQuery(
  (db, p: ConversationTouch) =>
    db
      .updateTable("conversations")
      .set((eb) => ({
        ...summaryValues(eb, p),
        ...inboundConversationCounters(eb, p.createdAt),
      }))
      .where("id", "=", p.conversationId),
);
