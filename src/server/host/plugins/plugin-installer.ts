import type { AppContext } from "../../context.js";
import { nowIso } from "../../db/ids.js";
import { errors } from "../../errors.js";
import { requireCompanyLocations } from "../locations/location-store.js";
import { invalidateWebhookCompany } from "../../plugins/sms-inbox/webhook/webhook-company-cache.js";
import { inTransaction } from "../transaction.js";

type DbContext = Pick<AppContext, "db">;

/** Installs a plugin for a company; installing it again changes nothing. */
export async function installPlugin(
  ctx: DbContext,
  companyId: string,
  pluginId: string,
): Promise<void> {
  await ctx.db
    .insertInto("plugin_installations")
    .values({
      company_id: companyId,
      plugin_id: pluginId,
      installed_at: nowIso(),
    })
    .onConflict((conflict) =>
      conflict.columns(["company_id", "plugin_id"]).doNothing(),
    )
    .execute();
  invalidateWebhookCompany(companyId);
}

/**
 * Uninstalls a plugin: removes the installation and where it is enabled.
 * The plugin's own data (conversations, numbers) stays, so reinstalling
 * brings it back.
 */
export async function uninstallPlugin(
  ctx: DbContext,
  companyId: string,
  pluginId: string,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .deleteFrom("plugin_locations")
      .where("company_id", "=", companyId)
      .where("plugin_id", "=", pluginId)
      .execute();
    await trx
      .deleteFrom("plugin_installations")
      .where("company_id", "=", companyId)
      .where("plugin_id", "=", pluginId)
      .execute();
  });
  invalidateWebhookCompany(companyId);
}

/**
 * Replaces the locations where an installed plugin is enabled. Throws 400
 * when a location is not the company's and 409 when it is not installed.
 */
export async function setPluginLocations(
  ctx: DbContext,
  companyId: string,
  plugin: { id: string; name: string },
  locationIds: readonly string[],
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const ids = await requireCompanyLocations(
      trx,
      companyId,
      locationIds,
      "locationIds",
    );
    await requireInstalled(trx, companyId, plugin);

    await trx
      .deleteFrom("plugin_locations")
      .where("company_id", "=", companyId)
      .where("plugin_id", "=", plugin.id)
      .execute();
    if (ids.length === 0) return;

    await trx
      .insertInto("plugin_locations")
      .values(
        ids.map((location_id) => ({
          company_id: companyId,
          plugin_id: plugin.id,
          location_id,
        })),
      )
      .execute();
  });
}

async function requireInstalled(
  db: AppContext["db"],
  companyId: string,
  plugin: { id: string; name: string },
): Promise<void> {
  const installation = await db
    .selectFrom("plugin_installations")
    .select("plugin_id")
    .where("company_id", "=", companyId)
    .where("plugin_id", "=", plugin.id)
    .executeTakeFirst();
  if (!installation) {
    throw errors.conflict(
      `${plugin.name} is not installed for this company. Install it first.`,
    );
  }
}
