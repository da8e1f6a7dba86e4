import type { Db } from "../../db/database.js";

/** A plugin's installation state for one company. */
export interface PluginState {
  installed: boolean;
  enabledLocationIds: string[];
}

/** Loads the installation state of every plugin a company has touched. */
export async function loadPluginStates(
  db: Db,
  companyId: string,
): Promise<Map<string, PluginState>> {
  const [installations, enabled] = await Promise.all([
    db
      .selectFrom("plugin_installations")
      .select("plugin_id")
      .where("company_id", "=", companyId)
      .execute(),
    db
      .selectFrom("plugin_locations")
      .select(["plugin_id", "location_id"])
      .where("company_id", "=", companyId)
      .orderBy("location_id")
      .execute(),
  ]);

  const states = new Map<string, PluginState>();
  for (const row of installations) {
    states.set(row.plugin_id, { installed: true, enabledLocationIds: [] });
  }
  for (const row of enabled) {
    states.get(row.plugin_id)?.enabledLocationIds.push(row.location_id);
  }

  return states;
}
