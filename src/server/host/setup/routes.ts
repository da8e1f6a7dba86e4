import type { FastifyInstance } from "fastify";
import type { SetupStatus } from "../../../common/api.js";
import { requireSameOriginJson } from "../../auth/request-origin.js";
import type { AppContext } from "../../context.js";
import { parseInput } from "../../http/validate.js";
import { signIn } from "../auth/sign-in.js";
import { hasAnyCompany } from "../company/company-store.js";
import type { PluginManifest } from "../plugins/plugin-manifest.js";
import { createCompanyWithOwner } from "./company-creator.js";
import { SetupRequestSchema } from "./schemas.js";

export function registerSetupRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  catalogue: readonly PluginManifest[],
): void {
  app.get("/api/setup/status", async (): Promise<SetupStatus> => {
    return { needsSetup: !(await hasAnyCompany(ctx.db)) };
  });

  app.post("/api/setup", async (request, reply) => {
    requireSameOriginJson(request, ctx.config.publicUrl);
    const input = parseInput(SetupRequestSchema, request.body);

    const created = await createCompanyWithOwner(ctx, input, {
      catalogue,
      firstRunOnly: true,
    });
    request.log.info(
      { companyId: created.company.id, staffId: created.owner.id },
      "first-run setup created a company",
    );

    return signIn(ctx, reply, created.owner.id);
  });
}
