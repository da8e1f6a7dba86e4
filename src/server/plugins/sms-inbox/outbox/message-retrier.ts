import type { AppContext } from "../../../context.js";
import { nowIso } from "../../../db/ids.js";
import { errors } from "../../../errors.js";
import { requeueFailedMessage } from "../messages/outbound-store.js";
import { insertOutboxJob, requeueFinishedJob } from "./outbox-queries.js";

/**
 * Queues a failed outbound message for another send, with a fresh attempt
 * count. The caller wakes the outbox worker with notifyOutbox. Throws 409
 * when the message stopped being failed meanwhile, such as after a
 * concurrent retry.
 */
export async function requeueMessage(
  ctx: AppContext,
  message: { id: string; companyId: string },
): Promise<void> {
  const at = nowIso();
  const requeued = await ctx.db.transaction().execute(async (trx) => {
    if (!(await requeueFailedMessage(trx, message.id, at))) return false;

    // Messages sent before the outbox existed have no job yet.
    if (!(await requeueFinishedJob(trx, message.id, at))) {
      await insertOutboxJob(trx, {
        companyId: message.companyId,
        messageId: message.id,
        at,
      });
    }

    return true;
  });
  if (!requeued) {
    throw errors.messageNotRetryable(
      "This text is no longer failed, because it was retried already. Reload the conversation to see its status.",
    );
  }

  ctx.logger.info(
    { companyId: message.companyId, messageId: message.id },
    "outbound text requeued",
  );
}
