import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../context.js";
import { nowIso } from "../../../db/ids.js";
import { decodeCursor } from "../../../http/keyset-cursor.js";
import { EmptyBodySchema, parseInput } from "../../../http/validate.js";
import { canSend, requireInboxAccess } from "../access/inbox-access.js";
import { loadCompany } from "../company-queries.js";
import { listCompanyNumbers } from "../numbers/number-store.js";
import { requireConversation } from "./conversation-lookup.js";
import { ConversationParamsSchema } from "./conversation-params.js";
import { listConversationPage } from "./conversation-page.js";
import { conversationPageSchema } from "./conversation-page-schema.js";
import {
  presentConversationPage,
  presentConversationSummary,
  presentInboxInfo,
} from "./conversation-presenter.js";
import { countUnreadMessages } from "./conversation-queries.js";
import { registerCustomerLinkRoutes } from "./customer-link-routes.js";
import { markConversationRead } from "./read-state.js";
import { searchConversationPage } from "../search/search-page.js";
import {
  parseSearchTerms,
  readsAsPhoneNumber,
} from "../search/search-terms.js";

const ListQuerySchema = z.object({
  cursor: z.string().min(1).optional(),
  /** Search text; see common/search-api.ts. */
  q: z.string().optional(),
});

/**
 * Mounts the inbox summary, the conversation list, read state and the
 * conversation's chosen customer.
 */
export function registerConversationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/inbox", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "view");
    const [numbers, totalUnread] = await Promise.all([
      listCompanyNumbers(ctx.db, auth.companyId),
      countUnreadMessages(ctx.db, auth.companyId, auth.staffId),
    ]);

    return presentInboxInfo({ canSend: canSend(auth), numbers, totalUnread });
  });

  // The response schema lets Fastify serialize a page with
  // fast-json-stringify, which writes the same text as JSON.stringify.
  app.get(
    "/conversations",
    { schema: { response: { 200: conversationPageSchema } } },
    async (request) => {
      const auth = await requireInboxAccess(ctx, request, "view");
      const query = parseInput(ListQuerySchema, request.query);
      const before = query.cursor ? decodeCursor(query.cursor, "cursor") : null;
      const page =
        query.q === undefined
          ? await listConversationPage(ctx.db, auth, before)
          : await searchConversationPage(
              ctx,
              auth,
              parseSearchTerms(
                query.q,
                await searchCountry(ctx, auth, query.q),
              ),
              before,
            );

      return presentConversationPage(page.rows, page.nextCursor);
    },
  );

  app.get("/conversations/:id", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "view");
    const { id } = parseInput(ConversationParamsSchema, request.params);
    const conversation = await requireConversation(ctx.db, auth, id);

    return presentConversationSummary(conversation);
  });

  app.post("/conversations/:id/read", async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "view");
    const { id } = parseInput(ConversationParamsSchema, request.params);
    parseInput(EmptyBodySchema, request.body);
    const conversation = await requireConversation(ctx.db, auth, id);
    await markConversationRead(ctx.db, {
      companyId: auth.companyId,
      conversationId: conversation.id,
      staffId: auth.staffId,
      readAt: nowIso(),
    });

    return reply.code(204).send();
  });

  registerCustomerLinkRoutes(app, ctx);
}

/**
 * Returns the company's country when the search reads as a phone number,
 * so national formats can be read, and null without a lookup otherwise.
 */
async function searchCountry(
  ctx: AppContext,
  auth: { companyId: string },
  query: string,
): Promise<string | null> {
  if (!readsAsPhoneNumber(query)) return null;

  return (await loadCompany(ctx.db, auth.companyId)).country;
}
