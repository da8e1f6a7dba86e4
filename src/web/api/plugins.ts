import type { PluginListing, PluginLocationsUpdate } from "../../common/api";
import { request } from "./client";

const pluginPath = (pluginId: string) =>
  `/api/plugins/${encodeURIComponent(pluginId)}`;

export const pluginsApi = {
  list: () => request<{ plugins: PluginListing[] }>("GET", "/api/plugins"),
  install: (pluginId: string) =>
    request<PluginListing>("POST", `${pluginPath(pluginId)}/install`),
  uninstall: (pluginId: string) =>
    request<void>("DELETE", pluginPath(pluginId)),
  setLocations: (pluginId: string, body: PluginLocationsUpdate) =>
    request<PluginListing>("PUT", `${pluginPath(pluginId)}/locations`, body),
};
