import type { FastifyRequest } from "fastify";
import { requireAuth, type AuthContext } from "../../../auth/guard.js";
import {
  hostPermissionLabel,
  hostPermissions,
} from "../../../auth/permissions.js";
import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import {
  smsInboxPermissionDefinitions,
  smsInboxPermissions,
} from "../plugin-keys.js";
import {
  isEnabledAtAnyLocation,
  isPluginInstalled,
} from "./plugin-installation.js";

/**
 * The access a route needs. "view" is any staff member at a location where
 * the inbox is enabled, and "send" adds the send permission. "manage" is a
 * company manager, who sets the inbox up before it is enabled anywhere.
 */
export type InboxAccessLevel = "view" | "send" | "manage";

/**
 * Returns the signed-in staff member when they have `level` access to the
 * inbox of their own company, or throws 401, 403 or 409.
 */
export async function requireInboxAccess(
  ctx: AppContext,
  request: FastifyRequest,
  level: InboxAccessLevel,
): Promise<AuthContext> {
  const auth = requireAuth(request);
  if (!(await isPluginInstalled(ctx.db, auth.companyId))) {
    throw errors.pluginNotInstalled();
  }

  if (level === "manage") {
    requirePermission(auth, hostPermissions.manageCompany);

    return auth;
  }

  const enabled = await isEnabledAtAnyLocation(
    ctx.db,
    auth.companyId,
    auth.locationIds,
  );
  if (!enabled) throw errors.pluginNotEnabled();

  if (level === "send") requirePermission(auth, smsInboxPermissions.send);

  return auth;
}

export function canSend(auth: AuthContext): boolean {
  return auth.permissions.has(smsInboxPermissions.send);
}

function requirePermission(auth: AuthContext, permission: string): void {
  if (!auth.permissions.has(permission)) {
    throw errors.missingPermission(permissionLabel(permission));
  }
}

function permissionLabel(key: string): string {
  const definition = smsInboxPermissionDefinitions.find(
    (permission) => permission.key === key,
  );

  return definition?.label ?? hostPermissionLabel(key);
}
