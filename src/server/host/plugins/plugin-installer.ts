import type { AppContext } from "../../context.js";
import { nowIso } from "../../db/ids.js";
import { errors } from "../../errors.js";
import { auditActions } from "../audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../audit/audit-log.js";
import {
  locationNames,
  requireCompanyLocations,
} from "../locations/location-store.js";
import { announceCompanyChanged } from "../company-changes.js";
import { inTransaction } from "../transaction.js";

type DbContext = Pick<AppContext, "db">;

/** The actor and plugin name the audit log records for an install or uninstall. */
export interface PluginAudit {
  actor: AuditActor;
  /** The plugin's name as the catalogue shows it. */
  pluginName: string;
}

/**
 * Installs a plugin for a company; installing it again changes nothing.
 * With an `actor`, a new installation is recorded in the audit log.
 */
export async function installPlugin(
  ctx: DbContext,
  companyId: string,
  pluginId: string,
  audit?: PluginAudit,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const inserted = await trx
      .insertInto("plugin_installations")
      .values({
        company_id: companyId,
        plugin_id: pluginId,
        installed_at: nowIso(),
      })
      .onConflict((conflict) =>
        conflict.columns(["company_id", "plugin_id"]).doNothing(),
      )
      .executeTakeFirst();
    if (!audit || inserted.numInsertedOrUpdatedRows === 0n) return;

    await recordAudit(trx, {
      companyId,
      actor: audit.actor,
      action: auditActions.pluginInstalled,
      target: { type: "plugin", id: pluginId, label: audit.pluginName },
    });
  });
  announceCompanyChanged(companyId);
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
  audit?: PluginAudit,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .deleteFrom("plugin_locations")
      .where("company_id", "=", companyId)
      .where("plugin_id", "=", pluginId)
      .execute();
    const deleted = await trx
      .deleteFrom("plugin_installations")
      .where("company_id", "=", companyId)
      .where("plugin_id", "=", pluginId)
      .executeTakeFirst();
    if (!audit || deleted.numDeletedRows === 0n) return;

    await recordAudit(trx, {
      companyId,
      actor: audit.actor,
      action: auditActions.pluginUninstalled,
      target: { type: "plugin", id: pluginId, label: audit.pluginName },
    });
  });
  announceCompanyChanged(companyId);
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
  actor?: AuditActor,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const ids = await requireCompanyLocations(
      trx,
      companyId,
      locationIds,
      "locationIds",
    );
    await requireInstalled(trx, companyId, plugin);

    const removed = await trx
      .deleteFrom("plugin_locations")
      .where("company_id", "=", companyId)
      .where("plugin_id", "=", plugin.id)
      .returning("location_id")
      .execute();
    if (ids.length > 0) {
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
    }
    if (!actor) return;

    const before = new Set(removed.map((row) => row.location_id));
    const after = new Set(ids);
    const enabled = ids.filter((id) => !before.has(id));
    const disabled = [...before].filter((id) => !after.has(id));
    if (enabled.length === 0 && disabled.length === 0) return;

    await recordAudit(trx, {
      companyId,
      actor,
      action: auditActions.pluginLocationsChanged,
      target: { type: "plugin", id: plugin.id, label: plugin.name },
      details: {
        enabledAt: await locationNames(trx, companyId, enabled),
        disabledAt: await locationNames(trx, companyId, disabled),
      },
    });
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
