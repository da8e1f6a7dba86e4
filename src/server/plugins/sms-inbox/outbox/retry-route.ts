import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { EmptyBodySchema, parseInput } from "../../../http/validate.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { requireConversation } from "../conversations/conversation-lookup.js";
import { presentMessage } from "../messages/message-presenter.js";
import { findMessage, listMedia } from "../messages/message-queries.js";
import { assertNotOptedOut } from "../opt-out/opt-out-guard.js";
import { requireConnectedTwilio } from "../twilio/connected-twilio.js";
import { requeueMessage } from "./message-retrier.js";
import { notifyOutbox } from "./outbox-signal.js";
import { retryRefusal } from "./retry-policy.js";

const MessageParamsSchema = z.object({ messageId: z.string().min(1) });

/**
 * Mounts POST /messages/:messageId/retry, which queues a failed text again
 * when another attempt can help. It needs the same access as replying.
 * Responds 200 with the message, now "queued", or 409 with the reason.
 */
export function registerRetryRoute(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.post("/messages/:messageId/retry", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "send");
    const { messageId } = parseInput(MessageParamsSchema, request.params);
    parseInput(EmptyBodySchema, request.body);
    const message = await findMessage(ctx.db, auth.companyId, messageId);
    if (!message) throw errors.notFound("The message");

    const conversation = await requireConversation(
      ctx.db,
      auth,
      message.conversation_id,
    );
    const refusal = retryRefusal(message);
    if (refusal) throw errors.messageNotRetryable(refusal);

    await assertNotOptedOut(ctx.db, {
      companyId: auth.companyId,
      customerNumber: conversation.customer_number,
      inboxNumber: message.from_number,
    });
    await requireConnectedTwilio(ctx, auth.companyId);
    await requeueMessage(ctx, { id: message.id, companyId: auth.companyId });

    const [requeued, media] = await Promise.all([
      findMessage(ctx.db, auth.companyId, message.id),
      listMedia(ctx.db, [message.id]),
    ]);
    // Woken only after the read, so the response shows status "queued".
    notifyOutbox(ctx.db);
    if (!requeued) throw errors.notFound("The message");

    return presentMessage(requeued, media);
  });
}
