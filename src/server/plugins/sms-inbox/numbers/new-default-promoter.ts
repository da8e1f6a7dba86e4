import type { Db } from "../../../db/database.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit } from "../../../host/audit/audit-log.js";
import type { TwilioConnectionChange } from "../../../host/twilio/twilio-connection-changes.js";

const PROMOTED_REASON =
  "It became the default number when the Twilio connection changed, so the inbox keeps it as the default instead of as an extra number.";

/**
 * Deletes the new default number from the company's extra inbox numbers,
 * because the default number is never also stored as an extra. The number
 * stays in the inbox as the default, so no notice is returned, but each
 * deleted row is audited like other removals. A name the number had as an
 * extra becomes the default number's name.
 */
export async function dropNewDefaultFromExtras(
  db: Db,
  change: TwilioConnectionChange,
): Promise<void> {
  const phoneNumber = change.current.defaultNumber;
  const rows = await db
    .deleteFrom("inbox_numbers")
    .where("company_id", "=", change.companyId)
    .where("phone_number", "=", phoneNumber)
    .returning(["id", "name"])
    .execute();
  for (const row of rows) {
    if (row.name !== null) {
      await db
        .updateTable("twilio_connections")
        .set({ default_number_name: row.name })
        .where("company_id", "=", change.companyId)
        .where("default_number", "=", phoneNumber)
        .execute();
    }
    await recordAudit(db, {
      companyId: change.companyId,
      actor: change.actor,
      action: auditActions.inboxNumberRemoved,
      target: { type: "inbox_number", id: row.id, label: phoneNumber },
      details: { phoneNumber, reason: PROMOTED_REASON },
    });
  }
}
