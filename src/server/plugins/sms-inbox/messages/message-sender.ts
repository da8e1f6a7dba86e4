import type { AuthContext } from "../../../auth/guard.js";
import type { AppContext } from "../../../context.js";
import type { Db } from "../../../db/database.js";
import { nowIso } from "../../../db/ids.js";
import { errors } from "../../../errors.js";
import { recordMessage } from "../conversations/conversation-store.js";
import type { OutboundMedia } from "../media/outbound-media.js";
import { insertOutboxJob } from "../outbox/outbox-queries.js";
import { requireConnectedTwilio } from "../twilio/connected-twilio.js";
import type { IdempotencyKey } from "./idempotency-key.js";
import {
  findIdempotencyKey,
  insertIdempotencyKey,
} from "./idempotency-queries.js";

/** The sender, recipient and content of a text. */
export interface OutboundText {
  /** One of the company's numbers. */
  from: string;
  /** The customer's E.164 number. */
  to: string;
  body: string;
  /** Attachments, stored in message_media and sent as MediaUrl. */
  media?: OutboundMedia[];
}

export interface SentText {
  conversationId: string;
  messageId: string;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

/** Thrown inside the transaction to roll it back when the key is taken. */
class KeyTakenError extends Error {}

/**
 * Queues a text from staff once per Idempotency-Key. A key seen before
 * returns the message that its first request created, and queues nothing.
 * For a new key, `prepare` returns the text to queue. The message, its key
 * and its outbox job commit in one transaction, and the outbox worker then
 * sends the message to Twilio. The caller wakes the worker with
 * notifyOutbox once it has read the message, or else the worker finds the
 * job on its next poll. Throws 409 when Twilio is not connected or the key
 * was used for a different request.
 */
export async function sendOnce(
  ctx: AppContext,
  auth: AuthContext,
  idempotency: IdempotencyKey,
  prepare: () => Promise<OutboundText>,
): Promise<SentText> {
  const earlier = await findEarlierSend(ctx.db, auth, idempotency);
  if (earlier) return earlier;

  const text = await prepare();
  await requireConnectedTwilio(ctx, auth.companyId);
  try {
    const sent = await queueText(ctx.db, auth, idempotency, text);
    ctx.logger.info(
      { companyId: auth.companyId, staffId: auth.staffId, ...sent },
      "outbound text queued",
    );

    return sent;
  } catch (error) {
    if (!(error instanceof KeyTakenError)) throw error;

    // A concurrent request with the same key committed first.
    const winner = await findEarlierSend(ctx.db, auth, idempotency);
    if (!winner) throw error;

    return winner;
  }
}

async function queueText(
  db: Db,
  auth: AuthContext,
  idempotency: IdempotencyKey,
  text: OutboundText,
): Promise<SentText> {
  const at = nowIso();

  return db.transaction().execute(async (trx) => {
    const recorded = await recordMessage(trx, {
      companyId: auth.companyId,
      customerNumber: text.to,
      inboxNumber: text.from,
      direction: "outbound",
      twilioSid: null,
      from: text.from,
      to: text.to,
      body: text.body,
      status: "queued",
      sentByStaffId: auth.staffId,
      media: text.media ?? [],
      createdAt: at,
    });
    const keyStored = await insertIdempotencyKey(trx, {
      companyId: auth.companyId,
      staffId: auth.staffId,
      ...idempotency,
      messageId: recorded.messageId,
      at,
    });
    if (!keyStored) throw new KeyTakenError();

    await insertOutboxJob(trx, {
      companyId: auth.companyId,
      messageId: recorded.messageId,
      at,
    });

    return {
      conversationId: recorded.conversationId,
      messageId: recorded.messageId,
      replayed: false,
    };
  });
}

/**
 * Returns the message an earlier request with this key created, or null
 * for a new key. Throws 409 when that request was a different one.
 */
async function findEarlierSend(
  db: Db,
  auth: AuthContext,
  idempotency: IdempotencyKey,
): Promise<SentText | null> {
  const stored = await findIdempotencyKey(db, {
    companyId: auth.companyId,
    staffId: auth.staffId,
    key: idempotency.key,
  });
  if (!stored) return null;

  if (stored.requestHash !== idempotency.requestHash) {
    throw errors.idempotencyKeyReused();
  }

  return {
    conversationId: stored.conversationId,
    messageId: stored.messageId,
    replayed: true,
  };
}
