import type { Db } from "../../../db/database.js";
import { conversationAddress } from "../../../../common/phone.js";
import { SMS_INBOX_PLUGIN_ID } from "../plugin-keys.js";
import { listCompanyNumbers } from "../numbers/number-store.js";
import type { WebhookCompany } from "./company-resolver.js";
import type { InboundMessage } from "./webhook-request.js";
import { rejectWebhook } from "./webhook-rejection.js";

/**
 * Rejects a signed request that the company must not receive: another
 * Twilio account, a number the company does not use, or a company without
 * the SMS Inbox plugin installed.
 */
export async function assertCompanyReceives(
  db: Db,
  company: WebhookCompany,
  message: InboundMessage,
): Promise<void> {
  if (message.accountSid !== company.connection.accountSid) {
    throw rejectWebhook(company.log, "account_mismatch");
  }

  const receives = await receivesOn(db, company, message);
  if (!receives) throw rejectWebhook(company.log, "unknown_number");

  const installed = await isSmsInboxInstalled(db, company.id);
  if (!installed) throw rejectWebhook(company.log, "plugin_not_installed");
}

/**
 * Checks that the company receives on the To number. A Messaging Service
 * delivers from its whole sender pool, so with a MessagingServiceSid any To
 * on the company's account is accepted.
 */
async function receivesOn(
  db: Db,
  company: WebhookCompany,
  message: InboundMessage,
): Promise<boolean> {
  if (message.messagingServiceSid !== null) return true;

  const to = conversationAddress(message.to, company.country);
  const numbers = await listCompanyNumbers(db, company.id);

  return numbers.some((number) => number.phoneNumber === to);
}

async function isSmsInboxInstalled(db: Db, companyId: string) {
  const row = await db
    .selectFrom("plugin_installations")
    .select("plugin_id")
    .where("company_id", "=", companyId)
    .where("plugin_id", "=", SMS_INBOX_PLUGIN_ID)
    .executeTakeFirst();

  return row !== undefined;
}
