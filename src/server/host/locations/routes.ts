import type { FastifyInstance } from "fastify";
import type { Location } from "../../../common/api.js";
import { requireAuth } from "../../auth/guard.js";
import type { AppContext } from "../../context.js";
import { EmptyBodySchema, parseInput } from "../../http/validate.js";
import { requireAdminActor } from "../audit/admin-actor.js";
import {
  addLocation,
  deleteLocation,
  renameLocation,
} from "./location-admin.js";
import { listLocations } from "./location-store.js";
import { presentLocation } from "./present-location.js";
import { LocationInputSchema, LocationParamsSchema } from "./schemas.js";

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

  app.post("/api/locations", async (request, reply) => {
    const actor = requireAdminActor(request);
    const { name } = parseInput(LocationInputSchema, request.body);

    const location = await addLocation(ctx, actor, name);

    return reply.code(201).send(presentLocation(location));
  });

  app.put("/api/locations/:locationId", async (request) => {
    const actor = requireAdminActor(request);
    const { locationId } = parseInput(LocationParamsSchema, request.params);
    const { name } = parseInput(LocationInputSchema, request.body);

    const location = await renameLocation(ctx, actor, locationId, name);

    return presentLocation(location);
  });

  app.delete("/api/locations/:locationId", async (request, reply) => {
    const actor = requireAdminActor(request);
    const { locationId } = parseInput(LocationParamsSchema, request.params);
    parseInput(EmptyBodySchema, request.body);

    await deleteLocation(ctx, actor, locationId);

    return reply.code(204).send();
  });
}
