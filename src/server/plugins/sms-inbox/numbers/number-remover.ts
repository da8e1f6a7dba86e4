import type {
  RemoveInboxNumberResult,
  RemovedNumberWebhook,
} from "../../../../common/api.js";
import { formatPhoneNumber } from "../../../../common/phone.js";
import type { AppContext } from "../../../context.js";
import type { Db } from "../../../db/database.js";
import { errors } from "../../../errors.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import { inTransaction } from "../../../host/transaction.js";
import type { MessagingServiceRoute } from "../webhook-health/messaging-service-lookup.js";
import { maskWebhookUrl } from "../webhook-health/webhook-urls.js";
import { invalidateWebhookCompany } from "../webhook/webhook-company-cache.js";
import { DEFAULT_NUMBER_ID, deleteInboxNumber } from "./number-store.js";
import { findInboxServiceRoute } from "./inbox-service-route.js";
import {
  clearInboxWebhook,
  type WebhookClearing,
} from "./number-webhook-clearer.js";

interface RemovalTarget {
  id: string;
  phoneNumber: string;
  twilioSid: string | null;
}

/**
 * Removes an added number from the inbox. The default number cannot be
 * removed. With `clearWebhook`, the number's webhook on Twilio is cleared
 * first when it points at this inbox, and a Twilio failure leaves the
 * number in the inbox. Conversations on the number keep it until the next
 * reply, which goes out from the default number (see resolveReplyNumber).
 */
export async function removeInboxNumber(
  ctx: AppContext,
  companyId: string,
  numberId: string,
  actor?: AuditActor,
  options: { clearWebhook?: boolean } = {},
): Promise<RemoveInboxNumberResult> {
  if (numberId === DEFAULT_NUMBER_ID) {
    throw errors.validation(
      "The default number cannot be removed from the inbox. Change it in the company's Twilio settings instead.",
    );
  }

  const target = await findRemovalTarget(ctx.db, companyId, numberId);
  if (!target) throw errors.notFound("The inbox number");

  // Read before the removal, while the number's stored check is current.
  const service = await findInboxServiceRoute(
    ctx,
    companyId,
    target.phoneNumber,
  );
  const clearing = options.clearWebhook
    ? await clearInboxWebhook(ctx, companyId, target)
    : null;

  const deleted = await inTransaction(ctx.db, async (trx) => {
    if (clearing?.result === "cleared" && actor) {
      await recordWebhookCleared(trx, companyId, actor, target, clearing);
    }
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

  const webhook: RemovedNumberWebhook = clearing?.result ?? "not_requested";
  ctx.logger.info({ companyId, numberId, webhook }, "inbox number removed");

  return {
    phoneNumber: target.phoneNumber,
    webhook,
    message: service
      ? serviceRemovalMessage(target.phoneNumber, webhook, service)
      : removalMessage(target.phoneNumber, webhook),
  };
}

async function findRemovalTarget(
  db: Db,
  companyId: string,
  numberId: string,
): Promise<RemovalTarget | null> {
  const row = await db
    .selectFrom("inbox_numbers")
    .select(["id", "phone_number", "twilio_sid"])
    .where("id", "=", numberId)
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  if (!row) return null;

  return {
    id: row.id,
    phoneNumber: row.phone_number,
    twilioSid: row.twilio_sid,
  };
}

async function recordWebhookCleared(
  trx: Db,
  companyId: string,
  actor: AuditActor,
  target: RemovalTarget,
  clearing: Extract<WebhookClearing, { result: "cleared" }>,
): Promise<void> {
  await recordAudit(trx, {
    companyId,
    actor,
    action: auditActions.webhookCleared,
    target: { type: "inbox_number", id: target.id, label: target.phoneNumber },
    details: {
      phoneNumber: target.phoneNumber,
      previousSmsUrl: maskWebhookUrl(clearing.previousSmsUrl),
      previousSmsMethod: clearing.previousSmsMethod,
      newSmsUrl: "",
    },
  });
}

function removalMessage(
  phoneNumber: string,
  webhook: RemovedNumberWebhook,
): string {
  const removed = `${formatPhoneNumber(phoneNumber)} was removed from the inbox.`;
  switch (webhook) {
    case "cleared":
      return `${removed} Its incoming-message webhook on Twilio was cleared, so Twilio no longer sends its texts to the inbox.`;
    case "unset":
      return `${removed} It had no incoming-message webhook on Twilio to clear.`;
    case "points_elsewhere":
      return `${removed} Its webhook on Twilio points at another URL, which was left unchanged.`;
    case "not_on_account":
      return `${removed} It is not on the connected Twilio account, so there was no webhook to clear.`;
    case "not_requested":
      return `${removed} Its webhook on Twilio was not changed. If it points at this inbox, the inbox rejects texts sent to it.`;
  }
}

/**
 * Explains a removal when a Messaging Service sends the number's texts to
 * the inbox. The webhook accepts any To number of a service's sender pool,
 * so those texts still arrive and are stored.
 */
function serviceRemovalMessage(
  phoneNumber: string,
  webhook: RemovedNumberWebhook,
  service: MessagingServiceRoute,
): string {
  const removed = `${formatPhoneNumber(phoneNumber)} was removed from the inbox.`;
  const ownWebhook =
    webhook === "cleared"
      ? " Its own incoming-message webhook on Twilio was cleared."
      : "";

  return `${removed}${ownWebhook} It is in the Messaging Service ${service.friendlyName}, whose incoming request URL points at this inbox, so its texts keep arriving in the inbox. Remove the number from that service's sender pool in the Twilio Console to stop them.`;
}
