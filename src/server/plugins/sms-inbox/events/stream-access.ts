import type { FastifyRequest } from "fastify";
import {
  SESSION_COOKIE,
  selectLiveSession,
} from "../../../auth/session-store.js";
import type { AppContext } from "../../../context.js";
import { SMS_INBOX_PLUGIN_ID } from "../plugin-keys.js";
import type { StreamViewer } from "./event-queries.js";

/**
 * Returns whether the stream's session still exists, belongs to an active
 * staff member of the viewer's company, and still grants view access to
 * the inbox: the plugin installed and enabled at one of the member's
 * locations. It is one statement of primary-key and index lookups, cheap
 * enough to run before every batch and on the periodic check, so a
 * signed-out, deactivated or moved member receives no further event from
 * any instance.
 */
export async function keepsViewAccess(
  ctx: AppContext,
  request: FastifyRequest,
  viewer: StreamViewer,
): Promise<boolean> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return false;

  const row = await selectLiveSession(ctx.db, token)
    .select("staff.id")
    .where("staff.id", "=", viewer.staffId)
    .where("staff.company_id", "=", viewer.companyId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("plugin_installations")
          .select("plugin_installations.company_id")
          .where("plugin_installations.company_id", "=", viewer.companyId)
          .where("plugin_installations.plugin_id", "=", SMS_INBOX_PLUGIN_ID),
      ),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("staff_locations")
          .innerJoin(
            "plugin_locations",
            "plugin_locations.location_id",
            "staff_locations.location_id",
          )
          .select("staff_locations.location_id")
          .whereRef("staff_locations.staff_id", "=", "staff.id")
          .where("plugin_locations.company_id", "=", viewer.companyId)
          .where("plugin_locations.plugin_id", "=", SMS_INBOX_PLUGIN_ID),
      ),
    )
    .executeTakeFirst();

  return row !== undefined;
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
