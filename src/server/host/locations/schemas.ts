import { z } from "zod";
import { checkLocationName } from "./location-name.js";

export const LocationParamsSchema = z.object({
  locationId: z.string().min(1, "Name the location in the URL."),
});

export const LocationInputSchema = z.strictObject({
  name: z.string("Enter the location's name.").transform((raw, ctx) => {
    const checked = checkLocationName(raw);
    if (checked.ok) return checked.name;

    ctx.addIssue({ code: "custom", message: checked.message });

    return z.NEVER;
  }),
});
