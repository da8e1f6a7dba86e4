import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import { inTransaction } from "../../../host/transaction.js";
import { invalidateWebhookCompany } from "../webhook/webhook-company-cache.js";
import { DEFAULT_NUMBER_ID, deleteInboxNumber } from "./number-store.js";

/**
 * Removes an added number from the inbox. The default number cannot be
 * removed. Conversations on the number keep it until the next reply, which
 * goes out from the default number (see resolveReplyNumber).
 */
export async function removeInboxNumber(
  ctx: AppContext,
  companyId: string,
  numberId: string,
  actor?: AuditActor,
): Promise<void> {
  if (numberId === DEFAULT_NUMBER_ID) {
    throw errors.validation(
      "The default number cannot be removed from the inbox. Change it in the company's Twilio settings instead.",
    );
  }

  const deleted = await inTransaction(ctx.db, async (trx) => {
    const phoneNumber = await deleteInboxNumber(trx, companyId, numberId);
    if (phoneNumber && actor) {
      await recordAudit(trx, {
        companyId,
        actor,
        action: auditActions.inboxNumberRemoved,
        target: { type: "inbox_number", id: numberId, label: phoneNumber },
      });
    }

    return phoneNumber;
  });
  if (!deleted) throw errors.notFound("The inbox number");
  invalidateWebhookCompany(companyId);

  ctx.logger.info({ companyId, numberId }, "inbox number removed");
}
