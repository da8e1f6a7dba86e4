import { formatPhoneNumber } from "../../../../common/phone.js";
import type { Db } from "../../../db/database.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit } from "../../../host/audit/audit-log.js";
import type { TwilioConnectionChange } from "../../../host/twilio/twilio-connection-changes.js";
import { findCompaniesByNumber } from "./number-store.js";

interface AddedNumberRow {
  id: string;
  phone_number: string;
}

/**
 * Moves the company's added inbox numbers to the new Twilio account after
 * the Account SID changed. A number that is SMS-capable on the new account
 * (such as one transferred between subaccounts) stays in the inbox. Every
 * other number is removed from the inbox, because Twilio sends its texts
 * with the old account's AccountSid and signature, which the inbox rejects,
 * and replies cannot go out from it. Conversations are kept. Returns the
 * sentences for the staff member.
 */
export async function moveAddedNumbers(
  db: Db,
  change: TwilioConnectionChange,
): Promise<string[]> {
  if (change.previous.accountSid === change.current.accountSid) return [];

  const rows = await db
    .selectFrom("inbox_numbers")
    .select(["id", "phone_number"])
    .where("company_id", "=", change.companyId)
    .where("account_sid", "=", change.previous.accountSid)
    .orderBy("created_at")
    .execute();
  const moved: string[] = [];
  const removed: string[] = [];
  for (const row of rows) {
    if (await moveRow(db, change, row)) {
      moved.push(row.phone_number);
    } else {
      await removeRow(db, change, row);
      removed.push(row.phone_number);
    }
  }

  return [
    ...(moved.length > 0 ? [movedNotice(change, moved)] : []),
    ...(removed.length > 0 ? [removedNotice(change, removed)] : []),
  ];
}

/** Points the row at the new account; false when the number is not there. */
async function moveRow(
  db: Db,
  change: TwilioConnectionChange,
  row: AddedNumberRow,
): Promise<boolean> {
  const onAccount = change.accountNumbers?.get(row.phone_number);
  if (!onAccount?.smsCapable) return false;

  const { accountSid } = change.current;
  const owners = await findCompaniesByNumber(db, accountSid, row.phone_number);
  if (owners.some((owner) => owner !== change.companyId)) return false;

  await db
    .updateTable("inbox_numbers")
    .set({ account_sid: accountSid, twilio_sid: onAccount.sid })
    .where("id", "=", row.id)
    .execute();

  return true;
}

async function removeRow(
  db: Db,
  change: TwilioConnectionChange,
  row: AddedNumberRow,
): Promise<void> {
  await db.deleteFrom("inbox_numbers").where("id", "=", row.id).execute();
  await recordAudit(db, {
    companyId: change.companyId,
    actor: change.actor,
    action: auditActions.inboxNumberRemoved,
    target: { type: "inbox_number", id: row.id, label: row.phone_number },
    details: {
      phoneNumber: row.phone_number,
      reason: `The Twilio connection changed from account ${change.previous.accountSid} to ${change.current.accountSid}, which does not have this number.`,
    },
  });
}

/** Words that agree with one number or several. */
function wordsFor(numbers: string[]) {
  const one = numbers.length === 1;

  return {
    list: numbers.map(formatPhoneNumber).join(", "),
    is: one ? "is" : "are",
    was: one ? "was" : "were",
    stays: one ? "stays" : "stay",
    it: one ? "it" : "them",
    itWas: one ? "it was" : "they were",
    its: one ? "Its" : "Their",
    webhooks: one ? "its webhook points" : "their webhooks point",
  };
}

function movedNotice(change: TwilioConnectionChange, numbers: string[]) {
  const words = wordsFor(numbers);

  return `${words.list} ${words.is} also on the new Twilio account (${change.current.accountSid}) and ${words.stays} in the inbox. Check on the SMS Inbox setup page that ${words.webhooks} at the inbox.`;
}

function removedNotice(change: TwilioConnectionChange, numbers: string[]) {
  const words = wordsFor(numbers);
  const { accountSid, defaultNumber } = change.current;
  const replies = `${words.its} conversations are kept, and replies in them go out from ${formatPhoneNumber(defaultNumber)}.`;
  if (change.accountNumbers === null) {
    return `${words.list} ${words.was} removed from the inbox because the numbers on the new Twilio account (${accountSid}) could not be listed. ${replies} Add back any that are on the new account on the SMS Inbox setup page.`;
  }

  return `${words.list} ${words.is} not on the new Twilio account (${accountSid}), so texts to ${words.it} no longer reach the inbox and ${words.itWas} removed from it. ${replies}`;
}
