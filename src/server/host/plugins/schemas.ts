import { z } from "zod";

export const PluginParamsSchema = z.object({
  pluginId: z.string().min(1, "Name the plugin in the URL."),
});

export const PluginLocationsUpdateSchema = z.strictObject({
  locationIds: z
    .array(z.string("Each location id must be text."), {
      error: "Send locationIds as a list of location ids.",
    })
    .max(1000, "Send at most 1000 location ids."),
});
