import type { AppContext } from "../../../context.js";
import type { MessagingServiceRoute } from "../webhook-health/messaging-service-lookup.js";
import { loadServiceMemberships } from "../webhook-health/service-membership-store.js";
import { decidingService } from "../webhook-health/webhook-state.js";
import { pointsAtCompany } from "./number-webhook-clearer.js";

/**
 * Returns the Messaging Service that, by the number's last stored webhook
 * check, sends its texts to this company's inbox: the number is in its
 * sender pool, the service's incoming request URL decides, and that URL
 * points at the inbox. Returns null otherwise, and when the number was
 * never checked.
 */
export async function findInboxServiceRoute(
  ctx: Pick<AppContext, "config" | "db">,
  companyId: string,
  phoneNumber: string,
): Promise<MessagingServiceRoute | null> {
  const memberships = await loadServiceMemberships(ctx.db, companyId);
  const service = decidingService(memberships.get(phoneNumber) ?? null);
  if (!service?.inboundRequestUrl) return null;

  const toInbox = await pointsAtCompany(
    ctx,
    companyId,
    service.inboundRequestUrl,
  );

  return toInbox ? service : null;
}
