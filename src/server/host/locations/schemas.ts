import { z } from "zod";

export const LocationParamsSchema = z.object({
  locationId: z.string().min(1, "Name the location in the URL."),
});

export const LocationInputSchema = z.object({
  name: z
    .string("Enter the location's name.")
    .trim()
    .min(1, "Enter the location's name.")
    .max(100, "Use at most 100 characters for the location's name."),
});
