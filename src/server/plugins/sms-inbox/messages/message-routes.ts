import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../context.js";
import { parseInput } from "../../../http/validate.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { requireConversation } from "../conversations/conversation-lookup.js";
import { ConversationParamsSchema } from "../conversations/conversation-params.js";
import { decodeCursor } from "../pagination/keyset-cursor.js";
import { loadMessagePage } from "./message-page.js";
import { presentMessagePage, presentSendResult } from "./message-presenter.js";
import { sendText } from "./message-sender.js";
import { resolveNewConversationRoute } from "./new-conversation.js";
import { loadSendResult } from "./send-result.js";
import {
  assertCanReceiveTexts,
  NewConversationRequestSchema,
  ReplyRequestSchema,
} from "./send-requests.js";

const ThreadQuerySchema = z.object({ before: z.string().min(1).optional() });

/** Mounts the thread view, replies and new conversations. */
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
    const conversation = await requireConversation(ctx.db, auth, id);
    assertCanReceiveTexts(conversation.customer_number);

    const sent = await sendText(ctx, {
      companyId: auth.companyId,
      staffId: auth.staffId,
      from: conversation.inbox_number,
      to: conversation.customer_number,
      body: input.body,
    });
    const result = await loadSendResult(ctx.db, auth, sent);

    return reply.code(201).send(presentSendResult(result));
  });

  app.post("/conversations", async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "send");
    const input = parseInput(NewConversationRequestSchema, request.body);
    const route = await resolveNewConversationRoute(
      ctx.db,
      auth.companyId,
      input,
    );
    const sent = await sendText(ctx, {
      companyId: auth.companyId,
      staffId: auth.staffId,
      ...route,
      body: input.body,
    });
    const result = await loadSendResult(ctx.db, auth, sent);

    return reply.code(201).send(presentSendResult(result));
  });
}
