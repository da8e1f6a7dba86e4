import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import { registerAuditRoutes } from "./audit/routes.js";
import { registerAuthRoutes } from "./auth/routes.js";
import { registerCompanyRoutes } from "./company/routes.js";
import { registerCustomerRoutes } from "./customers/routes.js";
import { registerInvitationRoutes } from "./invitations/routes.js";
import { registerLocationRoutes } from "./locations/routes.js";
import type { PluginManifest } from "./plugins/plugin-manifest.js";
import { registerPluginRoutes } from "./plugins/routes.js";
import { registerRoleRoutes } from "./roles/routes.js";
import { registerSetupRoutes } from "./setup/routes.js";
import { registerStaffRoutes } from "./staff/routes.js";
import { registerTwilioConnectionRoutes } from "./twilio/routes.js";

/**
 * Mounts the host dashboard's API: auth, company, locations, plugins, and
 * the admin routes for staff, invitations, roles and the audit log.
 */
export async function registerHostRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  catalogue: readonly PluginManifest[],
): Promise<void> {
  registerSetupRoutes(app, ctx, catalogue);
  registerAuthRoutes(app, ctx);
  registerCompanyRoutes(app, ctx);
  registerTwilioConnectionRoutes(app, ctx);
  registerLocationRoutes(app, ctx);
  registerCustomerRoutes(app, ctx);
  registerPluginRoutes(app, ctx, catalogue);
  registerStaffRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerRoleRoutes(app, ctx, catalogue);
  registerAuditRoutes(app, ctx);
}
