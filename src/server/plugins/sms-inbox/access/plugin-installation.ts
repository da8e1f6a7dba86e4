import type { Db } from "../../../db/database.js";
import { SMS_INBOX_PLUGIN_ID } from "../plugin-keys.js";

export async function isPluginInstalled(
  db: Db,
  companyId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("plugin_installations")
    .select("company_id")
    .where("company_id", "=", companyId)
    .where("plugin_id", "=", SMS_INBOX_PLUGIN_ID)
    .executeTakeFirst();

  return row !== undefined;
}

/** Lists the company's locations where the inbox is enabled. */
export async function listEnabledLocationIds(
  db: Db,
  companyId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("plugin_locations")
    .select("location_id")
    .where("company_id", "=", companyId)
    .where("plugin_id", "=", SMS_INBOX_PLUGIN_ID)
    .orderBy("location_id")
    .execute();

  return rows.map((row) => row.location_id);
}

/** True when the inbox is enabled at one or more of `locationIds`. */
export async function isEnabledAtAnyLocation(
  db: Db,
  companyId: string,
  locationIds: readonly string[],
): Promise<boolean> {
  if (locationIds.length === 0) return false;

  const row = await db
    .selectFrom("plugin_locations")
    .select("location_id")
    .where("company_id", "=", companyId)
    .where("plugin_id", "=", SMS_INBOX_PLUGIN_ID)
    .where("location_id", "in", [...locationIds])
    .limit(1)
    .executeTakeFirst();

  return row !== undefined;
}
