import type { Db } from "../../../db/database.js";
import { nowIso } from "../../../db/ids.js";
import { syncLastMessageFailure } from "../conversations/last-message-failure.js";
import { appendMessageUpdated } from "../events/event-log.js";
import { recordOptOutFromSendFailure } from "../opt-out/opt-out-store.js";
import type { StatusCallback } from "./status-callback-request.js";
import {
  advanceMessageStatus,
  findOutboundMessageId,
} from "./status-update.js";

/** Twilio's error for a text to a customer who replied STOP. */
const OPTED_OUT_ERROR = 21610;

export type StatusCallbackOutcome =
  | { result: "updated"; messageId: string }
  | { result: "unchanged"; messageId: string }
  | { result: "unknown_message"; messageId: null };

/**
 * Applies a status callback to the company's message in one transaction. A
 * failure with error 21610 also marks the customer opted out of the sending
 * number, so the next reply is rejected before it reaches Twilio.
 */
export async function recordStatusCallback(
  db: Db,
  companyId: string,
  callback: StatusCallback,
): Promise<StatusCallbackOutcome> {
  const at = nowIso();

  return db.transaction().execute(async (trx) => {
    const advanced = await advanceMessageStatus(trx, {
      companyId,
      twilioSid: callback.messageSid,
      messageId: callback.messageId ?? null,
      status: callback.status,
      errorCode: callback.errorCode,
      at,
    });
    if (!advanced) {
      const messageId = await findOutboundMessageId(
        trx,
        companyId,
        callback.messageSid,
      );

      return messageId === null
        ? { result: "unknown_message", messageId }
        : { result: "unchanged", messageId };
    }

    await syncLastMessageFailure(trx, { messageId: advanced.id });
    // The event append takes the company's event lock, so it comes after
    // the conversation's write and before the opt-out write, in the same
    // order as the inbound path's writes.
    await appendMessageUpdated(trx, advanced.id, at);
    if (callback.errorCode === OPTED_OUT_ERROR) {
      await recordOptOutFromSendFailure(trx, {
        companyId,
        customerNumber: advanced.toNumber,
        inboxNumber: advanced.fromNumber,
        at,
      });
    }

    return { result: "updated", messageId: advanced.id };
  });
}
