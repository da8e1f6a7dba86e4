import { formatPhoneNumber } from "../../../../common/phone.js";
import type { Db } from "../../../db/database.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit } from "../../../host/audit/audit-log.js";
import type { TwilioConnectionChange } from "../../../host/twilio/twilio-connection-changes.js";
import { SMS_INBOX_PLUGIN_ID } from "../plugin-keys.js";
import { findCompaniesByNumber, insertInboxNumber } from "./number-store.js";

const KEPT_REASON =
  "It was the default number until the Twilio connection changed.";

/**
 * Keeps the previous default number in the inbox as an added number, so its
 * conversations keep their number and texts to it keep arriving. It is kept
 * only while it is an SMS-capable number on the connected account, and only
 * for a company that uses the inbox (SMS Inbox installed, or conversations
 * on that number). Returns the sentence for the staff member, or null.
 */
export async function keepPreviousDefault(
  db: Db,
  change: TwilioConnectionChange,
): Promise<string | null> {
  const phoneNumber = change.previous.defaultNumber;
  if (phoneNumber === change.current.defaultNumber) return null;

  if (!(await usesInbox(db, change.companyId, phoneNumber))) return null;

  const problem = checkOnAccount(change);
  if (problem) return problem;

  return insertKeptNumber(db, change);
}

/** Returns why the previous default cannot stay, or null when it can. */
function checkOnAccount(change: TwilioConnectionChange): string | null {
  const phoneNumber = change.previous.defaultNumber;
  const formattedNumber = formatPhoneNumber(phoneNumber);
  const { accountSid, defaultNumber } = change.current;
  const lost = `Texts to it no longer reach the inbox. Its conversations are kept, and replies in them go out from ${formatPhoneNumber(defaultNumber)}.`;
  const sameAccount = change.previous.accountSid === accountSid;
  if (change.accountNumbers === null) {
    if (sameAccount) return null;

    return `${formattedNumber} was not kept in the inbox because the numbers on the new Twilio account (${accountSid}) could not be listed. ${lost} If it is on that account, add it again on the SMS Inbox setup page.`;
  }

  const onAccount = change.accountNumbers.get(phoneNumber);
  if (!onAccount) {
    return `${formattedNumber} was not kept in the inbox because it is not on the connected Twilio account (${accountSid}). ${lost}`;
  }

  if (!onAccount.smsCapable) {
    return `${formattedNumber} was not kept in the inbox because Twilio lists it without SMS capability. ${lost}`;
  }

  return null;
}

async function insertKeptNumber(
  db: Db,
  change: TwilioConnectionChange,
): Promise<string> {
  const phoneNumber = change.previous.defaultNumber;
  const { accountSid } = change.current;
  const stays = `${formatPhoneNumber(phoneNumber)} stays in the inbox as an extra number; remove it on the SMS Inbox setup page if you no longer use it.`;
  const owners = await findCompaniesByNumber(db, accountSid, phoneNumber);
  if (owners.includes(change.companyId)) return stays;

  const id =
    owners.length > 0
      ? null
      : await insertInboxNumber(db, {
          companyId: change.companyId,
          accountSid,
          phoneNumber,
          twilioSid: change.accountNumbers?.get(phoneNumber)?.sid ?? null,
          name: change.previousDefaultNumberName,
        });
  if (id === null) {
    return `${formatPhoneNumber(phoneNumber)} was not kept in the inbox because another company's inbox uses it on this Twilio account.`;
  }

  await recordAudit(db, {
    companyId: change.companyId,
    actor: change.actor,
    action: auditActions.inboxNumberAdded,
    target: { type: "inbox_number", id, label: phoneNumber },
    details: { phoneNumber, reason: KEPT_REASON },
  });

  return change.accountNumbers === null
    ? `${stays} Twilio could not list the account's numbers, so check on that page that its webhook still works.`
    : stays;
}

/** Returns whether the company has SMS Inbox or conversations on the number. */
async function usesInbox(
  db: Db,
  companyId: string,
  phoneNumber: string,
): Promise<boolean> {
  const installation = await db
    .selectFrom("plugin_installations")
    .select("plugin_id")
    .where("company_id", "=", companyId)
    .where("plugin_id", "=", SMS_INBOX_PLUGIN_ID)
    .executeTakeFirst();
  if (installation) return true;

  const conversation = await db
    .selectFrom("conversations")
    .select("id")
    .where("company_id", "=", companyId)
    .where("inbox_number", "=", phoneNumber)
    .limit(1)
    .executeTakeFirst();

  return conversation !== undefined;
}
