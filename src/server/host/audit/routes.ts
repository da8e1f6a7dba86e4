import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { parseInput } from "../../http/validate.js";
import { requireAdminActor } from "./admin-actor.js";
import { AUDIT_PAGE_SIZE, loadAuditPage } from "./audit-page.js";

const AuditQuerySchema = z.object({
  action: z
    .string()
    .max(100, "Use at most 100 characters for action.")
    .optional(),
  cursor: z.string().max(1000, "The cursor is too long.").optional(),
  limit: z.coerce
    .number("Send limit as a number.")
    .int("Send limit as a whole number.")
    .min(1, "Send a limit of at least 1.")
    .max(AUDIT_PAGE_SIZE, `Send a limit of at most ${AUDIT_PAGE_SIZE}.`)
    .optional(),
});

export function registerAuditRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/api/audit", async (request) => {
    const actor = requireAdminActor(request);
    const query = parseInput(AuditQuerySchema, request.query);

    return loadAuditPage(ctx.db, { companyId: actor.companyId, ...query });
  });
}
