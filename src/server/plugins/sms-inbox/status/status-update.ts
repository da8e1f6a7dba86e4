import { describeDeliveryError } from "../../../twilio/twilio-error-messages.js";
import type { Executor } from "../opt-out/opt-out-store.js";
import {
  messageStatusRank,
  storedStatusRankSql,
} from "./message-status-rank.js";

export interface MessageStatusChange {
  companyId: string;
  twilioSid: string;
  /**
   * Our id of the message, from the callback URL. A message without a
   * stored SID matches by it and takes the callback's SID.
   */
  messageId: string | null;
  status: string;
  errorCode: number | null;
  /** When the change is recorded, as an ISO 8601 UTC string. */
  at: string;
}

/** The numbers of a message whose status changed. */
export interface AdvancedMessage {
  id: string;
  /** The company number the text was sent from. */
  fromNumber: string;
  /** The customer's number. */
  toNumber: string;
}

/**
 * Moves the company's outbound message to `status` when that status ranks
 * above the stored one. Returns the message, or null when nothing changed.
 * The rank check is part of the single UPDATE statement, so concurrent
 * callbacks cannot move a message backwards or overwrite each other. An
 * ErrorCode replaces the stored code and explanation; a status without one
 * keeps them.
 */
export async function advanceMessageStatus(
  db: Executor,
  change: MessageStatusChange,
): Promise<AdvancedMessage | null> {
  const { errorCode, at } = change;
  const errorFields =
    errorCode === null
      ? {}
      : {
          error_code: errorCode,
          error_message: describeDeliveryError(errorCode),
        };

  const { messageId, twilioSid } = change;
  const row = await db
    .updateTable("messages")
    .set((eb) => ({
      status: change.status,
      status_changed_at: at,
      updated_at: at,
      twilio_sid: eb.fn.coalesce("twilio_sid", eb.val(twilioSid)),
      ...errorFields,
    }))
    .where("company_id", "=", change.companyId)
    .where((eb) =>
      messageId === null
        ? eb("twilio_sid", "=", twilioSid)
        : eb.or([
            eb("twilio_sid", "=", twilioSid),
            eb.and([eb("id", "=", messageId), eb("twilio_sid", "is", null)]),
          ]),
    )
    .where("direction", "=", "outbound")
    .where(storedStatusRankSql(), "<", messageStatusRank(change.status))
    .returning(["id", "from_number", "to_number"])
    .executeTakeFirst();

  return row
    ? { id: row.id, fromNumber: row.from_number, toNumber: row.to_number }
    : null;
}

/** Returns the id of the company's outbound message with the Twilio SID. */
export async function findOutboundMessageId(
  db: Executor,
  companyId: string,
  twilioSid: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("messages")
    .select("id")
    .where("company_id", "=", companyId)
    .where("twilio_sid", "=", twilioSid)
    .where("direction", "=", "outbound")
    .executeTakeFirst();

  return row?.id ?? null;
}
