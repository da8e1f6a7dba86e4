import { createContext, useContext } from "react";
import type { PluginListing } from "../../../common/api";
import type { ApiError } from "../../api/ApiError";

export interface PluginsContextValue {
  /** The catalogue; null while loading or when the staff member may not list it. */
  plugins: PluginListing[] | null;
  /** The error that stopped the catalogue from loading, or null. */
  error: ApiError | null;
  /** Whether the SMS inbox is open to this staff member; null while loading. */
  inboxEnabled: boolean | null;
  /** Loads the catalogue again after an install, uninstall or location change. */
  reload(): Promise<void>;
}

export const PluginsContext = createContext<PluginsContextValue | null>(null);

export function usePlugins(): PluginsContextValue {
  const plugins = useContext(PluginsContext);
  if (!plugins)
    throw new Error("usePlugins must be used inside PluginsProvider");

  return plugins;
}
