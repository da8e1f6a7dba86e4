import type { InboxNumber } from "../../../../common/api.js";
import { toE164 } from "../../../../common/phone.js";
import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import { inTransaction } from "../../../host/transaction.js";
import { explainTwilioError } from "../../../twilio/twilio-errors.js";
import { loadCompany } from "../company-queries.js";
import { invalidateWebhookCompany } from "../webhook/webhook-company-cache.js";
import {
  requireConnectedTwilio,
  type ConnectedTwilio,
} from "../twilio/connected-twilio.js";
import {
  findCompaniesByNumber,
  insertInboxNumber,
  listCompanyNumbers,
} from "./number-store.js";
import { findAccountNumber, type AccountNumber } from "./twilio-numbers.js";

/**
 * Adds a number to the company's inbox after checking on Twilio that it is
 * an SMS-capable number on the connected account. Throws 400 for a number
 * that is invalid or not on the account, 409 for one already in use, and
 * 502, 503 or 504 when Twilio fails or cannot be reached.
 */
export async function addInboxNumber(
  ctx: AppContext,
  companyId: string,
  input: string,
  actor?: AuditActor,
): Promise<InboxNumber> {
  const company = await loadCompany(ctx.db, companyId);
  const phoneNumber = toE164(input, company.country);
  if (!phoneNumber) {
    throw errors.validation(
      `"${input}" is not a valid phone number. Enter it with its country code, such as +14155550100.`,
      "phoneNumber",
    );
  }

  const twilio = await requireConnectedTwilio(ctx, companyId);
  await assertNumberIsFree(ctx, companyId, twilio, phoneNumber);
  const accountNumber = await lookUpOnAccount(
    ctx,
    companyId,
    twilio,
    phoneNumber,
  );

  const id = await inTransaction(ctx.db, async (trx) => {
    const inserted = await insertInboxNumber(trx, {
      companyId,
      accountSid: twilio.connection.accountSid,
      phoneNumber,
      twilioSid: accountNumber.sid,
    });
    if (inserted && actor) {
      await recordAudit(trx, {
        companyId,
        actor,
        action: auditActions.inboxNumberAdded,
        target: { type: "inbox_number", id: inserted, label: phoneNumber },
      });
    }

    return inserted;
  });
  if (!id) throw usedElsewhere(phoneNumber);
  invalidateWebhookCompany(companyId);

  ctx.logger.info({ companyId, numberId: id }, "inbox number added");

  return { id, phoneNumber, isDefault: false };
}

async function assertNumberIsFree(
  ctx: AppContext,
  companyId: string,
  twilio: ConnectedTwilio,
  phoneNumber: string,
): Promise<void> {
  if (phoneNumber === twilio.connection.defaultNumber) {
    throw errors.conflict(
      `${phoneNumber} is the company's default number, which the inbox already uses.`,
    );
  }

  const numbers = await listCompanyNumbers(ctx.db, companyId);
  if (numbers.some((number) => number.phoneNumber === phoneNumber)) {
    throw errors.conflict(`${phoneNumber} is already in the inbox.`);
  }

  const owners = await findCompaniesByNumber(
    ctx.db,
    twilio.connection.accountSid,
    phoneNumber,
  );
  if (owners.some((owner) => owner !== companyId)) {
    throw usedElsewhere(phoneNumber);
  }
}

function usedElsewhere(phoneNumber: string) {
  return errors.conflict(
    `${phoneNumber} is already used by another company on this Twilio account. A number can belong to one company's inbox only.`,
  );
}

async function lookUpOnAccount(
  ctx: AppContext,
  companyId: string,
  twilio: ConnectedTwilio,
  phoneNumber: string,
): Promise<AccountNumber> {
  const { accountSid } = twilio.connection;
  let accountNumber: AccountNumber | null;
  try {
    accountNumber = await findAccountNumber(twilio.client, phoneNumber);
  } catch (error) {
    const explained = explainTwilioError(error, ctx.config.twilioApiBaseUrl);
    ctx.logger.warn(
      { companyId, twilioCode: explained.code, status: explained.status },
      "number lookup on Twilio failed",
    );
    throw errors.twilio(
      explained.status,
      explained.code,
      `The number could not be checked on Twilio, so it was not added. ${explained.message}`,
    );
  }

  if (!accountNumber) {
    throw errors.validation(
      `${phoneNumber} is not a number on the connected Twilio account (${accountSid}). Add a number from that account, or buy one in the Twilio Console.`,
      "phoneNumber",
    );
  }

  if (!accountNumber.smsCapable) {
    throw errors.validation(
      `${phoneNumber} on the connected Twilio account cannot send or receive SMS. Pick an SMS-capable number.`,
      "phoneNumber",
    );
  }

  return accountNumber;
}
