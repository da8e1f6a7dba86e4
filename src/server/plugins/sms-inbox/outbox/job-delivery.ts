import type { AppContext } from "../../../context.js";
import { nowIso } from "../../../db/ids.js";
import { errors } from "../../../errors.js";
import { recordCredentialCheck } from "../../../host/twilio/credential-findings.js";
import { countSendOutcome } from "../../../ops/ops-state.js";
import type { TwilioClient } from "../../../twilio/client.js";
import { loadCompany } from "../company-queries.js";
import { listMessageMediaUrls } from "../media/outbound-media.js";
import {
  findStoredSids,
  loadOutboundMessage,
  setPendingStatus,
  type DeliveryOutcome,
  type OutboundMessage,
} from "../messages/outbound-store.js";
import { statusCallbackUrl } from "../status/status-callback-url.js";
import { findConnectedTwilio } from "../twilio/connected-twilio.js";
import { TWILIO_AUTHENTICATION_FAILED } from "../webhook-health/twilio-error-codes.js";
import { storeAttemptFailure } from "./attempt-failure.js";
import { storeDelivered, storeOrphanFailure } from "./delivery-store.js";
import type { OutboxJob } from "./outbox-queries.js";
import { classifySendFailure, type SendFailure } from "./send-failure.js";
import { returnUnsentJob } from "./sender-slots.js";
import { endSendSlot, takeSendSlot } from "./send-slot.js";
import { findTwilioCopy } from "./twilio-copy.js";

/**
 * Runs one attempt of a claimed job. When an earlier attempt may have
 * reached Twilio, the message is first looked for there and adopted if
 * found. Otherwise the message is marked "sending" and sent, after taking
 * its number's send slot when the per-number rate is limited. A job whose
 * slot another worker took returns to the queue. A transient failure is
 * rescheduled until the attempts run out, and a permanent one fails the
 * message at once. Twilio errors are stored, not thrown. Database errors
 * propagate, and the job's lease then expires. Once the outcome is stored,
 * error 20003 records the saved credentials as rejected in the credential
 * finding, and a sent or found message records them as accepted.
 */
export async function deliverJob(
  ctx: AppContext,
  job: OutboxJob,
): Promise<void> {
  const message = await loadOutboundMessage(ctx.db, job.message_id);
  if (!message) {
    // Deleting a message deletes its job too, so this is not expected.
    ctx.logger.error({ jobId: job.id }, "outbox job has no outbound message");
    await storeOrphanFailure(ctx.db, job, nowIso());
    countSendOutcome(ctx, "failed_permanent");

    return;
  }

  const twilio = await findConnectedTwilio(ctx, message.companyId);
  if (!twilio) {
    const failure: SendFailure = {
      kind: "permanent",
      mayHaveReachedTwilio: false,
      answered: false,
      errorCode: null,
      errorMessage: errors.twilioNotConnected().message,
    };
    await storeAttemptFailure(ctx, job, message, failure);

    return;
  }

  const client = twilio.client;
  let requested = false;
  try {
    const found = job.reconcile_first
      ? await findCopy(ctx, client, job, message)
      : null;
    if (found) {
      await storeOutcome(ctx, job, found, "outbound text found on Twilio");
      countSendOutcome(ctx, "reconciled");
      await recordCredentialCheck(
        ctx,
        message.companyId,
        "accepted",
        ctx.logger,
      );

      return;
    }

    const slot = await takeSendSlot(ctx, message);
    if (slot.kind === "taken") {
      await returnUnsentJob(ctx.db, job, nowIso());
      ctx.logger.debug(
        { jobId: job.id, messageId: job.message_id },
        "send slot of the number taken by another worker; job returned to the queue",
      );

      return;
    }

    await setPendingStatus(ctx.db, message.id, "sending", nowIso());
    requested = true;
    let created: DeliveryOutcome;
    try {
      created = await send(ctx, client, message);
    } finally {
      await endSendSlot(ctx, message, slot);
    }
    await storeOutcome(ctx, job, created, "outbound text accepted by Twilio");
    countSendOutcome(ctx, "sent");
    await recordCredentialCheck(ctx, message.companyId, "accepted", ctx.logger);
  } catch (error) {
    const failure = classifySendFailure(error, ctx.config.twilioApiBaseUrl);
    // When the search failed, the earlier attempt may still have reached
    // Twilio, so the next attempt searches again.
    const mayHaveReachedTwilio = requested
      ? failure.mayHaveReachedTwilio
      : job.reconcile_first === 1;
    await storeAttemptFailure(ctx, job, message, {
      ...failure,
      mayHaveReachedTwilio,
    });
    if (failure.errorCode === TWILIO_AUTHENTICATION_FAILED) {
      await recordCredentialCheck(
        ctx,
        message.companyId,
        "rejected",
        ctx.logger,
      );
    }
  }
}

async function findCopy(
  ctx: AppContext,
  client: TwilioClient,
  job: OutboxJob,
  message: OutboundMessage,
): Promise<DeliveryOutcome | null> {
  return findTwilioCopy(client, {
    message,
    queuedAt: job.queued_at,
    findStoredSids: (sids) => findStoredSids(ctx.db, sids),
  });
}

async function send(
  ctx: AppContext,
  client: TwilioClient,
  message: OutboundMessage,
): Promise<DeliveryOutcome> {
  const company = await loadCompany(ctx.db, message.companyId);
  const mediaUrl = await listMessageMediaUrls(ctx.db, message.id);
  const created = await client.messages.create({
    to: message.to,
    from: message.from,
    body: message.body,
    ...(mediaUrl.length > 0 ? { mediaUrl } : {}),
    statusCallback: statusCallbackUrl(
      ctx.config.publicUrl,
      company.webhookToken,
      message.id,
    ),
  });

  return {
    status: created.status,
    twilioSid: created.sid,
    errorCode: created.errorCode ?? null,
    errorMessage: created.errorMessage ?? null,
  };
}

async function storeOutcome(
  ctx: AppContext,
  job: OutboxJob,
  outcome: DeliveryOutcome,
  logMessage: string,
): Promise<void> {
  await storeDelivered(ctx.db, job, outcome, nowIso());
  ctx.logger.info(
    {
      jobId: job.id,
      messageId: job.message_id,
      attempts: job.attempts,
      twilioSid: outcome.twilioSid,
      status: outcome.status,
    },
    logMessage,
  );
}
