import type { FastifyInstance } from "fastify";
import { actorOf } from "../audit/audit-log.js";
import type { PluginListing } from "../../../common/api.js";
import { requireAuth, requirePermission } from "../../auth/guard.js";
import { hostPermissions } from "../../auth/permissions.js";
import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";
import { EmptyBodySchema, parseInput } from "../../http/validate.js";
import {
  installPlugin,
  setPluginLocations,
  uninstallPlugin,
} from "./plugin-installer.js";
import type { PluginManifest } from "./plugin-manifest.js";
import { loadPluginStates } from "./plugin-state.js";
import { presentPluginListing } from "./present-plugin-listing.js";
import { PluginLocationsUpdateSchema, PluginParamsSchema } from "./schemas.js";

export function registerPluginRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  catalogue: readonly PluginManifest[],
): void {
  const findManifest = (params: unknown): PluginManifest => {
    const { pluginId } = parseInput(PluginParamsSchema, params);
    const manifest = catalogue.find((plugin) => plugin.id === pluginId);
    if (!manifest) throw errors.notFound(`The plugin "${pluginId}"`);

    return manifest;
  };

  app.get("/api/plugins", async (request) => {
    const auth = requireAuth(request);

    const states = await loadPluginStates(ctx.db, auth.companyId);
    const plugins: PluginListing[] = catalogue.map((manifest) =>
      presentPluginListing(manifest, states.get(manifest.id)),
    );

    return { plugins };
  });

  app.post("/api/plugins/:pluginId/install", async (request) => {
    const auth = requirePermission(request, hostPermissions.manageCompany);
    const manifest = findManifest(request.params);
    parseInput(EmptyBodySchema, request.body);

    await installPlugin(ctx, auth.companyId, manifest.id, {
      actor: actorOf(request, auth.staffId),
      pluginName: manifest.name,
    });
    request.log.info(
      { companyId: auth.companyId, pluginId: manifest.id },
      "plugin installed",
    );

    return loadListing(ctx.db, auth.companyId, manifest);
  });

  app.delete("/api/plugins/:pluginId", async (request, reply) => {
    const auth = requirePermission(request, hostPermissions.manageCompany);
    const manifest = findManifest(request.params);
    parseInput(EmptyBodySchema, request.body);

    await uninstallPlugin(ctx, auth.companyId, manifest.id, {
      actor: actorOf(request, auth.staffId),
      pluginName: manifest.name,
    });
    request.log.info(
      { companyId: auth.companyId, pluginId: manifest.id },
      "plugin uninstalled",
    );

    return reply.code(204).send();
  });

  app.put("/api/plugins/:pluginId/locations", async (request) => {
    const auth = requirePermission(request, hostPermissions.manageCompany);
    const manifest = findManifest(request.params);
    const { locationIds } = parseInput(
      PluginLocationsUpdateSchema,
      request.body,
    );

    await setPluginLocations(
      ctx,
      auth.companyId,
      manifest,
      locationIds,
      actorOf(request, auth.staffId),
    );

    return loadListing(ctx.db, auth.companyId, manifest);
  });
}

async function loadListing(
  db: Db,
  companyId: string,
  manifest: PluginManifest,
): Promise<PluginListing> {
  const states = await loadPluginStates(db, companyId);

  return presentPluginListing(manifest, states.get(manifest.id));
}
