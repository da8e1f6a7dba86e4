import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import type { Me, PluginListing } from "../../../common/api";
import { ApiError, toApiError } from "../../api/ApiError";
import { pluginsApi } from "../../api/plugins";
import { inboxApi, SMS_INBOX_PLUGIN_ID } from "../../api/smsInbox";
import { useMe } from "../auth/authContext";
import { PluginsContext } from "./pluginsContext";

interface Loaded {
  plugins: PluginListing[] | null;
  inboxEnabled: boolean;
  error?: ApiError;
}

function isInboxEnabled(plugins: PluginListing[], me: Me) {
  const inbox = plugins.find((plugin) => plugin.id === SMS_INBOX_PLUGIN_ID);
  if (!inbox?.installed) return false;

  return me.locations.some((location) =>
    inbox.enabledLocationIds.includes(location.id),
  );
}

async function loadPlugins(me: Me): Promise<Loaded> {
  try {
    const { plugins } = await pluginsApi.list();

    return { plugins, inboxEnabled: isInboxEnabled(plugins, me) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
  }

  // Staff who may not list the catalogue can still have the inbox: ask it.
  try {
    await inboxApi.info();

    return { plugins: null, inboxEnabled: true };
  } catch {
    return { plugins: null, inboxEnabled: false };
  }
}

/** Loads the plugin catalogue for the navigation and the plugin pages. */
export function PluginsProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  const reload = useCallback(async () => {
    try {
      setLoaded(await loadPlugins(me));
    } catch (error) {
      // The shell still works without the catalogue; the Plugins page
      // shows the error.
      setLoaded({
        plugins: null,
        inboxEnabled: false,
        error: toApiError(error),
      });
    }
  }, [me]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(
    () => ({
      plugins: loaded?.plugins ?? null,
      inboxEnabled: loaded?.inboxEnabled ?? null,
      error: loaded?.error ?? null,
      reload,
    }),
    [loaded, reload],
  );

  return (
    <PluginsContext.Provider value={value}>{children}</PluginsContext.Provider>
  );
}
