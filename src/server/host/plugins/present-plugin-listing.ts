import type { PluginListing } from "../../../common/api.js";
import type { PluginManifest } from "./plugin-manifest.js";
import type { PluginState } from "./plugin-state.js";

const NOT_INSTALLED: PluginState = { installed: false, enabledLocationIds: [] };

export function presentPluginListing(
  manifest: PluginManifest,
  state: PluginState = NOT_INSTALLED,
): PluginListing {
  return {
    id: manifest.id,
    name: manifest.name,
    description: manifest.description,
    installed: state.installed,
    enabledLocationIds: [...state.enabledLocationIds],
    setupPath: manifest.setupPath,
    permissions: manifest.permissions.map((permission) => ({
      key: permission.key,
      label: permission.label,
      description: permission.description,
    })),
  };
}
