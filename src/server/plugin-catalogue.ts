import type { PluginManifest } from "./host/plugins/plugin-manifest.js";
import { smsInboxPlugin } from "./plugins/sms-inbox/manifest.js";

/** Every plugin this build ships. The host offers these in its catalogue. */
export const pluginCatalogue: readonly PluginManifest[] = [smsInboxPlugin];
