import type { FastifyInstance } from "fastify";
import type { Location } from "../../../common/api.js";
import { requireAuth } from "../../auth/guard.js";
import type { AppContext } from "../../context.js";
import { listLocations } from "./location-store.js";
import { presentLocation } from "./present-location.js";

export function registerLocationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/api/locations", async (request) => {
    const auth = requireAuth(request);

    const rows = await listLocations(ctx.db, auth.companyId);
    const locations: Location[] = rows.map(presentLocation);

    return { locations };
  });
}
