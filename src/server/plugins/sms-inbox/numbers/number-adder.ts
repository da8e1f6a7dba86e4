import type { InboxNumber } from "../../../../common/api.js";
import { nameFromFriendlyName } from "../../../../common/number-name.js";
import { toE164 } from "../../../../common/phone.js";
import type { AppContext } from "../../../context.js";
import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import { errors } from "../../../errors.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import { inTransaction } from "../../../host/transaction.js";
import type { ConnectionIdentity } from "../../../host/twilio/twilio-connection-changes.js";
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
 * an SMS-capable number on the connected account. The number is named with
 * the friendly name Twilio reports for it. Throws 400 for a number
 * that is invalid or not on the account, 409 for one already in use or when
 * the Twilio account changed during the check, and 502, 503 or 504 when
 * Twilio fails or cannot be reached.
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
  // Checked here to skip the Twilio lookup for a number that cannot be
  // added, and again in the transaction, because the default number or
  // the account can change while the Twilio lookup runs.
  await assertNumberIsFree(ctx.db, companyId, twilio.connection, phoneNumber);
  const accountNumber = await lookUpOnAccount(
    ctx,
    companyId,
    twilio,
    phoneNumber,
  );

  const name = nameFromFriendlyName(accountNumber.friendlyName, phoneNumber);
  const id = await inTransaction(ctx.db, async (trx) => {
    const connection = await lockConnection(trx, companyId);
    if (connection.accountSid !== twilio.connection.accountSid) {
      throw errors.conflict(
        `The Twilio connection changed to account ${connection.accountSid} while ${phoneNumber} was being checked, so it was not added. Add it again.`,
      );
    }
    await assertNumberIsFree(trx, companyId, connection, phoneNumber);

    const inserted = await insertInboxNumber(trx, {
      companyId,
      accountSid: twilio.connection.accountSid,
      phoneNumber,
      twilioSid: accountNumber.sid,
      name,
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

  return { id, phoneNumber, name, isDefault: false };
}

/**
 * Reads the company's Twilio connection in `trx`. On PostgreSQL it locks the
 * connection row until `trx` ends. Saving a new default number or account
 * writes that row as the first statement of its transaction, so an add and
 * a connection change take this lock first and run one after the other.
 * SQLite needs no lock, because it runs one transaction at a time on its
 * single connection.
 */
async function lockConnection(
  trx: Db,
  companyId: string,
): Promise<ConnectionIdentity> {
  let query = trx
    .selectFrom("twilio_connections")
    .select(["account_sid", "default_number"])
    .where("company_id", "=", companyId);
  if (isPostgres(trx)) query = query.forUpdate();

  const row = await query.executeTakeFirst();
  if (!row) throw errors.twilioNotConnected();

  return { accountSid: row.account_sid, defaultNumber: row.default_number };
}

async function assertNumberIsFree(
  db: Db,
  companyId: string,
  connection: ConnectionIdentity,
  phoneNumber: string,
): Promise<void> {
  if (phoneNumber === connection.defaultNumber) {
    throw errors.conflict(
      `${phoneNumber} is the company's default number, which the inbox already uses.`,
    );
  }

  const numbers = await listCompanyNumbers(db, companyId);
  if (numbers.some((number) => number.phoneNumber === phoneNumber)) {
    throw errors.conflict(`${phoneNumber} is already in the inbox.`);
  }

  const owners = await findCompaniesByNumber(
    db,
    connection.accountSid,
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
