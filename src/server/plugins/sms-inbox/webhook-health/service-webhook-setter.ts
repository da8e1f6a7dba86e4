import type { WebhookHealthReport } from "../../../../common/webhook-health-api.js";
import type { AppContext } from "../../../context.js";
import { AppError, errors } from "../../../errors.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import { readTwilioFailure } from "../../../twilio/twilio-error-messages.js";
import { explainTwilioError } from "../../../twilio/twilio-errors.js";
import {
  requireConnectedTwilio,
  type ConnectedTwilio,
} from "../twilio/connected-twilio.js";
import { checkWebhookHealth } from "./health-check.js";
import type { MessagingServiceRoute } from "./messaging-service-lookup.js";
import { loadServiceMemberships } from "./service-membership-store.js";
import { loadWebhookTokens } from "./webhook-tokens.js";
import { maskWebhookUrl, tokenWebhookUrl } from "./webhook-urls.js";

export interface SetServiceWebhookInput {
  companyId: string;
  actor: AuditActor;
  /** MG… SID of a service whose sender pool has an inbox number. */
  serviceSid: string;
  /** The inbound request URL the staff member saw; "" for none. */
  expectedInboundRequestUrl: string;
}

/**
 * Points a Messaging Service's inbound request URL at the company's token
 * URL with POST, which changes where texts go for every number in the
 * service. Only services that the last check found holding an inbox number
 * can be changed. The service is read from Twilio first: when its URL is no
 * longer the expected one, or it uses each number's own webhook,
 * nothing changes and the 409 error explains why. Returns a fresh health report.
 */
export async function setServiceWebhook(
  ctx: AppContext,
  input: SetServiceWebhookInput,
): Promise<WebhookHealthReport> {
  await requireCheckedService(ctx, input.companyId, input.serviceSid);
  const twilio = await requireConnectedTwilio(ctx, input.companyId);
  const current = await fetchService(ctx, twilio, input.serviceSid);
  assertUnchanged(current, input.expectedInboundRequestUrl);

  const tokens = await loadWebhookTokens(ctx.db, input.companyId);
  const newUrl = tokenWebhookUrl(ctx.config.publicUrl, tokens.current);
  await updateService(ctx, twilio, input.serviceSid, newUrl);
  await recordAudit(ctx.db, {
    companyId: input.companyId,
    actor: input.actor,
    action: auditActions.serviceWebhookSet,
    target: {
      type: "messaging_service",
      id: current.sid,
      label: current.friendlyName,
    },
    details: {
      serviceSid: current.sid,
      previousInboundRequestUrl: maskWebhookUrl(
        current.inboundRequestUrl ?? "",
      ),
      previousInboundMethod: current.inboundMethod,
      newInboundRequestUrl: maskWebhookUrl(newUrl),
      newInboundMethod: "POST",
    },
  });
  ctx.logger.info(
    { companyId: input.companyId, serviceSid: current.sid },
    "webhook set on Messaging Service",
  );

  return checkWebhookHealth(ctx, input.companyId);
}

async function requireCheckedService(
  ctx: AppContext,
  companyId: string,
  serviceSid: string,
): Promise<void> {
  const memberships = await loadServiceMemberships(ctx.db, companyId);
  const found = [...memberships.values()].some(
    (membership) =>
      membership.result === "member" && membership.service.sid === serviceSid,
  );
  if (!found) throw errors.notFound("A Messaging Service with an inbox number");
}

async function fetchService(
  ctx: AppContext,
  twilio: ConnectedTwilio,
  serviceSid: string,
): Promise<MessagingServiceRoute> {
  try {
    const record = await twilio.client.messaging.v1
      .services(serviceSid)
      .fetch();

    return {
      sid: record.sid,
      friendlyName: record.friendlyName,
      inboundRequestUrl: record.inboundRequestUrl || null,
      inboundMethod: (record.inboundMethod ?? "POST").toUpperCase(),
      useInboundWebhookOnNumber: record.useInboundWebhookOnNumber === true,
    };
  } catch (error) {
    if (readTwilioFailure(error)?.status === 404) {
      throw errors.notFound("The Messaging Service on Twilio");
    }

    throw twilioFailure(ctx, error, "The service's webhook was not changed.");
  }
}

function assertUnchanged(current: MessagingServiceRoute, expected: string) {
  const name = `The Messaging Service "${current.friendlyName}" (${current.sid})`;
  if (current.useInboundWebhookOnNumber) {
    throw new AppError(
      409,
      "webhook_changed",
      `${name} uses each number's own webhook, so its URL does not decide where texts go. Nothing was changed. Refresh and set the numbers' webhooks instead.`,
    );
  }

  const currentUrl = current.inboundRequestUrl ?? "";
  if (currentUrl === expected) return;

  const describedUrl = currentUrl === "" ? "unset" : currentUrl;
  throw new AppError(
    409,
    "webhook_changed",
    `${name} changed on Twilio since the page was loaded: its incoming request URL is now ${describedUrl}. Nothing was changed. Review the service and try again.`,
  );
}

async function updateService(
  ctx: AppContext,
  twilio: ConnectedTwilio,
  serviceSid: string,
  inboundRequestUrl: string,
): Promise<void> {
  try {
    await twilio.client.messaging.v1
      .services(serviceSid)
      .update({ inboundRequestUrl, inboundMethod: "POST" });
  } catch (error) {
    throw twilioFailure(
      ctx,
      error,
      "The service's webhook may not have changed. Refresh the webhook check to see its current URL.",
    );
  }
}

function twilioFailure(
  ctx: AppContext,
  error: unknown,
  outcome: string,
): AppError {
  const explained = explainTwilioError(error, ctx.config.twilioApiBaseUrl);
  ctx.logger.warn(
    { twilioCode: explained.code, status: explained.status },
    "Messaging Service request on Twilio failed",
  );

  return errors.twilio(
    explained.status,
    explained.code,
    `${outcome} ${explained.message}`,
  );
}
