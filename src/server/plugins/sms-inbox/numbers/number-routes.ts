import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../context.js";
import { actorOf } from "../../../host/audit/audit-log.js";
import { parseInput } from "../../../http/validate.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { listAvailableNumbers } from "./available-numbers.js";
import { addInboxNumber } from "./number-adder.js";
import {
  presentAvailableNumbers,
  presentInboxNumber,
  presentUnavailableNumbers,
} from "./number-presenter.js";
import { removeInboxNumber } from "./number-remover.js";
import { renameInboxNumber } from "./number-renamer.js";

const AddInboxNumberSchema = z.strictObject({
  phoneNumber: z
    .string()
    .trim()
    .min(1, "Enter the phone number to add.")
    .max(40, "A phone number has at most 40 characters."),
});

const NumberParamsSchema = z.object({ numberId: z.string().min(1) });

// The length and characters are checked after white space is collapsed.
const RenameInboxNumberSchema = z.strictObject({
  name: z.string("Send the name as text, or null to clear it.").nullable(),
});

const RemoveInboxNumberSchema = z.strictObject({
  clearWebhook: z.boolean("Send true or false.").optional(),
});

/** Mounts the setup page's number picker and the add, rename and remove routes. */
export function registerNumberRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/available-numbers", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    const result = await listAvailableNumbers(ctx, auth.companyId);

    return result.ok
      ? presentAvailableNumbers(result.numbers, result.smsCapableCount)
      : presentUnavailableNumbers(result.message);
  });

  app.post("/numbers", async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    const input = parseInput(AddInboxNumberSchema, request.body);
    const number = await addInboxNumber(
      ctx,
      auth.companyId,
      input.phoneNumber,
      actorOf(request, auth.staffId),
    );

    return reply.code(201).send(presentInboxNumber(number));
  });

  app.patch("/numbers/:numberId", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    const { numberId } = parseInput(NumberParamsSchema, request.params);
    const input = parseInput(RenameInboxNumberSchema, request.body);

    const number = await renameInboxNumber(
      ctx,
      auth.companyId,
      numberId,
      input.name,
      actorOf(request, auth.staffId),
    );

    return presentInboxNumber(number);
  });

  // Without a body the route returns 204, as it did before the body
  // existed. With one, it returns what happened to the webhook.
  app.delete("/numbers/:numberId", async (request, reply) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    const { numberId } = parseInput(NumberParamsSchema, request.params);
    const input = parseInput(RemoveInboxNumberSchema, request.body);

    const result = await removeInboxNumber(
      ctx,
      auth.companyId,
      numberId,
      actorOf(request, auth.staffId),
      { clearWebhook: input.clearWebhook === true },
    );
    if (request.body === undefined) return reply.code(204).send();

    return result;
  });
}
