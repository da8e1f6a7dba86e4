import { randomBytes } from "node:crypto";
import type { AppContext } from "../../src/server/context.js";
import { recordMessage } from "../../src/server/plugins/sms-inbox/conversations/conversation-store.js";

/**
 * Stores one inbound text from each of `count` customers to `inboxNumber`,
 * one minute apart and ending now, through the same store as the webhook.
 * Each batch is one transaction.
 */
export async function seedConversations(
  ctx: AppContext,
  companyId: string,
  inboxNumber: string,
  count: number,
): Promise<void> {
  const batchSize = 1_000;
  const newest = Date.now();
  for (let first = 0; first < count; first += batchSize) {
    const last = Math.min(count, first + batchSize);
    await ctx.db.transaction().execute(async (trx) => {
      for (let index = first; index < last; index += 1) {
        const from = `+1628${String(2_000_000 + index).padStart(7, "0")}`;
        await recordMessage(trx, {
          companyId,
          customerNumber: from,
          inboxNumber,
          direction: "inbound",
          twilioSid: `SM${randomBytes(16).toString("hex")}`,
          from,
          to: inboxNumber,
          body: `Question ${index + 1}: is the sunset tour running this week?`,
          status: "received",
          sentByStaffId: null,
          media: [],
          createdAt: new Date(newest - (count - index) * 60_000).toISOString(),
        });
      }
    });
  }
}
