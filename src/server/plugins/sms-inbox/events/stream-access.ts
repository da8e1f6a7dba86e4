import type { FastifyRequest } from "fastify";
import { loadAuth } from "../../../auth/guard.js";
import { findSession, SESSION_COOKIE } from "../../../auth/session-store.js";
import type { AppContext } from "../../../context.js";
import {
  isEnabledAtAnyLocation,
  isPluginInstalled,
} from "../access/plugin-installation.js";
import type { StreamViewer } from "./event-queries.js";

/**
 * Returns whether the stream's session still grants its staff member view
 * access to the inbox. That needs the session, and the plugin installed and
 * enabled at one of their locations. A signed-out or moved staff member's
 * stream then ends at the next check.
 */
export async function isStillAllowed(
  ctx: AppContext,
  request: FastifyRequest,
  viewer: StreamViewer,
): Promise<boolean> {
  const auth = await loadAuth(ctx.db, request);
  if (!auth || auth.staffId !== viewer.staffId) return false;

  if (!(await isPluginInstalled(ctx.db, auth.companyId))) return false;

  return isEnabledAtAnyLocation(ctx.db, auth.companyId, auth.locationIds);
}

/**
 * Returns whether the stream's session still exists and belongs to an
 * active staff member: one lookup by primary key, cheap enough to run
 * before every batch, so a signed-out or deactivated member receives no
 * further event from any instance.
 */
export async function hasLiveSession(
  ctx: AppContext,
  request: FastifyRequest,
  viewer: StreamViewer,
): Promise<boolean> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return false;

  const session = await findSession(ctx.db, token);

  return session?.staffId === viewer.staffId;
}

/**
 * Runs an access check of an open stream and logs its outcome. A check
 * that fails with an error keeps the stream open, and the next check
 * tries again.
 */
export async function keepsAccess(
  ctx: AppContext,
  viewer: StreamViewer,
  check: () => Promise<boolean>,
): Promise<boolean> {
  try {
    if (await check()) return true;
  } catch (error) {
    ctx.logger.warn(
      { err: error, ...viewer },
      "event stream access check failed",
    );

    return true;
  }

  ctx.logger.info({ ...viewer }, "event stream closed: inbox access ended");

  return false;
}
