import type { Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";
import { syncLastMessageFailure } from "../conversations/last-message-failure.js";
import { appendMessageUpdated } from "../events/event-log.js";

type Executor = Db | Transaction<Database>;

/** An outbound message as the outbox delivers it. */
export interface OutboundMessage {
  id: string;
  companyId: string;
  conversationId: string;
  from: string;
  to: string;
  body: string;
  twilioSid: string | null;
  status: string;
  createdAt: string;
}

/** Twilio's record of a message, from a send's response or a search. */
export interface DeliveryOutcome {
  status: string;
  twilioSid: string | null;
  errorCode: number | null;
  errorMessage: string | null;
}

// The statuses this server sets before Twilio reports one. Twilio's status
// replaces only these, so a status callback that already moved the message
// on is never rewound.
const BEFORE_TWILIO = ["queued", "sending"];

export async function loadOutboundMessage(
  db: Executor,
  messageId: string,
): Promise<OutboundMessage | undefined> {
  const row = await db
    .selectFrom("messages")
    .select([
      "id",
      "company_id",
      "conversation_id",
      "from_number",
      "to_number",
      "body",
      "twilio_sid",
      "status",
      "created_at",
    ])
    .where("id", "=", messageId)
    .where("direction", "=", "outbound")
    .executeTakeFirst();
  if (!row) return undefined;

  return {
    id: row.id,
    companyId: row.company_id,
    conversationId: row.conversation_id,
    from: row.from_number,
    to: row.to_number,
    body: row.body,
    twilioSid: row.twilio_sid,
    status: row.status,
    createdAt: row.created_at,
  };
}

/** Sets the status of a message that has not reached Twilio yet. */
export async function setPendingStatus(
  db: Executor,
  messageId: string,
  status: "queued" | "sending",
  now: string,
): Promise<void> {
  await db
    .updateTable("messages")
    .set({ status, error_code: null, error_message: null, updated_at: now })
    .where("id", "=", messageId)
    .where("status", "in", BEFORE_TWILIO)
    .execute();
  await appendMessageUpdated(db, messageId, now);
}

/** Stores Twilio's record of a message that was queued or sending. */
export async function saveDeliveryOutcome(
  db: Executor,
  messageId: string,
  outcome: DeliveryOutcome,
  now: string,
): Promise<void> {
  await db
    .updateTable("messages")
    .set({
      twilio_sid: outcome.twilioSid,
      status: outcome.status,
      error_code: outcome.errorCode,
      error_message: outcome.errorMessage,
      updated_at: now,
    })
    .where("id", "=", messageId)
    .where("status", "in", BEFORE_TWILIO)
    .execute();
  await syncLastMessageFailure(db, { messageId });
  await appendMessageUpdated(db, messageId, now);
}

/**
 * Moves a failed message back to "queued" for another send, and returns
 * false when it is no longer failed. The old Twilio SID is dropped, because
 * the new attempt creates a new Twilio message.
 */
export async function requeueFailedMessage(
  db: Executor,
  messageId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("messages")
    .set({
      status: "queued",
      twilio_sid: null,
      error_code: null,
      error_message: null,
      updated_at: now,
    })
    .where("id", "=", messageId)
    .where("status", "=", "failed")
    .executeTakeFirst();
  await syncLastMessageFailure(db, { messageId });
  await appendMessageUpdated(db, messageId, now);

  return result.numUpdatedRows > 0n;
}

/** Returns which of these Twilio SIDs are already stored on a message. */
export async function findStoredSids(
  db: Executor,
  sids: readonly string[],
): Promise<Set<string>> {
  if (sids.length === 0) return new Set();

  const rows = await db
    .selectFrom("messages")
    .select("twilio_sid")
    .where("twilio_sid", "in", [...sids])
    .execute();

  return new Set(rows.flatMap((row) => row.twilio_sid ?? []));
}
