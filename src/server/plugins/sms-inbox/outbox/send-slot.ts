import type { AppContext } from "../../../context.js";
import { nowIso } from "../../../db/ids.js";
import type { OutboundMessage } from "../messages/outbound-store.js";
import {
  reserveSendSlot,
  scheduleNextSend,
  sendIntervalMs,
} from "./sender-slots.js";

/** A send's right to go ahead under OUTBOX_RATE_PER_NUMBER. */
export type SendSlot =
  | { kind: "unlimited" }
  | { kind: "held"; holdUntil: string }
  | { kind: "taken" };

/**
 * Takes the send slot of the message's number. The hold lasts one interval
 * beyond the Twilio timeout, so it outlives the request and a crashed
 * worker blocks the number for at most that long.
 */
export async function takeSendSlot(
  ctx: AppContext,
  message: OutboundMessage,
): Promise<SendSlot> {
  const intervalMs = sendIntervalMs(ctx.config);
  if (intervalMs === 0) return { kind: "unlimited" };

  const now = new Date();
  const holdUntil = new Date(
    now.getTime() + ctx.config.twilioTimeoutMs + intervalMs,
  ).toISOString();
  const reserved = await reserveSendSlot(ctx.db, {
    companyId: message.companyId,
    fromNumber: message.from,
    now: now.toISOString(),
    holdUntil,
  });

  return reserved ? { kind: "held", holdUntil } : { kind: "taken" };
}

/**
 * Ends a held slot once the send request is over, whatever its outcome, so
 * the next send from the number starts one interval after Twilio may have
 * received this one.
 */
export async function endSendSlot(
  ctx: AppContext,
  message: OutboundMessage,
  slot: SendSlot,
): Promise<void> {
  if (slot.kind !== "held") return;

  const nextSendAt = new Date(
    Date.parse(nowIso()) + sendIntervalMs(ctx.config),
  ).toISOString();
  await scheduleNextSend(ctx.db, {
    companyId: message.companyId,
    fromNumber: message.from,
    holdUntil: slot.holdUntil,
    nextSendAt,
  });
}
