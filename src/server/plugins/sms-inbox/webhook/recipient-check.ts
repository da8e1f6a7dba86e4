import type { Db } from "../../../db/database.js";
import { SMS_INBOX_PLUGIN_ID } from "../plugin-keys.js";
import { listCompanyNumbers } from "../numbers/number-store.js";
import { webhookAddress } from "./address-memo.js";
import type { WebhookCompany } from "./company-resolver.js";
import type { InboundMessage } from "./webhook-request.js";
import { cacheWebhookCompany } from "./webhook-company-cache.js";
import { rejectWebhook } from "./webhook-rejection.js";

/**
 * Rejects a signed request that the company must not receive: another
 * Twilio account, a number the company does not use, or a company without
 * the SMS Inbox plugin installed. A company that passes on its current
 * token is cached for the next requests (see webhook-company-cache.ts).
 */
export async function assertCompanyReceives(
  db: Db,
  company: WebhookCompany,
  message: InboundMessage,
): Promise<void> {
  if (message.accountSid !== company.connection.accountSid) {
    throw rejectWebhook(company.log, "account_mismatch");
  }

  // Cached companies have the plugin installed. A To number missing from
  // the cached list is checked again below, so a number added on another
  // instance is accepted at once.
  if (
    company.cachedNumbers &&
    receivesOn(company, company.cachedNumbers, message)
  ) {
    return;
  }

  const numbers = await listCompanyNumbers(db, company.id);
  if (
    !receivesOn(
      company,
      numbers.map((number) => number.phoneNumber),
      message,
    )
  ) {
    throw rejectWebhook(company.log, "unknown_number");
  }

  const installed = await isSmsInboxInstalled(db, company.id);
  if (!installed) throw rejectWebhook(company.log, "plugin_not_installed");

  if (company.currentToken === null) return;

  cacheWebhookCompany(
    {
      id: company.id,
      country: company.country,
      connection: company.connection,
      numbers: numbers.map((number) => number.phoneNumber),
    },
    company.currentToken,
  );
}

/**
 * Checks that the company receives on the To number. A Messaging Service
 * delivers from its whole sender pool, so with a MessagingServiceSid any To
 * on the company's account is accepted.
 */
function receivesOn(
  company: WebhookCompany,
  numbers: readonly string[],
  message: InboundMessage,
): boolean {
  if (message.messagingServiceSid !== null) return true;

  const to = webhookAddress(message.to, company.country);

  return numbers.includes(to);
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
