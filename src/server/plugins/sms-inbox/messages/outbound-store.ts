import type { Db } from "../../../db/database.js";
import { nowIso } from "../../../db/ids.js";

/** Twilio's response to a send request. */
export interface DeliveryOutcome {
  status: string;
  twilioSid: string | null;
  errorCode: number | null;
  errorMessage: string | null;
}

/** Stores Twilio's response on a message that was committed as queued. */
export async function saveDeliveryOutcome(
  db: Db,
  messageId: string,
  outcome: DeliveryOutcome,
): Promise<void> {
  await db
    .updateTable("messages")
    .set({
      twilio_sid: outcome.twilioSid,
      status: outcome.status,
      error_code: outcome.errorCode,
      error_message: outcome.errorMessage,
      updated_at: nowIso(),
    })
    .where("id", "=", messageId)
    .execute();
}
