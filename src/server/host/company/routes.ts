import type { FastifyInstance } from "fastify";
import { requireAuth, requirePermission } from "../../auth/guard.js";
import { hostPermissions } from "../../auth/permissions.js";
import type { AppContext } from "../../context.js";
import { parseInput } from "../../http/validate.js";
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
    const auth = requirePermission(request, hostPermissions.manageCompany);
    const update = parseInput(CompanyUpdateSchema, request.body);

    const company = await updateCompany(ctx, auth.companyId, update);

    return presentCompany(company);
  });
}
