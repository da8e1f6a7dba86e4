import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import type { PluginManifest } from "./plugins/plugin-manifest.js";

/** Mounts the host dashboard's API: auth, company, locations, plugins. */
export async function registerHostRoutes(
  _app: FastifyInstance,
  _ctx: AppContext,
  _catalogue: readonly PluginManifest[],
): Promise<void> {}
