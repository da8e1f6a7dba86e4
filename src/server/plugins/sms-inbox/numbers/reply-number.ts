import { pickReplyNumber } from "../../../../common/reply-number.js";
import type { Db } from "../../../db/database.js";
import { errors } from "../../../errors.js";
import { listCompanyNumbers } from "./number-store.js";

/**
 * Returns the number a reply in a conversation goes out from: the
 * conversation's inbox number while it is still one of the company's
 * numbers. After that number was removed from the inbox, or stopped being
 * the default, the reply goes out from the company's default number, and
 * storing the reply moves the conversation to it. Throws 409 when Twilio is
 * not connected, so there is no default number to fall back on.
 */
export async function resolveReplyNumber(
  db: Db,
  companyId: string,
  conversationInboxNumber: string,
): Promise<string> {
  const numbers = await listCompanyNumbers(db, companyId);
  const replyNumber = pickReplyNumber(numbers, conversationInboxNumber);
  if (replyNumber === null) throw errors.twilioNotConnected();

  return replyNumber;
}
