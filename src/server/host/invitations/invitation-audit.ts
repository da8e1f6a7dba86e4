import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";
import { auditActions } from "../audit/audit-actions.js";
import { recordAudit } from "../audit/audit-log.js";

/**
 * Records in the audit log that a staff member accepted their invitation
 * and chose a password. The staff member is both the actor and the target.
 */
export async function recordInvitationAccepted(
  trx: Db,
  staffId: string,
  ip: string | null,
): Promise<void> {
  const staff = await trx
    .selectFrom("staff")
    .select(["company_id", "name", "email"])
    .where("id", "=", staffId)
    .executeTakeFirst();
  if (!staff) throw errors.notFound("The staff member");

  await recordAudit(trx, {
    companyId: staff.company_id,
    actor: { staffId, ip },
    action: auditActions.invitationAccepted,
    target: { type: "staff", id: staffId, label: staff.name },
    details: { email: staff.email },
  });
}
