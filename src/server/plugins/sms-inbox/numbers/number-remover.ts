import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
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
): Promise<void> {
  if (numberId === DEFAULT_NUMBER_ID) {
    throw errors.validation(
      "The default number cannot be removed from the inbox. Change it in the company's Twilio settings instead.",
    );
  }

  const deleted = await deleteInboxNumber(ctx.db, companyId, numberId);
  if (!deleted) throw errors.notFound("The inbox number");
  invalidateWebhookCompany(companyId);

  ctx.logger.info({ companyId, numberId }, "inbox number removed");
}
