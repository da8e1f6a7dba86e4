import type { AppContext } from "../../../context.js";
import { nowIso } from "../../../db/ids.js";
import type { TwilioClient } from "../../../twilio/client.js";
import { explainTwilioError } from "../../../twilio/twilio-errors.js";
import { recordMessage } from "../conversations/conversation-store.js";
import { requireConnectedTwilio } from "../twilio/connected-twilio.js";
import { saveDeliveryOutcome, type DeliveryOutcome } from "./outbound-store.js";

export interface OutboundText {
  companyId: string;
  staffId: string;
  /** One of the company's numbers. */
  from: string;
  /** The customer's E.164 number. */
  to: string;
  body: string;
}

export interface SentText {
  conversationId: string;
  messageId: string;
}

// A timed-out request may still have reached Twilio.
const TIMEOUT_ADVICE =
  "The text may still have gone out, so check the message log in the Twilio Console before sending it again.";

/**
 * Sends a text from the inbox. The message is committed as "queued" before
 * Twilio is called, so every attempt is on record even if the process stops
 * mid-send. Twilio's response then sets the SID and status. A rejection is
 * stored as "failed" with its code and an explanation, and is not thrown.
 * Throws 409 before storing anything when Twilio is not connected.
 */
export async function sendText(
  ctx: AppContext,
  text: OutboundText,
): Promise<SentText> {
  const twilio = await requireConnectedTwilio(ctx, text.companyId);
  const recorded = await ctx.db.transaction().execute((trx) =>
    recordMessage(trx, {
      companyId: text.companyId,
      customerNumber: text.to,
      inboxNumber: text.from,
      direction: "outbound",
      twilioSid: null,
      from: text.from,
      to: text.to,
      body: text.body,
      status: "queued",
      sentByStaffId: text.staffId,
      media: [],
      createdAt: nowIso(),
    }),
  );

  // NOTE: a message whose request never got a response stays "queued"
  // without a SID if the process stops here. Nothing reconciles it yet.
  const outcome = await requestDelivery(ctx, twilio.client, text);
  await saveDeliveryOutcome(ctx.db, recorded.messageId, outcome);

  const logFields = {
    companyId: text.companyId,
    conversationId: recorded.conversationId,
    messageId: recorded.messageId,
    staffId: text.staffId,
    twilioSid: outcome.twilioSid,
    status: outcome.status,
  };
  if (outcome.status === "failed") {
    ctx.logger.warn(
      { ...logFields, twilioCode: outcome.errorCode },
      "outbound text rejected",
    );
  } else {
    ctx.logger.info(logFields, "outbound text accepted by Twilio");
  }

  return {
    conversationId: recorded.conversationId,
    messageId: recorded.messageId,
  };
}

async function requestDelivery(
  ctx: AppContext,
  client: TwilioClient,
  text: OutboundText,
): Promise<DeliveryOutcome> {
  try {
    const message = await client.messages.create({
      to: text.to,
      from: text.from,
      body: text.body,
    });

    return {
      status: message.status,
      twilioSid: message.sid,
      errorCode: null,
      errorMessage: null,
    };
  } catch (error) {
    const explained = explainTwilioError(error, ctx.config.twilioApiBaseUrl);
    const timedOut = explained.status === 504;

    return {
      status: "failed",
      twilioSid: null,
      errorCode: explained.code,
      errorMessage: timedOut
        ? `${explained.message} ${TIMEOUT_ADVICE}`
        : explained.message,
    };
  }
}
