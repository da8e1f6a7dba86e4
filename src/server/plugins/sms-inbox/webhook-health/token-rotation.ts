import type { AppContext } from "../../../context.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import { invalidateWebhookCompany } from "../webhook/webhook-company-cache.js";
import { rotateWebhookToken } from "./webhook-tokens.js";

/**
 * Gives the company a new webhook token and records it in the audit log.
 * The previous token keeps working for a day; see rotateWebhookToken.
 */
export async function rotateCompanyWebhookToken(
  ctx: AppContext,
  companyId: string,
  actor: AuditActor,
): Promise<{ previousTokenValidUntil: string }> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const rotated = await rotateWebhookToken(trx, companyId);
    await recordAudit(trx, {
      companyId,
      actor,
      action: auditActions.webhookTokenRotated,
      details: { previousTokenValidUntil: rotated.previousTokenValidUntil },
    });

    return rotated;
  });
  invalidateWebhookCompany(companyId);
  ctx.logger.info(
    { companyId, previousTokenValidUntil: result.previousTokenValidUntil },
    "webhook token rotated",
  );

  return result;
}
