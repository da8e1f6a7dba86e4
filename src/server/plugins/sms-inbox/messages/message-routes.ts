import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../context.js";
import { decodeCursor } from "../../../http/keyset-cursor.js";
import { parseInput } from "../../../http/validate.js";
import type { AuthContext } from "../../../auth/guard.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { requireConversation } from "../conversations/conversation-lookup.js";
import { resolveOutboundMedia } from "../media/outbound-media.js";
import { resolveReplyNumber } from "../numbers/reply-number.js";
import { ConversationParamsSchema } from "../conversations/conversation-params.js";
import { assertNotOptedOut } from "../opt-out/opt-out-guard.js";
import { notifyOutbox } from "../outbox/outbox-signal.js";
import { registerRetryRoute } from "../outbox/retry-route.js";
import { readIdempotencyKey } from "./idempotency-key.js";
import { loadMessagePage } from "./message-page.js";
import { presentMessagePage, presentSendResult } from "./message-presenter.js";
import { sendOnce, type SentText } from "./message-sender.js";
import { resolveNewConversationRoute } from "./new-conversation.js";
import { loadSendResult } from "./send-result.js";
import {
  assertCanReceiveTexts,
  NewConversationRequestSchema,
  ReplyRequestSchema,
} from "./send-requests.js";

const ThreadQuerySchema = z.object({ before: z.string().min(1).optional() });

/**
 * Mounts the thread view, replies, new conversations and retries. A send
 * responds 201 as soon as the message is queued. A repeated Idempotency-Key
 * gets 200 and the message that its first request created.
 */
export function registerMessageRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/conversations/:id/messages", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "view");
    const { id } = parseInput(ConversationParamsSchema, request.params);
    const query = parseInput(ThreadQuerySchema, request.query);
    const before = query.before ? decodeCursor(query.before, "before") : null;
    const conversation = await requireConversation(ctx.db, auth, id);
    const page = await loadMessagePage(ctx.db, {
      companyId: auth.companyId,
      conversationId: conversation.id,
      before,
    });

    return presentMessagePage(page.rows, page.media, page.nextBefore);
  });

  app.post("/conversations/:id/messages", async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "send");
    const { id } = parseInput(ConversationParamsSchema, request.params);
    const input = parseInput(ReplyRequestSchema, request.body);
    const idempotency = readIdempotencyKey(request, {
      route: "reply",
      conversationId: id,
      body: input.body,
      mediaIds: input.mediaIds.join(","),
    });

    const sent = await sendOnce(ctx, auth, idempotency, async () => {
      const conversation = await requireConversation(ctx.db, auth, id);
      assertCanReceiveTexts(conversation.customer_number);
      const from = await resolveReplyNumber(
        ctx.db,
        auth.companyId,
        conversation.inbox_number,
      );
      await assertNotOptedOut(ctx.db, {
        companyId: auth.companyId,
        customerNumber: conversation.customer_number,
        inboxNumber: from,
      });

      return {
        from,
        to: conversation.customer_number,
        body: input.body,
        media: await resolveOutboundMedia(
          ctx.db,
          ctx.config,
          auth.companyId,
          input.mediaIds,
        ),
      };
    });

    return replySent(ctx, auth, reply, sent);
  });

  app.post("/conversations", async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "send");
    const input = parseInput(NewConversationRequestSchema, request.body);
    const idempotency = readIdempotencyKey(request, {
      route: "new-conversation",
      to: input.to,
      from: input.from ?? null,
      body: input.body,
      mediaIds: input.mediaIds.join(","),
    });

    const sent = await sendOnce(ctx, auth, idempotency, async () => {
      const route = await resolveNewConversationRoute(
        ctx.db,
        auth.companyId,
        input,
      );
      await assertNotOptedOut(ctx.db, {
        companyId: auth.companyId,
        customerNumber: route.to,
        inboxNumber: route.from,
      });

      const media = await resolveOutboundMedia(
        ctx.db,
        ctx.config,
        auth.companyId,
        input.mediaIds,
      );

      return { ...route, body: input.body, media };
    });

    return replySent(ctx, auth, reply, sent);
  });

  registerRetryRoute(app, ctx);
}

async function replySent(
  ctx: AppContext,
  auth: AuthContext,
  reply: FastifyReply,
  sent: SentText,
) {
  const result = await loadSendResult(ctx.db, auth, sent);
  // Woken only now, so the wake-up cannot make the worker claim the message
  // before it is read. The worker's periodic poll still can, and then a new
  // send responds with status "sending" instead of "queued".
  if (!sent.replayed) notifyOutbox(ctx.db);
  if (sent.replayed) void reply.header("idempotent-replayed", "true");

  return reply.code(sent.replayed ? 200 : 201).send(presentSendResult(result));
}
