import type { FastifyInstance } from "fastify";
import type { PermissionDefinition } from "../../auth/permissions.js";
import type { AppContext } from "../../context.js";

/**
 * What the host knows about a plugin. The host lists manifests in its
 * catalogue, grants their permissions through roles and mounts their routes;
 * it never imports plugin internals.
 */
export interface PluginManifest {
  /** Stable id used in URLs and stored installations, such as `sms-chat`. */
  id: string;
  name: string;
  description: string;
  permissions: PermissionDefinition[];
  /** Web route of the plugin's setup page, relative to the app root. */
  setupPath: string;
  registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
}
