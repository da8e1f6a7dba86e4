import type { Db } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { isPostgres } from "../../../db/dialect.js";
import { nowIso } from "../../../db/ids.js";
import {
  recordMessage,
  type RecordedMessage,
} from "../conversations/conversation-store.js";
import { storeInboundText } from "../conversations/inbound-text-statement.js";
import { applyInboundKeyword } from "../opt-out/inbound-keyword.js";
import {
  matchOptOutKeyword,
  type KeywordAction,
} from "../opt-out/opt-out-keywords.js";
import { webhookAddress } from "./address-memo.js";
import { commitInGroup } from "./grouped-commit.js";
import type { InboundMessage } from "./webhook-request.js";

export interface StoredInboundMessage extends RecordedMessage {
  /** The opt-out change a STOP, START or HELP keyword made, else null. */
  keywordAction: KeywordAction | null;
}

/**
 * Stores an incoming text and resolves once it is committed. On SQLite,
 * texts that arrive together may share a transaction (see
 * grouped-commit.ts). A MessageSid that is already stored is left as it
 * is, because the unique constraint on messages.twilio_sid suppresses the
 * duplicate. A STOP, START or HELP keyword updates the customer's opt-out state in the
 * same transaction. On PostgreSQL a text without media that is not a
 * keyword, the common case, is stored by one statement instead, which
 * texts of the same company that arrive together may share (see
 * conversations/inbound-text-statement.ts), and `logger` receives a line
 * when such a statement fails.
 */
export async function storeInboundMessage(
  db: Db,
  company: { id: string; country: string },
  message: InboundMessage,
  logger?: Logger,
): Promise<StoredInboundMessage> {
  // Short codes and alphanumeric senders stay as received, and national-format
  // numbers are read in the company's country.
  const customerNumber = webhookAddress(message.from, company.country);
  const inboxNumber = webhookAddress(message.to, company.country);
  const createdAt = nowIso();

  if (
    isPostgres(db) &&
    message.media.length === 0 &&
    matchOptOutKeyword(message.body, message.optOutType) === null
  ) {
    const stored = await storeInboundText(
      db,
      {
        companyId: company.id,
        customerNumber,
        inboxNumber,
        twilioSid: message.messageSid,
        body: message.body,
        createdAt,
      },
      logger,
    );

    return { ...stored, keywordAction: null };
  }

  return commitInGroup(db, async (trx) => {
    const stored = await recordMessage(trx, {
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
      createdAt,
    });
    // A redelivered webhook already applied its keyword the first time.
    const keywordAction = stored.inserted
      ? await applyInboundKeyword(
          trx,
          { companyId: company.id, customerNumber, inboxNumber },
          message,
          createdAt,
        )
      : null;

    return { ...stored, keywordAction };
  });
}
