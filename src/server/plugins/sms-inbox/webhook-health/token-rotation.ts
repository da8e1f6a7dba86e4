import type { AppContext } from "../../../context.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import { invalidateWebhookCompany } from "../webhook/webhook-company-cache.js";
import {
  expirePreviousWebhookToken,
  rotateWebhookToken,
} from "./webhook-tokens.js";

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

/**
 * Stops accepting the webhook token before the last rotation at once and
 * records it in the audit log. See expirePreviousWebhookToken.
 */
export async function endPreviousWebhookToken(
  ctx: AppContext,
  companyId: string,
  actor: AuditActor,
): Promise<void> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const ended = await expirePreviousWebhookToken(trx, companyId);
    await recordAudit(trx, {
      companyId,
      actor,
      action: auditActions.previousWebhookTokenEnded,
      details: { previousTokenValidUntil: ended.previousTokenValidUntil },
    });

    return ended;
  });
  invalidateWebhookCompany(companyId);
  ctx.logger.info(
    { companyId, previousTokenValidUntil: result.previousTokenValidUntil },
    "previous webhook token ended early",
  );
}
