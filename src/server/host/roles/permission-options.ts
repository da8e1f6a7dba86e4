import type { PermissionOption } from "../../../common/admin-api.js";
import { hostPermissionDefinitions } from "../../auth/permissions.js";
import type { PluginManifest } from "../plugins/plugin-manifest.js";

const HOST_GROUP = "Dashboard";

/**
 * Lists the permissions a role can grant: the host's, then those of the plugins
 * in `installedPluginIds`, in catalogue order.
 */
export function permissionOptions(
  catalogue: readonly PluginManifest[],
  installedPluginIds: ReadonlySet<string>,
): PermissionOption[] {
  const host = hostPermissionDefinitions.map((permission) => ({
    ...permission,
    group: HOST_GROUP,
  }));
  const plugins = catalogue
    .filter((plugin) => installedPluginIds.has(plugin.id))
    .flatMap((plugin) =>
      plugin.permissions.map((permission) => ({
        key: permission.key,
        label: permission.label,
        description: permission.description,
        group: plugin.name,
      })),
    );

  return [...host, ...plugins];
}

/** Returns every permission key the host or a catalogue plugin defines. */
export function knownPermissionKeys(
  catalogue: readonly PluginManifest[],
): Set<string> {
  return new Set([
    ...hostPermissionDefinitions.map((permission) => permission.key),
    ...catalogue.flatMap((plugin) =>
      plugin.permissions.map((permission) => permission.key),
    ),
  ]);
}

/** Returns the label of any known permission, or the key itself. */
export function permissionLabel(
  catalogue: readonly PluginManifest[],
  key: string,
): string {
  const definitions = [
    ...hostPermissionDefinitions,
    ...catalogue.flatMap((plugin) => plugin.permissions),
  ];

  return definitions.find((permission) => permission.key === key)?.label ?? key;
}
