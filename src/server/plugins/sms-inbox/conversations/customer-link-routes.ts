import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ConversationSummary } from "../../../../common/api.js";
import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import { actorOf } from "../../../host/audit/audit-log.js";
import { parseInput } from "../../../http/validate.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { appendInboxEvent } from "../events/event-log.js";
import { requireConversation } from "./conversation-lookup.js";
import {
  loadCustomerChoice,
  recordCustomerChoice,
} from "./customer-choice-audit.js";
import { ConversationParamsSchema } from "./conversation-params.js";
import { presentConversationSummary } from "./conversation-presenter.js";

const CustomerChoiceSchema = z.strictObject({
  customerId: z.string().min(1).nullable(),
});

/**
 * Mounts PUT /conversations/:id/customer, which records the customer staff
 * chose for a conversation, or clears the choice with null. It needs the
 * send permission, because the choice changes the name shown to every staff
 * member, and the inbox is read-only without that permission.
 */
export function registerCustomerLinkRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.put(
    "/conversations/:id/customer",
    async (request): Promise<ConversationSummary> => {
      const auth = await requireInboxAccess(ctx, request, "send");
      const { id } = parseInput(ConversationParamsSchema, request.params);
      const { customerId } = parseInput(CustomerChoiceSchema, request.body);
      const conversation = await requireConversation(ctx.db, auth, id);

      await ctx.db.transaction().execute(async (trx) => {
        const before = await loadCustomerChoice(
          trx,
          auth.companyId,
          conversation.id,
        );
        if (customerId !== null) {
          // Locks nothing: a delete that commits after this check clears the
          // link again through the foreign key.
          const customer = await trx
            .selectFrom("customers")
            .select("id")
            .where("id", "=", customerId)
            .where("company_id", "=", auth.companyId)
            .executeTakeFirst();
          if (!customer) {
            throw errors.validation(
              "customerId: no customer of your company has this id. Reload the customer list and choose again.",
              "customerId",
            );
          }
        }

        await trx
          .updateTable("conversations")
          .set({ customer_id: customerId })
          .where("id", "=", conversation.id)
          .where("company_id", "=", auth.companyId)
          .execute();
        // Other open inboxes show the new name without waiting for a poll.
        await appendInboxEvent(trx, {
          companyId: auth.companyId,
          type: "conversation.updated",
          conversationId: conversation.id,
          messageId: null,
        });
        await recordCustomerChoice(trx, {
          companyId: auth.companyId,
          actor: actorOf(request, auth.staffId),
          before,
          customerId,
        });
      });
      request.log.info(
        { conversationId: conversation.id, customerId },
        "conversation customer chosen",
      );

      return presentConversationSummary(
        await requireConversation(ctx.db, auth, conversation.id),
      );
    },
  );
}
