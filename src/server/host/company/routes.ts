import type { FastifyInstance } from "fastify";
import { requireAuth } from "../../auth/guard.js";
import type { AppContext } from "../../context.js";
import { parseInput } from "../../http/validate.js";
import { requireAdminActor } from "../audit/admin-actor.js";
import { updateCompany } from "./company-updater.js";
import { findCompany } from "./company-store.js";
import { presentCompany } from "./present-company.js";
import { CompanyUpdateSchema } from "./schemas.js";

export function registerCompanyRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/api/company", async (request) => {
    const auth = requireAuth(request);

    return presentCompany(await findCompany(ctx.db, auth.companyId));
  });

  app.put("/api/company", async (request) => {
    const actor = requireAdminActor(request);
    const update = parseInput(CompanyUpdateSchema, request.body);

    const company = await updateCompany(ctx, actor, update);

    return presentCompany(company);
  });
}
