import { conversationAddress } from "../../../../common/phone.js";
import type { Db } from "../../../db/database.js";
import { nowIso } from "../../../db/ids.js";
import {
  recordMessage,
  type RecordedMessage,
} from "../conversations/conversation-store.js";
import type { InboundMessage } from "./webhook-request.js";

/**
 * Stores an incoming text in one transaction and resolves once it is
 * committed. A MessageSid that is already stored is left as it is, because
 * the unique constraint on messages.twilio_sid suppresses the duplicate.
 */
export async function storeInboundMessage(
  db: Db,
  company: { id: string; country: string },
  message: InboundMessage,
): Promise<RecordedMessage> {
  // Short codes and alphanumeric senders stay as received, and national-format
  // numbers are read in the company's country.
  const customerNumber = conversationAddress(message.from, company.country);
  const inboxNumber = conversationAddress(message.to, company.country);

  return db.transaction().execute((trx) =>
    recordMessage(trx, {
      companyId: company.id,
      customerNumber,
      inboxNumber,
      direction: "inbound",
      twilioSid: message.messageSid,
      from: customerNumber,
      to: inboxNumber,
      body: message.body,
      status: "received",
      sentByStaffId: null,
      media: message.media,
      createdAt: nowIso(),
    }),
  );
}
