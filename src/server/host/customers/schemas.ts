import { z } from "zod";

export const CustomerInputSchema = z.strictObject({
  // Lengths are checked after trimming, with messages, in validateCustomer.
  name: z.string().max(1000),
  phone: z.string().max(1000),
  confirmSharedPhone: z.boolean().optional(),
});

export const CustomerListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  cursor: z.string().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const CustomerParamsSchema = z.object({ id: z.string().min(1) });
