import { z } from "zod";
import type { Db } from "../../../db/database.js";
import type { ServiceMembership } from "./messaging-service-lookup.js";

const routeSchema = z.object({
  sid: z.string(),
  friendlyName: z.string(),
  inboundRequestUrl: z.string().nullable(),
  inboundMethod: z.string(),
  useInboundWebhookOnNumber: z.boolean(),
});

const membershipSchema = z.discriminatedUnion("result", [
  z.object({ result: z.literal("none") }),
  z.object({ result: z.literal("member"), service: routeSchema }),
  z.object({
    result: z.literal("unknown"),
    code: z.number().nullable(),
    message: z.string(),
  }),
]);

/**
 * Stores each number's Messaging Service check next to its lookup. The
 * lookup rows must exist already, because only those rows are updated.
 */
export async function saveServiceMemberships(
  db: Db,
  companyId: string,
  memberships: Map<string, ServiceMembership>,
): Promise<void> {
  for (const [phoneNumber, membership] of memberships) {
    await db
      .updateTable("webhook_health")
      .set({ messaging_service: JSON.stringify(membership) })
      .where("company_id", "=", companyId)
      .where("phone_number", "=", phoneNumber)
      .execute();
  }
}

/**
 * Loads the stored Messaging Service checks by E.164 number. Numbers never
 * checked, and stored values that no longer parse, are left out.
 */
export async function loadServiceMemberships(
  db: Db,
  companyId: string,
): Promise<Map<string, ServiceMembership>> {
  const rows = await db
    .selectFrom("webhook_health")
    .select(["phone_number", "messaging_service"])
    .where("company_id", "=", companyId)
    .execute();
  const memberships = new Map<string, ServiceMembership>();
  for (const row of rows) {
    const membership = parseMembership(row.messaging_service ?? null);
    if (membership) memberships.set(row.phone_number, membership);
  }

  return memberships;
}

function parseMembership(text: string | null): ServiceMembership | null {
  if (text === null) return null;

  try {
    const parsed = membershipSchema.safeParse(JSON.parse(text));

    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
